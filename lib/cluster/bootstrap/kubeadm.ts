// What `kubeadm init` and `kubeadm join` leave in the API: the uploaded configs
// (cmd/kubeadm/app/phases/uploadconfig, kubelet), the bootstrap token and its RBAC
// (cmd/kubeadm/app/phases/bootstraptoken/{node,clusterinfo}), the cluster-admins binding
// (cmd/kubeadm/app/phases/kubeconfig), and the workers' approved join CSRs
// (pkg/controller/certificates/approver/sarapprove.go).

import { createHmac } from "node:crypto";
import type { KObject } from "../api/types";
import { type BuildContext, b64, obj, rfc3339 } from "./context";
import { apiServerURL, type NodeTopology } from "./topology";

export const NODE_BOOTSTRAP_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

export interface BootstrapToken {
  id: string; // [a-z0-9]{6}
  secret: string; // [a-z0-9]{16}
}

export const KUBEADM_INIT_AT = 14;

export function clusterConfigurationYAML(ctx: BuildContext): string {
  const t = ctx.topology;
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: ${t.clusterName}
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${t.kubernetesVersion}
networking:
  dnsDomain: ${t.dnsDomain}
  podSubnet: ${t.podSubnet}
  serviceSubnet: ${t.serviceSubnet}
proxy: {}
scheduler: {}
`;
}

/** The KubeletConfiguration kubeadm uploads (and writes to /var/lib/kubelet/config.yaml). */
export function kubeletConfigurationYAML(ctx: BuildContext): string {
  const t = ctx.topology;
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${t.dnsServiceIP}
clusterDomain: ${t.dnsDomain}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** The kubeconfig kubeadm publishes in kube-public/cluster-info (clusterinfo.go). */
export function clusterInfoKubeconfig(ctx: BuildContext, caCertPem: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(caCertPem)}
    server: ${apiServerURL(ctx.topology)}
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`;
}

function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * The bootstrap signer's detached JWS (k8s.io/cluster-bootstrap/token/jws ComputeDetachedSignature):
 * HS256 keyed with the token secret, header {"alg":"HS256","kid":<token id>}, payload removed.
 */
export function computeDetachedSignature(content: string, tokenID: string, tokenSecret: string): string {
  const header = b64url(JSON.stringify({ alg: "HS256", kid: tokenID }));
  const signingInput = `${header}.${b64url(content)}`;
  const sig = b64url(createHmac("sha256", tokenSecret).update(signingInput).digest());
  return `${header}..${sig}`;
}

function rule(resources: string[], verbs: string[], resourceNames?: string[], apiGroups: string[] = [""]): Record<string, unknown> {
  const r: Record<string, unknown> = { apiGroups, resources, verbs };
  if (resourceNames) r.resourceNames = resourceNames;
  return r;
}

function roleRef(kind: "Role" | "ClusterRole", name: string) {
  return { apiGroup: "rbac.authorization.k8s.io", kind, name };
}

function group(name: string) {
  return { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name };
}

export interface KubeadmInput {
  caCertPem: string;
  token: BootstrapToken;
}

export function buildKubeadmInitObjects(ctx: BuildContext, input: KubeadmInput): KObject[] {
  const at = KUBEADM_INIT_AT;
  const rbac = "rbac.authorization.k8s.io/v1";
  const ns = "kube-system";
  const nodeGroups = [group(NODE_BOOTSTRAP_TOKEN_GROUP), group("system:nodes")];
  const kubeconfig = clusterInfoKubeconfig(ctx, input.caCertPem);
  const expiration = rfc3339(new Date(Math.floor(ctx.initTime.getTime() / 1000) * 1000 + (at + 1) * 1000 + 24 * 3600 * 1000));
  return [
    obj("v1", "ConfigMap", ctx, { name: "kubeadm-config", namespace: ns, createdAt: at }, { data: { ClusterConfiguration: clusterConfigurationYAML(ctx) } }),
    obj(rbac, "Role", ctx, { name: "kubeadm:nodes-kubeadm-config", namespace: ns, createdAt: at }, { rules: [rule(["configmaps"], ["get"], ["kubeadm-config"])] }),
    obj(rbac, "RoleBinding", ctx, { name: "kubeadm:nodes-kubeadm-config", namespace: ns, createdAt: at }, { roleRef: roleRef("Role", "kubeadm:nodes-kubeadm-config"), subjects: nodeGroups }),
    obj("v1", "ConfigMap", ctx, { name: "kubelet-config", namespace: ns, createdAt: at }, { data: { kubelet: kubeletConfigurationYAML(ctx) } }),
    obj(rbac, "Role", ctx, { name: "kubeadm:kubelet-config", namespace: ns, createdAt: at }, { rules: [rule(["configmaps"], ["get"], ["kubelet-config"])] }),
    obj(rbac, "RoleBinding", ctx, { name: "kubeadm:kubelet-config", namespace: ns, createdAt: at }, { roleRef: roleRef("Role", "kubeadm:kubelet-config"), subjects: nodeGroups }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "kubeadm:cluster-admins", createdAt: at - 4 }, { roleRef: roleRef("ClusterRole", "cluster-admin"), subjects: [group("kubeadm:cluster-admins")] }),
    obj("v1", "Secret", ctx, { name: `bootstrap-token-${input.token.id}`, namespace: ns, createdAt: at + 1 }, {
      data: {
        "auth-extra-groups": b64(NODE_BOOTSTRAP_TOKEN_GROUP),
        description: b64("The default bootstrap token generated by 'kubeadm init'."),
        expiration: b64(expiration),
        "token-id": b64(input.token.id),
        "token-secret": b64(input.token.secret),
        "usage-bootstrap-authentication": b64("true"),
        "usage-bootstrap-signing": b64("true"),
      },
      type: "bootstrap.kubernetes.io/token",
    }),
    obj(rbac, "ClusterRole", ctx, { name: "kubeadm:get-nodes", createdAt: at + 1 }, { rules: [rule(["nodes"], ["get"])] }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "kubeadm:get-nodes", createdAt: at + 1 }, { roleRef: roleRef("ClusterRole", "kubeadm:get-nodes"), subjects: [group(NODE_BOOTSTRAP_TOKEN_GROUP)] }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "kubeadm:kubelet-bootstrap", createdAt: at + 1 }, { roleRef: roleRef("ClusterRole", "system:node-bootstrapper"), subjects: [group(NODE_BOOTSTRAP_TOKEN_GROUP)] }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "kubeadm:node-autoapprove-bootstrap", createdAt: at + 1 }, {
      roleRef: roleRef("ClusterRole", "system:certificates.k8s.io:certificatesigningrequests:nodeclient"),
      subjects: [group(NODE_BOOTSTRAP_TOKEN_GROUP)],
    }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "kubeadm:node-autoapprove-certificate-rotation", createdAt: at + 1 }, {
      roleRef: roleRef("ClusterRole", "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient"),
      subjects: [group("system:nodes")],
    }),
    obj("v1", "ConfigMap", ctx, { name: "cluster-info", namespace: "kube-public", createdAt: at + 1 }, {
      data: {
        // Added by the bootstrap signer controller in kube-controller-manager.
        [`jws-kubeconfig-${input.token.id}`]: computeDetachedSignature(kubeconfig, input.token.id, input.token.secret),
        kubeconfig,
      },
    }),
    obj(rbac, "Role", ctx, { name: "kubeadm:bootstrap-signer-clusterinfo", namespace: "kube-public", createdAt: at + 1 }, { rules: [rule(["configmaps"], ["get"], ["cluster-info"])] }),
    obj(rbac, "RoleBinding", ctx, { name: "kubeadm:bootstrap-signer-clusterinfo", namespace: "kube-public", createdAt: at + 1 }, {
      roleRef: roleRef("Role", "kubeadm:bootstrap-signer-clusterinfo"),
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "system:anonymous" }],
    }),
  ];
}

export interface JoinCSRInput {
  requestPem: string;
  certificatePem: string;
}

// Stand-ins when the caller has no real PEMs: well-formed armour, not a parsable DER body.
const PLACEHOLDER_CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIBBjCBrQIBADBLMRUwEwYDVQQKEwxzeXN0ZW06bm9kZXMxMjAwBgNVBAMTKXN5\n-----END CERTIFICATE REQUEST-----\n";

/** The kubelet's bootstrap CSR for a joining worker, auto-approved and issued. */
export function buildJoinCSR(ctx: BuildContext, node: NodeTopology, token: BootstrapToken, pems?: JoinCSRInput): KObject {
  const created = node.joinedAfterMinutes * 60 + 3;
  const csr = obj("certificates.k8s.io/v1", "CertificateSigningRequest", ctx, { name: `csr-${ctx.random.string(5)}`, createdAt: created });
  csr.spec = {
    groups: ["system:bootstrappers", NODE_BOOTSTRAP_TOKEN_GROUP, "system:authenticated"],
    request: b64(pems?.requestPem ?? PLACEHOLDER_CSR),
    signerName: "kubernetes.io/kube-apiserver-client-kubelet",
    usages: ["digital signature", "client auth"],
    username: `system:bootstrap:${token.id}`,
  };
  const status: Record<string, unknown> = {
    conditions: [
      {
        lastTransitionTime: ctx.at(created),
        lastUpdateTime: ctx.at(created),
        message: "Auto approving kubelet client certificate after SubjectAccessReview.",
        reason: "AutoApproved",
        status: "True",
        type: "Approved",
      },
    ],
  };
  // `kubectl get csr` prints "Approved,Issued" because status.certificate is set (no Issued condition).
  if (pems?.certificatePem) status.certificate = b64(pems.certificatePem);
  csr.status = status;
  return csr;
}
