// The authorizer union kube-apiserver builds from --authorization-mode (pkg/kubeapiserver/authorizer/config.go):
// the system:masters privileged group first, then each mode in flag order (Node, RBAC, ...); the
// first "allow" or "deny" wins. The policy and the node graph are read from the watch cache.
import type { KObject, UserInfo } from "../cluster/api/types.js";
import type { ResourceIndex } from "../cluster/api/resources.js";
import type { Attributes, Authorizer as RBACAuthorizer, BindingObject, PolicySource, RoleObject, RuleResolver, RulesForResult } from "../cluster/rbac/types.js";
import { rbacAuthorizer } from "../cluster/rbac/authorizer.js";
import { nodeAuthorizer, type NodeGraphSource } from "../cluster/rbac/node-authorizer.js";
import { privilegedGroupsAuthorizer, unionAuthorizer, unionRuleResolver } from "../cluster/rbac/union.js";
import type { WatchCache } from "./storage/cache.js";
import type { Registry } from "./storage/registry.js";

export interface Authorizer {
  authorize(attrs: Attributes): Promise<{ allowed: boolean; denied: boolean; reason: string }>;
  /** The same chain, synchronous (RBAC's escalate/bind checks). */
  chain: RBACAuthorizer;
  /** The RBAC objects as the authorizer reads them. */
  policy: PolicySource;
  resolver: RuleResolver;
  rulesFor(user: UserInfo, namespace: string): RulesForResult;
}

const always = (decision: "allow" | "deny"): RBACAuthorizer => ({ authorize: () => ({ decision, reason: "" }) });

export function createAuthorizer(deps: { modes: string[]; registry: Registry; index: () => ResourceIndex; cache: WatchCache }): Authorizer {
  const list = (group: string, resource: string, ns = ""): KObject[] => {
    const info = deps.index().get(group, resource);
    if (!info) return [];
    const prefix = info.namespaced && ns ? `${deps.registry.prefixFor(info)}${ns}/` : deps.registry.prefixFor(info);
    return deps.cache.list(prefix).map((c) => c.obj);
  };
  const one = (group: string, resource: string, ns: string, name: string): KObject | undefined => {
    const info = deps.index().get(group, resource);
    return info ? deps.cache.get(deps.registry.keyFor(info, ns, name))?.obj : undefined;
  };
  const RBAC = "rbac.authorization.k8s.io";
  const policy: PolicySource = {
    getRole: (ns: string, name: string) => one(RBAC, "roles", ns, name) as RoleObject | undefined,
    getClusterRole: (name: string) => one(RBAC, "clusterroles", "", name) as RoleObject | undefined,
    listRoleBindings: (ns: string) => list(RBAC, "rolebindings", ns) as BindingObject[],
    listClusterRoleBindings: () => list(RBAC, "clusterrolebindings") as BindingObject[],
  };
  const graph: NodeGraphSource = {
    podsOnNode: (node: string) => list("", "pods").filter((p) => (p.spec as { nodeName?: string })?.nodeName === node),
    getPersistentVolumeClaim: (ns: string, name: string) => one("", "persistentvolumeclaims", ns, name),
    volumeAttachmentsOnNode: (node: string) => list("storage.k8s.io", "volumeattachments").filter((v) => (v.spec as { nodeName?: string })?.nodeName === node),
  };
  const authorizers: RBACAuthorizer[] = [];
  const resolvers: RuleResolver[] = [];
  for (const mode of deps.modes) {
    if (mode === "RBAC") {
      const a = rbacAuthorizer(policy);
      authorizers.push(a);
      resolvers.push(a);
    } else if (mode === "Node") {
      const a = nodeAuthorizer(graph);
      authorizers.push(a);
      resolvers.push(a);
    } else if (mode === "AlwaysAllow") authorizers.push(always("allow"));
    else if (mode === "AlwaysDeny") authorizers.push(always("deny"));
  }
  const chain = unionAuthorizer([privilegedGroupsAuthorizer("system:masters"), ...authorizers]);
  const resolver = unionRuleResolver(resolvers);
  return {
    resolver,
    chain,
    policy,
    async authorize(attrs) {
      const d = chain.authorize(attrs);
      return { allowed: d.decision === "allow", denied: d.decision === "deny", reason: d.reason };
    },
    rulesFor: (user, ns) => resolver.rulesFor(user, ns),
  };
}
