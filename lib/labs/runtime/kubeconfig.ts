// How a component started from a kubeconfig file reaches the lab's API server: the file is read
// from the node's tree, the server address must be one the API server listens on as seen from
// that node, the CA must be the cluster's and the client certificate must be signed by it. The
// identity is the certificate's subject (CN = user, O = groups), as x509 authentication gives.
import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { parse } from "yaml";
import type { UserInfo } from "../../cluster/api/types.js";

export interface KubeconfigCredentials {
  server: string;
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  token?: string;
}

type Named<T> = { name: string } & T;
interface Kubeconfig {
  "current-context"?: string;
  clusters?: Named<{ cluster?: { server?: string; "certificate-authority-data"?: string; "certificate-authority"?: string } }>[];
  contexts?: Named<{ context?: { cluster?: string; user?: string } }>[];
  users?: Named<{ user?: { "client-certificate-data"?: string; "client-certificate"?: string; "client-key-data"?: string; "client-key"?: string; token?: string } }>[];
}

const b64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

/** Reads a kubeconfig as client-go does; errors carry client-go's wording. nodePath maps node paths to host paths. */
export function loadKubeconfig(file: string, nodePath: (p: string) => string): KubeconfigCredentials {
  let text: string;
  try {
    text = readFileSync(nodePath(file), "utf8");
  } catch {
    throw new Error(`stat ${file}: no such file or directory`);
  }
  let kc: Kubeconfig;
  try {
    kc = (parse(text) ?? {}) as Kubeconfig;
  } catch (e) {
    throw new Error(`error loading config file "${file}": yaml: ${(e as Error).message.split("\n")[0]}`);
  }
  const ctxName = kc["current-context"];
  const ctx = kc.contexts?.find((c) => c.name === ctxName)?.context;
  if (!ctxName || !ctx) throw new Error("invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable");
  const cluster = kc.clusters?.find((c) => c.name === ctx.cluster)?.cluster;
  const user = kc.users?.find((u) => u.name === ctx.user)?.user ?? {};
  if (!cluster?.server) throw new Error(`invalid configuration: context was not found for specified context: ${ctxName}`);
  const readRef = (data: string | undefined, ref: string | undefined) => {
    if (data) return b64(data);
    if (ref) {
      try {
        return readFileSync(nodePath(ref), "utf8");
      } catch {
        throw new Error(`open ${ref}: no such file or directory`);
      }
    }
    return undefined;
  };
  return {
    server: cluster.server,
    caPem: readRef(cluster["certificate-authority-data"], cluster["certificate-authority"]),
    certPem: readRef(user["client-certificate-data"], user["client-certificate"]),
    keyPem: readRef(user["client-key-data"], user["client-key"]),
    token: user.token,
  };
}

/** host:port of an https server URL (":443" when the port is omitted). */
export function serverAddress(server: string): string {
  const u = new URL(server);
  return `${u.hostname}:${u.port || "443"}`;
}

/**
 * The user a client certificate authenticates as, checked against the cluster CA and the time:
 * errors are the x509 texts Go's TLS stack gives.
 */
export function certificateIdentity(certPem: string, clusterCaPem: string, now: Date): UserInfo {
  const ca = new X509Certificate(clusterCaPem);
  const cert = new X509Certificate(certPem);
  if (!cert.verify(ca.publicKey)) throw new Error("remote error: tls: bad certificate");
  const notAfter = new Date(cert.validTo);
  const notBefore = new Date(cert.validFrom);
  if (now > notAfter || now < notBefore) {
    throw new Error(`x509: certificate has expired or is not yet valid: current time ${now.toISOString().replace(/\.\d+Z$/, "Z")} is after ${notAfter.toISOString().replace(/\.\d+Z$/, "Z")}`);
  }
  const fields = cert.subject.split("\n");
  const cn = fields.find((f) => f.startsWith("CN="))?.slice(3) ?? "";
  const groups = fields.filter((f) => f.startsWith("O=")).map((f) => f.slice(2));
  return { username: cn, groups: [...groups, "system:authenticated"] };
}

/** The server certificate must chain to the CA the kubeconfig trusts. */
export function checkServerTrust(clientCaPem: string | undefined, clusterCaPem: string): void {
  if (!clientCaPem) throw new Error("tls: failed to verify certificate: x509: certificate signed by unknown authority");
  const a = new X509Certificate(clientCaPem);
  const b = new X509Certificate(clusterCaPem);
  if (a.fingerprint256 !== b.fingerprint256) throw new Error("tls: failed to verify certificate: x509: certificate signed by unknown authority");
}
