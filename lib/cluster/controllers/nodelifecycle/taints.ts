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
