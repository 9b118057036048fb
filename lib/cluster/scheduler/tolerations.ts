// Taints and tolerations, after k8s.io/api/core/v1/toleration.go (ToleratesTaint) and
// pkg/apis/core/v1/helper (TolerationsTolerateTaint, FindMatchingUntoleratedTaint).
import type { Taint, Toleration } from "./types.js";

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== "" && t.key !== taint.key) return false;
  switch (t.operator ?? "") {
    case "":
    case "Equal":
      // An empty key with Equal matches nothing: validation forbids it; be strict as upstream.
      if (!t.key) return false;
      return (t.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(ts: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (ts ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint (in the node's order) passing the filter that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  return (taints ?? []).find((taint) => filter(taint) && !tolerationsTolerateTaint(tolerations, taint));
}

export const doNotScheduleTaints = (t: Taint) => t.effect === "NoSchedule" || t.effect === "NoExecute";
