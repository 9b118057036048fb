// A PolicySource over in-memory lists (tests, and callers that already hold a snapshot).
// Lookups go through Maps keyed by user-chosen names.
import type { BindingObject, PolicySource, RoleObject } from "./types";

export interface PolicyObjects {
  clusterRoles?: RoleObject[];
  clusterRoleBindings?: BindingObject[];
  roles?: RoleObject[];
  roleBindings?: BindingObject[];
}

export function staticPolicySource(objs: PolicyObjects): PolicySource {
  const clusterRoles = new Map((objs.clusterRoles ?? []).map((r) => [r.metadata.name, r]));
  const roles = new Map((objs.roles ?? []).map((r) => [`${r.metadata.namespace ?? ""}/${r.metadata.name}`, r]));
  return {
    getClusterRole: (name) => clusterRoles.get(name),
    getRole: (ns, name) => roles.get(`${ns}/${name}`),
    listClusterRoleBindings: () => objs.clusterRoleBindings ?? [],
    listRoleBindings: (ns) => (objs.roleBindings ?? []).filter((b) => b.metadata.namespace === ns),
  };
}
