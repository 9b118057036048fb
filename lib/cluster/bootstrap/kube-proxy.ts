// kubeadm's kube-proxy add-on (cmd/kubeadm/app/phases/addons/proxy/{manifests,proxy}.go): the
// ConfigMap with the KubeProxyConfiguration kubeadm defaults (mode "" = iptables), RBAC and the
// DaemonSet, with one hostNetwork pod per node.

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { IMAGES } from "./images";
import { NODE_BOOTSTRAP_TOKEN_GROUP } from "./kubeadm";
import { apiServerURL } from "./topology";
import { buildDaemonSet, type Placement } from "./workloads";

export const KUBE_PROXY_CREATED_AT = 18;

export function kubeProxyConfigurationYAML(clusterCIDR: string): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${clusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}

export function kubeProxyKubeconfig(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

export function buildKubeProxy(ctx: BuildContext, placements: Placement[]): KObject[] {
  const at = KUBE_PROXY_CREATED_AT;
  const rbac = "rbac.authorization.k8s.io/v1";
  return [
    obj("v1", "ServiceAccount", ctx, { name: "kube-proxy", namespace: "kube-system", createdAt: at }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "kubeadm:node-proxier", createdAt: at }, {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:node-proxier" },
      subjects: [{ kind: "ServiceAccount", name: "kube-proxy", namespace: "kube-system" }],
    }),
    obj(rbac, "Role", ctx, { name: "kube-proxy", namespace: "kube-system", createdAt: at }, {
      rules: [{ apiGroups: [""], resourceNames: ["kube-proxy"], resources: ["configmaps"], verbs: ["get"] }],
    }),
    obj(rbac, "RoleBinding", ctx, { name: "kube-proxy", namespace: "kube-system", createdAt: at }, {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "kube-proxy" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: NODE_BOOTSTRAP_TOKEN_GROUP }],
    }),
    obj("v1", "ConfigMap", ctx, { name: "kube-proxy", namespace: "kube-system", labels: { app: "kube-proxy" }, createdAt: at }, {
      data: { "config.conf": kubeProxyConfigurationYAML(ctx.topology.podSubnet), "kubeconfig.conf": kubeProxyKubeconfig(apiServerURL(ctx.topology)) },
    }),
    ...buildDaemonSet(ctx, {
      name: "kube-proxy",
      namespace: "kube-system",
      labels: { "k8s-app": "kube-proxy" },
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        updateStrategy: { type: "RollingUpdate" },
        template: {
          metadata: { labels: { "k8s-app": "kube-proxy" } },
          spec: {
            containers: [
              {
                command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
                image: IMAGES.kubeProxy,
                imagePullPolicy: "IfNotPresent",
                name: "kube-proxy",
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
                  { mountPath: "/run/xtables.lock", name: "xtables-lock" },
                  { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
                ],
              },
            ],
            hostNetwork: true,
            nodeSelector: { "kubernetes.io/os": "linux" },
            priorityClassName: "system-node-critical",
            serviceAccountName: "kube-proxy",
            tolerations: [{ operator: "Exists" }],
            volumes: [
              { configMap: { name: "kube-proxy" }, name: "kube-proxy" },
              { hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" }, name: "xtables-lock" },
              { hostPath: { path: "/lib/modules" }, name: "lib-modules" },
            ],
          },
        },
      },
      createdAt: at,
      placements,
    }),
  ];
}
