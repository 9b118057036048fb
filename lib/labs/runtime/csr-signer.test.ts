// The csrsigning and csrapproving controllers end to end with real X.509: a CSR made by openssl,
// approved, signed with a kubeadm-style CA on disk, and checked by openssl.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { GR } from "../../cluster/client/types.js";
import { CSRSigningController } from "../../cluster/controllers/certificates/signer.js";
import { CSRApprovingController } from "../../cluster/controllers/certificates/approver.js";
import { harness } from "../../cluster/controllers/util/testing.js";
import { settle } from "../../cluster/runtime/timers.js";
import { generateRsaKeyPair, newSelfSignedCA } from "../../node/kubeadm/pki.js";
import { certificateNotAfter, labSignerLoader } from "./csr-signer.js";

const openssl = (args: string[], input?: string) => execFileSync("openssl", args, { input, encoding: "utf8" });

async function fixture() {
  const dir = mkdtempSync(path.join(tmpdir(), "csr-"));
  const ca = newSelfSignedCA(await generateRsaKeyPair(), { commonName: "kubernetes", notBefore: new Date("2025-12-31T00:00:00Z"), notAfter: new Date("2035-12-29T00:00:00Z") });
  writeFileSync(path.join(dir, "ca.crt"), ca.certPem);
  writeFileSync(path.join(dir, "ca.key"), ca.keyPem);
  return dir;
}

function csrObject(name: string, pem: string, spec: Record<string, unknown>, conditions: unknown[] = []) {
  return {
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: { name },
    spec: { request: Buffer.from(pem).toString("base64"), ...spec },
    status: conditions.length ? { conditions } : {},
  };
}

const APPROVED = [{ type: "Approved", status: "True", reason: "KubectlApprove", message: "This CSR was approved by kubectl certificate approve.", lastUpdateTime: "2026-01-01T00:00:00Z" }];

describe("csrsigning with the cluster CA", () => {
  it("signs an approved kube-apiserver-client CSR with its subject, usages and expirationSeconds", async () => {
    const dir = await fixture();
    const key = path.join(dir, "jane.key");
    const pem = openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-subj", "/CN=jane/O=dev"]);
    const h = harness("2026-01-01T00:00:00Z", { "cluster-signing-cert-file": "/etc/kubernetes/pki/ca.crt", "cluster-signing-key-file": "/etc/kubernetes/pki/ca.key" });
    h.client.seed(GR.certificatesigningrequests, csrObject("jane", pem, { signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"], expirationSeconds: 86400, username: "kubernetes-admin" }, APPROVED));
    const c = new CSRSigningController(h.ctx, labSignerLoader((p) => path.join(dir, path.basename(p))));
    c.start();
    await settle(50);
    c.stop();
    const b64 = (h.client.get(GR.certificatesigningrequests, "", "jane")!.status as { certificate?: string }).certificate!;
    const cert = Buffer.from(b64, "base64").toString();
    writeFileSync(path.join(dir, "jane.crt"), cert);
    expect(openssl(["x509", "-noout", "-subject", "-enddate", "-startdate"], cert)).toBe("subject=O = dev, CN = jane\nnotAfter=Jan  1 23:55:00 2026 GMT\nnotBefore=Dec 31 23:55:00 2025 GMT\n");
    expect(openssl(["verify", "-attime", String(Date.parse("2026-01-01T12:00:00Z") / 1000), "-CAfile", path.join(dir, "ca.crt"), path.join(dir, "jane.crt")])).toBe(`${path.join(dir, "jane.crt")}: OK\n`);
    expect(openssl(["x509", "-noout", "-ext", "extendedKeyUsage,keyUsage"], cert)).toBe("X509v3 Extended Key Usage: \n    TLS Web Client Authentication\n");
    // the key openssl made matches the certificate
    expect(openssl(["x509", "-noout", "-pubkey"], cert)).toBe(openssl(["pkey", "-pubout", "-in", key]));
    expect(certificateNotAfter(cert)).toBe(Date.parse("2026-01-01T23:55:00Z"));
    expect(readFileSync(path.join(dir, "ca.crt"), "utf8")).toContain("BEGIN CERTIFICATE");
  });

  it.each([
    ["server auth for a client signer", "kubernetes.io/kube-apiserver-client", ["server auth"], "/CN=x", "invalid usage for client certificate: server auth"],
    ["no client auth", "kubernetes.io/kube-apiserver-client", ["digital signature"], "/CN=x", "missing required usage for client certificate: client auth"],
    ["kubelet client without system:nodes", "kubernetes.io/kube-apiserver-client-kubelet", ["digital signature", "client auth"], "/CN=system:node:n1", "subject organization is not system:nodes"],
  ])("fails a CSR that does not suit its signer: %s", async (_n, signerName, usages, subj, message) => {
    const dir = await fixture();
    const pem = openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "k"), "-subj", subj]);
    const h = harness("2026-01-01T00:00:00Z", { "cluster-signing-cert-file": "ca.crt", "cluster-signing-key-file": "ca.key" });
    h.client.seed(GR.certificatesigningrequests, csrObject("x", pem, { signerName, usages }, APPROVED));
    const c = new CSRSigningController(h.ctx, labSignerLoader((p) => path.join(dir, p)));
    c.start();
    await settle(50);
    c.stop();
    expect((h.client.get(GR.certificatesigningrequests, "", "x")!.status as { conditions: unknown[] }).conditions[1]).toEqual({ type: "Failed", status: "True", reason: "SignerValidationFailure", message, lastUpdateTime: "2026-01-01T00:00:00Z" });
  });
});

describe("csrapproving", () => {
  it("approves a bootstrap token's kubelet client CSR (nodeclient) and leaves a user's CSR alone", async () => {
    const dir = await fixture();
    const node = openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path.join(dir, "n"), "-subj", "/O=system:nodes/CN=system:node:node03"]);
    const user = openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "u"), "-subj", "/CN=jane"]);
    const h = harness();
    h.client.seed({ group: "rbac.authorization.k8s.io", resource: "clusterroles" }, { metadata: { name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient" }, rules: [{ apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/nodeclient"], verbs: ["create"] }] });
    h.client.seed({ group: "rbac.authorization.k8s.io", resource: "clusterrolebindings" }, {
      metadata: { name: "kubeadm:node-autoapprove-bootstrap" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:bootstrappers:kubeadm:default-node-token" }],
    });
    const bootstrap = { username: "system:bootstrap:abcdef", groups: ["system:bootstrappers", "system:bootstrappers:kubeadm:default-node-token", "system:authenticated"] };
    h.client.seed(GR.certificatesigningrequests, csrObject("node-csr-1", node, { signerName: "kubernetes.io/kube-apiserver-client-kubelet", usages: ["digital signature", "client auth"], ...bootstrap }));
    h.client.seed(GR.certificatesigningrequests, csrObject("jane", user, { signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"], ...bootstrap }));
    // FakeCluster has no approval subresource: read what the controller PUT to csr/approval.
    const update = vi.spyOn(h.client, "update");
    const c = new CSRApprovingController(h.ctx);
    c.start();
    await settle(50);
    c.stop();
    // (the fake drops the conditions, so the controller approves again on each event: only node-csr-1 is ever written)
    expect(new Set(update.mock.calls.map(([, obj, opts]) => `${obj.metadata?.name}/${opts?.subresource}`))).toEqual(new Set(["node-csr-1/approval"]));
    expect((update.mock.calls[0][1].status as { conditions: unknown[] }).conditions).toEqual([
      { type: "Approved", status: "True", reason: "AutoApproved", message: "Auto approving kubelet client certificate after SubjectAccessReview." },
    ]);
    expect(h.client.get(GR.certificatesigningrequests, "", "jane")!.status).toEqual({});
  });
});
