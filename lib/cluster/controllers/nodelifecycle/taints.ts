// Taint and toleration helpers of the node lifecycle and taint eviction controllers
// (pkg/controller/nodelifecycle, pkg/controller/tainteviction, k8s.io/api/core/v1 toleration.go).
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

/** nodeConditionToTaintKeyStatusMap (node_lifecycle_controller.go): condition status -> taint key. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: "node.kubernetes.io/memory-pressure" },
  DiskPressure: { True: "node.kubernetes.io/disk-pressure" },
  NetworkUnavailable: { True: "node.kubernetes.io/network-unavailable" },
  PIDPressure: { True: "node.kubernetes.io/pid-pressure" },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/** The NoSchedule taints doNoScheduleTaintingPass wants on a node with these conditions. */
export function noScheduleTaints(conditions: { type: string; status: string }[], unschedulable: boolean): Taint[] {
  const out: Taint[] = [];
  for (const c of conditions) {
    const byStatus = Object.hasOwn(CONDITION_TAINTS, c.type) ? CONDITION_TAINTS[c.type] : undefined;
    const key = byStatus && Object.hasOwn(byStatus, c.status) ? byStatus[c.status] : undefined;
    if (key) out.push({ key, effect: "NoSchedule" });
  }
  if (unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
  return out;
}

/** Whether the node lifecycle controller owns this taint (it adds and removes it). */
export function controllerTaint(t: Taint): boolean {
  if (t.effect === "NoSchedule") return t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key);
  return t.effect === "NoExecute" && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE);
}

/** Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== "Exists") return false;
  if (t.operator === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

/**
 * getMinTolerationTime: -1 = tolerated forever, 0 = not tolerated (evict now), otherwise the
 * smallest tolerationSeconds among the tolerations that match every NoExecute taint.
 */
export function minTolerationSeconds(tolerations: Toleration[], taints: Taint[]): number {
  let min = -1;
  for (const taint of taints) {
    const matching = tolerations.filter((t) => tolerates(t, taint));
    if (!matching.length) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined) continue;
      const s = Math.max(0, t.tolerationSeconds);
      if (min < 0 || s < min) min = s;
    }
  }
  return min;
}
