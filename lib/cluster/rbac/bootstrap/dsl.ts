// A compact notation for the bootstrap policy tables, so each rule reads as one line the way
// upstream's rbacv1helpers.NewRule(...).Groups(...).Resources(...).Names(...) does.
// Lists are space-separated; the token "core" stands for the legacy group "".
import type { PolicyRule } from "../types";

const words = (s: string): string[] => s.split(" ").filter((w) => w.length > 0);

/** A resource rule: verbs, apiGroups, resources, optional resourceNames. */
export function R(verbs: string, groups: string, resources: string, names?: string): PolicyRule {
  // Key order follows the v1 struct (verbs, apiGroups, resources, resourceNames), as the API serves it.
  const rule: PolicyRule = {
    verbs: words(verbs),
    apiGroups: words(groups).map((g) => (g === "core" ? "" : g)),
    resources: words(resources),
  };
  if (names) rule.resourceNames = words(names);
  return rule;
}

/** A non-resource rule: verbs and nonResourceURLs. */
export function U(verbs: string, urls: string): PolicyRule {
  return { verbs: words(verbs), nonResourceURLs: words(urls) };
}

/** upstream's eventsRule(): create/update/patch events in the legacy and events.k8s.io groups. */
export const EVENTS = (): PolicyRule => R("create patch update", "core events.k8s.io", "events");
