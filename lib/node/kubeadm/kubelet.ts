// What a kubeadm node's kubelet reads and leaves on disk: the files kubeadm writes
// (cmd/kubeadm/app/phases/kubelet/{config.go,flags.go}, componentconfigs/kubelet.go defaults),
// the systemd units the pkgs.k8s.io deb ships (kubernetes/release packages/deb), and the
// certificates the kubelet makes itself (client-go util/cert GenerateSelfSignedCertKey for
// kubelet.crt; util/certificate FileStore for kubelet-client-<time>.pem).
import { X509Certificate } from "node:crypto";
import { marshalYaml } from "./goyaml";
import {
  createCertificate,
  encodeName,
  KEY_USAGE_CA,
  KEY_USAGE_LEAF,
  certToPem,
  privateKeyToPem,
  signClientCertificate,
  subjectKeyId,
  type CertificateAuthority,
  type KeyPair,
} from "./pki";
import { CLUSTER_DNS_IP, DNS_DOMAIN } from "./topology";
import { IMAGE_REPOSITORY, versionData } from "./versions";

export const KUBELET_DIR = "/var/lib/kubelet";
export const CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";

/**
 * /var/lib/kubelet/config.yaml: kubeadm's defaulted KubeletConfiguration, marshalled with every
 * zero duration and empty struct the Go types serialise. resolvConf points at systemd-resolved's
 * file because that service is active on Ubuntu (componentconfigs/kubelet.go).
 */
export function kubeletConfiguration(): Record<string, unknown> {
  return {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    authentication: {
      anonymous: { enabled: false },
      webhook: { cacheTTL: "0s", enabled: true },
      x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" },
    },
    authorization: { mode: "Webhook", webhook: { cacheAuthorizedTTL: "0s", cacheUnauthorizedTTL: "0s" } },
    cgroupDriver: "systemd",
    clusterDNS: [CLUSTER_DNS_IP],
    clusterDomain: DNS_DOMAIN,
    containerRuntimeEndpoint: "",
    cpuManagerReconcilePeriod: "0s",
    crashLoopBackOff: {},
    evictionPressureTransitionPeriod: "0s",
    fileCheckFrequency: "0s",
    healthzBindAddress: "127.0.0.1",
    healthzPort: 10248,
    httpCheckFrequency: "0s",
    imageMaximumGCAge: "0s",
    imageMinimumGCAge: "0s",
    kind: "KubeletConfiguration",
    logging: {
      flushFrequency: 0,
      options: { json: { infoBufferSize: "0" }, text: { infoBufferSize: "0" } },
      verbosity: 0,
    },
    memorySwap: {},
    nodeStatusReportFrequency: "0s",
    nodeStatusUpdateFrequency: "0s",
    resolvConf: "/run/systemd/resolve/resolv.conf",
    rotateCertificates: true,
    runtimeRequestTimeout: "0s",
    shutdownGracePeriod: "0s",
    shutdownGracePeriodCriticalPods: "0s",
    staticPodPath: "/etc/kubernetes/manifests",
    streamingConnectionIdleTimeout: "0s",
    syncFrequency: "0s",
    volumeStatsAggPeriod: "0s",
  };
}

export function kubeletConfigYaml(): string {
  return marshalYaml(kubeletConfiguration());
}

/** flags.go buildKubeletArgs: the CRI socket and the pause image, sorted, on one line. */
export function kubeadmFlagsEnv(kubernetesVersion: string): string {
  const pause = `${IMAGE_REPOSITORY}/pause:${versionData(kubernetesVersion).pauseImageTag}`;
  return `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=${CRI_SOCKET} --pod-infra-container-image=${pause}"\n`;
}

/** /usr/lib/systemd/system/kubelet.service from the kubelet deb. */
export const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

/** /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf from the kubeadm deb. */
export const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** /etc/default/kubelet as the kubelet deb installs it. */
export const DEFAULT_KUBELET = "KUBELET_EXTRA_ARGS=\n";

export interface PemFile {
  /** Certificate PEM followed by key PEM. */
  content: string;
  certPem: string;
  cert: X509Certificate;
}

/**
 * kubelet.crt / kubelet.key: GenerateSelfSignedCertKey(hostname): an own CA "<host>-ca@<unix>"
 * and a serving leaf "<host>@<unix>" (serials 1 and 2), valid from one hour before start for a
 * year; the .crt holds leaf then CA, the .key the leaf's key.
 */
export function createKubeletServingCert(
  hostName: string,
  keys: { ca: KeyPair; leaf: KeyPair },
  startTime: Date,
): { certPem: string; keyPem: string; cert: X509Certificate } {
  const unix = Math.floor(startTime.getTime() / 1000);
  const notBefore = new Date(startTime.getTime() - 3600 * 1000);
  const notAfter = new Date(notBefore.getTime() + 365 * 24 * 3600 * 1000);
  const caName = `${hostName}-ca@${unix}`;
  const caCert = createCertificate(
    {
      commonName: caName,
      keyUsages: KEY_USAGE_CA,
      isCA: true,
      notBefore,
      notAfter,
      serialNumber: Buffer.from([1]),
    },
    keys.ca.publicKey,
    { subject: encodeName(caName), privateKey: keys.ca.privateKey },
  );
  const leaf = createCertificate(
    {
      commonName: `${hostName}@${unix}`,
      dnsNames: [hostName],
      keyUsages: KEY_USAGE_LEAF,
      extKeyUsages: ["serverAuth"],
      isCA: false,
      notBefore,
      notAfter,
      serialNumber: Buffer.from([2]),
    },
    keys.leaf.publicKey,
    { subject: encodeName(caName), subjectKeyId: subjectKeyId(keys.ca.publicKey), privateKey: keys.ca.privateKey },
  );
  return { certPem: certToPem(leaf) + certToPem(caCert), keyPem: privateKeyToPem(keys.leaf.privateKey), cert: leaf };
}

/** FileStore's file name: kubelet-client-2006-01-02-15-04-05.pem (node clock, UTC on the lab). */
export function kubeletClientPemName(t: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `kubelet-client-${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}-${p(t.getUTCHours())}-${p(t.getUTCMinutes())}-${p(t.getUTCSeconds())}.pem`;
}

/** The usages a v1.32 kubelet requests for an ECDSA client key (no key encipherment). */
export const KUBELET_CLIENT_USAGES = ["digital signature", "client auth"];

/**
 * The client certificate the CSR signer issues for a kubelet (signer
 * kubernetes.io/kube-apiserver-client-kubelet), stored as FileStore does: certificate PEM
 * followed by the key PEM.
 */
export function signKubeletClientPem(
  ca: CertificateAuthority,
  nodeName: string,
  keys: KeyPair,
  signedAt: Date,
): PemFile {
  const cert = signClientCertificate(ca, {
    publicKey: keys.publicKey,
    commonName: `system:node:${nodeName}`,
    organization: ["system:nodes"],
    usages: KUBELET_CLIENT_USAGES,
    now: signedAt,
  });
  const certPem = certToPem(cert);
  return { content: certPem + privateKeyToPem(keys.privateKey), certPem, cert };
}
