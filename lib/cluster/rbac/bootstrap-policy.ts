// Every RBAC object kube-apiserver v1.32 creates at start (the rbac/bootstrap-roles post-start
// hook of plugin/pkg/auth/authorizer/rbac/bootstrappolicy: ClusterRoles, ControllerRoles,
// ClusterRoleBindings, ControllerRoleBindings, NamespaceRoles, NamespaceRoleBindings).
// Each object carries label kubernetes.io/bootstrapping=rbac-defaults and annotation
// rbac.authorization.kubernetes.io/autoupdate=true, as upstream's testdata shows.
// admin/edit/view are created with empty rules; run aggregation.ts to fill them.
import type { BindingObject, RoleObject, Subject } from "./types";
import { CLUSTER_ROLES } from "./bootstrap/cluster-roles";
import { CONTROLLER_ROLES, CONTROLLER_ROLE_PREFIX } from "./bootstrap/controller-roles";
import { NAMESPACE_ROLES, NAMESPACE_ROLE_BINDINGS } from "./bootstrap/namespace-roles";

export const RBAC_GROUP = "rbac.authorization.k8s.io";
export const RBAC_API_VERSION = "rbac.authorization.k8s.io/v1";
export const BOOTSTRAPPING_LABEL = "kubernetes.io/bootstrapping";
export const AUTOUPDATE_ANNOTATION = "rbac.authorization.kubernetes.io/autoupdate";

export interface BootstrapPolicy {
  /** ClusterRoles() then ControllerRoles(), each list in upstream's (name) order. */
  clusterRoles: RoleObject[];
  /** ClusterRoleBindings() then ControllerRoleBindings(). */
  clusterRoleBindings: BindingObject[];
  roles: RoleObject[];
  roleBindings: BindingObject[];
}

function nullProto(entries: Record<string, string>): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, entries);
}

function meta(name: string, namespace: string | undefined, labels: Record<string, string> = {}) {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    labels: nullProto({ [BOOTSTRAPPING_LABEL]: "rbac-defaults", ...labels }),
    annotations: nullProto({ [AUTOUPDATE_ANNOTATION]: "true" }),
  };
}

function role(kind: "Role" | "ClusterRole", name: string, namespace: string | undefined, spec: {
  labels?: Record<string, string>;
  rules: RoleObject["rules"];
  aggregationRule?: RoleObject["aggregationRule"];
}): RoleObject {
  const obj: RoleObject = {
    kind,
    apiVersion: RBAC_API_VERSION,
    metadata: meta(name, namespace, spec.labels),
    rules: structuredClone(spec.rules),
  };
  if (spec.aggregationRule) obj.aggregationRule = structuredClone(spec.aggregationRule);
  return obj;
}

function binding(
  kind: "RoleBinding" | "ClusterRoleBinding",
  name: string,
  namespace: string | undefined,
  roleKind: "Role" | "ClusterRole",
  roleName: string,
  subjects: Subject[],
): BindingObject {
  const obj: BindingObject = {
    kind,
    apiVersion: RBAC_API_VERSION,
    metadata: meta(name, namespace),
    roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: roleName },
  };
  // subjects is omitempty upstream: the system:node binding has none since v1.8.
  if (subjects.length > 0) obj.subjects = structuredClone(subjects);
  return obj;
}

const group = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "Group", name });
const user = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "User", name });
const sa = (namespace: string, name: string): Subject => ({ kind: "ServiceAccount", name, namespace });

/** policy.go ClusterRoleBindings(), in testdata/cluster-role-bindings.yaml order. */
const CLUSTER_ROLE_BINDINGS: { name: string; subjects: Subject[] }[] = [
  { name: "cluster-admin", subjects: [group("system:masters")] },
  { name: "system:basic-user", subjects: [group("system:authenticated")] },
  { name: "system:discovery", subjects: [group("system:authenticated")] },
  { name: "system:kube-controller-manager", subjects: [user("system:kube-controller-manager")] },
  { name: "system:kube-dns", subjects: [sa("kube-system", "kube-dns")] },
  { name: "system:kube-scheduler", subjects: [user("system:kube-scheduler")] },
  { name: "system:monitoring", subjects: [group("system:monitoring")] },
  { name: "system:node", subjects: [] },
  { name: "system:node-proxier", subjects: [user("system:kube-proxy")] },
  { name: "system:public-info-viewer", subjects: [group("system:authenticated"), group("system:unauthenticated")] },
  { name: "system:service-account-issuer-discovery", subjects: [group("system:serviceaccounts")] },
  { name: "system:volume-scheduler", subjects: [user("system:kube-scheduler")] },
];

/** A fresh copy of the whole bootstrap policy (callers may mutate it). */
export function bootstrapPolicy(): BootstrapPolicy {
  const clusterRoles = [
    ...CLUSTER_ROLES.map((r) => role("ClusterRole", r.name, undefined, r)),
    ...CONTROLLER_ROLES.map((r) => role("ClusterRole", CONTROLLER_ROLE_PREFIX + r.controller, undefined, r)),
  ];
  const clusterRoleBindings = [
    ...CLUSTER_ROLE_BINDINGS.map((b) => binding("ClusterRoleBinding", b.name, undefined, "ClusterRole", b.name, b.subjects)),
    ...CONTROLLER_ROLES.map((r) => {
      const name = CONTROLLER_ROLE_PREFIX + r.controller;
      return binding("ClusterRoleBinding", name, undefined, "ClusterRole", name, [sa("kube-system", r.controller)]);
    }),
  ];
  const roles = NAMESPACE_ROLES.map((r) => role("Role", r.name, r.namespace, r));
  const roleBindings = NAMESPACE_ROLE_BINDINGS.map((b) =>
    binding("RoleBinding", b.name, b.namespace, "Role", b.roleName, b.subjects),
  );
  return { clusterRoles, clusterRoleBindings, roles, roleBindings };
}
