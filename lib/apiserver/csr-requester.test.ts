// A CertificateSigningRequest records who sent it (csrStrategy.PrepareForCreate in
// pkg/registry/certificates/certificates/strategy.go): spec.username and spec.groups come from
// the authenticated user, whatever the body says, and the status starts empty.
import { describe, expect, it } from "vitest";
import { ADMIN, newTestServer, request } from "./testing/http.js";

const CSR = {
  apiVersion: "certificates.k8s.io/v1",
  kind: "CertificateSigningRequest",
  metadata: { name: "jane" },
  spec: {
    request: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==",
    signerName: "kubernetes.io/kube-apiserver-client",
    usages: ["client auth"],
    username: "system:masters-impostor",
    groups: ["system:masters"],
  },
  status: { conditions: [{ type: "Approved", status: "True", reason: "Forged", message: "" }] },
};

describe("CSR requester", () => {
  it.each([
    ["kubectl's admin", ADMIN, { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:masters", "system:authenticated"] }],
    ["a user without groups", { user: "jane" }, { username: "jane", groups: ["system:authenticated"] }],
  ])("is %s, from the request's identity", async (_name, as, want) => {
    const api = await newTestServer();
    const r = await request(api, { method: "POST", path: "/apis/certificates.k8s.io/v1/certificatesigningrequests", body: CSR, as });
    expect(r.code).toBe(201);
    const spec = r.json!.spec as Record<string, unknown>;
    expect({ username: spec.username, groups: spec.groups }).toEqual(want);
    expect(r.json!.status).toEqual({});
  });
});
