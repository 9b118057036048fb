import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { GR } from "../../../../cluster/client/types.js";
import { caCertHash } from "../token";
import { ENDPOINT, joinFixture, TOKEN } from "./testing";

const STACK = "To see the stack trace of this error execute with --v=5 or higher\n";

describe("kubeadm join: flags and preflight", () => {
  it("refuses token discovery without a CA hash (validation, exit status 3)", async () => {
    const f = await joinFixture();
    const r = await f.kubeadm("node02", ["join", ENDPOINT, "--token", TOKEN]);
    expect(r).toEqual({
      code: 3,
      out: "",
      err: 'discovery.bootstrapToken: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue\n' + STACK,
    });
  });

  // The fatal errors a real join prints on a node that is already joined (kubelet running).
  const cases = [
    {
      name: "every check fatal",
      ignore: [] as string[],
      warnings: "",
      errors: [
        "\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists",
        "\t[ERROR Port-10250]: Port 10250 is in use",
        "\t[ERROR FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists",
      ],
    },
    {
      name: "ignored checks become warnings (names are case-insensitive)",
      ignore: ["--ignore-preflight-errors=port-10250,FileAvailable--etc-kubernetes-kubelet.conf"],
      // RunChecks writes warnings to stderr.
      warnings: "\t[WARNING FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n\t[WARNING Port-10250]: Port 10250 is in use\n",
      errors: ["\t[ERROR FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists"],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const f = await joinFixture();
      const r = await f.kubeadm("node01", ["join", ENDPOINT, "--token", TOKEN, "--discovery-token-ca-cert-hash", caCertHash(f.caPem), ...c.ignore]);
      expect(r).toEqual({
        code: 1,
        out: "[preflight] Running pre-flight checks\n",
        err:
          c.warnings +
          "error execution phase preflight: [preflight] Some fatal errors occurred:\n" +
          c.errors.map((e) => e + "\n").join("") +
          "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n" +
          STACK,
      });
    });
  }

  it("warns when the kubelet service is not enabled", async () => {
    const f = await joinFixture();
    f.state.kubeletEnabled = false;
    f.state.kubeletActive = false;
    // The kubelet registers its Node once started.
    f.state.onStart = () => f.cluster.seed(GR.nodes, { apiVersion: "v1", kind: "Node", metadata: { name: "node02" } });
    const r = await f.kubeadm("node02", ["join", ENDPOINT, "--token", TOKEN, "--discovery-token-ca-cert-hash", caCertHash(f.caPem)]);
    expect(r.out.split("\n")[0]).toBe("[preflight] Running pre-flight checks");
    expect(r.err).toBe("\t[WARNING Service-Kubelet]: kubelet service is not enabled, please run 'systemctl enable kubelet.service'\n");
    expect(r.code).toBe(0);
  });
});

describe("kubeadm join: discovery", () => {
  const wrongHash = "sha256:" + "0".repeat(64);
  const cases = [
    {
      name: "CA hash of another CA",
      args: ["--token", TOKEN, "--discovery-token-ca-cert-hash", wrongHash],
      err: (ca: string) => `cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "${caCertHash(ca)}" are pinned`,
    },
    {
      name: "CA hash one byte short",
      args: ["--token", TOKEN, "--discovery-token-ca-cert-hash", "sha256:" + "a".repeat(62)],
      err: () => `invalid discovery token CA certificate hash: invalid hash "sha256:${"a".repeat(62)}", expected a 32 byte SHA-256 hash, found 31 bytes`,
    },
    {
      name: "token secret that does not sign cluster-info",
      args: ["--token", "abcdef.aaaaaaaaaaaaaaaa", "--discovery-token-unsafe-skip-ca-verification"],
      err: () => "failed to verify JWS signature of received cluster info object, can't trust this API Server",
    },
    {
      name: "unknown token id: retried until the 5m discovery timeout",
      args: ["--token", "zzzzzz.0123456789abcdef", "--discovery-token-unsafe-skip-ca-verification"],
      err: () => 'could not find a JWS signature in the cluster-info ConfigMap for token ID "zzzzzz"',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const f = await joinFixture();
      f.state.kubeletActive = false;
      const r = await f.kubeadm("node02", ["join", ENDPOINT, ...c.args]);
      expect(r).toEqual({ code: 1, out: "[preflight] Running pre-flight checks\n", err: `error execution phase preflight: couldn't validate the identity of the API Server: ${c.err(f.caPem)}\n${STACK}` });
      expect(fs.existsSync(f.nodePath("node02")("/etc/kubernetes"))).toBe(false);
    });
  }

  it("an unreachable endpoint reports the last request error", async () => {
    const f = await joinFixture();
    f.state.kubeletActive = false;
    const start = f.time.now().getTime();
    const r = await f.kubeadm("node02", ["join", "10.0.0.1:6443", "--token", TOKEN, "--discovery-token-unsafe-skip-ca-verification"]);
    expect(r.err).toBe(
      'error execution phase preflight: couldn\'t validate the identity of the API Server: failed to request the cluster-info ConfigMap: Get "https://10.0.0.1:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 10.0.0.1:6443: connect: connection refused\n' +
        STACK,
    );
    expect(f.time.now().getTime() - start).toBeGreaterThanOrEqual(5 * 60_000);
  });
});
