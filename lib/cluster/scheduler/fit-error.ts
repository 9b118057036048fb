// pkg/scheduler/framework/types.go (v1.32): FitError.Error(), the message of every
// FailedScheduling event and of the PodScheduled=False condition: "0/N nodes are available:"
// then either the PreFilter message or the histogram of per-node reasons ("<count> <reason>",
// sorted as strings), each followed by ".", then the PostFilter (preemption) message as is.
import type { Status } from "./types.js";

export const NO_NODE_AVAILABLE_MSG = (n: number) => `0/${n} nodes are available`;
/** schedulingframework.ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

export interface Diagnosis {
  /** Statuses of the nodes that were evaluated (explicit). */
  nodeToStatus: Map<string, Status>;
  /** The status of the nodes not evaluated (PreFilterResult excluded them), when any. */
  absentStatus?: Status;
  /** Plugins that rejected the pod, for requeueing on the events they care about. */
  unschedulablePlugins: Set<string>;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

/** reasons -> "<count> <reason>" sorted; counts nodes absent from the map with absentStatus. */
export function reasonHistogram(d: Diagnosis, numAllNodes: number): string[] {
  const counts = new Map<string, number>();
  for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = numAllNodes - d.nodeToStatus.size;
  if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  // Go's sort.Strings: byte order.
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const hist = reasonHistogram(d, numAllNodes);
    if (hist.length) msg += ` ${hist.join(", ")}.`;
  }
  // The PostFilter message is already a FitError message, ending in its own period.
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}
