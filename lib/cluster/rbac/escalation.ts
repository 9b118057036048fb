// RBAC's escalation prevention for writes of Roles, ClusterRoles and their bindings:
// pkg/registry/rbac/escalation_check.go (EscalationAllowed, RoleEscalationAuthorized,
// BindingAuthorized), pkg/registry/rbac/validation/rule.go (ConfirmNoEscalation),
// policy_comparator.go (Covers, BreakdownRule, ruleCovers), policy_compact.go (CompactRules),
// pkg/apis/rbac/v1/helpers.go (CompactString) and the policybased storages of
// pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}.
import type { StatusError, UserInfo } from "../api/types";
import type { Authorizer, BindingObject, PolicyRule, PolicySource, RoleObject } from "./types";
import { policyRulesFor, roleReferenceRules } from "./authorizer";
import { goQuote, goQuoteList } from "./go-format";
import { newForbidden } from "./forbidden";
import { SYSTEM_PRIVILEGED_GROUP } from "./union";

const has = (set: readonly string[] | undefined, v: string) => (set ?? []).includes(v);
const hasAll = (set: readonly string[] | undefined, want: readonly string[] | undefined) =>
  (want ?? []).every((w) => has(set, w));

/** BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const name of rule.resourceNames!) {
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
          }
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, "*") || hasAll(set, covers)) return true;
  for (const path of covers ?? []) {
    if (has(set, path)) continue;
    const slash = path.indexOf("/");
    if (slash < 0) return false;
    if (!has(set, "*/" + path.slice(slash + 1))) return false;
  }
  return true;
}

const nonResourceURLCovers = (owner: string, sub: string) =>
  owner === sub || (owner.endsWith("*") && sub.startsWith(owner.replace(/\*+$/, "")));

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, "*") || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, "*") || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p)));
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** Covers: whether owner rules cover every servant rule, and the broken-down rules they miss. */
export function covers(owner: PolicyRule[], servant: PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing = servant.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
  return { covered: missing.length === 0, missing };
}

/** CompactRules: simple single-group/single-resource rules that differ only by verb are merged. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const names = rule.resourceNames ?? [];
    const isSimple =
      names.length <= 1 &&
      (rule.nonResourceURLs ?? []).length === 0 &&
      (rule.apiGroups ?? []).length === 1 &&
      (rule.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], names.length > 0, names[0] ?? ""]);
    const existing = simple.get(key);
    if (existing) {
      for (const v of rule.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else {
      simple.set(key, { ...structuredClone(rule) });
    }
  }
  return [...compacted, ...simple.values()];
}

/** CompactString: {APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if ((r.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuoteList(r.apiGroups!)}`);
  if ((r.resources ?? []).length > 0) parts.push(`Resources:${goQuoteList(r.resources!)}`);
  if ((r.nonResourceURLs ?? []).length > 0) parts.push(`NonResourceURLs:${goQuoteList(r.nonResourceURLs!)}`);
  if ((r.resourceNames ?? []).length > 0) parts.push(`ResourceNames:${goQuoteList(r.resourceNames!)}`);
  if (r.verbs.length > 0) parts.push(`Verbs:${goQuoteList(r.verbs)}`);
  return "{" + parts.join(", ") + "}";
}

/** ConfirmNoEscalation: null when the user holds every rule, else upstream's message. */
export function confirmNoEscalation(policy: PolicySource, user: UserInfo, namespace: string, rules: PolicyRule[]): string | null {
  const { rules: owner, errors } = policyRulesFor(policy, user, namespace);
  const { covered, missing } = covers(owner, rules);
  if (covered) return null;
  // sets.NewString(...).List(): unique and sorted bytewise.
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let msg = `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join("\n")}`;
  if (errors.length > 0) msg += `; resolution errors: [${errors.join(" ")}]`;
  return msg;
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];
const RBAC_GROUP = "rbac.authorization.k8s.io";

/** Who is writing, and the authorizer for the explicit escalate/bind checks. */
export interface EscalationContext {
  user: UserInfo;
  policy: PolicySource;
  /** kube-apiserver's authorizer chain (for `escalate` and `bind`). */
  authorizer: Authorizer;
}

/** EscalationAllowed: system:masters may always write RBAC (loopback clients use it). */
export function escalationAllowed(user: UserInfo): boolean {
  return user.groups.includes(SYSTEM_PRIVILEGED_GROUP);
}

function roleEscalationAuthorized(ctx: EscalationContext, resource: "roles" | "clusterroles", name: string, namespace: string): boolean {
  return (
    ctx.authorizer.authorize({
      user: ctx.user,
      verb: "escalate",
      apiGroup: RBAC_GROUP,
      apiVersion: "*",
      resource,
      name,
      namespace,
      resourceRequest: true,
    }).decision === "allow"
  );
}

/**
 * The check on create/update of a Role (namespace set) or ClusterRole (namespace ""):
 * null when allowed, else the 403 upstream returns. `old` is the stored object on update.
 */
export function checkRoleEscalation(ctx: EscalationContext, role: RoleObject, old?: RoleObject): StatusError | null {
  const namespace = role.metadata.namespace ?? "";
  const resource = role.kind === "Role" || namespace ? "roles" : "clusterroles";
  const name = role.metadata.name;
  if (escalationAllowed(ctx.user) || roleEscalationAuthorized(ctx, resource, name, namespace)) return null;
  const msg = confirmNoEscalation(ctx.policy, ctx.user, namespace, role.rules ?? []);
  if (msg) return newForbidden(RBAC_GROUP, resource, name, msg);
  // An aggregationRule can gather anything, so setting or changing one takes full authority.
  if (resource === "clusterroles" && (role.aggregationRule || old?.aggregationRule)) {
    if (confirmNoEscalation(ctx.policy, ctx.user, namespace, FULL_AUTHORITY)) {
      return newForbidden(RBAC_GROUP, resource, name, "must have cluster-admin privileges to use the aggregationRule");
    }
  }
  return null;
}

/** BindingAuthorized: an explicit `bind` on the referenced role, checked in the binding's namespace. */
function bindingAuthorized(ctx: EscalationContext, binding: BindingObject, namespace: string): boolean {
  const ref = binding.roleRef;
  if (ref.kind !== "ClusterRole" && ref.kind !== "Role") return false;
  return (
    ctx.authorizer.authorize({
      user: ctx.user,
      verb: "bind",
      namespace,
      apiGroup: ref.apiGroup,
      resource: ref.kind === "ClusterRole" ? "clusterroles" : "roles",
      name: ref.name,
      resourceRequest: true,
    }).decision === "allow"
  );
}

/** The check on create/update of a RoleBinding (namespace set) or ClusterRoleBinding. */
export function checkBindingEscalation(ctx: EscalationContext, binding: BindingObject): StatusError | null {
  const namespace = binding.metadata.namespace ?? "";
  const resource = binding.kind === "RoleBinding" || namespace ? "rolebindings" : "clusterrolebindings";
  const name = binding.metadata.name;
  if (escalationAllowed(ctx.user) || bindingAuthorized(ctx, binding, namespace)) return null;
  const got = roleReferenceRules(ctx.policy, binding.roleRef, namespace);
  if ("error" in got) return newForbidden(RBAC_GROUP, resource, name, got.error);
  const msg = confirmNoEscalation(ctx.policy, ctx.user, namespace, got.rules);
  return msg ? newForbidden(RBAC_GROUP, resource, name, msg) : null;
}
