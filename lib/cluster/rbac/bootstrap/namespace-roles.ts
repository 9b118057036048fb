// Roles and RoleBindings kube-apiserver v1.32 bootstraps in kube-system and kube-public
// (namespace_policy.go), transcribed from testdata/namespace-roles.yaml and
// namespace-role-bindings.yaml, in those files' order. The leader-locking roles carry the
// lease and leasecandidate rules that arrived with Coordinated Leader Election (v1.31).
import type { PolicyRule, Subject } from "../types";
import { EVENTS, R } from "./dsl";

export interface NamespaceRoleSpec {
  namespace: string;
  name: string;
  rules: PolicyRule[];
}
export interface NamespaceRoleBindingSpec {
  namespace: string;
  name: string;
  roleName: string;
  subjects: Subject[];
}

const leaderLocking = (component: string): PolicyRule[] => [
  R("watch", "core", "configmaps"),
  R("get update", "core", "configmaps", component),
  R("create get list update watch", "coordination.k8s.io", "leases"),
  R("create get list update watch", "coordination.k8s.io", "leasecandidates"),
];

export const NAMESPACE_ROLES: NamespaceRoleSpec[] = [
  {
    namespace: "kube-public",
    name: "system:controller:bootstrap-signer",
    rules: [
      R("get list watch", "core", "configmaps"),
      R("update", "core", "configmaps", "cluster-info"),
      EVENTS(),
    ],
  },
  {
    namespace: "kube-system",
    name: "extension-apiserver-authentication-reader",
    rules: [R("get list watch", "core", "configmaps", "extension-apiserver-authentication")],
  },
  {
    namespace: "kube-system",
    name: "system::leader-locking-kube-controller-manager",
    rules: leaderLocking("kube-controller-manager"),
  },
  { namespace: "kube-system", name: "system::leader-locking-kube-scheduler", rules: leaderLocking("kube-scheduler") },
  {
    namespace: "kube-system",
    name: "system:controller:bootstrap-signer",
    rules: [R("get list watch", "core", "secrets")],
  },
  {
    namespace: "kube-system",
    name: "system:controller:cloud-provider",
    rules: [R("create get list watch", "core", "configmaps")],
  },
  {
    namespace: "kube-system",
    name: "system:controller:token-cleaner",
    rules: [R("delete get list watch", "core", "secrets"), EVENTS()],
  },
];

const user = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name });
const sa = (name: string): Subject => ({ kind: "ServiceAccount", name, namespace: "kube-system" });

export const NAMESPACE_ROLE_BINDINGS: NamespaceRoleBindingSpec[] = [
  {
    namespace: "kube-public",
    name: "system:controller:bootstrap-signer",
    roleName: "system:controller:bootstrap-signer",
    subjects: [sa("bootstrap-signer")],
  },
  {
    namespace: "kube-system",
    name: "system::extension-apiserver-authentication-reader",
    roleName: "extension-apiserver-authentication-reader",
    subjects: [user("system:kube-controller-manager"), user("system:kube-scheduler")],
  },
  {
    namespace: "kube-system",
    name: "system::leader-locking-kube-controller-manager",
    roleName: "system::leader-locking-kube-controller-manager",
    subjects: [user("system:kube-controller-manager"), sa("kube-controller-manager"), sa("leader-election-controller")],
  },
  {
    namespace: "kube-system",
    name: "system::leader-locking-kube-scheduler",
    roleName: "system::leader-locking-kube-scheduler",
    subjects: [user("system:kube-scheduler"), sa("kube-scheduler")],
  },
  {
    namespace: "kube-system",
    name: "system:controller:bootstrap-signer",
    roleName: "system:controller:bootstrap-signer",
    subjects: [sa("bootstrap-signer")],
  },
  {
    namespace: "kube-system",
    name: "system:controller:cloud-provider",
    roleName: "system:controller:cloud-provider",
    subjects: [sa("cloud-provider")],
  },
  {
    namespace: "kube-system",
    name: "system:controller:token-cleaner",
    roleName: "system:controller:token-cleaner",
    subjects: [sa("token-cleaner")],
  },
];
