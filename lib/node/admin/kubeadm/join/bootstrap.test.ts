import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { X509Certificate } from "node:crypto";
import { GR } from "../../../../cluster/client/types.js";
import { parseCSR } from "../../../../cluster/controllers/certificates/csr.js";
import { renderBootstrappedKubeletConf } from "../../../kubeadm";
import { caCertHash } from "../token";
import { ENDPOINT, joinFixture, TOKEN } from "./testing";

const STACK = "To see the stack trace of this error execute with --v=5 or higher\n";

// A v1.32 worker join's output (phases/join/kubelet.go, apiclient WaitForKubelet, join.go
// joinWorkerNodeDoneMsg); the kubelet's health time varies and is checked by shape.
const JOINED = [
  "[preflight] Running pre-flight checks",
  '[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
  "[preflight] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.",
  '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
  '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
  "[kubelet-start] Starting the kubelet",
  "[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s",
  "[kubelet-check] The kubelet is healthy after <d>",
  "[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap",
  "",
  "This node has joined the cluster:",
  "* Certificate signing request was sent to apiserver and a response was received.",
  "* The Kubelet was informed of the new secure connection details.",
  "",
  "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.",
  "",
  "",
].join("\n");

const maskHealth = (out: string) => out.replace(/healthy after \d+(\.\d+)?(ms|s)/, "healthy after <d>");

describe("kubeadm join: TLS bootstrap", () => {
  it("reset then join node01: files, CSR, kubelet restarted, Node annotated", async () => {
    const f = await joinFixture();
    const at = f.nodePath("node01");
    expect((await f.kubeadm("node01", ["reset", "-f"])).code).toBe(0);
    f.calls.length = 0;
    const r = await f.kubeadm("node01", ["join", ENDPOINT, "--token", TOKEN, "--discovery-token-ca-cert-hash", caCertHash(f.caPem)]);
    expect({ ...r, out: maskHealth(r.out) }).toEqual({ code: 0, out: JOINED, err: "" });

    // The kubelet's files as kubeadm and the bootstrapped kubelet leave them.
    const kubeletCM = (f.cluster.get(GR.configmaps, "kube-system", "kubelet-config")!.data as Record<string, string>).kubelet;
    expect(fs.readFileSync(at("/var/lib/kubelet/config.yaml"), "utf8")).toBe(kubeletCM);
    expect(fs.readFileSync(at("/var/lib/kubelet/kubeadm-flags.env"), "utf8")).toBe(
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    );
    expect(fs.readFileSync(at("/etc/kubernetes/pki/ca.crt"), "utf8")).toBe(f.caPem);
    expect(fs.readFileSync(at("/etc/kubernetes/kubelet.conf"), "utf8")).toBe(renderBootstrappedKubeletConf({ server: `https://${ENDPOINT}`, caPem: f.caPem }));
    expect((fs.statSync(at("/etc/kubernetes/kubelet.conf")).mode & 0o777).toString(8)).toBe("600");
    expect(fs.existsSync(at("/etc/kubernetes/bootstrap-kubelet.conf"))).toBe(false);
    const pems = fs.readdirSync(at("/var/lib/kubelet/pki")).sort();
    expect(pems.filter((p) => p.startsWith("kubelet-client-"))).toEqual([expect.stringMatching(/^kubelet-client-2026-11-25-10-00-\d\d\.pem$/), "kubelet-client-current.pem"]);
    expect(fs.readlinkSync(at("/var/lib/kubelet/pki/kubelet-client-current.pem"))).toBe(`/var/lib/kubelet/pki/${pems[0]}`);
    expect(pems).toContain("kubelet.crt");

    // The issued certificate: the node's identity, from the cluster CA, with the ECDSA key after it.
    // (The link is absolute inside the node, as the kubelet makes it: read its target.)
    const pem = fs.readFileSync(at(fs.readlinkSync(at("/var/lib/kubelet/pki/kubelet-client-current.pem"))), "utf8");
    const cert = new X509Certificate(pem);
    expect([cert.subject, cert.checkIssued(new X509Certificate(f.caPem)), cert.publicKey.asymmetricKeyDetails]).toEqual([
      "O=system:nodes\nCN=system:node:node01",
      true,
      { namedCurve: "prime256v1" },
    ]);
    expect(pem).toMatch(/-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----/);

    // The CSR as the kubelet sends it, under the bootstrap token's identity.
    const csr = f.csr().find((c) => (c.spec as { username: string }).username === "system:bootstrap:abcdef")!;
    const spec = csr.spec as { signerName: string; usages: string[]; request: string };
    expect([csr.metadata?.name, spec.signerName, spec.usages]).toEqual([expect.stringMatching(/^csr-[a-z0-9]{5}$/), "kubernetes.io/kube-apiserver-client-kubelet", ["digital signature", "client auth"]]);
    const req = parseCSR(Buffer.from(spec.request, "base64").toString());
    expect([req.commonName, req.organization]).toEqual(["system:node:node01", ["system:nodes"]]);

    expect(f.calls.filter((c) => c[0] === "systemctl")).toEqual([
      ["systemctl", "is-active", "--quiet", "kubelet"],
      ["systemctl", "is-enabled", "--quiet", "kubelet"],
      ["systemctl", "stop", "kubelet"],
      ["systemctl", "restart", "kubelet"],
      ["systemctl", "is-active", "--quiet", "kubelet"],
    ]);
    expect(f.cluster.get(GR.nodes, "", "node01")?.metadata?.annotations).toEqual({ "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock" });
  });

  it("--node-name adds --hostname-override to the kubelet flags", async () => {
    const f = await joinFixture();
    f.state.kubeletActive = false;
    f.state.onStart = () => f.cluster.seed(GR.nodes, { apiVersion: "v1", kind: "Node", metadata: { name: "worker-9" } });
    const r = await f.kubeadm("node02", ["join", ENDPOINT, "--token", TOKEN, "--discovery-token-ca-cert-hash", caCertHash(f.caPem), "--node-name", "worker-9"]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(f.nodePath("node02")("/var/lib/kubelet/kubeadm-flags.env"), "utf8")).toBe(
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --hostname-override=worker-9 --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    );
  });

  it("refuses a name whose Node is still Ready", async () => {
    const f = await joinFixture();
    f.state.kubeletActive = false;
    f.cluster.seed(GR.nodes, { apiVersion: "v1", kind: "Node", metadata: { name: "node02" }, status: { conditions: [{ type: "Ready", status: "True" }] } });
    const r = await f.kubeadm("node02", ["join", ENDPOINT, "--token", TOKEN, "--discovery-token-ca-cert-hash", caCertHash(f.caPem)]);
    expect(r.err).toBe(
      'error execution phase kubelet-start: a Node with name "node02" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node\n' +
        STACK,
    );
    expect(fs.existsSync(f.nodePath("node02")("/etc/kubernetes/bootstrap-kubelet.conf"))).toBe(false);
  });

  it("a CSR never approved fails after the TLS bootstrap timeout with kubeadm's hint", async () => {
    const f = await joinFixture({ approve: false });
    f.state.kubeletActive = false;
    const r = await f.kubeadm("node02", ["join", ENDPOINT, "--token", TOKEN, "--discovery-token-ca-cert-hash", caCertHash(f.caPem)]);
    const hint = [
      "",
      "Unfortunately, an error has occurred:",
      "\tcontext deadline exceeded",
      "",
      "This error is likely caused by:",
      "\t- The kubelet is not running",
      "\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)",
      "",
      "If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:",
      "\t- 'systemctl status kubelet'",
      "\t- 'journalctl -xeu kubelet'",
      "",
    ].join("\n");
    expect({ ...r, out: maskHealth(r.out) }).toEqual({
      code: 1,
      out: JOINED.slice(0, JOINED.indexOf("\nThis node")) + hint,
      err: "error execution phase kubelet-start: context deadline exceeded\n" + STACK,
    });
    expect(fs.existsSync(f.nodePath("node02")("/etc/kubernetes/kubelet.conf"))).toBe(false);
  });
});
