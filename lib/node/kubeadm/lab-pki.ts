// Every key and certificate of a fresh lab, made in one pass with keys drawn from the caller's
// pool: the control plane's kubeadm PKI and kubeconfig credentials, and each node's kubelet
// certificates. The timeline mirrors a real bring-up: `kubeadm init` at initTime, the
// controlplane kubelet starting and rotating its client certificate, workers joining after.
import {
  CERTIFICATE_VALIDITY_MS,
  generateClusterPki,
  validity,
  type ClusterPki,
} from "./cluster-pki";
import { createKubeconfigCredentials, type KubeconfigCredential, type KubeconfigSpec } from "./kubeconfig";
import { createKubeletServingCert, kubeletClientPemName, KUBELET_CLIENT_USAGES, signKubeletClientPem } from "./kubelet";
import { createCertificateRequestPem, generateEcdsaKeyPair, generateRsaKeyPair, type KeySource } from "./pki";
import { DNS_DOMAIN, KUBERNETES_SERVICE_IP, NODES, type NodeSpec } from "./topology";

/** Offsets from `kubeadm init`, as a typical bring-up spaces them. */
export const TIMELINE_MS = {
  controlPlaneKubeletStart: 15_000,
  controlPlaneClientRotation: 40_000,
  firstJoin: 90_000,
  betweenJoins: 12_000,
  /** From a joining kubelet's start to its CSR being approved and signed. */
  joinSigning: 2_000,
} as const;

/** A kubelet client certificate the CSR signer issued, with the request that asked for it. */
export interface KubeletClientIssue {
  /** PEM "CERTIFICATE REQUEST" (spec.request of the CSR object). */
  csrPem: string;
  usages: string[];
  requestedAt: Date;
  certPem: string;
}

export interface NodeKubeletPki {
  node: NodeSpec;
  kubeletStartedAt: Date;
  servingCertPem: string;
  servingKeyPem: string;
  /** kubelet-client-<time>.pem files in the order written; the last is current. */
  clientPems: { name: string; content: string }[];
  /** The CSR-signed client certificate (the kube-apiserver-client-kubelet CSR of this node). */
  issued: KubeletClientIssue;
}

export interface LabPki {
  initTime: Date;
  cluster: ClusterPki;
  kubeconfigs: Map<KubeconfigSpec["file"], KubeconfigCredential>;
  kubelets: Map<string, NodeKubeletPki>;
}

export interface LabPkiOptions {
  initTime: Date;
  keySource?: KeySource;
  nodes?: readonly NodeSpec[];
}

const after = (t: Date, ms: number) => new Date(t.getTime() + ms);

export async function generateLabPki(opts: LabPkiOptions): Promise<LabPki> {
  const keySource = opts.keySource ?? generateRsaKeyPair;
  const nodes = opts.nodes ?? NODES;
  const controlPlane = nodes.find((n) => n.role === "control-plane");
  if (!controlPlane) throw new Error("a lab needs a control-plane node");
  const take = (n: number) => Promise.all(Array.from({ length: n }, () => keySource()));

  const [cluster, kubeconfigKeys, servingKeys, clientKeys] = await Promise.all([
    generateClusterPki({
      initTime: opts.initTime,
      nodeName: controlPlane.name,
      advertiseAddress: controlPlane.ip,
      kubernetesServiceIP: KUBERNETES_SERVICE_IP,
      dnsDomain: DNS_DOMAIN,
      keySource,
    }),
    take(5),
    take(2 * nodes.length),
    Promise.all(nodes.map(() => generateEcdsaKeyPair())),
  ]);

  const creds = createKubeconfigCredentials(
    cluster.ca,
    controlPlane.name,
    kubeconfigKeys,
    validity(opts.initTime, CERTIFICATE_VALIDITY_MS),
  );
  const kubeconfigs = new Map(creds.map((c) => [c.spec.file, c] as const));

  const kubelets = new Map<string, NodeKubeletPki>();
  let joinIndex = 0;
  nodes.forEach((node, i) => {
    const isControlPlane = node === controlPlane;
    const startedAt = isControlPlane
      ? after(opts.initTime, TIMELINE_MS.controlPlaneKubeletStart)
      : after(opts.initTime, TIMELINE_MS.firstJoin + TIMELINE_MS.betweenJoins * joinIndex++);
    const serving = createKubeletServingCert(
      node.name,
      { ca: servingKeys[2 * i], leaf: servingKeys[2 * i + 1] },
      startedAt,
    );
    const signedAt = isControlPlane
      ? after(opts.initTime, TIMELINE_MS.controlPlaneClientRotation)
      : after(startedAt, TIMELINE_MS.joinSigning);
    const signed = signKubeletClientPem(cluster.ca, node.name, clientKeys[i], signedAt);
    const clientPems: { name: string; content: string }[] = [];
    if (isControlPlane) {
      // kubeadm's own kubelet.conf credential, stored by the kubelet before it rotated it.
      const bootstrap = kubeconfigs.get("kubelet.conf")!.client;
      clientPems.push({ name: kubeletClientPemName(startedAt), content: bootstrap.certPem + bootstrap.keyPem });
    }
    clientPems.push({ name: kubeletClientPemName(signedAt), content: signed.content });
    kubelets.set(node.name, {
      node,
      kubeletStartedAt: startedAt,
      servingCertPem: serving.certPem,
      servingKeyPem: serving.keyPem,
      clientPems,
      issued: {
        csrPem: createCertificateRequestPem(clientKeys[i], `system:node:${node.name}`, ["system:nodes"]),
        usages: KUBELET_CLIENT_USAGES,
        requestedAt: after(signedAt, -1000),
        certPem: signed.certPem,
      },
    });
  });
  return { initTime: opts.initTime, cluster, kubeconfigs, kubelets };
}
