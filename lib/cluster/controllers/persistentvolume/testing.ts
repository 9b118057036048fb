// Fixtures after pkg/controller/volume/persistentvolume/framework_test.go: newVolume / newClaim
// with the same defaults (namespace "default", access modes RWO+ROX, Filesystem), and a harness
// that seeds them, runs one sync and reads back objects normalised for comparison.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import type { PV, PVC, StorageClass } from "../../storage/types.js";
import { events, harness, type Harness } from "../util/testing.js";
import { PersistentVolumeController } from "./pv_controller.js";

export const NS = "default";
export const CLASS_GOLD = "gold";
export const CLASS_SILVER = "silver";
export const CLASS_WAIT = "wait";
export const CLASS_EXTERNAL = "external";
export const CLASS_UNKNOWN = "unknown-internal";

const annotate = (anns: string[]) => (anns.length ? Object.fromEntries(anns.map((a) => [a, "yes"])) : undefined);

export function newVolume(name: string, capacity: string, claimUID: string, claimName: string, phase: string, policy: string, cls = "", ...anns: string[]): PV {
  const pv: PV = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, ...(anns.length ? { annotations: annotate(anns) } : {}) },
    spec: {
      capacity: { storage: capacity },
      hostPath: { path: `/tmp/${name}` },
      accessModes: ["ReadWriteOnce", "ReadOnlyMany"],
      persistentVolumeReclaimPolicy: policy,
      storageClassName: cls,
      volumeMode: "Filesystem",
    },
    status: { phase },
  };
  if (claimName) pv.spec!.claimRef = { kind: "PersistentVolumeClaim", namespace: NS, name: claimName, apiVersion: "v1", ...(claimUID ? { uid: claimUID } : {}) };
  return pv;
}

export function newClaim(name: string, uid: string, capacity: string, volumeName: string, phase: string, cls?: string, ...anns: string[]): PVC {
  const pvc: PVC = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: NS, uid, ...(anns.length ? { annotations: annotate(anns) } : {}) },
    spec: {
      accessModes: ["ReadWriteOnce", "ReadOnlyMany"],
      resources: { requests: { storage: capacity } },
      volumeMode: "Filesystem",
      ...(volumeName ? { volumeName } : {}),
      ...(cls !== undefined ? { storageClassName: cls } : {}),
    },
    status: { phase },
  };
  if (phase === "Bound") pvc.status = { phase, accessModes: pvc.spec!.accessModes, capacity: { storage: capacity } };
  return pvc;
}

export const withCapacity = (capacity: string, c: PVC): PVC => ({ ...c, status: { ...c.status, capacity: { storage: capacity } } });
export const withLabels = <T extends KObject>(labels: Record<string, string>, o: T): T => ({ ...o, metadata: { ...o.metadata, labels } });
export const withSelector = (labels: Record<string, string>, c: PVC): PVC => ({ ...c, spec: { ...c.spec, selector: { matchLabels: labels } } });
export const withAccessModes = <T extends PV | PVC>(modes: string[], o: T): T => ({ ...o, spec: { ...o.spec, accessModes: modes } }) as T;
export const withMode = <T extends PV | PVC>(mode: string, o: T): T => ({ ...o, spec: { ...o.spec, volumeMode: mode } }) as T;

export const storageClasses: StorageClass[] = [
  { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: CLASS_GOLD }, provisioner: "kubernetes.io/host-path", reclaimPolicy: "Delete", volumeBindingMode: "Immediate" },
  { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: CLASS_SILVER }, provisioner: "kubernetes.io/no-provisioner", reclaimPolicy: "Delete", volumeBindingMode: "Immediate" },
  { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: CLASS_WAIT }, provisioner: "rancher.io/local-path", reclaimPolicy: "Delete", volumeBindingMode: "WaitForFirstConsumer" },
  { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: CLASS_EXTERNAL }, provisioner: "vendor.com/my-volume", reclaimPolicy: "Delete", volumeBindingMode: "Immediate" },
];

export interface SyncResult {
  volumes: PV[];
  claims: PVC[];
  events: string[];
}

/** Without server-set fields, for whole-object comparison. */
function normalise<T extends KObject>(o: T): T {
  const c = structuredClone(o) as T & { spec?: { claimRef?: { resourceVersion?: string } }; status?: { lastPhaseTransitionTime?: string } };
  delete c.metadata!.resourceVersion;
  delete c.metadata!.creationTimestamp;
  if (c.kind === "PersistentVolume") delete c.metadata!.uid;
  if (c.spec?.claimRef) delete c.spec.claimRef.resourceVersion;
  if (c.status) delete c.status.lastPhaseTransitionTime;
  return c;
}

export function setup(volumes: PV[], claims: PVC[], extra: { pods?: KObject[]; classes?: StorageClass[] } = {}): { h: Harness; ctrl: PersistentVolumeController } {
  const h = harness();
  h.client.seed(GR.storageclasses, ...(extra.classes ?? storageClasses));
  h.client.seed(GR.persistentvolumes, ...volumes);
  h.client.seed(GR.persistentvolumeclaims, ...claims);
  if (extra.pods) h.client.seed(GR.pods, ...extra.pods);
  return { h, ctrl: new PersistentVolumeController(h.ctx) };
}

export function read(h: Harness): SyncResult {
  const evs = (h.client.list(GR.events) as (KObject & { type: string; reason: string })[])
    .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    .map((e) => `${e.type} ${e.reason}`);
  return {
    volumes: (h.client.list(GR.persistentvolumes) as PV[]).map(normalise),
    claims: (h.client.list(GR.persistentvolumeclaims) as PVC[]).map(normalise),
    events: evs,
  };
}

export { events };
