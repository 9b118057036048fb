import { describe, expect, it } from "vitest";
import type { UserInfo } from "../api/types";
import { bootstrapPolicy } from "./bootstrap-policy";
import { R, U } from "./bootstrap/dsl";
import { checkBindingEscalation, checkRoleEscalation, compactRules, compactString, covers } from "./escalation";
import { staticPolicySource } from "./policy-source";
import { kubeApiserverAuthorizer } from "./union";
import type { BindingObject, PolicyRule, RoleObject } from "./types";

const boot = bootstrapPolicy();
const policy = staticPolicySource({
  clusterRoles: [...boot.clusterRoles, { kind: "ClusterRole", metadata: { name: "pod-reader" }, rules: [R("get list", "core", "pods")] }],
  clusterRoleBindings: boot.clusterRoleBindings,
  roles: [
    { kind: "Role", metadata: { name: "rbac-manager", namespace: "dev" }, rules: [R("create", "rbac.authorization.k8s.io", "roles rolebindings"), R("get", "core", "pods")] },
    { kind: "Role", metadata: { name: "escalator", namespace: "dev" }, rules: [R("escalate bind", "rbac.authorization.k8s.io", "roles clusterroles")] },
  ],
  roleBindings: [
    { kind: "RoleBinding", metadata: { name: "m", namespace: "dev" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "rbac-manager" }, subjects: [{ kind: "User", name: "u", apiGroup: "rbac.authorization.k8s.io" }] },
    { kind: "RoleBinding", metadata: { name: "e", namespace: "dev" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "escalator" }, subjects: [{ kind: "User", name: "esc", apiGroup: "rbac.authorization.k8s.io" }] },
  ],
});
const graph = { podsOnNode: () => [], getPersistentVolumeClaim: () => undefined };
const ctx = (user: UserInfo) => ({ user, policy, authorizer: kubeApiserverAuthorizer(policy, graph) });
const u = { username: "u", groups: ["system:authenticated"] };
const roleIn = (ns: string, name: string, rules: PolicyRule[]): RoleObject => ({ kind: "Role", metadata: { name, namespace: ns }, rules });

describe("checkRoleEscalation", () => {
  it.each([
    ["rules the user holds", u, roleIn("dev", "r", [R("get", "core", "pods")]), null],
    [
      "verbs of one resource compacted, lines sorted",
      u,
      roleIn("dev", "x", [R("get list", "apps", "deployments"), R("get", "core", "pods secrets")]),
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "u" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}\n{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}',
    ],
    [
      "resourceNames and non-resource URLs",
      u,
      { kind: "ClusterRole", metadata: { name: "c" }, rules: [R("get", "core", "configmaps", "a"), U("get", "/metrics")] },
      'clusterroles.rbac.authorization.k8s.io "c" is forbidden: user "u" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}\n{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ],
    ["explicit escalate", { username: "esc", groups: [] }, roleIn("dev", "r", [R("*", "*", "*")]), null],
    ["system:masters", { username: "m", groups: ["system:masters"] }, roleIn("dev", "r", [R("*", "*", "*")]), null],
  ])("%s", (_n, user, role, want) => {
    const err = checkRoleEscalation(ctx(user), role as RoleObject);
    expect(err?.message ?? null).toBe(want);
  });

  it("is a 403 with upstream's details", () => {
    const err = checkRoleEscalation(ctx(u), roleIn("dev", "x", [R("delete", "core", "pods")]))!;
    expect(err.toStatus()).toEqual({
      kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Forbidden", code: 403,
      message: 'roles.rbac.authorization.k8s.io "x" is forbidden: user "u" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
      details: { name: "x", group: "rbac.authorization.k8s.io", kind: "roles" },
    });
  });

  it("an aggregationRule needs full authority", () => {
    const role: RoleObject = { kind: "ClusterRole", metadata: { name: "agg" }, rules: [], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] } };
    expect(checkRoleEscalation(ctx(u), role)?.message).toBe(
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
  });
});

describe("checkBindingEscalation", () => {
  const binding = (kind: string, name: string): BindingObject => ({
    kind: "RoleBinding", metadata: { name: "b", namespace: "dev" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind, name }, subjects: [],
  });
  it.each([
    ["binding a role whose rules the user holds", u, binding("ClusterRole", "system:basic-user"), null],
    [
      "binding a role with more",
      u,
      binding("ClusterRole", "pod-reader"),
      'rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "u" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["list"]}',
    ],
    ["a missing role", u, binding("Role", "nope"), 'rolebindings.rbac.authorization.k8s.io "b" is forbidden: role.rbac.authorization.k8s.io "nope" not found'],
    ["explicit bind", { username: "esc", groups: [] }, binding("ClusterRole", "cluster-admin"), null],
  ])("%s", (_n, user, b, want) => expect(checkBindingEscalation(ctx(user), b)?.message ?? null).toBe(want));
});

describe("covers and compaction", () => {
  it.each([
    ["*/status covers pods/status", [R("get", "core", "*/status")], [R("get", "core", "pods/status")], true],
    ["owner resourceNames do not cover all names", [R("get", "core", "pods", "a")], [R("get", "core", "pods")], false],
    ["URL prefix", [U("get", "/logs/*")], [U("get", "/logs/a/b")], true],
  ])("%s", (_n, owner, servant, want) => expect(covers(owner, servant).covered).toBe(want));

  it("compacts simple rules by verb", () => {
    const got = compactRules([R("get", "core", "pods"), R("list", "core", "pods"), R("get", "core", "pods", "a")]);
    expect(got.map(compactString)).toEqual([
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
      '{APIGroups:[""], Resources:["pods"], ResourceNames:["a"], Verbs:["get"]}',
    ]);
  });
});
