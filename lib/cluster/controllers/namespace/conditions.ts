// Namespace status conditions set while deleting, after
// pkg/controller/namespace/deletion/status_condition_utils.go (v1.32 wording).
import { rfc3339 } from "../util/base.js";

export interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export const CONDITION_TYPES = [
  "NamespaceDeletionDiscoveryFailure",
  "NamespaceDeletionGroupVersionParsingFailure",
  "NamespaceDeletionContentFailure",
  "NamespaceContentRemaining",
  "NamespaceFinalizersRemaining",
] as const;

const OK: Record<string, [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ["ResourcesDiscovered", "All resources successfully discovered"],
  NamespaceDeletionGroupVersionParsingFailure: ["ParsedGroupVersions", "All legacy kube types successfully parsed"],
  NamespaceDeletionContentFailure: ["ContentDeleted", "All content successfully deleted, may be waiting on finalization"],
  NamespaceContentRemaining: ["ContentRemoved", "All content successfully removed"],
  NamespaceFinalizersRemaining: ["ContentHasNoFinalizers", "All content-preserving finalizers finished"],
};

/** What one pass of deleteAllContent found. */
export interface ContentTotals {
  /** "<resource>.<group>" -> objects still there ("pods." for the core group, as upstream prints it). */
  remaining: Map<string, number>;
  /** finalizer -> objects carrying it. */
  finalizers: Map<string, number>;
  deleteErrors: string[];
}

/** The failing conditions of one pass (ProcessContentTotals, ProcessDeleteContentErr). */
export function failingConditions(t: ContentTotals, now: Date): NamespaceCondition[] {
  const at = rfc3339(now);
  const out: NamespaceCondition[] = [];
  if (t.deleteErrors.length) {
    const msgs = [...t.deleteErrors].sort();
    out.push({ type: "NamespaceDeletionContentFailure", status: "True", lastTransitionTime: at, reason: "ContentDeletionFailed", message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(", ")}` });
  }
  const rem = [...t.remaining].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
  if (rem.length) out.push({ type: "NamespaceContentRemaining", status: "True", lastTransitionTime: at, reason: "SomeResourcesRemain", message: `Some resources are remaining: ${rem.join(", ")}` });
  const fin = [...t.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (fin.length) {
    out.push({ type: "NamespaceFinalizersRemaining", status: "True", lastTransitionTime: at, reason: "SomeFinalizersRemain", message: `Some content in the namespace has finalizers remaining: ${fin.join(", ")}` });
  }
  return out;
}

/** updateConditions: every maintained type present, failing or its "ok" form; false when unchanged. */
export function updateConditions(current: NamespaceCondition[], failing: NamespaceCondition[], now: Date): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions = current.map((c) => ({ ...c }));
  let changed = false;
  for (const type of CONDITION_TYPES) {
    const next = failing.find((c) => c.type === type) ?? { type, status: "False", lastTransitionTime: rfc3339(now), reason: OK[type][0], message: OK[type][1] };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push(next);
      changed = true;
    } else if (old.status !== next.status || old.message !== next.message || old.reason !== next.reason) {
      if (old.status !== next.status) old.lastTransitionTime = rfc3339(now);
      old.status = next.status;
      old.reason = next.reason;
      old.message = next.message;
      changed = true;
    }
  }
  return { conditions, changed };
}
