// NodeRestriction cases and messages from plugin/pkg/admission/noderestriction/admission.go and
// its admission_test.go (v1.32).
import { describe, expect, it } from "vitest";
import type { KObject, UserInfo } from "../api/types";
import { admitNodeRestriction, nodeIdentity, type NodeRestrictionRequest } from "./node-restriction";
import type { AdmissionLookups } from "./types";

const node01: UserInfo = { username: "system:node:node01", groups: ["system:nodes", "system:authenticated"] };
const NODE_UID = "6f1c2a3e-0000-4000-8000-000000000001";
const nodes: Record<string, KObject> = {
  node01: { apiVersion: "v1", kind: "Node", metadata: { name: "node01", uid: NODE_UID, labels: { "kubernetes.io/hostname": "node01" } }, spec: {} },
};
const pods: Record<string, KObject> = {
  "default/mine": { apiVersion: "v1", kind: "Pod", metadata: { name: "mine", namespace: "default", uid: "p1", labels: { app: "a" } }, spec: { nodeName: "node01", containers: [] } },
  "default/theirs": { apiVersion: "v1", kind: "Pod", metadata: { name: "theirs", namespace: "default", uid: "p2" }, spec: { nodeName: "node02", containers: [] } },
};
const lookups: AdmissionLookups = {
  get: (_g, r, ns, name) => (r === "nodes" ? nodes[name] : r === "pods" ? pods[`${ns}/${name}`] : undefined),
  list: () => [],
};

const mirrorPod = (extra: { spec?: Record<string, unknown>; owner?: Record<string, unknown> | null; annotations?: boolean } = {}): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "static-web-node01",
    namespace: "default",
    ...(extra.annotations === false ? {} : { annotations: { "kubernetes.io/config.mirror": "abc" } }),
    ...(extra.owner === null ? {} : { ownerReferences: [{ apiVersion: "v1", kind: "Node", name: "node01", uid: NODE_UID, controller: true, ...(extra.owner ?? {}) }] }),
  } as KObject["metadata"],
  spec: { nodeName: "node01", containers: [{ name: "c", image: "nginx" }], ...(extra.spec ?? {}) },
});

const req = (r: Partial<NodeRestrictionRequest>): NodeRestrictionRequest => ({ operation: "CREATE", group: "", resource: "pods", subresource: "", namespace: "default", name: "", user: node01, ...r });
const node = (labels: Record<string, string>, taints?: unknown[]): KObject => ({ apiVersion: "v1", kind: "Node", metadata: { name: "node01", labels }, spec: taints ? { taints } : {} });

describe("nodeIdentity", () => {
  it.each([
    ["a kubelet", node01, "node01"],
    ["the right name without the group", { username: "system:node:node01", groups: [] }, undefined],
    ["the group without the prefix", { username: "node01", groups: ["system:nodes"] }, undefined],
    ["an empty node name", { username: "system:node:", groups: ["system:nodes"] }, ""],
  ] as [string, UserInfo, string | undefined][])("%s", (_n, user, want) => expect(nodeIdentity(user)).toBe(want));
});

describe("admitNodeRestriction", () => {
  const forbidden = (resource: string, name: string, why: string) => ({ code: 403, reason: "Forbidden", message: `${resource} "${name}" is forbidden: ${why}` });
  const cases: [string, NodeRestrictionRequest, ReturnType<typeof forbidden> | { code: number; reason: string; message: string } | null][] = [
    ["non-node users are not restricted", req({ user: { username: "alice", groups: [] }, object: mirrorPod({ annotations: false }) }), null],
    ["a mirror pod of its own", req({ object: mirrorPod() }), null],
    ["a regular pod", req({ object: mirrorPod({ annotations: false }) }), forbidden("pods", "static-web-node01", 'pod does not have "kubernetes.io/config.mirror" annotation, node "node01" can only create mirror pods')],
    ["a mirror pod for another node", req({ object: mirrorPod({ spec: { nodeName: "node02" } }) }), forbidden("pods", "static-web-node01", 'node "node01" can only create pods with spec.nodeName set to itself')],
    ["no owner reference", req({ object: mirrorPod({ owner: null }) }), forbidden("pods", "static-web-node01", 'node "node01" can only create pods with an owner reference set to itself')],
    ["an owner that is not a controller", req({ object: mirrorPod({ owner: { controller: false } }) }), forbidden("pods", "static-web-node01", 'node "node01" can only create pods with a controller owner reference set to itself')],
    ["blockOwnerDeletion", req({ object: mirrorPod({ owner: { blockOwnerDeletion: true } }) }), forbidden("pods", "static-web-node01", 'node "node01" must not set blockOwnerDeletion on an owner reference')],
    ["a stale node uid", req({ object: mirrorPod({ owner: { uid: "old" } }) }), forbidden("pods", "static-web-node01", `node node01 UID mismatch: expected old got ${NODE_UID}`)],
    ["a service account", req({ object: mirrorPod({ spec: { serviceAccountName: "default" } }) }), forbidden("pods", "static-web-node01", 'node "node01" can not create pods that reference a service account')],
    ["a secret volume", req({ object: mirrorPod({ spec: { volumes: [{ name: "s", secret: { secretName: "x" } }] } }) }), forbidden("pods", "static-web-node01", 'node "node01" can not create pods that reference secrets')],
    ["a configMap env", req({ object: mirrorPod({ spec: { containers: [{ name: "c", envFrom: [{ configMapRef: { name: "x" } }] }] } }) }), forbidden("pods", "static-web-node01", 'node "node01" can not create pods that reference configmaps')],
    ["a PVC volume", req({ object: mirrorPod({ spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "x" } }] } }) }), forbidden("pods", "static-web-node01", 'node "node01" can not create pods that reference persistentvolumeclaims')],
    ["updating a pod", req({ operation: "UPDATE", name: "mine", object: pods["default/mine"], oldObject: pods["default/mine"] }), forbidden("pods", "mine", 'unexpected operation "UPDATE", node "node01" can only create and delete mirror pods')],
    ["deleting its own pod", req({ operation: "DELETE", name: "mine" }), null],
    ["deleting another node's pod", req({ operation: "DELETE", name: "theirs" }), forbidden("pods", "theirs", 'node "node01" can only delete pods with spec.nodeName set to itself')],
    ["status of its own pod", req({ operation: "UPDATE", subresource: "status", name: "mine", object: pods["default/mine"], oldObject: pods["default/mine"] }), null],
    ["status of another node's pod", req({ operation: "UPDATE", subresource: "status", name: "theirs", object: pods["default/theirs"], oldObject: pods["default/theirs"] }), forbidden("pods", "theirs", 'node "node01" can only update pod status for pods with spec.nodeName set to itself')],
    ["labels through pod status", req({ operation: "UPDATE", subresource: "status", name: "mine", object: { ...pods["default/mine"], metadata: { name: "mine", labels: { app: "b" } } }, oldObject: pods["default/mine"] }), forbidden("pods", "mine", 'node "node01" cannot update labels through pod status')],
    ["evicting another node's pod", req({ subresource: "eviction", name: "theirs", object: { kind: "Eviction", metadata: { name: "theirs" } } }), forbidden("pods", "theirs", "node node01 can only evict pods with spec.nodeName set to itself")],
    ["another subresource", req({ operation: "UPDATE", subresource: "ephemeralcontainers", name: "mine" }), forbidden("pods", "mine", `unexpected pod subresource "ephemeralcontainers", only 'status' and 'eviction' are allowed`)],
    ["another Node", req({ operation: "UPDATE", resource: "nodes", name: "node02", object: node({}), oldObject: node({}) }), forbidden("nodes", "node02", 'node "node01" is not allowed to modify node "node02"')],
    ["deleting another Node", req({ operation: "DELETE", resource: "nodes", name: "controlplane" }), forbidden("nodes", "controlplane", 'node "node01" is not allowed to modify node "controlplane"')],
    ["its own Node's kubelet labels", req({ operation: "UPDATE", resource: "nodes", name: "node01", object: node({ "node.kubernetes.io/exclude-from-external-load-balancers": "", "foo": "bar" }), oldObject: node({}) }), null],
    ["a role label", req({ operation: "UPDATE", resource: "nodes", name: "node01", object: node({ "node-role.kubernetes.io/worker": "", "node-restriction.kubernetes.io/x": "y" }), oldObject: node({}) }), forbidden("nodes", "node01", "is not allowed to modify labels: node-restriction.kubernetes.io/x, node-role.kubernetes.io/worker")],
    ["registering with a role label", req({ resource: "nodes", object: node({ "node-role.kubernetes.io/control-plane": "" }) }), forbidden("nodes", "node01", 'node "node01" is not allowed to set the following labels: node-role.kubernetes.io/control-plane')],
    ["removing its taints", req({ operation: "UPDATE", resource: "nodes", name: "node01", object: node({}), oldObject: node({}, [{ key: "k", effect: "NoSchedule" }]) }), forbidden("nodes", "node01", 'node "node01" is not allowed to modify taints')],
    ["a lease outside kube-node-lease", req({ group: "coordination.k8s.io", resource: "leases", namespace: "default", object: { metadata: { name: "node01" } } }), forbidden("leases.coordination.k8s.io", "node01", 'can only access leases in the "kube-node-lease" system namespace')],
    ["another node's lease", req({ operation: "UPDATE", group: "coordination.k8s.io", resource: "leases", namespace: "kube-node-lease", name: "node02" }), forbidden("leases.coordination.k8s.io", "node02", "can only access node lease with the same name as the requesting node")],
    ["its own lease", req({ operation: "UPDATE", group: "coordination.k8s.io", resource: "leases", namespace: "kube-node-lease", name: "node01" }), null],
    ["a PVC spec", req({ operation: "UPDATE", resource: "persistentvolumeclaims", name: "data" }), forbidden("persistentvolumeclaims", "data", "may only update PVC status")],
    ["a token not bound to a pod", req({ resource: "serviceaccounts", subresource: "token", name: "default", object: { spec: {} } }), forbidden("serviceaccounts", "default", "node requested token not bound to a pod")],
    ["a token for another node's pod", req({ resource: "serviceaccounts", subresource: "token", name: "default", object: { spec: { boundObjectRef: { apiVersion: "v1", kind: "Pod", name: "theirs", uid: "p2" } } } }), forbidden("serviceaccounts", "default", "node requested token bound to a pod scheduled on a different node")],
    ["a token for a missing pod", req({ resource: "serviceaccounts", subresource: "token", name: "default", object: { spec: { boundObjectRef: { apiVersion: "v1", kind: "Pod", name: "gone", uid: "p9" } } } }), { code: 404, reason: "NotFound", message: 'pod "gone" not found' }],
    ["an unrelated resource", req({ resource: "configmaps", object: { metadata: { name: "x" } } }), null],
  ];
  for (const [name, r, want] of cases) {
    it(name, () => {
      const got = admitNodeRestriction(r, lookups);
      if (want === null) expect(got).toBeNull();
      else expect({ code: got?.code, reason: got?.reason, message: got?.message }).toEqual(want);
    });
  }
});
