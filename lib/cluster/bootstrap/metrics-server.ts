// metrics-server v0.7.2 (kubernetes-sigs/metrics-server manifests/base + release component).
// Deviation: --kubelet-insecure-tls is added, as labs with kubeadm's self-signed kubelet serving
// certificates must (the upstream README says so for such clusters).

import type { KObject } from "../api/types";
import { buildMetricsAPIService } from "./apiservices";
import { type BuildContext, obj } from "./context";
import { IMAGES } from "./images";
import { buildService } from "./services";
import { buildDeployment, type Placement } from "./workloads";

export const METRICS_SERVER_APPLIED_AT = 330;

export function buildMetricsServer(ctx: BuildContext, placement: Placement, clusterIP: string): KObject[] {
  const at = METRICS_SERVER_APPLIED_AT;
  const ns = "kube-system";
  const rbac = "rbac.authorization.k8s.io/v1";
  const labels = { "k8s-app": "metrics-server" };
  const sa = [{ kind: "ServiceAccount", name: "metrics-server", namespace: ns }];
  const ref = (kind: string, name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
  return [
    obj("v1", "ServiceAccount", ctx, { name: "metrics-server", namespace: ns, labels, createdAt: at }),
    obj(rbac, "ClusterRole", ctx, {
      name: "system:aggregated-metrics-reader",
      labels: { ...labels, "rbac.authorization.k8s.io/aggregate-to-admin": "true", "rbac.authorization.k8s.io/aggregate-to-edit": "true", "rbac.authorization.k8s.io/aggregate-to-view": "true" },
      createdAt: at,
    }, { rules: [{ apiGroups: ["metrics.k8s.io"], resources: ["pods", "nodes"], verbs: ["get", "list", "watch"] }] }),
    obj(rbac, "ClusterRole", ctx, { name: "system:metrics-server", labels, createdAt: at }, {
      rules: [
        { apiGroups: [""], resources: ["nodes/metrics"], verbs: ["get"] },
        { apiGroups: [""], resources: ["pods", "nodes"], verbs: ["get", "list", "watch"] },
      ],
    }),
    obj(rbac, "RoleBinding", ctx, { name: "metrics-server-auth-reader", namespace: ns, labels, createdAt: at }, { roleRef: ref("Role", "extension-apiserver-authentication-reader"), subjects: sa }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "metrics-server:system:auth-delegator", labels, createdAt: at }, { roleRef: ref("ClusterRole", "system:auth-delegator"), subjects: sa }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "system:metrics-server", labels, createdAt: at }, { roleRef: ref("ClusterRole", "system:metrics-server"), subjects: sa }),
    buildService(ctx, {
      name: "metrics-server",
      namespace: ns,
      labels,
      spec: { clusterIP, ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: "https" }], selector: labels },
      createdAt: at,
    }),
    ...buildDeployment(ctx, {
      name: "metrics-server",
      namespace: ns,
      labels,
      spec: {
        selector: { matchLabels: labels },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                args: [
                  "--cert-dir=/tmp",
                  "--secure-port=10250",
                  "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                  "--kubelet-use-node-status-port",
                  "--metric-resolution=15s",
                  "--kubelet-insecure-tls",
                ],
                image: IMAGES.metricsServer,
                imagePullPolicy: "IfNotPresent",
                livenessProbe: { failureThreshold: 3, httpGet: { path: "/livez", port: "https", scheme: "HTTPS" }, periodSeconds: 10 },
                name: "metrics-server",
                ports: [{ containerPort: 10250, name: "https", protocol: "TCP" }],
                readinessProbe: { failureThreshold: 3, httpGet: { path: "/readyz", port: "https", scheme: "HTTPS" }, initialDelaySeconds: 20, periodSeconds: 10 },
                resources: { requests: { cpu: "100m", memory: "200Mi" } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ["ALL"] },
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  runAsUser: 1000,
                  seccompProfile: { type: "RuntimeDefault" },
                },
                volumeMounts: [{ mountPath: "/tmp", name: "tmp-dir" }],
              },
            ],
            nodeSelector: { "kubernetes.io/os": "linux" },
            priorityClassName: "system-cluster-critical",
            serviceAccountName: "metrics-server",
            volumes: [{ emptyDir: {}, name: "tmp-dir" }],
          },
        },
      },
      createdAt: at,
      placements: [placement],
    }),
    buildMetricsAPIService(ctx, at, placement.readyAt),
  ];
}
