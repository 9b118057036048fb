// The RBAC authorizer: plugin/pkg/auth/authorizer/rbac/rbac.go (Authorize, RulesFor) over
// pkg/registry/rbac/validation/rule.go (DefaultRuleResolver.VisitRulesFor, appliesTo,
// GetRoleReferenceRules, the binding describers). ClusterRoleBindings are visited first, then the
// RoleBindings of the request's namespace; the first rule that allows wins. system:masters gets
// nothing special here: it is allowed through the cluster-admin ClusterRoleBinding (and, in
// kube-apiserver, by the privileged-group authorizer in union.ts).
import type { UserInfo } from "../api/types";
import type {
  Attributes,
  AuthorizationResult,
  Authorizer,
  BindingObject,
  PolicyRule,
  PolicySource,
  RoleRef,
  RuleResolver,
  RulesForResult,
  Subject,
} from "./types";
import { aggregateError, goQuote } from "./go-format";
import { ruleAllows } from "./rule-match";

const SA_PREFIX = "system:serviceaccount:";

/** serviceaccount.MakeUsername. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** The UserInfo a ServiceAccount token authenticates as (serviceaccount.UserInfo + system:authenticated). */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: serviceAccountUsername(namespace, name),
    ...(uid ? { uid } : {}),
    groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"],
  };
}

function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return user.username === subject.name;
    case "Group":
      return user.groups.includes(subject.name);
    case "ServiceAccount": {
      // A RoleBinding's ServiceAccount subject without namespace means the binding's namespace.
      const saNamespace = subject.namespace || namespace;
      if (!saNamespace) return false;
      return user.username === serviceAccountUsername(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** Index of the first subject that applies, or -1. */
export function appliesTo(user: UserInfo, subjects: Subject[] | undefined, namespace: string): number {
  return (subjects ?? []).findIndex((s) => appliesToUser(user, s, namespace));
}

/** describeSubject in rule.go. */
export function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === "ServiceAccount") {
    return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  }
  return `${s.kind} ${goQuote(s.name)}`;
}

/** clusterRoleBindingDescriber / roleBindingDescriber String(). */
export function describeBinding(binding: BindingObject, subject: Subject): string {
  const ns = binding.metadata.namespace;
  const ref = binding.roleRef;
  if (ns) {
    return `RoleBinding ${goQuote(`${binding.metadata.name}/${ns}`)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, ns)}`;
  }
  return `ClusterRoleBinding ${goQuote(binding.metadata.name)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, "")}`;
}

/** GetRoleReferenceRules: the referenced role's rules, or the lister's NotFound message. */
export function roleReferenceRules(
  policy: PolicySource,
  ref: RoleRef,
  bindingNamespace: string,
): { rules: PolicyRule[] } | { error: string } {
  switch (ref.kind) {
    case "Role": {
      const role = policy.getRole(bindingNamespace, ref.name);
      if (!role) return { error: `role.rbac.authorization.k8s.io ${goQuote(ref.name)} not found` };
      return { rules: role.rules ?? [] };
    }
    case "ClusterRole": {
      const role = policy.getClusterRole(ref.name);
      if (!role) return { error: `clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found` };
      return { rules: role.rules ?? [] };
    }
    default:
      return { error: `unsupported role reference kind: ${goQuote(ref.kind)}` };
  }
}

/** Visitor: (source description, rule) or an error; return false to stop. */
export type RuleVisitor = (source: string | null, rule: PolicyRule | null, error: string | null) => boolean;

export function visitRulesFor(policy: PolicySource, user: UserInfo, namespace: string, visit: RuleVisitor): void {
  const walk = (bindings: BindingObject[], ns: string): boolean => {
    for (const binding of bindings) {
      const i = appliesTo(user, binding.subjects, ns);
      if (i < 0) continue;
      const got = roleReferenceRules(policy, binding.roleRef, ns);
      if ("error" in got) {
        if (!visit(null, null, got.error)) return false;
        continue;
      }
      const source = describeBinding(binding, binding.subjects![i]);
      for (const rule of got.rules) if (!visit(source, rule, null)) return false;
    }
    return true;
  };
  if (!walk(policy.listClusterRoleBindings(), "")) return;
  if (namespace) walk(policy.listRoleBindings(namespace), namespace);
}

/** DefaultRuleResolver.RulesFor: every rule that applies to user in namespace, plus errors met. */
export function policyRulesFor(policy: PolicySource, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(policy, user, namespace, (_src, rule, err) => {
    if (rule) rules.push(rule);
    if (err) errors.push(err);
    return true;
  });
  return { rules, errors };
}

/** RBACAuthorizer.Authorize: allow with the source, else no opinion ("RBAC: <errors>" when any). */
export function authorize(attrs: Attributes, policy: PolicySource): AuthorizationResult {
  let allowedBy: string | null = null;
  const errors: string[] = [];
  visitRulesFor(policy, attrs.user, attrs.namespace ?? "", (source, rule, err) => {
    if (rule && ruleAllows(attrs, rule)) {
      allowedBy = source;
      return false;
    }
    if (err) errors.push(err);
    return true;
  });
  if (allowedBy !== null) return { decision: "allow", reason: `RBAC: allowed by ${allowedBy}` };
  return { decision: "no-opinion", reason: errors.length > 0 ? `RBAC: ${aggregateError(errors)}` : "" };
}

/** The RBAC authorizer as an Authorizer and RuleResolver (RBACAuthorizer.RulesFor). */
export function rbacAuthorizer(policy: PolicySource): Authorizer & RuleResolver {
  return {
    authorize: (attrs) => authorize(attrs, policy),
    rulesFor(user, namespace): RulesForResult {
      const { rules, errors } = policyRulesFor(policy, user, namespace);
      const result: RulesForResult = { resourceRules: [], nonResourceRules: [], incomplete: false, errors };
      for (const r of rules) {
        if ((r.resources ?? []).length > 0) {
          result.resourceRules.push({
            verbs: r.verbs,
            apiGroups: r.apiGroups ?? [],
            resources: r.resources ?? [],
            resourceNames: r.resourceNames ?? [],
          });
        }
        if ((r.nonResourceURLs ?? []).length > 0) {
          result.nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] });
        }
      }
      return result;
    },
  };
}
