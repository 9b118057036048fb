// The kubelet's TLS bootstrap (pkg/kubelet/certificate/bootstrap/bootstrap.go LoadClientCert,
// client-go util/certificate/csr): a fresh ECDSA P-256 key, a CSR for system:node:<name> in
// system:nodes with signer kube-apiserver-client-kubelet, sent with the bootstrap token; once
// approved and issued, the certificate and key go to kubelet-client-<time>.pem with the
// kubelet-client-current.pem link, and kubelet.conf is written pointing at that file.
// The simulated kubelet does not bootstrap itself, so `kubeadm join` runs this in its stead.
import fs from "node:fs";
import path from "node:path";
import type { KObject } from "../../../../cluster/api/types.js";
import type { Time } from "../../../../cluster/runtime/timers.js";
import {
  createCertificateRequestPem,
  generateEcdsaKeyPair,
  KUBELET_CLIENT_CURRENT_PEM,
  KUBELET_CLIENT_USAGES,
  kubeletClientPemName,
  privateKeyToPem,
  renderBootstrappedKubeletConf,
  type KeyPair,
} from "../../../kubeadm";
import type { CommandIO } from "../../../types";
import { sleep } from "../node-exec";
import type { BootstrapClient } from "./client";

export const KUBE_APISERVER_CLIENT_KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
/** How often the CSR is looked at while waiting for its certificate. */
const CSR_POLL_MS = 1_000;

export interface TlsBootstrapResult {
  csrName: string;
  pemPath: string;
}

/** csr.RequestCertificate's object: generateName "csr-", the request PEM, signer and usages. */
export function kubeletClientCSR(requestPem: string): KObject {
  return {
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: { generateName: "csr-" },
    spec: {
      request: Buffer.from(requestPem).toString("base64"),
      signerName: KUBE_APISERVER_CLIENT_KUBELET,
      usages: KUBELET_CLIENT_USAGES,
    },
  };
}

function condition(csr: KObject, type: string): { message?: string } | undefined {
  const conds = ((csr.status as { conditions?: { type: string; status?: string; message?: string }[] } | undefined)?.conditions ?? []);
  return conds.find((c) => c.type === type && c.status !== "False");
}

/**
 * csr.WaitForCertificate: the issued certificate, or the upstream error once the CSR is denied
 * or failed; rejects with "context deadline exceeded" at the deadline.
 */
async function waitForCertificate(client: BootstrapClient, name: string, time: Time, deadline: number): Promise<string> {
  for (;;) {
    const csr = await client.getCSR(name);
    if (condition(csr, "Denied")) throw new Error(`certificate signing request is denied, reason: ${(condition(csr, "Denied") as { reason?: string }).reason ?? ""}, message: ${condition(csr, "Denied")!.message ?? ""}`);
    if (condition(csr, "Failed")) throw new Error(`certificate signing request failed, reason: ${(condition(csr, "Failed") as { reason?: string }).reason ?? ""}, message: ${condition(csr, "Failed")!.message ?? ""}`);
    const cert = (csr.status as { certificate?: string } | undefined)?.certificate;
    if (condition(csr, "Approved") && cert) return Buffer.from(cert, "base64").toString("utf8");
    if (time.now().getTime() + CSR_POLL_MS > deadline) throw new Error("context deadline exceeded");
    await sleep(time, CSR_POLL_MS);
  }
}

/** Writes a node file with its mode, creating the parent directories as the kubelet does (0755). */
function writeNodeFile(io: CommandIO, p: string, content: string, mode: number): void {
  const host = io.nodePath(p);
  fs.mkdirSync(path.dirname(host), { recursive: true });
  fs.writeFileSync(host, content, { mode });
  fs.chmodSync(host, mode);
}

export async function tlsBootstrap(
  io: CommandIO,
  opts: { client: BootstrapClient; nodeName: string; server: string; caPem: string; time: Time; timeoutMs: number; keys?: KeyPair },
): Promise<TlsBootstrapResult> {
  const keys = opts.keys ?? (await generateEcdsaKeyPair());
  const request = createCertificateRequestPem(keys, `system:node:${opts.nodeName}`, ["system:nodes"]);
  const created = await opts.client.createCSR(kubeletClientCSR(request));
  const name = created.metadata?.name ?? "";
  const certPem = await waitForCertificate(opts.client, name, opts.time, opts.time.now().getTime() + opts.timeoutMs);

  // FileStore.Update: <prefix>-<time>.pem with certificate then key, and the -current link.
  const pemName = kubeletClientPemName(opts.time.now());
  const pemPath = `/var/lib/kubelet/pki/${pemName}`;
  writeNodeFile(io, pemPath, certPem + privateKeyToPem(keys.privateKey), 0o600);
  const current = io.nodePath(KUBELET_CLIENT_CURRENT_PEM);
  fs.rmSync(current, { force: true });
  fs.symlinkSync(pemPath, current);
  writeNodeFile(io, "/etc/kubernetes/kubelet.conf", renderBootstrappedKubeletConf({ server: opts.server, caPem: opts.caPem }), 0o600);
  return { csrName: name, pemPath };
}
