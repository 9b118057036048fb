// kubeadm's CoreDNS add-on (cmd/kubeadm/app/phases/addons/dns/manifests.go), installed by
// `kubeadm init`; its pods start once Calico makes the nodes Ready.

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { IMAGES } from "./images";
import { buildService } from "./services";
import { buildDeployment, type Placement } from "./workloads";

export const COREDNS_CREATED_AT = 17;

/** kubeadm's default Corefile for the cluster's DNS domain. */
export function defaultCorefile(dnsDomain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${dnsDomain}
       disable denial ${dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;
}

export function corednsPodSpec(): Record<string, unknown> {
  return {
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] }, topologyKey: "kubernetes.io/hostname" },
            weight: 100,
          },
        ],
      },
    },
    containers: [
      {
        args: ["-conf", "/etc/coredns/Corefile"],
        image: IMAGES.coredns,
        imagePullPolicy: "IfNotPresent",
        livenessProbe: { failureThreshold: 5, httpGet: { path: "/health", port: "liveness-probe", scheme: "HTTP" }, initialDelaySeconds: 60, successThreshold: 1, timeoutSeconds: 5 },
        name: "coredns",
        ports: [
          { containerPort: 53, name: "dns", protocol: "UDP" },
          { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
          { containerPort: 9153, name: "metrics", protocol: "TCP" },
          { containerPort: 8080, name: "liveness-probe", protocol: "TCP" },
          { containerPort: 8181, name: "readiness-probe", protocol: "TCP" },
        ],
        readinessProbe: { httpGet: { path: "/ready", port: "readiness-probe", scheme: "HTTP" } },
        resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, readOnlyRootFilesystem: true },
        volumeMounts: [{ mountPath: "/etc/coredns", name: "config-volume", readOnly: true }],
      },
    ],
    dnsPolicy: "Default",
    nodeSelector: { "kubernetes.io/os": "linux" },
    priorityClassName: "system-cluster-critical",
    serviceAccountName: "coredns",
    tolerations: [
      { key: "CriticalAddonsOnly", operator: "Exists" },
      { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
    ],
    volumes: [{ configMap: { items: [{ key: "Corefile", path: "Corefile" }], name: "coredns" }, name: "config-volume" }],
  };
}

export function buildCoreDNS(ctx: BuildContext, placements: Placement[]): KObject[] {
  const at = COREDNS_CREATED_AT;
  const rbac = "rbac.authorization.k8s.io/v1";
  const spec = corednsPodSpec();
  return [
    obj("v1", "ConfigMap", ctx, { name: "coredns", namespace: "kube-system", createdAt: at }, { data: { Corefile: defaultCorefile(ctx.topology.dnsDomain) } }),
    obj(rbac, "ClusterRole", ctx, { name: "system:coredns", createdAt: at }, {
      rules: [
        { apiGroups: [""], resources: ["endpoints", "services", "pods", "namespaces"], verbs: ["list", "watch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
      ],
    }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "system:coredns", createdAt: at }, {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:coredns" },
      subjects: [{ kind: "ServiceAccount", name: "coredns", namespace: "kube-system" }],
    }),
    obj("v1", "ServiceAccount", ctx, { name: "coredns", namespace: "kube-system", createdAt: at }),
    ...buildDeployment(ctx, {
      name: "coredns",
      namespace: "kube-system",
      labels: { "k8s-app": "kube-dns" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { "k8s-app": "kube-dns" } },
        strategy: { rollingUpdate: { maxUnavailable: 1 }, type: "RollingUpdate" },
        template: { metadata: { labels: { "k8s-app": "kube-dns" } }, spec },
      },
      createdAt: at,
      placements,
    }),
    buildService(ctx, {
      name: "kube-dns",
      namespace: "kube-system",
      labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      spec: {
        clusterIP: ctx.topology.dnsServiceIP,
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { "k8s-app": "kube-dns" },
      },
      createdAt: at,
    }),
  ];
}
