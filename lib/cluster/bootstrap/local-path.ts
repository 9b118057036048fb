// rancher/local-path-provisioner v0.0.30 (deploy/local-path-storage.yaml), with its StorageClass
// renamed to `standard` and made the cluster default, as docs/cluster-spec.md requires.

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { buildNamespace, namespaceDefaults } from "./core";
import { IMAGES } from "./images";
import { buildDeployment, type Placement } from "./workloads";

export const LOCAL_PATH_APPLIED_AT = 390;
const NS = "local-path-storage";

export const LOCAL_PATH_CONFIG = {
  "config.json": `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["/opt/local-path-provisioner"]
        }
        ]
}`,
  setup: `#!/bin/sh
set -eu
mkdir -m 0777 -p "$VOL_DIR"`,
  teardown: `#!/bin/sh
set -eu
rm -rf "$VOL_DIR"`,
  "helperPod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  priorityClassName: system-node-critical
  tolerations:
    - key: node.kubernetes.io/disk-pressure
      operator: Exists
      effect: NoSchedule
  containers:
  - name: helper-pod
    image: busybox
    imagePullPolicy: IfNotPresent`,
};

export function buildLocalPath(ctx: BuildContext, caCertPem: string, placement: Placement): KObject[] {
  const at = LOCAL_PATH_APPLIED_AT;
  const rbac = "rbac.authorization.k8s.io/v1";
  const sa = [{ kind: "ServiceAccount", name: "local-path-provisioner-service-account", namespace: NS }];
  const ref = (kind: string, name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
  return [
    buildNamespace(ctx, NS, at),
    ...namespaceDefaults(ctx, NS, at, caCertPem),
    obj("v1", "ServiceAccount", ctx, { name: "local-path-provisioner-service-account", namespace: NS, createdAt: at }),
    obj(rbac, "Role", ctx, { name: "local-path-provisioner-role", namespace: NS, createdAt: at }, {
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "create", "patch", "update", "delete"] }],
    }),
    obj(rbac, "ClusterRole", ctx, { name: "local-path-provisioner-role", createdAt: at }, {
      rules: [
        { apiGroups: [""], resources: ["nodes", "persistentvolumeclaims", "configmaps", "pods", "pods/log"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["persistentvolumes"], verbs: ["get", "list", "watch", "create", "patch", "update", "delete"] },
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
        { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get", "list", "watch"] },
      ],
    }),
    obj(rbac, "RoleBinding", ctx, { name: "local-path-provisioner-bind", namespace: NS, createdAt: at }, { roleRef: ref("Role", "local-path-provisioner-role"), subjects: sa }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "local-path-provisioner-bind", createdAt: at }, { roleRef: ref("ClusterRole", "local-path-provisioner-role"), subjects: sa }),
    ...buildDeployment(ctx, {
      name: "local-path-provisioner",
      namespace: NS,
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "local-path-provisioner" } },
        template: {
          metadata: { labels: { app: "local-path-provisioner" } },
          spec: {
            containers: [
              {
                command: ["local-path-provisioner", "--debug", "start", "--config", "/etc/config/config.json"],
                env: [
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                  { name: "CONFIG_MOUNT_PATH", value: "/etc/config/" },
                ],
                image: IMAGES.localPath,
                imagePullPolicy: "IfNotPresent",
                name: "local-path-provisioner",
                volumeMounts: [{ mountPath: "/etc/config/", name: "config-volume" }],
              },
            ],
            serviceAccountName: "local-path-provisioner-service-account",
            volumes: [{ configMap: { name: "local-path-config" }, name: "config-volume" }],
          },
        },
      },
      createdAt: at,
      placements: [placement],
    }),
    obj("storage.k8s.io/v1", "StorageClass", ctx, { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" }, createdAt: at }, {
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
    }),
    obj("v1", "ConfigMap", ctx, { name: "local-path-config", namespace: NS, createdAt: at }, { data: { ...LOCAL_PATH_CONFIG } }),
  ];
}
