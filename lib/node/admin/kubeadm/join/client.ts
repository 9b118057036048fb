// What `kubeadm join` (and the kubelet's TLS bootstrap it stands in for) asks of the API server
// before the node has credentials of its own: requests to the endpoint the student typed, either
// anonymous (discovery reads kube-public/cluster-info) or with the bootstrap token as bearer
// (system:bootstrap:<id> in system:bootstrappers + the token's extra groups). The lab builds it
// over its API server, authenticated and authorized as such a request would be.
import type { KObject } from "../../../../cluster/api/types.js";

export interface BootstrapClient {
  /**
   * GET /api/v1/namespaces/{ns}/configmaps/{name}. Rejects with StatusError as the API answers
   * (401 Unauthorized, 403, 404), or with an Error whose message is client-go's for a transport
   * failure: `Get "https://1.2.3.4:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 1.2.3.4:6443: connect: connection refused`.
   */
  getConfigMap(namespace: string, name: string): Promise<KObject>;
  /** GET /api/v1/nodes/{name}; undefined on 404. */
  getNode(name: string): Promise<KObject | undefined>;
  /** POST a certificates.k8s.io/v1 CertificateSigningRequest (generateName honoured). */
  createCSR(csr: KObject): Promise<KObject>;
  /** GET a CertificateSigningRequest by name. */
  getCSR(name: string): Promise<KObject>;
}

/**
 * A client for `endpoint` ("host:port", as given to `kubeadm join`): anonymous without a token.
 * Building it never fails; its requests do when the endpoint is not the lab's API server.
 */
export type BootstrapClientFactory = (endpoint: string, token?: string) => BootstrapClient;
