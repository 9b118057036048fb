// The kubeconfig files of a kubeadm node. Follows cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go
// (client names, organizations, context "<user>@<cluster>"), phases/kubelet finalize
// (controlplane kubelet.conf repointed at the rotatable client certificate) and
// pkg/kubelet/certificate/bootstrap/bootstrap.go (the kubeconfig a joined kubelet writes).
import { CLUSTER_ADMINS_GROUP, NODES_GROUP, SYSTEM_MASTERS_GROUP } from "./cluster-pki";
import { marshalYaml } from "./goyaml";
import { newSignedCert, type CertKeyPair, type CertificateAuthority, type KeyPair } from "./pki";

export const KUBELET_CLIENT_CURRENT_PEM = "/var/lib/kubelet/pki/kubelet-client-current.pem";

export interface KubeconfigSpec {
  /** File name under /etc/kubernetes. */
  file: "admin.conf" | "super-admin.conf" | "controller-manager.conf" | "scheduler.conf" | "kubelet.conf";
  clientName: string;
  organizations: string[];
}

/** getKubeConfigSpecsBase, in kubeadm's order. */
export function kubeconfigSpecs(nodeName: string): KubeconfigSpec[] {
  return [
    { file: "admin.conf", clientName: "kubernetes-admin", organizations: [CLUSTER_ADMINS_GROUP] },
    { file: "super-admin.conf", clientName: "kubernetes-super-admin", organizations: [SYSTEM_MASTERS_GROUP] },
    { file: "kubelet.conf", clientName: `system:node:${nodeName}`, organizations: [NODES_GROUP] },
    { file: "controller-manager.conf", clientName: "system:kube-controller-manager", organizations: [] },
    { file: "scheduler.conf", clientName: "system:kube-scheduler", organizations: [] },
  ];
}

export interface KubeconfigCredential {
  spec: KubeconfigSpec;
  client: CertKeyPair;
}

/** Signs one client certificate per kubeconfig with the cluster CA (ClientAuth, 1 year). */
export function createKubeconfigCredentials(
  ca: CertificateAuthority,
  nodeName: string,
  keys: KeyPair[],
  validity: { notBefore: Date; notAfter: Date },
): KubeconfigCredential[] {
  const specs = kubeconfigSpecs(nodeName);
  if (keys.length < specs.length) throw new Error(`need ${specs.length} keys for kubeconfigs`);
  return specs.map((spec, i) => ({
    spec,
    client: newSignedCert(ca, keys[i], {
      commonName: spec.clientName,
      organization: spec.organizations,
      extKeyUsages: ["clientAuth"],
      ...validity,
    }),
  }));
}

const b64 = (pem: string) => Buffer.from(pem).toString("base64");

interface KubeconfigParts {
  clusterName: string;
  server: string;
  caPem: string;
  userName: string;
  contextName: string;
  namespace?: string;
  user: Record<string, string>;
}

/** A clientcmd v1 Config with one cluster, user and context, as clientcmd.Write serialises it. */
function renderKubeconfig(p: KubeconfigParts): string {
  const context: Record<string, string> = { cluster: p.clusterName };
  if (p.namespace) context.namespace = p.namespace;
  context.user = p.userName;
  return marshalYaml({
    apiVersion: "v1",
    clusters: [{ cluster: { "certificate-authority-data": b64(p.caPem), server: p.server }, name: p.clusterName }],
    contexts: [{ context, name: p.contextName }],
    "current-context": p.contextName,
    kind: "Config",
    preferences: {},
    users: [{ name: p.userName, user: p.user }],
  });
}

/** A kubeconfig with the client certificate and key embedded (admin.conf and friends). */
export function renderEmbeddedKubeconfig(
  cred: KubeconfigCredential,
  opts: { clusterName: string; server: string; caPem: string },
): string {
  return renderKubeconfig({
    ...opts,
    userName: cred.spec.clientName,
    contextName: `${cred.spec.clientName}@${opts.clusterName}`,
    user: { "client-certificate-data": b64(cred.client.certPem), "client-key-data": b64(cred.client.keyPem) },
  });
}

/**
 * controlplane's kubelet.conf after `kubeadm init`: the kubelet-finalize phase replaced the
 * embedded credentials by the kubelet's rotating client certificate file.
 */
export function renderControlPlaneKubeletConf(opts: {
  nodeName: string;
  clusterName: string;
  server: string;
  caPem: string;
}): string {
  const userName = `system:node:${opts.nodeName}`;
  return renderKubeconfig({
    clusterName: opts.clusterName,
    server: opts.server,
    caPem: opts.caPem,
    userName,
    contextName: `${userName}@${opts.clusterName}`,
    user: { "client-certificate": KUBELET_CLIENT_CURRENT_PEM, "client-key": KUBELET_CLIENT_CURRENT_PEM },
  });
}

/** The kubeconfig a worker's kubelet writes after TLS bootstrap (writeKubeconfigFromBootstrapping). */
export function renderBootstrappedKubeletConf(opts: { server: string; caPem: string }): string {
  return renderKubeconfig({
    clusterName: "default-cluster",
    server: opts.server,
    caPem: opts.caPem,
    userName: "default-auth",
    contextName: "default-context",
    namespace: "default",
    user: { "client-certificate": KUBELET_CLIENT_CURRENT_PEM, "client-key": KUBELET_CLIENT_CURRENT_PEM },
  });
}
