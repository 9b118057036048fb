// The kube-controller-manager controllers' ClusterRoles (controller_policy.go
// buildControllerRoles()), transcribed from testdata/controller-roles.yaml, in that file's order.
// v1.32 specifics: roles behind feature gates that are off by default in v1.32 are left out
// (resource-claim-controller: DynamicResourceAllocation; service-cidrs-controller:
// MultiCIDRServiceAllocator; selinux-warning-controller: SELinuxChangePolicy;
// volumeattributesclass-protection-controller: VolumeAttributesClass;
// storage-version-migrator-controller; device-taint-eviction-controller is v1.33+), and the
// `watch` verbs of kubernetes/kubernetes#129201 and #130405 (both cherry-picked to release-1.32,
// in v1.32.3) are included.
// Each role gets a ClusterRoleBinding of the same name to ServiceAccount kube-system/<suffix>.
import type { PolicyRule } from "../types";
import { EVENTS, R } from "./dsl";

export const CONTROLLER_ROLE_PREFIX = "system:controller:";

export interface ControllerRoleSpec {
  /** Without the "system:controller:" prefix; also the ServiceAccount name in kube-system. */
  controller: string;
  rules: PolicyRule[];
}

const READ = "get list watch";

export const CONTROLLER_ROLES: ControllerRoleSpec[] = [
  {
    controller: "attachdetach-controller",
    rules: [
      R("list watch", "core", "persistentvolumeclaims persistentvolumes"),
      R(READ, "core", "nodes"),
      R("patch update", "core", "nodes/status"),
      R("list watch", "core", "pods"),
      EVENTS(),
      R("create delete get list watch", "storage.k8s.io", "volumeattachments"),
      R(READ, "storage.k8s.io", "csidrivers"),
      R(READ, "storage.k8s.io", "csinodes"),
    ],
  },
  {
    controller: "certificate-controller",
    rules: [
      R("delete get list watch", "certificates.k8s.io", "certificatesigningrequests"),
      R("update", "certificates.k8s.io", "certificatesigningrequests/approval certificatesigningrequests/status"),
      R("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client-kubelet"),
      R(
        "sign",
        "certificates.k8s.io",
        "signers",
        "kubernetes.io/kube-apiserver-client kubernetes.io/kube-apiserver-client-kubelet kubernetes.io/kubelet-serving kubernetes.io/legacy-unknown",
      ),
      R("create", "authorization.k8s.io", "subjectaccessreviews"),
      EVENTS(),
    ],
  },
  {
    controller: "clusterrole-aggregation-controller",
    rules: [R("escalate get list patch update watch", "rbac.authorization.k8s.io", "clusterroles")],
  },
  {
    controller: "cronjob-controller",
    rules: [
      R("get list update watch", "batch", "cronjobs"),
      R("create delete get list patch update watch", "batch", "jobs"),
      R("update", "batch", "cronjobs/status"),
      R("update", "batch", "cronjobs/finalizers"),
      R("delete list watch", "core", "pods"),
      EVENTS(),
    ],
  },
  {
    controller: "daemon-set-controller",
    rules: [
      R(READ, "apps extensions", "daemonsets"),
      R("update", "apps extensions", "daemonsets/status"),
      R("update", "apps extensions", "daemonsets/finalizers"),
      R("list watch", "core", "nodes"),
      R("create delete list patch watch", "core", "pods"),
      R("create", "core", "pods/binding"),
      R("create delete get list patch update watch", "apps", "controllerrevisions"),
      EVENTS(),
    ],
  },
  {
    controller: "deployment-controller",
    rules: [
      R("get list update watch", "apps extensions", "deployments"),
      R("update", "apps extensions", "deployments/status"),
      R("update", "apps extensions", "deployments/finalizers"),
      R("create delete get list patch update watch", "apps extensions", "replicasets"),
      R("get list update watch", "core", "pods"),
      EVENTS(),
    ],
  },
  {
    controller: "disruption-controller",
    rules: [
      R(READ, "apps extensions", "deployments"),
      R(READ, "apps extensions", "replicasets"),
      R(READ, "core", "replicationcontrollers"),
      R(READ, "policy", "poddisruptionbudgets"),
      R(READ, "apps", "statefulsets"),
      R("update", "policy", "poddisruptionbudgets/status"),
      R("patch update", "core", "pods/status"),
      R("get", "*", "*/scale"),
      EVENTS(),
    ],
  },
  {
    controller: "endpoint-controller",
    rules: [
      R(READ, "core", "pods services"),
      R("create delete get list update watch", "core", "endpoints"),
      R("create", "core", "endpoints/restricted"),
      EVENTS(),
    ],
  },
  {
    controller: "endpointslice-controller",
    rules: [
      R(READ, "core", "nodes pods services"),
      R("update", "core", "services/finalizers"),
      R("create delete get list update watch", "discovery.k8s.io", "endpointslices"),
      EVENTS(),
    ],
  },
  {
    controller: "endpointslicemirroring-controller",
    rules: [
      R(READ, "core", "endpoints services"),
      R("update", "core", "services/finalizers"),
      R("update", "core", "endpoints/finalizers"),
      R("create delete get list update watch", "discovery.k8s.io", "endpointslices"),
      EVENTS(),
    ],
  },
  {
    controller: "ephemeral-volume-controller",
    rules: [
      R(READ, "core", "pods"),
      R("update", "core", "pods/finalizers"),
      R("create get list watch", "core", "persistentvolumeclaims"),
      EVENTS(),
    ],
  },
  {
    controller: "expand-controller",
    rules: [
      R("get list patch update watch", "core", "persistentvolumes"),
      R("patch update", "core", "persistentvolumeclaims/status"),
      R(READ, "core", "persistentvolumeclaims"),
      EVENTS(),
    ],
  },
  {
    controller: "generic-garbage-collector",
    rules: [R("delete get list patch update watch", "*", "*"), EVENTS()],
  },
  {
    controller: "horizontal-pod-autoscaler",
    rules: [
      R(READ, "autoscaling", "horizontalpodautoscalers"),
      R("update", "autoscaling", "horizontalpodautoscalers/status"),
      R("get update", "*", "*/scale"),
      R("list watch", "core", "pods"),
      R("list watch", "metrics.k8s.io", "pods"),
      R(READ, "custom.metrics.k8s.io", "*"),
      R(READ, "external.metrics.k8s.io", "*"),
      EVENTS(),
    ],
  },
  {
    controller: "job-controller",
    rules: [
      R("get list patch update watch", "batch", "jobs"),
      R("update", "batch", "jobs/status"),
      R("update", "batch", "jobs/finalizers"),
      R("create delete list patch watch", "core", "pods"),
      EVENTS(),
    ],
  },
  {
    controller: "legacy-service-account-token-cleaner",
    rules: [
      R("get", "core", "configmaps", "kube-apiserver-legacy-service-account-token-tracking"),
      R("delete patch", "core", "secrets"),
    ],
  },
  {
    controller: "namespace-controller",
    rules: [
      R("delete get list watch", "core", "namespaces"),
      R("update", "core", "namespaces/finalize namespaces/status"),
      R("delete deletecollection get list watch", "*", "*"),
    ],
  },
  {
    controller: "node-controller",
    rules: [
      R("delete get list patch update watch", "core", "nodes"),
      R("patch update", "core", "nodes/status"),
      R("patch update", "core", "pods/status"),
      R("delete get list watch", "core", "pods"),
      EVENTS(),
    ],
  },
  {
    controller: "persistent-volume-binder",
    rules: [
      R("create delete get list update watch", "core", "persistentvolumes"),
      R("update", "core", "persistentvolumes/status"),
      R("get list update watch", "core", "persistentvolumeclaims"),
      R("update", "core", "persistentvolumeclaims/status"),
      R("create delete get list watch", "core", "pods"),
      R(READ, "storage.k8s.io", "storageclasses"),
      R("list watch", "core", "nodes"),
      EVENTS(),
      R("watch", "core", "events"),
    ],
  },
  {
    controller: "pod-garbage-collector",
    rules: [R("delete list watch", "core", "pods"), R(READ, "core", "nodes"), R("patch", "core", "pods/status")],
  },
  {
    controller: "pv-protection-controller",
    rules: [R("get list update watch", "core", "persistentvolumes"), EVENTS()],
  },
  {
    controller: "pvc-protection-controller",
    rules: [R("get list update watch", "core", "persistentvolumeclaims"), R(READ, "core", "pods"), EVENTS()],
  },
  {
    controller: "replicaset-controller",
    rules: [
      R("get list update watch", "apps extensions", "replicasets"),
      R("update", "apps extensions", "replicasets/status"),
      R("update", "apps extensions", "replicasets/finalizers"),
      R("create delete list patch watch", "core", "pods"),
      EVENTS(),
    ],
  },
  {
    controller: "replication-controller",
    rules: [
      R("get list update watch", "core", "replicationcontrollers"),
      R("update", "core", "replicationcontrollers/status"),
      R("update", "core", "replicationcontrollers/finalizers"),
      R("create delete list patch watch", "core", "pods"),
      EVENTS(),
    ],
  },
  {
    controller: "resourcequota-controller",
    rules: [R("list watch", "*", "*"), R("update", "core", "resourcequotas/status"), EVENTS()],
  },
  {
    controller: "root-ca-cert-publisher",
    rules: [R("create update", "core", "configmaps"), EVENTS()],
  },
  {
    controller: "route-controller",
    rules: [R("list watch", "core", "nodes"), R("patch", "core", "nodes/status"), EVENTS()],
  },
  {
    controller: "service-account-controller",
    rules: [R("create", "core", "serviceaccounts"), EVENTS()],
  },
  {
    controller: "service-controller",
    rules: [
      R(READ, "core", "services"),
      R("patch update", "core", "services/status"),
      R("list watch", "core", "nodes"),
      EVENTS(),
    ],
  },
  {
    controller: "statefulset-controller",
    rules: [
      R("list watch", "core", "pods"),
      R(READ, "apps", "statefulsets"),
      R("update", "apps", "statefulsets/status"),
      R("update", "apps", "statefulsets/finalizers"),
      R("create delete get patch update", "core", "pods"),
      R("create delete get list patch update watch", "apps", "controllerrevisions"),
      R("create get list watch", "core", "persistentvolumeclaims"),
      R("delete update", "core", "persistentvolumeclaims"),
      R("update", "core", "pods/finalizers"),
      EVENTS(),
    ],
  },
  {
    controller: "ttl-after-finished-controller",
    rules: [R("delete get list watch", "batch", "jobs"), EVENTS()],
  },
  {
    controller: "ttl-controller",
    rules: [R("list patch update watch", "core", "nodes"), EVENTS()],
  },
  {
    controller: "validatingadmissionpolicy-status-controller",
    rules: [
      R(READ, "admissionregistration.k8s.io", "validatingadmissionpolicies"),
      R("get patch update", "admissionregistration.k8s.io", "validatingadmissionpolicies/status"),
      EVENTS(),
    ],
  },
];
