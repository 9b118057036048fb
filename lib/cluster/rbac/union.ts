// kube-apiserver's authorizer chain for kubeadm's --authorization-mode=Node,RBAC
// (pkg/kubeapiserver/authorizer/config.go): the privileged-group authorizer for system:masters
// first, then Node, then RBAC, combined as staging/.../authorization/union (first allow or deny
// wins; otherwise no opinion with every reason joined by newlines). Rule resolution
// (SelfSubjectRulesReview) asks only Node and RBAC, as upstream does.
import type { UserInfo } from "../api/types";
import type { Attributes, AuthorizationResult, Authorizer, PolicySource, RuleResolver, RulesForResult } from "./types";
import { rbacAuthorizer } from "./authorizer";
import { nodeAuthorizer, type NodeGraphSource } from "./node-authorizer";

export const SYSTEM_PRIVILEGED_GROUP = "system:masters";

/** authorizerfactory.NewPrivilegedGroups. */
export function privilegedGroupsAuthorizer(...groups: string[]): Authorizer {
  return {
    authorize(attrs: Attributes): AuthorizationResult {
      if (attrs.user.groups.some((g) => groups.includes(g))) return { decision: "allow", reason: "" };
      return { decision: "no-opinion", reason: "" };
    },
  };
}

export function unionAuthorizer(authorizers: Authorizer[]): Authorizer {
  return {
    authorize(attrs: Attributes): AuthorizationResult {
      const reasons: string[] = [];
      for (const a of authorizers) {
        const r = a.authorize(attrs);
        if (r.reason) reasons.push(r.reason);
        if (r.decision !== "no-opinion") return r;
      }
      return { decision: "no-opinion", reason: reasons.join("\n") };
    },
  };
}

export function unionRuleResolver(resolvers: RuleResolver[]): RuleResolver {
  return {
    rulesFor(user: UserInfo, namespace: string): RulesForResult {
      const out: RulesForResult = { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] };
      for (const r of resolvers) {
        const got = r.rulesFor(user, namespace);
        out.incomplete ||= got.incomplete;
        out.errors.push(...got.errors);
        out.resourceRules.push(...got.resourceRules);
        out.nonResourceRules.push(...got.nonResourceRules);
      }
      return out;
    },
  };
}

/** The whole chain of a kubeadm v1.32 kube-apiserver. */
export function kubeApiserverAuthorizer(policy: PolicySource, graph: NodeGraphSource): Authorizer & RuleResolver {
  const node = nodeAuthorizer(graph);
  const rbac = rbacAuthorizer(policy);
  const chain = unionAuthorizer([privilegedGroupsAuthorizer(SYSTEM_PRIVILEGED_GROUP), node, rbac]);
  const resolver = unionRuleResolver([node, rbac]);
  return { authorize: (a) => chain.authorize(a), rulesFor: (u, ns) => resolver.rulesFor(u, ns) };
}
