// Token discovery (cmd/kubeadm/app/discovery/token/token.go, util/pubkeypin/pubkeypin.go): read
// kube-public/cluster-info anonymously until it carries the token's JWS signature, verify that
// signature with the token secret, pin the CA in its kubeconfig against the given hashes, then
// read it a second time (over TLS verified by that CA) and require the same kubeconfig.
import { createHash, X509Certificate } from "node:crypto";
import { parse } from "yaml";
import { computeDetachedSignature } from "../../../../cluster/bootstrap/kubeadm.js";
import type { Time } from "../../../../cluster/runtime/timers.js";
import { sleep } from "../node-exec";
import type { BootstrapClient } from "./client";

/** constants.DiscoveryRetryInterval. */
export const DISCOVERY_RETRY_INTERVAL_MS = 5_000;
/** v1beta4 Timeouts.Discovery default. */
export const DISCOVERY_TIMEOUT_MS = 5 * 60_000;

export interface DiscoveredCluster {
  /** The API server URL in cluster-info's kubeconfig. */
  server: string;
  caPem: string;
}

export class DiscoveryError extends Error {}

/** pubkeypin.Set.Allow: validates every hash; returns the canonical hex values or the error text. */
export function allowHashes(hashes: string[]): Set<string> | string {
  const set = new Set<string>();
  for (const h of hashes) {
    const parts = h.split(":");
    if (parts.length !== 2) return `invalid hash, expected "format:hex-value". Known format(s) are: sha256`;
    const [format, value] = parts;
    if (format.toLowerCase() !== "sha256") return `unknown hash format "${format}". Known format(s) are: sha256`;
    const decodedLen = Math.floor(value.length / 2);
    if (decodedLen !== 32) return `invalid hash "${h}", expected a 32 byte SHA-256 hash, found ${decodedLen} bytes`;
    const bad = [...value].find((c) => !/[0-9a-fA-F]/.test(c));
    if (bad !== undefined) {
      const cp = bad.codePointAt(0)!;
      return `invalid hash "${h}", could not decode SHA-256 from hex: encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${bad}'`;
    }
    set.add(value.toLowerCase());
  }
  return set;
}

/** pubkeypin.Hash without the prefix: hex SHA-256 of the certificate's SubjectPublicKeyInfo. */
function spkiHash(cert: X509Certificate): string {
  return createHash("sha256").update(cert.publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

/** Every certificate of a PEM bundle (certutil.ParseCertsPEM). */
function parseCerts(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

function kubeconfigCluster(kubeconfig: string): { server?: string; caData?: string } | undefined {
  const doc = parse(kubeconfig) as { clusters?: { cluster?: { server?: string; "certificate-authority-data"?: string } }[] } | null;
  const c = doc?.clusters?.[doc.clusters.length - 1]?.cluster;
  return c ? { server: c.server, caData: c["certificate-authority-data"] } : undefined;
}

/** getClusterInfo: polls until cluster-info carries jws-kubeconfig-<id>; the last error on timeout. */
async function getClusterInfo(client: BootstrapClient, tokenId: string, time: Time, timeoutMs: number): Promise<Record<string, string>> {
  const deadline = time.now().getTime() + timeoutMs;
  let lastError = "";
  for (;;) {
    try {
      const cm = await client.getConfigMap("kube-public", "cluster-info");
      const data = (cm.data ?? {}) as Record<string, string>;
      if (data[`jws-kubeconfig-${tokenId}`] !== undefined) return data;
      lastError = `could not find a JWS signature in the cluster-info ConfigMap for token ID "${tokenId}"`;
    } catch (e) {
      lastError = `failed to request the cluster-info ConfigMap: ${(e as Error).message}`;
    }
    if (time.now().getTime() + DISCOVERY_RETRY_INTERVAL_MS > deadline) throw new DiscoveryError(lastError);
    await sleep(time, DISCOVERY_RETRY_INTERVAL_MS);
  }
}

/**
 * RetrieveValidatedConfigInfo. Throws DiscoveryError with upstream's text (the caller adds
 * "couldn't validate the identity of the API Server: ").
 */
export async function retrieveValidatedConfigInfo(opts: {
  client: () => BootstrapClient;
  token: { id: string; secret: string };
  caCertHashes: string[];
  time: Time;
  timeoutMs?: number;
}): Promise<DiscoveredCluster> {
  const timeout = opts.timeoutMs ?? DISCOVERY_TIMEOUT_MS;
  const insecure = await getClusterInfo(opts.client(), opts.token.id, opts.time, timeout);

  const pins = allowHashes(opts.caCertHashes);
  if (typeof pins === "string") throw new DiscoveryError(`invalid discovery token CA certificate hash: ${pins}`);

  // validateClusterInfoToken.
  const kubeconfig = insecure.kubeconfig;
  if (!kubeconfig) throw new DiscoveryError("there is no kubeconfig key in the cluster-info ConfigMap. This API Server isn't set up for token bootstrapping, can't connect");
  const jws = insecure[`jws-kubeconfig-${opts.token.id}`];
  if (!jws) {
    throw new DiscoveryError(`token id "${opts.token.id}" is invalid for this cluster or it has expired. Use "kubeadm token create" on the control-plane node to create a new valid token`);
  }
  if (computeDetachedSignature(kubeconfig, opts.token.id, opts.token.secret) !== jws) {
    throw new DiscoveryError("failed to verify JWS signature of received cluster info object, can't trust this API Server");
  }

  let cluster: ReturnType<typeof kubeconfigCluster>;
  try {
    cluster = kubeconfigCluster(kubeconfig);
  } catch (e) {
    throw new DiscoveryError(`couldn't parse the kubeconfig file in the cluster-info ConfigMap: ${(e as Error).message}`);
  }
  if (!cluster?.server) throw new DiscoveryError("malformed kubeconfig in the cluster-info ConfigMap: no clusters defined in kubeconfig");
  const caPem = Buffer.from(cluster.caData ?? "", "base64").toString("utf8");
  if (pins.size === 0) return { server: cluster.server, caPem };

  // validateClusterCA.
  let certs: X509Certificate[];
  try {
    certs = parseCerts(caPem);
    if (!certs.length) throw new Error("data does not contain any valid RSA or ECDSA certificates");
  } catch (e) {
    throw new DiscoveryError(`failed to parse cluster CA from the cluster-info ConfigMap: ${(e as Error).message}`);
  }
  if (!certs.some((c) => pins.has(spkiHash(c)))) {
    const hashes = certs.map((c) => `sha256:${spkiHash(c)}`).join(":");
    throw new DiscoveryError(`cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "${hashes}" are pinned`);
  }

  // The second, CA-verified read must return the same kubeconfig.
  const secure = await getClusterInfo(opts.client(), opts.token.id, opts.time, timeout);
  if (secure.kubeconfig !== kubeconfig) {
    throw new DiscoveryError("the second kubeconfig from the cluster-info ConfigMap (using validated TLS) was different from the first");
  }
  return { server: cluster.server, caPem };
}
