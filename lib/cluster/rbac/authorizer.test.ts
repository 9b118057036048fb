import { describe, expect, it } from "vitest";
import type { UserInfo } from "../api/types";
import { aggregateClusterRoles } from "./aggregation";
import { authorize, serviceAccountUser } from "./authorizer";
import { bootstrapPolicy } from "./bootstrap-policy";
import { R, U } from "./bootstrap/dsl";
import { staticPolicySource } from "./policy-source";
import { ruleAllows } from "./rule-match";
import type { Attributes, BindingObject, PolicyRule, RoleObject, Subject } from "./types";

const boot = bootstrapPolicy();
const role = (ns: string, name: string, rules: PolicyRule[]): RoleObject => ({ kind: "Role", metadata: { name, namespace: ns }, rules });
const rb = (ns: string, name: string, kind: string, roleName: string, subjects: Subject[]): BindingObject => ({
  kind: "RoleBinding", metadata: { name, namespace: ns }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind, name: roleName }, subjects,
});
const crb = (name: string, roleName: string, subjects: Subject[]): BindingObject => ({
  kind: "ClusterRoleBinding", metadata: { name }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName }, subjects,
});
const G = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name });
const Usr = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name });

const policy = staticPolicySource({
  clusterRoles: aggregateClusterRoles(boot.clusterRoles),
  clusterRoleBindings: [
    ...boot.clusterRoleBindings,
    crb("kubeadm:cluster-admins", "cluster-admin", [G("kubeadm:cluster-admins")]),
    crb("broken", "does-not-exist", [Usr("jane")]),
  ],
  roles: [
    ...boot.roles,
    role("dev", "pod-reader", [R("get list watch", "core", "pods"), R("get", "core", "configmaps", "app-config")]),
    role("dev", "scaler", [R("update", "apps", "*/scale")]),
  ],
  roleBindings: [
    ...boot.roleBindings,
    rb("dev", "read-pods", "Role", "pod-reader", [Usr("jane")]),
    rb("dev", "scalers", "Role", "scaler", [{ kind: "ServiceAccount", name: "bot" }]),
    rb("dev", "dev-edit", "ClusterRole", "edit", [G("devs")]),
  ],
});

const user = (username: string, ...groups: string[]): UserInfo => ({ username, groups: [...groups, "system:authenticated"] });
const admin = user("kubernetes-admin", "kubeadm:cluster-admins");
const masters = user("kubernetes-super-admin", "system:masters");
const jane = user("jane");
const dev = user("dave", "devs");
const bot = serviceAccountUser("dev", "bot");
const res = (u: UserInfo, verb: string, resource: string, extra: Partial<Attributes> = {}): Attributes => ({
  user: u, verb, resource, apiGroup: "", namespace: "dev", resourceRequest: true, ...extra,
});
const path = (u: UserInfo, verb: string, p: string): Attributes => ({ user: u, verb, path: p, resourceRequest: false });

describe("authorize (RBAC)", () => {
  it.each([
    ["admin via kubeadm:cluster-admins", res(admin, "delete", "nodes", { namespace: "" }), "allow",
      'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"'],
    ["system:masters via the cluster-admin binding", res(masters, "create", "secrets"), "allow",
      'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"'],
    ["jane lists pods in dev", res(jane, "list", "pods"), "allow",
      'RBAC: allowed by RoleBinding "read-pods/dev" of Role "pod-reader" to User "jane"'],
    ["jane cannot list pods in default (the broken binding is reported)", res(jane, "list", "pods", { namespace: "default" }), "no-opinion",
      'RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'],
    ["jane gets the named configmap", res(jane, "get", "configmaps", { name: "app-config" }), "allow",
      'RBAC: allowed by RoleBinding "read-pods/dev" of Role "pod-reader" to User "jane"'],
    ["jane cannot get another configmap", res(jane, "get", "configmaps", { name: "other" }), "no-opinion",
      'RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'],
    ["resourceNames never match a list", res(jane, "list", "configmaps"), "no-opinion",
      'RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'],
    ["the SA subject without namespace means the binding's", res(bot, "update", "deployments", { apiGroup: "apps", subresource: "scale" }), "allow",
      'RBAC: allowed by RoleBinding "scalers/dev" of Role "scaler" to ServiceAccount "bot/dev"'],
    ["*/scale does not match the resource itself", res(bot, "update", "deployments", { apiGroup: "apps" }), "no-opinion", ""],
    ["edit through aggregation: create deployments", res(dev, "create", "deployments", { apiGroup: "apps" }), "allow",
      'RBAC: allowed by RoleBinding "dev-edit/dev" of ClusterRole "edit" to Group "devs"'],
    ["edit cannot create roles", res(dev, "create", "roles", { apiGroup: "rbac.authorization.k8s.io" }), "no-opinion", ""],
    ["edit reads pods/log via view", res(dev, "get", "pods", { subresource: "log", name: "p" }), "allow",
      'RBAC: allowed by RoleBinding "dev-edit/dev" of ClusterRole "edit" to Group "devs"'],
    ["basic-user: selfsubjectaccessreviews", res(dev, "create", "selfsubjectaccessreviews", { apiGroup: "authorization.k8s.io", namespace: "" }), "allow",
      'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"'],
    ["discovery path", path(dev, "get", "/apis/apps/v1"), "allow",
      'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"'],
    ["no /metrics for users", path(dev, "get", "/metrics"), "no-opinion", ""],
    ["unauthenticated may read /version", path({ username: "system:anonymous", groups: ["system:unauthenticated"] }, "get", "/version"), "allow",
      'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"'],
    ["controller SA in kube-system", res(serviceAccountUser("kube-system", "job-controller"), "create", "pods", { namespace: "x" }), "allow",
      'RBAC: allowed by ClusterRoleBinding "system:controller:job-controller" of ClusterRole "system:controller:job-controller" to ServiceAccount "job-controller/kube-system"'],
    ["same SA name in another namespace is someone else", res(serviceAccountUser("default", "job-controller"), "create", "pods", { namespace: "x" }), "no-opinion", ""],
    ["scheduler leader-locking role", res(user("system:kube-scheduler"), "update", "leases", { apiGroup: "coordination.k8s.io", namespace: "kube-system", name: "kube-scheduler" }), "allow",
      'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"'],
  ])("%s", (_n, attrs, decision, reason) => {
    expect(authorize(attrs, policy)).toEqual({ decision, reason });
  });
});

describe("ruleAllows", () => {
  const a = (verb: string, resource: string, sub = "", name = ""): Attributes => ({
    user: jane, verb, apiGroup: "", resource, subresource: sub, name, resourceRequest: true,
  });
  it.each([
    ["* verbs", R("*", "core", "pods"), a("deletecollection", "pods"), true],
    ["exact resource/subresource", R("get", "core", "pods/log"), a("get", "pods", "log"), true],
    ["resource without its subresource", R("get", "core", "pods"), a("get", "pods", "log"), false],
    ["*/subresource", R("get", "core", "*/status"), a("get", "nodes", "status"), true],
    ["*/subresource needs the same subresource", R("get", "core", "*/status"), a("get", "nodes", "proxy"), false],
    ["wrong group", R("get", "apps", "pods"), a("get", "pods"), false],
    ["URL prefix *", U("get", "/healthz/*"), path(jane, "get", "/healthz/etcd"), true],
    ["URL prefix * does not cover the bare path", U("get", "/healthz/*"), path(jane, "get", "/healthz"), false],
    ["resource rule never matches a path", R("*", "*", "*"), path(jane, "get", "/api"), false],
  ])("%s", (_n, rule, attrs, want) => expect(ruleAllows(attrs, rule)).toBe(want));
});
