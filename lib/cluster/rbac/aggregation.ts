// The clusterrole-aggregation controller's pure step
// (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go syncClusterRole):
// for each selector in order, the matching ClusterRoles sorted by name (the role itself skipped),
// their rules appended in order unless an equal rule is already present.
import type { PolicyRule, RoleObject } from "./types";
import { labelSelectorMatches } from "./label-selector";

/** Named limit: aggregation passes before giving up on convergence (chains are short in practice). */
export const MAX_AGGREGATION_PASSES = 32;

const sameList = (a: string[] | undefined, b: string[] | undefined): boolean => {
  // equality.Semantic.DeepEqual treats nil and empty slices alike.
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

export function rulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  );
}

const ruleExists = (haystack: PolicyRule[], needle: PolicyRule) => haystack.some((r) => rulesEqual(r, needle));

/** One sync of one aggregated ClusterRole against the current state of all ClusterRoles. */
export function aggregatedRules(target: RoleObject, all: RoleObject[]): PolicyRule[] {
  const result: PolicyRule[] = [];
  for (const selector of target.aggregationRule?.clusterRoleSelectors ?? []) {
    const matched = all
      .filter((r) => labelSelectorMatches(selector, r.metadata.labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    for (const role of matched) {
      if (role.metadata.name === target.metadata.name) continue;
      for (const rule of role.rules ?? []) {
        if (!ruleExists(result, rule)) result.push(structuredClone(rule));
      }
    }
  }
  return result;
}

/**
 * The state the controller converges to: syncs every aggregated role until nothing changes
 * (edit aggregates view, admin aggregates edit). Returns new objects; the input is not mutated.
 */
export function aggregateClusterRoles(all: RoleObject[]): RoleObject[] {
  // Shallow copies: only rules change, and labels keep their null prototype.
  let state = all.map((r) => ({ ...r }));
  for (let pass = 0; pass < MAX_AGGREGATION_PASSES; pass++) {
    let changed = false;
    const next = state.map((role) => {
      if (!role.aggregationRule) return role;
      const rules = aggregatedRules(role, state);
      const current = role.rules ?? [];
      if (current.length === rules.length && current.every((r, i) => rulesEqual(r, rules[i]))) return role;
      changed = true;
      return { ...role, rules };
    });
    state = next;
    if (!changed) break;
  }
  return state;
}
