// kubeadm join's requests before the node has credentials: real HTTPS to the lab's API server
// (over its socket), anonymous or with the bootstrap token as bearer, so authentication, RBAC
// and admission answer them exactly as they would a node's. An endpoint the node cannot reach
// fails with client-go's transport error.
import { request } from "node:https";
import { StatusError, type KObject } from "../../cluster/api/types.js";
import type { BootstrapClient, BootstrapClientFactory } from "../../node/admin/index.js";

export interface BootstrapClientDeps {
  /** The host socket of the lab's API server (HTTPS). */
  apiSocket: string;
  /** The cluster CA the API server's certificate chains to. */
  caPem: string;
  /** Whether host:port is an address of the API server from this node. */
  reachable(endpoint: string): boolean;
}

const TIMEOUT_MS = 10_000;

export function bootstrapClientFactory(deps: BootstrapClientDeps): BootstrapClientFactory {
  return (endpoint, token) => {
    const call = (method: "GET" | "POST", path: string, body?: KObject): Promise<KObject> => {
      const url = `https://${endpoint}${path}?timeout=10s`;
      const verb = method === "GET" ? "Get" : "Post";
      if (!deps.reachable(endpoint)) return Promise.reject(new Error(`${verb} "${url}": dial tcp ${endpoint}: connect: connection refused`));
      const data = body ? JSON.stringify(body) : undefined;
      return new Promise((resolve, reject) => {
        const req = request(
          {
            socketPath: deps.apiSocket,
            method,
            path: `${path}?timeout=10s`,
            ca: deps.caPem,
            // Trust is the CA's: kubeadm has already pinned it by its hash.
            checkServerIdentity: () => undefined,
            headers: {
              host: endpoint,
              accept: "application/json",
              "user-agent": "kubeadm/v1.32.3 (linux/amd64) kubernetes/32cc146",
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(data ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) } : {}),
            },
            timeout: TIMEOUT_MS,
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (d: string) => (text += d));
            res.on("end", () => {
              let obj: KObject & { message?: string; reason?: string };
              try {
                obj = JSON.parse(text);
              } catch {
                return reject(new StatusError(res.statusCode ?? 500, "InternalError", text.trim()));
              }
              if ((res.statusCode ?? 500) >= 400) return reject(new StatusError(res.statusCode ?? 500, obj.reason ?? "", obj.message ?? text.trim()));
              resolve(obj);
            });
          },
        );
        req.on("timeout", () => req.destroy(new Error(`${verb} "${url}": net/http: request canceled (Client.Timeout exceeded while awaiting headers)`)));
        req.on("error", (e) => reject(e.message.startsWith(verb) ? e : new Error(`${verb} "${url}": dial tcp ${endpoint}: connect: connection refused`)));
        req.end(data);
      });
    };
    const client: BootstrapClient = {
      getConfigMap: (ns, name) => call("GET", `/api/v1/namespaces/${encodeURIComponent(ns)}/configmaps/${encodeURIComponent(name)}`),
      async getNode(name) {
        try {
          return await call("GET", `/api/v1/nodes/${encodeURIComponent(name)}`);
        } catch (e) {
          if (e instanceof StatusError && e.code === 404) return undefined;
          throw e;
        }
      },
      createCSR: (csr) => call("POST", "/apis/certificates.k8s.io/v1/certificatesigningrequests", csr),
      getCSR: (name) => call("GET", `/apis/certificates.k8s.io/v1/certificatesigningrequests/${encodeURIComponent(name)}`),
    };
    return client;
  };
}
