// What the admission plugins read of the cluster: lookups into the API server's cache.
import type { KObject } from "../api/types.js";

export interface AdmissionLookups {
  get(group: string, resource: string, namespace: string, name: string): KObject | undefined;
  list(group: string, resource: string, namespace?: string): KObject[];
}

export type Container = {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  [k: string]: unknown;
};

export type PodSpec = {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: { name: string; [k: string]: unknown }[];
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[];
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
  overhead?: Record<string, string>;
  nodeName?: string;
  [k: string]: unknown;
};

export const isMirrorPod = (pod: KObject) => Boolean(pod.metadata?.annotations?.["kubernetes.io/config.mirror"]);
