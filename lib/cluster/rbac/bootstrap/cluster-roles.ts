// The ClusterRoles kube-apiserver v1.32 bootstraps (policy.go ClusterRoles()), transcribed from
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml (feature gates at
// their v1.32 defaults), in that file's order (by name), rules in upstream order.
// admin/edit/view carry no rules of their own: the aggregation controller fills them.
import type { AggregationRule, PolicyRule } from "../types";
import { R, U } from "./dsl";

export interface ClusterRoleSpec {
  name: string;
  /** Labels besides kubernetes.io/bootstrapping=rbac-defaults. */
  labels?: Record<string, string>;
  aggregationRule?: AggregationRule;
  rules: PolicyRule[];
}

const aggregateTo = (role: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: "true" });
const selectAggregateTo = (role: string): AggregationRule => ({
  clusterRoleSelectors: [{ matchLabels: aggregateTo(role) }],
});

const RW_NO_READ = "create delete deletecollection patch update";
const READ = "get list watch";

export const CLUSTER_ROLES: ClusterRoleSpec[] = [
  { name: "admin", aggregationRule: selectAggregateTo("admin"), rules: [] },
  { name: "cluster-admin", rules: [R("*", "*", "*"), U("*", "*")] },
  { name: "edit", labels: aggregateTo("admin"), aggregationRule: selectAggregateTo("edit"), rules: [] },
  {
    name: "system:aggregate-to-admin",
    labels: aggregateTo("admin"),
    rules: [
      R("create", "authorization.k8s.io", "localsubjectaccessreviews"),
      R("create delete deletecollection get list patch update watch", "rbac.authorization.k8s.io", "rolebindings roles"),
    ],
  },
  {
    name: "system:aggregate-to-edit",
    labels: aggregateTo("edit"),
    rules: [
      R(READ, "core", "pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy"),
      R("impersonate", "core", "serviceaccounts"),
      R(RW_NO_READ, "core", "pods pods/attach pods/exec pods/portforward pods/proxy"),
      R("create", "core", "pods/eviction"),
      R(
        RW_NO_READ,
        "core",
        "configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy",
      ),
      R("create", "core", "serviceaccounts/token"),
      R(
        RW_NO_READ,
        "apps",
        "daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale",
      ),
      R(RW_NO_READ, "autoscaling", "horizontalpodautoscalers"),
      R(RW_NO_READ, "batch", "cronjobs jobs"),
      R(
        RW_NO_READ,
        "extensions",
        "daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale",
      ),
      R(RW_NO_READ, "policy", "poddisruptionbudgets"),
      R(RW_NO_READ, "networking.k8s.io", "ingresses networkpolicies"),
      R("create delete deletecollection get list patch update watch", "coordination.k8s.io", "leases"),
    ],
  },
  {
    name: "system:aggregate-to-view",
    labels: aggregateTo("view"),
    rules: [
      R(
        READ,
        "core",
        "configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status",
      ),
      R(
        READ,
        "core",
        "bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status",
      ),
      R(READ, "core", "namespaces"),
      R(READ, "discovery.k8s.io", "endpointslices"),
      R(
        READ,
        "apps",
        "controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status",
      ),
      R(READ, "autoscaling", "horizontalpodautoscalers horizontalpodautoscalers/status"),
      R(READ, "batch", "cronjobs cronjobs/status jobs jobs/status"),
      R(
        READ,
        "extensions",
        "daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale",
      ),
      R(READ, "policy", "poddisruptionbudgets poddisruptionbudgets/status"),
      R(READ, "networking.k8s.io", "ingresses ingresses/status networkpolicies"),
    ],
  },
  {
    name: "system:auth-delegator",
    rules: [R("create", "authentication.k8s.io", "tokenreviews"), R("create", "authorization.k8s.io", "subjectaccessreviews")],
  },
  {
    name: "system:basic-user",
    rules: [
      R("create", "authorization.k8s.io", "selfsubjectaccessreviews selfsubjectrulesreviews"),
      R("create", "authentication.k8s.io", "selfsubjectreviews"),
    ],
  },
  {
    name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
    rules: [R("create", "certificates.k8s.io", "certificatesigningrequests/nodeclient")],
  },
  {
    name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
    rules: [R("create", "certificates.k8s.io", "certificatesigningrequests/selfnodeclient")],
  },
  {
    name: "system:certificates.k8s.io:kube-apiserver-client-approver",
    rules: [R("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client")],
  },
  {
    name: "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
    rules: [R("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client-kubelet")],
  },
  {
    name: "system:certificates.k8s.io:kubelet-serving-approver",
    rules: [R("approve", "certificates.k8s.io", "signers", "kubernetes.io/kubelet-serving")],
  },
  {
    name: "system:certificates.k8s.io:legacy-unknown-approver",
    rules: [R("approve", "certificates.k8s.io", "signers", "kubernetes.io/legacy-unknown")],
  },
  {
    name: "system:discovery",
    rules: [U("get", "/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/")],
  },
  {
    name: "system:heapster",
    rules: [R(READ, "core", "events namespaces nodes pods"), R(READ, "extensions", "deployments")],
  },
  { name: "system:kube-aggregator", rules: [R(READ, "core", "endpoints services")] },
  {
    name: "system:kube-controller-manager",
    rules: [
      R("create patch update", "core events.k8s.io", "events"),
      R("create", "coordination.k8s.io", "leases"),
      R("get update", "coordination.k8s.io", "leases", "kube-controller-manager"),
      R("create", "core", "secrets serviceaccounts"),
      R("delete", "core", "secrets"),
      R("get", "core", "configmaps namespaces secrets serviceaccounts"),
      R("update", "core", "secrets serviceaccounts"),
      R("create", "authentication.k8s.io", "tokenreviews"),
      R("create", "authorization.k8s.io", "subjectaccessreviews"),
      R("list watch", "*", "*"),
      R("create", "core", "serviceaccounts/token"),
    ],
  },
  { name: "system:kube-dns", rules: [R("list watch", "core", "endpoints services")] },
  {
    name: "system:kube-scheduler",
    rules: [
      R("create patch update", "core events.k8s.io", "events"),
      R("create", "coordination.k8s.io", "leases"),
      R("get update", "coordination.k8s.io", "leases", "kube-scheduler"),
      R(READ, "core", "nodes"),
      R("delete get list watch", "core", "pods"),
      R("create", "core", "bindings pods/binding"),
      R("patch update", "core", "pods/status"),
      R(READ, "core", "replicationcontrollers services"),
      R(READ, "apps extensions", "replicasets"),
      R(READ, "apps", "statefulsets"),
      R(READ, "policy", "poddisruptionbudgets"),
      R(READ, "core", "persistentvolumeclaims persistentvolumes"),
      R("create", "authentication.k8s.io", "tokenreviews"),
      R("create", "authorization.k8s.io", "subjectaccessreviews"),
      R(READ, "storage.k8s.io", "csinodes"),
      R(READ, "core", "namespaces"),
      R(READ, "storage.k8s.io", "csidrivers"),
      R(READ, "storage.k8s.io", "csistoragecapacities"),
    ],
  },
  {
    name: "system:kubelet-api-admin",
    rules: [
      R(READ, "core", "nodes"),
      R("proxy", "core", "nodes"),
      R("*", "core", "nodes/log nodes/metrics nodes/proxy nodes/stats"),
    ],
  },
  {
    name: "system:monitoring",
    rules: [U("get", "/healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/*")],
  },
  { name: "system:node", rules: nodeRules() },
  {
    name: "system:node-bootstrapper",
    rules: [R("create get list watch", "certificates.k8s.io", "certificatesigningrequests")],
  },
  {
    name: "system:node-problem-detector",
    rules: [
      R("get", "core", "nodes"),
      R("patch", "core", "nodes/status"),
      R("create patch update", "core events.k8s.io", "events"),
    ],
  },
  {
    name: "system:node-proxier",
    rules: [
      R("list watch", "core", "endpoints services"),
      R(READ, "core", "nodes"),
      R("create patch update", "core events.k8s.io", "events"),
      R("list watch", "discovery.k8s.io", "endpointslices"),
    ],
  },
  {
    name: "system:persistent-volume-provisioner",
    rules: [
      R("create delete get list watch", "core", "persistentvolumes"),
      R("get list update watch", "core", "persistentvolumeclaims"),
      R(READ, "storage.k8s.io", "storageclasses"),
      R("watch", "core", "events"),
      R("create patch update", "core events.k8s.io", "events"),
    ],
  },
  { name: "system:public-info-viewer", rules: [U("get", "/healthz /livez /readyz /version /version/")] },
  {
    name: "system:service-account-issuer-discovery",
    rules: [U("get", "/.well-known/openid-configuration /openid/v1/jwks")],
  },
  {
    name: "system:volume-scheduler",
    rules: [
      R("get list patch update watch", "core", "persistentvolumes"),
      R(READ, "storage.k8s.io", "storageclasses"),
      R("get list patch update watch", "core", "persistentvolumeclaims"),
    ],
  },
  { name: "view", labels: aggregateTo("edit"), aggregationRule: selectAggregateTo("view"), rules: [] },
];

/**
 * system:node's rules (upstream NodeRules()); the Node authorizer also evaluates them for the
 * resources it does not subdivide.
 */
export function nodeRules(): PolicyRule[] {
  return [
    R("create", "authentication.k8s.io", "tokenreviews"),
    R("create", "authorization.k8s.io", "localsubjectaccessreviews subjectaccessreviews"),
    R(READ, "core", "services"),
    R("create get list watch", "core", "nodes"),
    R("patch update", "core", "nodes/status"),
    R("patch update", "core", "nodes"),
    R("create patch update", "core", "events"),
    R(READ, "core", "pods"),
    R("create delete", "core", "pods"),
    R("patch update", "core", "pods/status"),
    R("create", "core", "pods/eviction"),
    R(READ, "core", "configmaps secrets"),
    R("get", "core", "persistentvolumeclaims persistentvolumes"),
    R("get", "core", "endpoints"),
    R("create get list watch", "certificates.k8s.io", "certificatesigningrequests"),
    R("create delete get patch update", "coordination.k8s.io", "leases"),
    R("get", "storage.k8s.io", "volumeattachments"),
    R("create", "core", "serviceaccounts/token"),
    R("get patch update", "core", "persistentvolumeclaims/status"),
    R(READ, "storage.k8s.io", "csidrivers"),
    R("create delete get patch update", "storage.k8s.io", "csinodes"),
    R(READ, "node.k8s.io", "runtimeclasses"),
  ];
}
