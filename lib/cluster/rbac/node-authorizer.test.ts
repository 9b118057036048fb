import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { nodeAuthorizer } from "./node-authorizer";
import type { Attributes } from "./types";

const pod: KObject = {
  metadata: { name: "web", namespace: "app" },
  spec: {
    nodeName: "node01",
    serviceAccountName: "web-sa",
    imagePullSecrets: [{ name: "regcred" }],
    containers: [{ name: "c", env: [{ name: "A", valueFrom: { configMapKeyRef: { name: "env-cm", key: "a" } } }], envFrom: [{ secretRef: { name: "env-secret" } }] }],
    volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }, { name: "cfg", configMap: { name: "vol-cm" } }],
  },
};
const graph = {
  podsOnNode: (n: string) => (n === "node01" ? [pod] : []),
  getPersistentVolumeClaim: (ns: string, name: string) =>
    ns === "app" && name === "data" ? { metadata: { name }, spec: { volumeName: "pv-1" } } : undefined,
};
const node = (name: string) => ({ username: `system:node:${name}`, groups: ["system:nodes", "system:authenticated"] });
const a = (user: ReturnType<typeof node>, verb: string, resource: string, extra: Partial<Attributes> = {}): Attributes => ({
  user, verb, resource, apiGroup: "", namespace: "app", resourceRequest: true, ...extra,
});
const authz = nodeAuthorizer(graph);

describe("nodeAuthorizer", () => {
  it.each([
    ["secret referenced by a pod on the node", a(node("node01"), "get", "secrets", { name: "env-secret" }), "allow", ""],
    ["image pull secret", a(node("node01"), "watch", "secrets", { name: "regcred" }), "allow", ""],
    ["configmap from env", a(node("node01"), "get", "configmaps", { name: "env-cm" }), "allow", ""],
    ["configmap from a volume", a(node("node01"), "list", "configmaps", { name: "vol-cm" }), "allow", ""],
    ["other node, same secret", a(node("node02"), "get", "secrets", { name: "env-secret" }), "no-opinion", "no relationship found between node 'node02' and this object"],
    ["secret list without a name", a(node("node01"), "list", "secrets"), "no-opinion", "No Object name found"],
    ["secret writes", a(node("node01"), "update", "secrets", { name: "env-secret" }), "no-opinion", "can only read resources of this type"],
    ["its PVC and PV", a(node("node01"), "get", "persistentvolumes", { name: "pv-1", namespace: "" }), "allow", ""],
    ["PVC list", a(node("node01"), "list", "persistentvolumeclaims"), "no-opinion", "can only get individual resources of this type"],
    ["SA token for its pod", a(node("node01"), "create", "serviceaccounts", { name: "web-sa", subresource: "token" }), "allow", ""],
    ["own lease", a(node("node01"), "update", "leases", { apiGroup: "coordination.k8s.io", namespace: "kube-node-lease", name: "node01" }), "allow", ""],
    ["other lease", a(node("node01"), "update", "leases", { apiGroup: "coordination.k8s.io", namespace: "kube-node-lease", name: "node02" }), "no-opinion", "can only access node lease with the same name as the requesting node"],
    ["own Node", a(node("node01"), "get", "nodes", { namespace: "", name: "node01" }), "allow", ""],
    ["its pods by field selector", a(node("node01"), "watch", "pods", { namespace: "", fieldSelector: "spec.nodeName=node01" }), "allow", ""],
    ["pods of another node", a(node("node01"), "list", "pods", { namespace: "", fieldSelector: "spec.nodeName=node02" }), "no-opinion", "can only list/watch pods with spec.nodeName field selector"],
    ["pod status through system:node rules", a(node("node01"), "patch", "pods", { name: "web", subresource: "status" }), "allow", ""],
    ["services through system:node rules", a(node("node01"), "list", "services", { namespace: "" }), "allow", ""],
    ["not a node", a({ username: "jane", groups: [] } as never, "get", "secrets", { name: "x" }), "no-opinion", ""],
    ["node name without the group", a({ username: "system:node:node01", groups: [] } as never, "get", "secrets", { name: "env-secret" }), "no-opinion", ""],
  ])("%s", (_n, attrs, decision, reason) => expect(authz.authorize(attrs)).toEqual({ decision, reason }));
});
