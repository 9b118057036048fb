// Test fixture for reset/join: the lab fixture's node trees and cluster, plus what a join needs
// (cluster-info signed for the token abcdef.0123456789abcdef, its bootstrap Secret), a fake node
// exec (systemctl/crictl) and a fake bootstrap client that authenticates the token and plays the
// CSR approver and signer.
import { createPublicKey } from "node:crypto";
import { PassThrough } from "node:stream";
import { StatusError, type KObject } from "../../../../cluster/api/types.js";
import { clusterInfoKubeconfig, computeDetachedSignature } from "../../../../cluster/bootstrap/kubeadm.js";
import { counterRandom, type FakeCluster } from "../../../../cluster/client/fake.js";
import { GR } from "../../../../cluster/client/types.js";
import { TOPOLOGY } from "../../../../cluster/bootstrap/topology.js";
import { parseCSR } from "../../../../cluster/controllers/certificates/csr.js";
import type { FakeTime } from "../../../../cluster/runtime/timers.js";
import { certToPem, signClientCertificate, type CertificateAuthority } from "../../../kubeadm";
import { run } from "../../../systemd/testing";
import { kubeadmCommand } from "../index";
import type { NodeExec } from "../node-exec";
import { labFixture, testKeys } from "../testing";
import type { BootstrapClient, BootstrapClientFactory } from "./client";

export const TOKEN = "abcdef.0123456789abcdef";
export const ENDPOINT = "172.30.1.2:6443";

const b64 = (s: string) => Buffer.from(s).toString("base64");

export function fakeBootstrapClient(cluster: FakeCluster, ca: CertificateAuthority, time: FakeTime, opts: { approve: boolean }): BootstrapClientFactory {
  return (endpoint, token) => {
    const reach = (url: string) => {
      if (endpoint !== ENDPOINT) throw new Error(`Get "https://${endpoint}${url}?timeout=10s": dial tcp ${endpoint}: connect: connection refused`);
      if (token === undefined) return;
      const [id, secret] = token.split(".");
      const s = cluster.get(GR.secrets, "kube-system", `bootstrap-token-${id}`);
      const got = Buffer.from(((s?.data ?? {}) as Record<string, string>)["token-secret"] ?? "", "base64").toString();
      if (got !== secret) throw new StatusError(401, "Unauthorized", "Unauthorized");
    };
    const client: BootstrapClient = {
      async getConfigMap(ns, name) {
        reach(`/api/v1/namespaces/${ns}/configmaps/${name}`);
        const cm = cluster.get(GR.configmaps, ns, name);
        if (!cm) throw new StatusError(404, "NotFound", `configmaps "${name}" not found`);
        return cm;
      },
      async getNode(name) {
        reach(`/api/v1/nodes/${name}`);
        return cluster.get(GR.nodes, "", name);
      },
      async createCSR(csr) {
        reach("/apis/certificates.k8s.io/v1/certificatesigningrequests");
        const [id] = token!.split(".");
        const created = await cluster.create(GR.certificatesigningrequests, {
          ...csr,
          spec: { ...(csr.spec as object), username: `system:bootstrap:${id}`, groups: ["system:bootstrappers", "system:bootstrappers:kubeadm:default-node-token", "system:authenticated"] },
        });
        if (!opts.approve) return created;
        const spec = created.spec as { request: string; usages: string[] };
        const req = parseCSR(Buffer.from(spec.request, "base64").toString());
        const cert = signClientCertificate(ca, {
          publicKey: createPublicKey({ key: Buffer.from(req.publicKeySpki), format: "der", type: "spki" }),
          commonName: req.commonName,
          organization: req.organization,
          usages: spec.usages,
          now: time.now(),
        });
        const approved = { type: "Approved", status: "True", reason: "AutoApproved", message: "Auto approving kubelet client certificate after SubjectAccessReview." };
        await cluster.update(GR.certificatesigningrequests, { ...created, status: { conditions: [approved], certificate: b64(certToPem(cert)) } }, { subresource: "status" });
        return created;
      },
      async getCSR(name) {
        reach(`/apis/certificates.k8s.io/v1/certificatesigningrequests/${name}`);
        return cluster.get(GR.certificatesigningrequests, "", name)!;
      },
    };
    return client;
  };
}

/** The node's systemctl/crictl as kubeadm sees them, recording every call. */
export function fakeExec(state: { kubeletActive: boolean; kubeletEnabled: boolean; onStart?: () => void }, calls: string[][]): NodeExec {
  return async (argv) => {
    calls.push(argv);
    const ok = { code: 0, stdout: "", stderr: "" };
    const [cmd, verb] = argv;
    if (cmd === "systemctl" && verb === "is-active") return { ...ok, code: state.kubeletActive ? 0 : 3 };
    if (cmd === "systemctl" && verb === "is-enabled") return { ...ok, code: state.kubeletEnabled ? 0 : 1 };
    if (cmd === "systemctl" && verb === "stop") state.kubeletActive = false;
    if (cmd === "systemctl" && verb === "restart") {
      state.kubeletActive = true;
      state.onStart?.();
    }
    if (cmd === "crictl" && verb === "pods") return { ...ok, stdout: "0a1b2c3d4e5f6\n9f8e7d6c5b4a3\n" };
    return ok;
  };
}

export async function joinFixture(opts: { approve?: boolean } = {}) {
  const lab = await labFixture();
  const { cluster, pki, time } = lab;
  const caPem = pki.cluster.ca.certPem;
  const kubeconfig = clusterInfoKubeconfig({ topology: TOPOLOGY } as unknown as Parameters<typeof clusterInfoKubeconfig>[0], caPem);
  const [id, secret] = TOKEN.split(".");
  cluster.seed(GR.configmaps, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cluster-info", namespace: "kube-public" },
    data: { [`jws-kubeconfig-${id}`]: computeDetachedSignature(kubeconfig, id, secret), kubeconfig },
  });
  cluster.seed(GR.secrets, {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
    data: { "token-id": b64(id), "token-secret": b64(secret), "usage-bootstrap-authentication": b64("true"), "usage-bootstrap-signing": b64("true") },
  });
  const calls: string[][] = [];
  const state: { kubeletActive: boolean; kubeletEnabled: boolean; onStart?: () => void } = { kubeletActive: true, kubeletEnabled: true };
  const pool = await testKeys();
  const command = (nodeName: string) =>
    kubeadmCommand({
      client: async () => cluster,
      nodePath: lab.nodePath(nodeName),
      time,
      random: counterRandom(),
      keySource: async () => pool[0],
      nodeExec: fakeExec(state, calls),
      bootstrapClient: fakeBootstrapClient(cluster, pki.cluster.ca, time, { approve: opts.approve ?? true }),
    });
  /** Runs kubeadm on a node, moving the fake clock on while it waits. */
  const kubeadm = async (nodeName: string, args: string[], stdin = "") => {
    const input = new PassThrough();
    input.end(stdin);
    let done = false;
    const p = run(command(nodeName), ["kubeadm", ...args], { nodePath: lab.nodePath(nodeName), nodeName, stdin: input }).finally(() => (done = true));
    while (!done) {
      await time.advance(500);
      await new Promise((r) => setImmediate(r));
    }
    return p;
  };
  return { ...lab, caPem, calls, state, kubeadm, cluster: cluster as FakeCluster, csr: (): KObject[] => cluster.list(GR.certificatesigningrequests) };
}
