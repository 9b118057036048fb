// Objects the control plane creates by itself: the system namespaces (kube-apiserver's
// SystemNamespaces), the `kubernetes` Service and its endpoints (pkg/controlplane/reconcilers),
// extension-apiserver-authentication (pkg/controlplane/controller/clusterauthenticationtrust),
// the system PriorityClasses (pkg/apis/scheduling SystemPriorityClasses), kube-root-ca.crt in
// every namespace (pkg/controller/certificates/rootcacertpublisher) and the default and
// per-controller ServiceAccounts (--use-service-account-credentials).

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { controlPlaneNode } from "./topology";

export const API_SERVER_UP_AT = 8;

export function buildNamespace(ctx: BuildContext, name: string, createdAt: number, labels: Record<string, string> = {}): KObject {
  return obj("v1", "Namespace", ctx, { name, labels: { ...labels, "kubernetes.io/metadata.name": name }, createdAt }, {
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  });
}

export function buildSystemNamespaces(ctx: BuildContext): KObject[] {
  return ["default", "kube-node-lease", "kube-public", "kube-system"].map((n) => buildNamespace(ctx, n, API_SERVER_UP_AT));
}

/** The ServiceAccount controller's `default` account and the root CA publisher's ConfigMap. */
export function namespaceDefaults(ctx: BuildContext, ns: string, createdAt: number, caCertPem: string): KObject[] {
  return [
    obj("v1", "ServiceAccount", ctx, { name: "default", namespace: ns, createdAt }),
    obj("v1", "ConfigMap", ctx, { name: "kube-root-ca.crt", namespace: ns, annotations: { "kubernetes.io/description": ROOT_CA_DESCRIPTION }, createdAt }, { data: { "ca.crt": caCertPem } }),
  ];
}

const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/** ServiceAccounts kube-controller-manager creates for its controllers in kube-system. */
export const CONTROLLER_SERVICE_ACCOUNTS = [
  "attachdetach-controller",
  "bootstrap-signer",
  "certificate-controller",
  "clusterrole-aggregation-controller",
  "cronjob-controller",
  "daemon-set-controller",
  "deployment-controller",
  "disruption-controller",
  "endpoint-controller",
  "endpointslice-controller",
  "endpointslicemirroring-controller",
  "ephemeral-volume-controller",
  "expand-controller",
  "generic-garbage-collector",
  "horizontal-pod-autoscaler",
  "job-controller",
  "legacy-service-account-token-cleaner",
  "namespace-controller",
  "node-controller",
  "persistent-volume-binder",
  "pod-garbage-collector",
  "pv-protection-controller",
  "pvc-protection-controller",
  "replicaset-controller",
  "replication-controller",
  "resourcequota-controller",
  "root-ca-cert-publisher",
  "service-account-controller",
  "statefulset-controller",
  "token-cleaner",
  "ttl-after-finished-controller",
  "ttl-controller",
  "validatingadmissionpolicy-status-controller",
];

export function buildControllerServiceAccounts(ctx: BuildContext): KObject[] {
  return CONTROLLER_SERVICE_ACCOUNTS.map((name, i) => obj("v1", "ServiceAccount", ctx, { name, namespace: "kube-system", createdAt: 19 + (i % 3) }));
}

export function buildKubernetesService(ctx: BuildContext): KObject[] {
  const t = ctx.topology;
  const ip = controlPlaneNode(t).internalIP;
  const svc = obj("v1", "Service", ctx, { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" }, createdAt: API_SERVER_UP_AT }, {
    spec: {
      clusterIP: t.kubernetesServiceIP,
      clusterIPs: [t.kubernetesServiceIP],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: t.apiServerPort }],
      sessionAffinity: "None",
      type: "ClusterIP",
    },
    status: { loadBalancer: {} },
  });
  const ports = [{ name: "https", port: t.apiServerPort, protocol: "TCP" }];
  // The endpoint reconciler writes Endpoints (not mirrored) and its own EndpointSlice.
  const ep = obj("v1", "Endpoints", ctx, { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" }, createdAt: API_SERVER_UP_AT }, {
    subsets: [{ addresses: [{ ip }], ports }],
  });
  const slice = obj("discovery.k8s.io/v1", "EndpointSlice", ctx, { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" }, createdAt: API_SERVER_UP_AT, generation: 1 }, {
    addressType: "IPv4",
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports,
  });
  return [svc, ep, slice];
}

export function buildExtensionAPIServerAuthentication(ctx: BuildContext, caCertPem: string, frontProxyCaPem: string): KObject {
  return obj("v1", "ConfigMap", ctx, { name: "extension-apiserver-authentication", namespace: "kube-system", createdAt: API_SERVER_UP_AT }, {
    data: {
      "client-ca-file": caCertPem,
      "requestheader-allowed-names": '["front-proxy-client"]',
      "requestheader-client-ca-file": frontProxyCaPem,
      "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
      "requestheader-group-headers": '["X-Remote-Group"]',
      "requestheader-username-headers": '["X-Remote-User"]',
    },
  });
}

/**
 * kube-apiserver's legacy token tracking controller (pkg/controlplane/controller/legacytokentracking)
 * records once, at its first start, the day from which legacy ServiceAccount token use is tracked:
 * data.since in Go's "2006-01-02" layout (UTC).
 */
export function buildLegacyTokenTracking(ctx: BuildContext): KObject {
  const since = ctx.at(API_SERVER_UP_AT).slice(0, 10);
  return obj("v1", "ConfigMap", ctx, { name: "kube-apiserver-legacy-service-account-token-tracking", namespace: "kube-system", createdAt: API_SERVER_UP_AT }, {
    data: { since },
  });
}

export function buildPriorityClasses(ctx: BuildContext): KObject[] {
  const pc = (name: string, value: number, description: string) =>
    obj("scheduling.k8s.io/v1", "PriorityClass", ctx, { name, createdAt: API_SERVER_UP_AT, generation: 1 }, { description, preemptionPolicy: "PreemptLowerPriority", value });
  return [
    pc("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
    pc("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."),
  ];
}
