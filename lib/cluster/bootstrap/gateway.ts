// Gateway API v1.2.1 standard CRDs and NGINX Gateway Fabric 1.6.2 (deploy/nodeport/deploy.yaml:
// one pod with the control plane and nginx; Service nginx-gateway of type NodePort).

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { buildNamespace, namespaceDefaults } from "./core";
import { buildGatewayAPICRDs, buildNginxGatewayCRDs } from "./crds/gateway-api";
import { IMAGES } from "./images";
import { buildService } from "./services";
import { buildDeployment, type Placement } from "./workloads";

export const GATEWAY_APPLIED_AT = 420;
const NS = "nginx-gateway";
const LABELS = { "app.kubernetes.io/instance": "nginx-gateway", "app.kubernetes.io/name": "nginx-gateway", "app.kubernetes.io/version": "1.6.2" };
const SELECTOR = { "app.kubernetes.io/instance": "nginx-gateway", "app.kubernetes.io/name": "nginx-gateway" };
export const NGF_CONTROLLER_NAME = "gateway.nginx.org/nginx-gateway-controller";

const mounts = (names: string[]) => names.map((n) => ({ mountPath: MOUNT_PATHS[n], name: n }));
const MOUNT_PATHS: Record<string, string> = {
  "nginx-conf": "/etc/nginx/conf.d",
  "nginx-stream-conf": "/etc/nginx/stream-conf.d",
  "nginx-main-includes": "/etc/nginx/main-includes",
  "nginx-secrets": "/etc/nginx/secrets",
  "nginx-run": "/var/run/nginx",
  "nginx-cache": "/var/cache/nginx",
  "nginx-includes": "/etc/nginx/includes",
};
const sc = (user: number, add: string[], extra: Record<string, unknown> = {}) => ({
  ...extra,
  capabilities: { add, drop: ["ALL"] },
  readOnlyRootFilesystem: true,
  runAsGroup: 1001,
  runAsUser: user,
  seccompProfile: { type: "RuntimeDefault" },
});
const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });

export function buildGateway(ctx: BuildContext, caCertPem: string, placement: Placement, clusterIP: string, nodePorts: [number, number]): KObject[] {
  const at = GATEWAY_APPLIED_AT;
  const rbac = "rbac.authorization.k8s.io/v1";
  const gwCRDs = buildGatewayAPICRDs(ctx, at - 10);
  return [
    ...gwCRDs,
    ...buildNginxGatewayCRDs(ctx, at),
    buildNamespace(ctx, NS, at),
    ...namespaceDefaults(ctx, NS, at, caCertPem),
    obj("v1", "ServiceAccount", ctx, { name: "nginx-gateway", namespace: NS, labels: LABELS, createdAt: at }),
    obj(rbac, "ClusterRole", ctx, { name: "nginx-gateway", labels: LABELS, createdAt: at }, {
      rules: [
        { apiGroups: [""], resources: ["namespaces", "services", "secrets"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
        { apiGroups: ["apps"], resources: ["replicasets"], verbs: ["get"] },
        { apiGroups: [""], resources: ["nodes"], verbs: ["list"] },
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
        { apiGroups: ["gateway.networking.k8s.io"], resources: ["gatewayclasses", "gateways", "httproutes", "referencegrants", "grpcroutes"], verbs: ["list", "watch"] },
        { apiGroups: ["gateway.networking.k8s.io"], resources: ["httproutes/status", "gateways/status", "gatewayclasses/status", "grpcroutes/status"], verbs: ["update"] },
        { apiGroups: ["gateway.nginx.org"], resources: ["nginxgateways"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["gateway.nginx.org"], resources: ["nginxproxies", "clientsettingspolicies", "observabilitypolicies", "upstreamsettingspolicies"], verbs: ["list", "watch"] },
        { apiGroups: ["gateway.nginx.org"], resources: ["nginxgateways/status", "clientsettingspolicies/status", "observabilitypolicies/status", "upstreamsettingspolicies/status"], verbs: ["update"] },
        { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create", "get", "update"] },
        { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: ["list", "watch"] },
      ],
    }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "nginx-gateway", labels: LABELS, createdAt: at }, {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "nginx-gateway" },
      subjects: [{ kind: "ServiceAccount", name: "nginx-gateway", namespace: NS }],
    }),
    obj("v1", "ConfigMap", ctx, { name: "nginx-includes-bootstrap", namespace: NS, labels: LABELS, createdAt: at }, { data: { "main.conf": "error_log stderr info;\n" } }),
    buildService(ctx, {
      name: "nginx-gateway",
      namespace: NS,
      labels: LABELS,
      spec: {
        clusterIP,
        externalTrafficPolicy: "Local",
        ports: [
          { name: "http", nodePort: nodePorts[0], port: 80, protocol: "TCP", targetPort: 80 },
          { name: "https", nodePort: nodePorts[1], port: 443, protocol: "TCP", targetPort: 443 },
        ],
        selector: SELECTOR,
        type: "NodePort",
      },
      createdAt: at,
    }),
    ...buildDeployment(ctx, {
      name: "nginx-gateway",
      namespace: NS,
      labels: LABELS,
      spec: {
        replicas: 1,
        selector: { matchLabels: SELECTOR },
        template: {
          metadata: { annotations: { "prometheus.io/port": "9113", "prometheus.io/scrape": "true" }, labels: SELECTOR },
          spec: {
            containers: [
              {
                args: [
                  "static-mode",
                  `--gateway-ctlr-name=${NGF_CONTROLLER_NAME}`,
                  "--gatewayclass=nginx",
                  "--config=nginx-gateway-config",
                  "--service=nginx-gateway",
                  "--metrics-port=9113",
                  "--health-port=8081",
                  "--leader-election-lock-name=nginx-gateway-leader-election",
                ],
                env: [field("POD_IP", "status.podIP"), field("POD_NAMESPACE", "metadata.namespace"), field("POD_NAME", "metadata.name"), field("POD_UID", "metadata.uid")],
                image: IMAGES.ngf,
                imagePullPolicy: "IfNotPresent",
                name: "nginx-gateway",
                ports: [
                  { containerPort: 9113, name: "metrics" },
                  { containerPort: 8081, name: "health" },
                ],
                readinessProbe: { httpGet: { path: "/readyz", port: "health" }, initialDelaySeconds: 3, periodSeconds: 1 },
                securityContext: sc(102, ["KILL"], { allowPrivilegeEscalation: false }),
                volumeMounts: mounts(["nginx-conf", "nginx-stream-conf", "nginx-main-includes", "nginx-secrets", "nginx-run", "nginx-includes"]),
              },
              {
                image: IMAGES.ngfNginx,
                imagePullPolicy: "IfNotPresent",
                name: "nginx",
                ports: [
                  { containerPort: 80, name: "http" },
                  { containerPort: 443, name: "https" },
                ],
                securityContext: sc(101, ["NET_BIND_SERVICE"]),
                volumeMounts: mounts(["nginx-conf", "nginx-stream-conf", "nginx-main-includes", "nginx-secrets", "nginx-run", "nginx-cache", "nginx-includes"]),
              },
            ],
            initContainers: [
              {
                command: ["/usr/bin/gateway", "initialize", "--source", "/includes/main.conf", "--destination", "/etc/nginx/main-includes"],
                env: [field("POD_UID", "metadata.uid")],
                image: IMAGES.ngf,
                imagePullPolicy: "IfNotPresent",
                name: "init",
                securityContext: sc(102, ["KILL"]),
                volumeMounts: [
                  { mountPath: "/includes", name: "nginx-includes-bootstrap" },
                  { mountPath: "/etc/nginx/main-includes", name: "nginx-main-includes" },
                ],
              },
            ],
            securityContext: { fsGroup: 1001, runAsNonRoot: true },
            serviceAccountName: "nginx-gateway",
            shareProcessNamespace: true,
            terminationGracePeriodSeconds: 30,
            volumes: [
              ...["nginx-conf", "nginx-stream-conf", "nginx-main-includes", "nginx-secrets", "nginx-run", "nginx-cache", "nginx-includes"].map((name) => ({ emptyDir: {}, name })),
              { configMap: { name: "nginx-includes-bootstrap" }, name: "nginx-includes-bootstrap" },
            ],
          },
        },
      },
      createdAt: at,
      placements: [placement],
    }),
    obj("gateway.networking.k8s.io/v1", "GatewayClass", ctx, { name: "nginx", labels: LABELS, createdAt: at, generation: 1 }, {
      spec: { controllerName: NGF_CONTROLLER_NAME },
      status: {
        conditions: [
          { lastTransitionTime: ctx.at(placement.readyAt), message: "GatewayClass is accepted", observedGeneration: 1, reason: "Accepted", status: "True", type: "Accepted" },
          {
            lastTransitionTime: ctx.at(placement.readyAt),
            message: "Gateway API CRD versions are supported",
            observedGeneration: 1,
            reason: "SupportedVersion",
            status: "True",
            type: "SupportedVersion",
          },
        ],
      },
    }),
    obj("gateway.nginx.org/v1alpha1", "NginxGateway", ctx, { name: "nginx-gateway-config", namespace: NS, labels: LABELS, createdAt: at, generation: 1 }, {
      spec: { logging: { level: "info" } },
      status: { conditions: [{ lastTransitionTime: ctx.at(placement.readyAt), message: "NginxGateway is valid", observedGeneration: 1, reason: "Valid", status: "True", type: "Valid" }] },
    }),
  ];
}
