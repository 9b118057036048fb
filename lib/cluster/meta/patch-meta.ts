// The strategic-merge-patch strategies of the built-in types: the `patchStrategy` and
// `patchMergeKey` struct tags of k8s.io/api (core/v1, apps/v1, batch/v1 types.go), as data.
// Paths are field names from the object root; list items add no segment.
import type { PatchMeta } from "./patch";

type Rule = { strategy?: string; mergeKey?: string };

// Fields of a PodSpec, relative to the PodSpec.
const POD_SPEC: Record<string, Rule> = {
  volumes: { strategy: "merge,retainKeys", mergeKey: "name" },
  initContainers: { strategy: "merge", mergeKey: "name" },
  containers: { strategy: "merge", mergeKey: "name" },
  ephemeralContainers: { strategy: "merge", mergeKey: "name" },
  imagePullSecrets: { strategy: "merge", mergeKey: "name" },
  hostAliases: { strategy: "merge", mergeKey: "ip" },
  topologySpreadConstraints: { strategy: "merge", mergeKey: "topologyKey" },
  schedulingGates: { strategy: "merge", mergeKey: "name" },
  resourceClaims: { strategy: "merge,retainKeys", mergeKey: "name" },
};

// Fields of a Container (and EphemeralContainer), relative to it.
const CONTAINER: Record<string, Rule> = {
  ports: { strategy: "merge", mergeKey: "containerPort" },
  env: { strategy: "merge", mergeKey: "name" },
  volumeMounts: { strategy: "merge", mergeKey: "mountPath" },
  volumeDevices: { strategy: "merge", mergeKey: "devicePath" },
};

const CONTAINER_LISTS = new Set(["initContainers", "containers", "ephemeralContainers"]);

// Where each kind keeps its PodSpec.
const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ["spec"],
  PodTemplate: ["template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Deployment: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

// Whole-path rules per kind, beyond the PodSpec.
const KIND_RULES: Record<string, Record<string, Rule>> = {
  Pod: {
    "status.podIPs": { strategy: "merge", mergeKey: "ip" },
    "status.hostIPs": { strategy: "merge", mergeKey: "ip" },
  },
  Node: {
    "spec.podCIDRs": { strategy: "merge" },
    "status.addresses": { strategy: "merge", mergeKey: "type" },
  },
  Service: { "spec.ports": { strategy: "merge", mergeKey: "port" } },
  ServiceAccount: {
    secrets: { strategy: "merge", mergeKey: "name" },
    imagePullSecrets: { strategy: "merge", mergeKey: "name" },
  },
  Deployment: { "spec.strategy": { strategy: "retainKeys" } },
};

// Every kind: ObjectMeta lists, and status conditions keyed by type (Pod, Node, Namespace,
// Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, ReplicationController, PVC all tag them).
const COMMON: Record<string, Rule> = {
  "metadata.finalizers": { strategy: "merge" },
  "metadata.ownerReferences": { strategy: "merge", mergeKey: "uid" },
  "status.conditions": { strategy: "merge", mergeKey: "type" },
};

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The PatchMeta of a built-in kind; fields without a tag get none (the list is replaced). */
export function builtinPatchMeta(kind: string): PatchMeta {
  const podSpec = POD_SPEC_PATH[kind];
  const kindRules = KIND_RULES[kind] ?? {};
  return (path) => {
    const joined = path.join(".");
    const direct = kindRules[joined] ?? COMMON[joined];
    if (direct) return direct;
    if (podSpec && startsWith(path, podSpec)) {
      const rel = path.slice(podSpec.length);
      if (rel.length === 1) return POD_SPEC[rel[0]] ?? {};
      if (rel.length === 2 && CONTAINER_LISTS.has(rel[0])) return CONTAINER[rel[1]] ?? {};
    }
    return {};
  };
}
