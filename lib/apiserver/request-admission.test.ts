// The checks that judge the requester, through the HTTP handler chain: NodeRestriction
// (--enable-admission-plugins=NodeRestriction, as kubeadm sets it) and RBAC's escalation
// prevention (pkg/registry/rbac/escalation_check.go). Messages from upstream's sources.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiServer } from "./server.js";
import { ADMIN, newTestServer, request, type TestRequest } from "./testing/http.js";

let api: ApiServer;
const RBAC = "/apis/rbac.authorization.k8s.io/v1";
const node01 = { user: "system:node:node01", groups: ["system:nodes"] };
const jane = { user: "jane", groups: [] as string[] };

async function ok(r: TestRequest) {
  const res = await request(api, r);
  if (res.code >= 300) throw new Error(`${r.method} ${r.path}: ${res.code} ${res.text}`);
  return res.json!;
}

const role = (name: string, rules: unknown[]) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name, namespace: "default" }, rules });
const binding = (name: string, roleKind: string, roleName: string, user: string) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name, namespace: "default" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: roleName },
  subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
});

beforeEach(async () => {
  api = await newTestServer({ authorizationModes: ["Node", "RBAC"] });
  await ok({ method: "POST", path: "/api/v1/namespaces", as: ADMIN, body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } } });
  for (const name of ["node01", "node02"]) {
    await ok({ method: "POST", path: "/api/v1/nodes", as: ADMIN, body: { apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } } } });
  }
  // jane may manage RBAC in default and read pods, nothing more.
  await ok({ method: "POST", path: `${RBAC}/namespaces/default/roles`, as: ADMIN, body: role("rbac-manager", [
    { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["create", "update", "get"] },
    { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
  ]) });
  await ok({ method: "POST", path: `${RBAC}/namespaces/default/rolebindings`, as: ADMIN, body: binding("jane-rbac", "Role", "rbac-manager", "jane") });
  await ok({ method: "POST", path: `${RBAC}/namespaces/default/roles`, as: ADMIN, body: role("secret-reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]) });
});
afterEach(() => api.close());

describe("RBAC escalation prevention over HTTP", () => {
  it("a Role within the writer's own permissions is created", async () => {
    const r = await request(api, { method: "POST", path: `${RBAC}/namespaces/default/roles`, as: jane, body: role("pods", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]) });
    expect(r.code).toBe(201);
  });

  it("a Role granting more is refused with the missing rules", async () => {
    const r = await request(api, { method: "POST", path: `${RBAC}/namespaces/default/roles`, as: jane, body: role("more", [{ apiGroups: [""], resources: ["pods", "secrets"], verbs: ["get", "delete"] }]) });
    expect(r.code).toBe(403);
    expect(r.json).toMatchObject({
      reason: "Forbidden",
      message:
        'roles.rbac.authorization.k8s.io "more" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "delete"]}',
      details: { name: "more", group: "rbac.authorization.k8s.io", kind: "roles" },
    });
    expect((await request(api, { method: "GET", path: `${RBAC}/namespaces/default/roles/more`, as: ADMIN })).code).toBe(404);
  });

  it("a binding to a role the writer does not hold is refused", async () => {
    const r = await request(api, { method: "POST", path: `${RBAC}/namespaces/default/rolebindings`, as: jane, body: binding("sneaky", "Role", "secret-reader", "jane") });
    expect(r.code).toBe(403);
    expect(r.json!.message).toBe(
      'rolebindings.rbac.authorization.k8s.io "sneaky" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    );
  });

  it("the bind verb on the role allows the binding; escalate allows the role", async () => {
    await ok({ method: "POST", path: `${RBAC}/namespaces/default/roles`, as: ADMIN, body: role("binder", [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind"], resourceNames: ["secret-reader"] },
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate"] },
    ]) });
    await ok({ method: "POST", path: `${RBAC}/namespaces/default/rolebindings`, as: ADMIN, body: binding("jane-binder", "Role", "binder", "jane") });
    expect((await request(api, { method: "POST", path: `${RBAC}/namespaces/default/rolebindings`, as: jane, body: binding("allowed", "Role", "secret-reader", "jane") })).code).toBe(201);
    expect((await request(api, { method: "POST", path: `${RBAC}/namespaces/default/roles`, as: jane, body: role("big", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]) })).code).toBe(201);
  });

  it("changing only finalizers or ownerReferences of a role is never an escalation", async () => {
    await ok({ method: "POST", path: `${RBAC}/namespaces/default/roles`, as: ADMIN, body: { ...role("gc", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]) } });
    const patch = (body: unknown) => request(api, { method: "PATCH", path: `${RBAC}/namespaces/default/roles/gc`, as: jane, headers: { "content-type": "application/merge-patch+json" }, body: body as object });
    await ok({ method: "POST", path: `${RBAC}/namespaces/default/roles`, as: ADMIN, body: role("patcher", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["patch"] }]) });
    await ok({ method: "POST", path: `${RBAC}/namespaces/default/rolebindings`, as: ADMIN, body: binding("jane-patcher", "Role", "patcher", "jane") });
    expect((await patch({ metadata: { finalizers: ["example.com/keep"] } })).code).toBe(200);
    expect((await patch({ metadata: { labels: { a: "b" } } })).code).toBe(403);
  });

  it("system:masters is never checked", async () => {
    expect((await request(api, { method: "POST", path: `${RBAC}/namespaces/default/roles`, as: ADMIN, body: role("all", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]) })).code).toBe(201);
  });
});

describe("NodeRestriction over HTTP", () => {
  it("a kubelet may not label another node", async () => {
    const r = await request(api, { method: "PATCH", path: "/api/v1/nodes/node02", as: node01, headers: { "content-type": "application/merge-patch+json" }, body: { metadata: { labels: { x: "y" } } } });
    expect(r.code).toBe(403);
    expect(r.json!.message).toBe('nodes "node02" is forbidden: node "node01" is not allowed to modify node "node02"');
  });

  it("a kubelet may set its own labels but not a role label", async () => {
    const patch = (labels: Record<string, string>) => request(api, { method: "PATCH", path: "/api/v1/nodes/node01", as: node01, headers: { "content-type": "application/merge-patch+json" }, body: { metadata: { labels } } });
    expect((await patch({ disk: "ssd" })).code).toBe(200);
    const r = await patch({ "node-role.kubernetes.io/control-plane": "" });
    expect(r.code).toBe(403);
    expect(r.json!.message).toBe('nodes "node01" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/control-plane');
  });

  it("a kubelet may not delete a pod bound to another node", async () => {
    await ok({ method: "POST", path: "/api/v1/namespaces/default/serviceaccounts", as: ADMIN, body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default" } } });
    await ok({ method: "POST", path: "/api/v1/namespaces/default/pods", as: ADMIN, body: { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { nodeName: "node02", containers: [{ name: "c", image: "nginx" }] } } });
    const r = await request(api, { method: "DELETE", path: "/api/v1/namespaces/default/pods/web", as: node01 });
    expect(r.code).toBe(403);
    expect(r.json!.message).toBe('pods "web" is forbidden: node "node01" can only delete pods with spec.nodeName set to itself');
  });

  it("a kubelet may create mirror pods only", async () => {
    const r = await request(api, { method: "POST", path: "/api/v1/namespaces/default/pods", as: node01, body: { apiVersion: "v1", kind: "Pod", metadata: { name: "evil" }, spec: { nodeName: "node01", containers: [{ name: "c", image: "nginx" }] } } });
    expect(r.code).toBe(403);
    expect(r.json!.message).toBe('pods "evil" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "node01" can only create mirror pods');
  });

  it("without the plugin enabled, a kubelet is only authorized", async () => {
    await api.close();
    api = await newTestServer({ authorizationModes: ["AlwaysAllow"], admission: { enabled: [], disabled: [], serviceCIDR: "10.96.0.0/12", nodePortRange: [30000, 32767] } });
    await ok({ method: "POST", path: "/api/v1/nodes", as: ADMIN, body: { apiVersion: "v1", kind: "Node", metadata: { name: "node02" } } });
    expect((await request(api, { method: "PATCH", path: "/api/v1/nodes/node02", as: node01, headers: { "content-type": "application/merge-patch+json" }, body: { metadata: { labels: { x: "y" } } } })).code).toBe(200);
  });
});
