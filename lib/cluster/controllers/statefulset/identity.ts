// pkg/controller/statefulset/stateful_set_utils.go: pod names and ordinals, the pod identity
// (hostname, subdomain, the pod-name and pod-index labels), claims from volumeClaimTemplates,
// and the ControllerRevision of a template (history.NewControllerRevision: hashed with FNV-32 over
// the patch that replaces spec.template, labelled controller.kubernetes.io/hash).
import type { KObject } from "../../api/types.js";
import { goJSON, hashControllerRevision } from "../../bootstrap/hash.js";
import { controllerRef } from "./pod-util.js";

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";
export const CR_HASH_LABEL = "controller.kubernetes.io/hash";

export type STS = KObject & {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    serviceName?: string;
    podManagementPolicy?: string;
    template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: { volumes?: { name: string }[]; [k: string]: unknown } };
    volumeClaimTemplates?: KObject[];
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    ordinals?: { start?: number };
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  };
  status?: { currentRevision?: string; updateRevision?: string; collisionCount?: number; currentReplicas?: number; [k: string]: unknown };
};

const ORDINAL_RE = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: -1 when the name has no ordinal. */
export function ordinalOf(podName: string, setName: string): number {
  const m = ORDINAL_RE.exec(podName);
  return m && m[1] === setName ? Number(m[2]) : -1;
}

export const podName = (set: STS, ordinal: number) => `${set.metadata!.name}-${ordinal}`;
export const claimName = (set: STS, template: KObject, ordinal: number) => `${template.metadata!.name}-${set.metadata!.name}-${ordinal}`;

/** The revision: its name (also the pods' controller-revision-hash) and object. */
export function newRevision(set: STS, revision: number, collisionCount = 0): KObject {
  const data = JSON.parse(goJSON({ spec: { template: { ...set.spec.template, $patch: "replace" } } }));
  const hash = hashControllerRevision(goJSON(data), collisionCount);
  let name = `${set.metadata!.name}`;
  if (name.length > 223) name = name.slice(0, 223);
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: `${name}-${hash}`,
      namespace: set.metadata!.namespace,
      labels: { ...(set.spec.template.metadata?.labels ?? {}), [CR_HASH_LABEL]: hash },
      ownerReferences: [controllerRef(set, "StatefulSet")],
    },
    data,
    revision,
  };
}

/** The set as of a revision (ApplyRevision: the revision's template in place of the set's). */
export function applyRevision(set: STS, rev: KObject): STS {
  const tpl = structuredClone((rev.data as { spec: { template: Record<string, unknown> } }).spec.template);
  delete tpl.$patch;
  return { ...set, spec: { ...set.spec, template: tpl as STS["spec"]["template"] } };
}

/** newVersionedStatefulSetPod: the pod at an ordinal for a set (as of the revision given). */
export function newStatefulSetPod(set: STS, revisionName: string, ordinal: number): KObject {
  const name = podName(set, ordinal);
  const tpl = set.spec.template;
  const spec = structuredClone(tpl.spec) as { volumes?: { name: string; persistentVolumeClaim?: unknown }[]; hostname?: string; subdomain?: string };
  // updateStorage: each claim template becomes (or replaces) the volume of its name.
  const claims = set.spec.volumeClaimTemplates ?? [];
  if (claims.length) {
    const names = new Set(claims.map((c) => c.metadata!.name!));
    const vols = (spec.volumes ?? []).filter((v) => !names.has(v.name));
    for (const c of claims) vols.push({ name: c.metadata!.name!, persistentVolumeClaim: { claimName: claimName(set, c, ordinal) } });
    spec.volumes = vols;
  }
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const labels = { ...(tpl.metadata?.labels ?? {}), [REVISION_LABEL]: revisionName, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  const metadata: KObject["metadata"] = { name, namespace: set.metadata!.namespace, labels, ownerReferences: [controllerRef(set, "StatefulSet")] };
  if (tpl.metadata?.annotations) metadata.annotations = { ...tpl.metadata.annotations };
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

/** getPersistentVolumeClaims: the claims of a pod, labelled with the set's matchLabels. */
export function claimsFor(set: STS, ordinal: number): KObject[] {
  return (set.spec.volumeClaimTemplates ?? []).map((t) => {
    const c = structuredClone(t);
    c.apiVersion = "v1";
    c.kind = "PersistentVolumeClaim";
    c.metadata = { ...c.metadata, name: claimName(set, t, ordinal), namespace: set.metadata!.namespace, labels: { ...(t.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) } };
    delete c.status;
    return c;
  });
}
