// Pod predicates and the deletion ranking the workload controllers share.
// Upstream: pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable) and pkg/controller/controller_utils.go
// (FilterActivePods, ActivePodsWithRanks, the LogarithmicScaleDown and PodDeletionCost gates,
// both on by default in v1.32).
import type { KObject } from "../../api/types.js";
import { parseTime } from "./base.js";

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  reason?: string;
  message?: string;
}

export const phaseOf = (pod: KObject) => ((pod.status as { phase?: string })?.phase ?? "") as string;
export const nodeNameOf = (pod: KObject) => ((pod.spec as { nodeName?: string })?.nodeName ?? "") as string;

export function podCondition(pod: KObject, type: string): PodCondition | undefined {
  return ((pod.status as { conditions?: PodCondition[] })?.conditions ?? []).find((c) => c.type === type);
}

export function isPodReady(pod: KObject): boolean {
  return podCondition(pod, "Ready")?.status === "True";
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: Date): boolean {
  const c = podCondition(pod, "Ready");
  if (c?.status !== "True") return false;
  if (!minReadySeconds) return true;
  const t = parseTime(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now.getTime();
}

export const isPodTerminal = (pod: KObject) => phaseOf(pod) === "Succeeded" || phaseOf(pod) === "Failed";

/** controller.IsPodActive: not finished and not being deleted. */
export const isPodActive = (pod: KObject) => !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;

function maxContainerRestarts(pod: KObject): number {
  const st = (pod.status as { containerStatuses?: { restartCount?: number }[] })?.containerStatuses ?? [];
  return st.reduce((m, c) => Math.max(m, c.restartCount ?? 0), 0);
}

function deletionCost(pod: KObject): number {
  const v = pod.metadata?.annotations?.["controller.kubernetes.io/pod-deletion-cost"];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Go's int(math.Log2(d)) of the nanoseconds since t; -1 for "not yet". */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d <= 0 ? -1 : Math.floor(Math.log2(d));
}

/**
 * ActivePodsWithRanks.Less: negative when a should be deleted before b. rank = how many related
 * pods share the node (doubled-up pods go first).
 */
export function comparePodsForDeletion(a: KObject, b: KObject, rankA: number, rankB: number, now: Date): number {
  const na = nodeNameOf(a), nb = nodeNameOf(b);
  if ((na === "") !== (nb === "")) return na === "" ? -1 : 1;
  const pa = PHASE_RANK[phaseOf(a)] ?? 0, pb = PHASE_RANK[phaseOf(b)] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a), cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  const t = now.getTime();
  if (ra && rb) {
    const ta = parseTime(podCondition(a, "Ready")?.lastTransitionTime), tb = parseTime(podCondition(b, "Ready")?.lastTransitionTime);
    if (ta !== undefined && tb !== undefined) {
      const la = logRank(ta, t), lb = logRank(tb, t);
      if (la !== lb) return la - lb;
    } else if ((ta === undefined) !== (tb === undefined)) return ta === undefined ? -1 : 1;
  }
  const xa = maxContainerRestarts(a), xb = maxContainerRestarts(b);
  if (xa !== xb) return xb - xa;
  const ta = parseTime(a.metadata?.creationTimestamp), tb = parseTime(b.metadata?.creationTimestamp);
  if ((ta === undefined) !== (tb === undefined)) return ta === undefined ? -1 : 1;
  if (ta !== undefined && tb !== undefined) {
    const la = logRank(ta, t), lb = logRank(tb, t);
    if (la !== lb) return la - lb;
  }
  const ua = a.metadata?.uid ?? "", ub = b.metadata?.uid ?? "";
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** The pods to delete first: ranked by related pods on the same node (getPodsToDelete). */
export function podsToDelete(pods: KObject[], related: KObject[], diff: number, now: Date): KObject[] {
  if (diff >= pods.length) return pods;
  const perNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) perNode.set(nodeNameOf(p), (perNode.get(nodeNameOf(p)) ?? 0) + 1);
  const rank = (p: KObject) => (nodeNameOf(p) ? (perNode.get(nodeNameOf(p)) ?? 0) : 0);
  return [...pods].sort((a, b) => comparePodsForDeletion(a, b, rank(a), rank(b), now)).slice(0, diff);
}
