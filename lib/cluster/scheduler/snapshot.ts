// The scheduler's cache snapshot (pkg/scheduler/backend/cache/snapshot.go): one NodeInfo per
// node with the pods bound or assumed on it. Terminal pods (Succeeded, Failed) hold nothing, as
// the scheduler's informer filters them out.
import type { KObject } from "../api/types.js";
import { podHostPorts } from "./plugins/node-ports.js";
import { addResources, emptyResources, nodeAllocatable, podRequests } from "./resources.js";
import type { Node, NodeInfo, Pod } from "./types.js";

export function newNodeInfo(node: Node): NodeInfo {
  return {
    node,
    name: node.metadata?.name ?? "",
    labels: node.metadata?.labels ?? {},
    pods: [],
    requested: emptyResources(),
    nonZeroRequested: emptyResources(),
    allocatable: nodeAllocatable(node),
    usedPorts: [],
  };
}

export function addPod(n: NodeInfo, pod: Pod): void {
  n.pods.push(pod);
  addResources(n.requested, podRequests(pod));
  addResources(n.nonZeroRequested, podRequests(pod, true));
  n.usedPorts.push(...podHostPorts(pod));
}

/** A copy of the node without the given pods (for preemption's dry run). */
export function withoutPods(n: NodeInfo, remove: ReadonlySet<Pod>): NodeInfo {
  const copy = newNodeInfo(n.node);
  for (const p of n.pods) if (!remove.has(p)) addPod(copy, p);
  return copy;
}

export const isTerminal = (p: Pod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";

export function buildSnapshot(nodes: KObject[], pods: KObject[], assumed: ReadonlyMap<string, Pod>): { nodes: NodeInfo[]; byName: Map<string, NodeInfo> } {
  const byName = new Map<string, NodeInfo>();
  const infos = nodes.map((n) => newNodeInfo(n as Node));
  for (const i of infos) byName.set(i.name, i);
  const seen = new Set<string>();
  for (const p of pods as Pod[]) {
    const uid = p.metadata?.uid ?? "";
    const a = assumed.get(uid);
    const pod = p.spec?.nodeName ? p : a;
    if (!pod || isTerminal(p)) continue;
    seen.add(uid);
    const info = byName.get(pod.spec.nodeName!);
    if (info) addPod(info, pod);
  }
  for (const [uid, a] of assumed) {
    const info = seen.has(uid) ? undefined : byName.get(a.spec.nodeName!);
    if (info) addPod(info, a);
  }
  return { nodes: infos, byName };
}

/**
 * addNominatedPods (framework/runtime/framework.go RunFilterPluginsWithNominatedPods): pods that
 * preempted others and wait for the room they made (status.nominatedNodeName), with a priority at
 * least the scheduled pod's, count as running on their nominated node, so a lower-priority pod
 * (e.g. the preempted victim's replacement) does not take that room first. Upstream also checks
 * the node without them; only resource fit is affected here, so one pass suffices.
 */
export function addNominatedPods(byName: Map<string, NodeInfo>, pod: Pod, pods: Pod[], assumed: ReadonlyMap<string, Pod>): void {
  const priority = pod.spec?.priority ?? 0;
  for (const p of pods) {
    const node = p.status?.nominatedNodeName;
    const uid = p.metadata?.uid ?? "";
    if (!node || p.spec?.nodeName || uid === pod.metadata?.uid || assumed.has(uid) || p.metadata?.deletionTimestamp || isTerminal(p)) continue;
    if ((p.spec?.priority ?? 0) < priority) continue;
    const info = byName.get(node);
    if (info) addPod(info, { ...p, spec: { ...p.spec, nodeName: node } });
  }
}
