// Calico v3.29 as installed from calico.yaml (manifest install, Kubernetes datastore), configured
// the way the lab needs it: CALICO_IPV4POOL_CIDR = the pod subnet and host-local IPAM on each
// node's podCIDR (usePodCidr), so pods get 10.244.<node>.x.

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { buildCalicoCRDs } from "./crds/calico";
import { IMAGES } from "./images";
import { CALICO_APPLIED_AT } from "./nodes";
import { buildDaemonSet, buildDeployment, type Placement } from "./workloads";

export const CNI_NETWORK_CONFIG = `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "__KUBERNETES_NODE_NAME__",
      "mtu": __CNI_MTU__,
      "ipam": {
          "type": "host-local",
          "subnet": "usePodCidr"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "__KUBECONFIG_FILEPATH__"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`;

const cm = (key: string) => ({ valueFrom: { configMapKeyRef: { key, name: "calico-config" } } });
const nodeName = { valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } };
const servicesEndpoint = [{ configMapRef: { name: "kubernetes-services-endpoint", optional: true } }];
const hp = (name: string, path: string, type?: string) => ({ hostPath: type ? { path, type } : { path }, name });

function calicoNodeTemplate(podSubnet: string) {
  return {
    metadata: { labels: { "k8s-app": "calico-node" } },
    spec: {
      containers: [
        {
          env: [
            { name: "DATASTORE_TYPE", value: "kubernetes" },
            { name: "WAIT_FOR_DATASTORE", value: "true" },
            { name: "NODENAME", ...nodeName },
            { name: "CALICO_NETWORKING_BACKEND", ...cm("calico_backend") },
            { name: "CLUSTER_TYPE", value: "k8s,bgp" },
            { name: "IP", value: "autodetect" },
            { name: "CALICO_IPV4POOL_IPIP", value: "Always" },
            { name: "CALICO_IPV4POOL_VXLAN", value: "Never" },
            { name: "CALICO_IPV6POOL_VXLAN", value: "Never" },
            { name: "FELIX_IPINIPMTU", ...cm("veth_mtu") },
            { name: "FELIX_VXLANMTU", ...cm("veth_mtu") },
            { name: "FELIX_WIREGUARDMTU", ...cm("veth_mtu") },
            // The lab's edits to calico.yaml: the pool is the pod subnet, and host-local IPAM on
            // each node's podCIDR (with USE_POD_CIDR so Felix/BIRD route those blocks).
            { name: "CALICO_IPV4POOL_CIDR", value: podSubnet },
            { name: "USE_POD_CIDR", value: "true" },
            { name: "CALICO_DISABLE_FILE_LOGGING", value: "true" },
            { name: "FELIX_DEFAULTENDPOINTTOHOSTACTION", value: "ACCEPT" },
            { name: "FELIX_IPV6SUPPORT", value: "false" },
            { name: "FELIX_HEALTHENABLED", value: "true" },
          ],
          envFrom: servicesEndpoint,
          image: IMAGES.calicoNode,
          imagePullPolicy: "IfNotPresent",
          lifecycle: { preStop: { exec: { command: ["/bin/calico-node", "-shutdown"] } } },
          livenessProbe: { exec: { command: ["/bin/calico-node", "-felix-live", "-bird-live"] }, failureThreshold: 6, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 10 },
          name: "calico-node",
          readinessProbe: { exec: { command: ["/bin/calico-node", "-felix-ready", "-bird-ready"] }, periodSeconds: 10, timeoutSeconds: 10 },
          resources: { requests: { cpu: "250m" } },
          securityContext: { privileged: true },
          volumeMounts: [
            { mountPath: "/host/etc/cni/net.d", name: "cni-net-dir" },
            { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
            { mountPath: "/run/xtables.lock", name: "xtables-lock" },
            { mountPath: "/var/run/calico", name: "var-run-calico" },
            { mountPath: "/var/lib/calico", name: "var-lib-calico" },
            { mountPath: "/var/run/nodeagent", name: "policysync" },
            { mountPath: "/sys/fs/bpf", name: "bpffs" },
            { mountPath: "/var/log/calico/cni", name: "cni-log-dir", readOnly: true },
          ],
        },
      ],
      hostNetwork: true,
      initContainers: [
        {
          command: ["/opt/cni/bin/calico-ipam", "-upgrade"],
          env: [{ name: "KUBERNETES_NODE_NAME", ...nodeName }, { name: "CALICO_NETWORKING_BACKEND", ...cm("calico_backend") }],
          envFrom: servicesEndpoint,
          image: IMAGES.calicoCni,
          imagePullPolicy: "IfNotPresent",
          name: "upgrade-ipam",
          securityContext: { privileged: true },
          volumeMounts: [
            { mountPath: "/var/lib/cni/networks", name: "host-local-net-dir" },
            { mountPath: "/host/opt/cni/bin", name: "cni-bin-dir" },
          ],
        },
        {
          command: ["/opt/cni/bin/install"],
          env: [
            { name: "CNI_CONF_NAME", value: "10-calico.conflist" },
            { name: "CNI_NETWORK_CONFIG", ...cm("cni_network_config") },
            { name: "KUBERNETES_NODE_NAME", ...nodeName },
            { name: "CNI_MTU", ...cm("veth_mtu") },
            { name: "SLEEP", value: "false" },
          ],
          envFrom: servicesEndpoint,
          image: IMAGES.calicoCni,
          imagePullPolicy: "IfNotPresent",
          name: "install-cni",
          securityContext: { privileged: true },
          volumeMounts: [
            { mountPath: "/host/opt/cni/bin", name: "cni-bin-dir" },
            { mountPath: "/host/etc/cni/net.d", name: "cni-net-dir" },
          ],
        },
        {
          command: ["calico-node", "-init", "-best-effort"],
          image: IMAGES.calicoNode,
          imagePullPolicy: "IfNotPresent",
          name: "mount-bpffs",
          securityContext: { privileged: true },
          volumeMounts: [
            { mountPath: "/sys/fs", mountPropagation: "Bidirectional", name: "sys-fs" },
            { mountPath: "/var/run/calico", mountPropagation: "Bidirectional", name: "var-run-calico" },
            { mountPath: "/nodeproc", name: "nodeproc", readOnly: true },
          ],
        },
      ],
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      serviceAccountName: "calico-node",
      terminationGracePeriodSeconds: 0,
      tolerations: [{ effect: "NoSchedule", operator: "Exists" }, { key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoExecute", operator: "Exists" }],
      volumes: [
        hp("lib-modules", "/lib/modules", ""),
        hp("var-run-calico", "/var/run/calico", "DirectoryOrCreate"),
        hp("var-lib-calico", "/var/lib/calico", "DirectoryOrCreate"),
        hp("xtables-lock", "/run/xtables.lock", "FileOrCreate"),
        hp("sys-fs", "/sys/fs/", "DirectoryOrCreate"),
        hp("bpffs", "/sys/fs/bpf", "Directory"),
        hp("nodeproc", "/proc", ""),
        hp("cni-bin-dir", "/opt/cni/bin", "DirectoryOrCreate"),
        hp("cni-net-dir", "/etc/cni/net.d", ""),
        hp("cni-log-dir", "/var/log/calico/cni", ""),
        hp("host-local-net-dir", "/var/lib/cni/networks", ""),
        hp("policysync", "/var/run/nodeagent", "DirectoryOrCreate"),
      ],
    },
  };
}

function clusterRole(ctx: BuildContext, name: string, rules: unknown[]): KObject[] {
  const rbac = "rbac.authorization.k8s.io/v1";
  return [
    obj(rbac, "ClusterRole", ctx, { name, createdAt: CALICO_APPLIED_AT }, { rules }),
    obj(rbac, "ClusterRoleBinding", ctx, { name, createdAt: CALICO_APPLIED_AT }, {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
      subjects: [{ kind: "ServiceAccount", name, namespace: "kube-system" }],
    }),
  ];
}

export function buildCalico(ctx: BuildContext, nodePlacements: Placement[], controllerPlacement: Placement): KObject[] {
  const at = CALICO_APPLIED_AT;
  const ns = "kube-system";
  return [
    obj("policy/v1", "PodDisruptionBudget", ctx, { name: "calico-kube-controllers", namespace: ns, labels: { "k8s-app": "calico-kube-controllers" }, createdAt: at, generation: 1 }, {
      spec: { maxUnavailable: 1, selector: { matchLabels: { "k8s-app": "calico-kube-controllers" } } },
      status: { currentHealthy: 1, desiredHealthy: 0, disruptionsAllowed: 1, expectedPods: 1, observedGeneration: 1, conditions: [{ lastTransitionTime: ctx.at(controllerPlacement.readyAt), message: "", observedGeneration: 1, reason: "SufficientPods", status: "True", type: "DisruptionAllowed" }] },
    }),
    obj("v1", "ServiceAccount", ctx, { name: "calico-kube-controllers", namespace: ns, createdAt: at }),
    obj("v1", "ServiceAccount", ctx, { name: "calico-node", namespace: ns, createdAt: at }),
    obj("v1", "ServiceAccount", ctx, { name: "calico-cni-plugin", namespace: ns, createdAt: at }),
    obj("v1", "ConfigMap", ctx, { name: "calico-config", namespace: ns, createdAt: at }, {
      data: { calico_backend: "bird", cni_network_config: CNI_NETWORK_CONFIG, typha_service_name: "none", veth_mtu: "0" },
    }),
    ...buildCalicoCRDs(ctx, at),
    ...clusterRole(ctx, "calico-kube-controllers", [
      { apiGroups: [""], resources: ["nodes"], verbs: ["watch", "list", "get"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["ipreservations"], verbs: ["list"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["blockaffinities", "ipamblocks", "ipamhandles", "tiers"], verbs: ["get", "list", "create", "update", "delete", "watch"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["ippools"], verbs: ["list", "watch"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["hostendpoints"], verbs: ["get", "list", "create", "update", "delete"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["clusterinformations"], verbs: ["get", "list", "create", "update", "watch"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["kubecontrollersconfigurations"], verbs: ["get", "create", "list", "update", "watch"] },
    ]),
    ...clusterRole(ctx, "calico-cni-plugin", [
      { apiGroups: [""], resources: ["pods", "nodes", "namespaces"], verbs: ["get"] },
      { apiGroups: [""], resources: ["pods/status"], verbs: ["patch"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["blockaffinities", "ipamblocks", "ipamhandles", "clusterinformations", "ippools", "ipreservations", "ipamconfigs"], verbs: ["get", "list", "create", "update", "delete"] },
    ]),
    ...clusterRole(ctx, "calico-node", [
      { apiGroups: [""], resourceNames: ["calico-cni-plugin"], resources: ["serviceaccounts/token"], verbs: ["create"] },
      { apiGroups: [""], resources: ["pods", "nodes", "namespaces"], verbs: ["get"] },
      { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["watch", "list"] },
      { apiGroups: [""], resources: ["endpoints", "services"], verbs: ["watch", "list", "get"] },
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
      { apiGroups: [""], resources: ["nodes/status"], verbs: ["patch", "update"] },
      { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: ["watch", "list"] },
      { apiGroups: ["policy.networking.k8s.io"], resources: ["adminnetworkpolicies"], verbs: ["watch", "list"] },
      { apiGroups: [""], resources: ["pods", "namespaces", "serviceaccounts"], verbs: ["list", "watch"] },
      { apiGroups: [""], resources: ["pods/status"], verbs: ["patch"] },
      {
        apiGroups: ["crd.projectcalico.org"],
        resources: [
          "globalfelixconfigs", "felixconfigurations", "bgppeers", "bgpfilters", "globalbgpconfigs", "bgpconfigurations", "ippools", "ipreservations",
          "ipamblocks", "globalnetworkpolicies", "globalnetworksets", "networkpolicies", "networksets", "clusterinformations", "hostendpoints",
          "blockaffinities", "caliconodestatuses", "tiers",
        ],
        verbs: ["get", "list", "watch"],
      },
      { apiGroups: ["crd.projectcalico.org"], resources: ["tiers"], verbs: ["create"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["ippools", "felixconfigurations", "clusterinformations"], verbs: ["create", "update"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["caliconodestatuses"], verbs: ["update"] },
      { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["bgpconfigurations", "bgppeers"], verbs: ["create", "update"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["blockaffinities", "ipamblocks", "ipamhandles"], verbs: ["get", "list", "create", "update", "delete"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["ipamconfigs"], verbs: ["get", "create"] },
      { apiGroups: ["crd.projectcalico.org"], resources: ["blockaffinities"], verbs: ["watch"] },
      { apiGroups: ["apps"], resources: ["daemonsets"], verbs: ["get"] },
    ]),
    ...buildDaemonSet(ctx, {
      name: "calico-node",
      namespace: ns,
      labels: { "k8s-app": "calico-node" },
      spec: {
        selector: { matchLabels: { "k8s-app": "calico-node" } },
        template: calicoNodeTemplate(ctx.topology.podSubnet),
        updateStrategy: { rollingUpdate: { maxUnavailable: 1 }, type: "RollingUpdate" },
      },
      createdAt: at,
      placements: nodePlacements,
    }),
    ...buildDeployment(ctx, {
      name: "calico-kube-controllers",
      namespace: ns,
      labels: { "k8s-app": "calico-kube-controllers" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { "k8s-app": "calico-kube-controllers" } },
        strategy: { type: "Recreate" },
        template: {
          metadata: { labels: { "k8s-app": "calico-kube-controllers" }, name: "calico-kube-controllers", namespace: ns },
          spec: {
            containers: [
              {
                env: [
                  { name: "ENABLED_CONTROLLERS", value: "node" },
                  { name: "DATASTORE_TYPE", value: "kubernetes" },
                ],
                image: IMAGES.calicoKubeControllers,
                imagePullPolicy: "IfNotPresent",
                livenessProbe: { exec: { command: ["/usr/bin/check-status", "-l"] }, failureThreshold: 6, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 10 },
                name: "calico-kube-controllers",
                readinessProbe: { exec: { command: ["/usr/bin/check-status", "-r"] }, periodSeconds: 10 },
                securityContext: { runAsNonRoot: true },
              },
            ],
            nodeSelector: { "kubernetes.io/os": "linux" },
            priorityClassName: "system-cluster-critical",
            securityContext: { seccompProfile: { type: "RuntimeDefault" } },
            serviceAccountName: "calico-kube-controllers",
            tolerations: [
              { key: "CriticalAddonsOnly", operator: "Exists" },
              { effect: "NoSchedule", key: "node-role.kubernetes.io/master" },
              { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
            ],
          },
        },
      },
      createdAt: at,
      placements: [controllerPlacement],
    }),
  ];
}
