// pkg/controller/daemon/util/daemonset_util.go: the tolerations every daemon pod gets, the node
// affinity that pins a daemon pod to its node, and which node an unscheduled daemon pod targets.
import type { Toleration } from "../../scheduler/types.js";

interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: unknown[] };
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

const sameToleration = (a: Toleration, b: Toleration) =>
  (a.key ?? "") === (b.key ?? "") && (a.operator ?? "") === (b.operator ?? "") && (a.value ?? "") === (b.value ?? "") && (a.effect ?? "") === (b.effect ?? "");

/** AddOrUpdateDaemonPodTolerations, in upstream's order. */
export function daemonPodTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = [...(tolerations ?? [])];
  const add = (key: string, effect: string) => {
    const t: Toleration = { key, operator: "Exists", effect };
    if (!out.some((x) => sameToleration(x, t))) out.push(t);
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (hostNetwork) add("node.kubernetes.io/network-unavailable", "NoSchedule");
  return out;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become one matchFields term. */
export function replaceNodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] };
  const a: Affinity = structuredClone(affinity ?? {});
  a.nodeAffinity = { ...(a.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return a;
}

/** GetTargetNodeName: spec.nodeName, or the node named by the pinning affinity. */
export function targetNodeName(pod: { spec?: { nodeName?: string; affinity?: Affinity } }): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | { matchFields?: { key: string; operator: string; values?: string[] }[] }[]
    | undefined;
  for (const t of terms ?? []) for (const f of t.matchFields ?? []) if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
  return undefined;
}
