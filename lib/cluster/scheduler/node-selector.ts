// Node selectors and node affinity as k8s.io/component-helpers/scheduling/corev1/nodeaffinity
// (nodeaffinity.go): terms are ORed, requirements within a term ANDed; a term with no
// requirements matches nothing; matchFields supports only metadata.name.
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from "./types.js";

function parseInt64(s: string): bigint | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : undefined;
}

export function requirementMatches(r: NodeSelectorRequirement, get: (k: string) => string | undefined): boolean {
  const v = get(r.key);
  const vals = r.values ?? [];
  switch (r.operator) {
    case "In":
      return v !== undefined && vals.includes(v);
    case "NotIn":
      return v === undefined || !vals.includes(v);
    case "Exists":
      return v !== undefined;
    case "DoesNotExist":
      return v === undefined;
    case "Gt":
    case "Lt": {
      if (v === undefined || vals.length !== 1) return false;
      const a = parseInt64(v);
      const b = parseInt64(vals[0]);
      if (a === undefined || b === undefined) return false;
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  const label = (k: string) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
  const field = (k: string) => (k === "metadata.name" ? node.metadata?.name : undefined);
  return exprs.every((r) => requirementMatches(r, label)) && fields.every((r) => r.key === "metadata.name" && requirementMatches(r, field));
}

export function nodeSelectorTermsMatch(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => termMatches(t, node));
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector AND required node affinity. */
export function podMatchesNodeSelectorAndAffinityTerms(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!req) return true;
  return nodeSelectorTermsMatch(req.nodeSelectorTerms ?? [], node);
}

/** The sum of the weights of the preferred terms the node matches. */
export function preferredScore(terms: readonly PreferredSchedulingTerm[] | undefined, node: Node): number {
  let score = 0;
  for (const t of terms ?? []) if (t.weight !== 0 && termMatches(t.preference, node)) score += t.weight;
  return score;
}
