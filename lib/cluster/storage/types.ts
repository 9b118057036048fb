// The PersistentVolume / PersistentVolumeClaim / StorageClass fields the storage components read,
// as their v1 JSON (k8s.io/api/core/v1 types.go, storage/v1 types.go).
import type { KObject } from "../api/types.js";

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export type PV = KObject & {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    claimRef?: ObjectReference | null;
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    mountOptions?: string[];
    volumeAttributesClassName?: string;
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
    hostPath?: { path: string; type?: string };
    local?: { path: string; fsType?: string };
    csi?: { driver: string; volumeHandle: string };
    nfs?: { server: string; path: string };
    [k: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
};

export type PVC = KObject & {
  spec?: {
    accessModes?: string[];
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | null;
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    volumeName?: string;
    storageClassName?: string | null;
    volumeMode?: string;
    dataSource?: unknown;
    volumeAttributesClassName?: string;
    [k: string]: unknown;
  };
  status?: {
    phase?: string;
    accessModes?: string[];
    capacity?: Record<string, string>;
    conditions?: { type: string; status: string; lastProbeTime?: string | null; lastTransitionTime?: string; reason?: string; message?: string }[];
    allocatedResources?: Record<string, string>;
    [k: string]: unknown;
  };
};

export type StorageClass = KObject & {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  mountOptions?: string[];
  allowVolumeExpansion?: boolean;
  volumeBindingMode?: string;
  allowedTopologies?: { matchLabelExpressions?: { key: string; values: string[] }[] }[];
};

// Phases (core/v1).
export const VOLUME_PENDING = "Pending";
export const VOLUME_AVAILABLE = "Available";
export const VOLUME_BOUND = "Bound";
export const VOLUME_RELEASED = "Released";
export const VOLUME_FAILED = "Failed";
export const CLAIM_PENDING = "Pending";
export const CLAIM_BOUND = "Bound";
export const CLAIM_LOST = "Lost";
