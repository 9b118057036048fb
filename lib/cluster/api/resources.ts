// The resources kube-apiserver v1.32 serves with kubeadm's defaults (GA groups plus the beta APIs
// that are on by default: none in v1.32 besides those already GA), as its discovery lists them.
// Facts follow upstream: scope/kind/singular/verbs/shortNames/categories come from each
// resource's registry (pkg/registry/<group>/<resource>/storage/storage.go: ShortNames(),
// Categories(), the REST interfaces it implements) and match kubernetes/kubernetes
// api/discovery/*.json; storage prefixes follow pkg/registry/*/storage (DefaultQualifiedResource
// plus the SpecialDefaultResourcePrefixes of pkg/kubeapiserver/default_storage_factory_builder.go).
// Resources that CRDs and the aggregation layer add at run time live in resources-addons.ts.
import type { ResourceInfo } from "./types";

type Sub = NonNullable<ResourceInfo["subresources"]>[string];

/** The verbs of a resource with the full generic store, in discovery order (alphabetical). */
const FULL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
/** Namespaces: no deletecollection (pkg/registry/core/namespace/storage has no DeleteCollection). */
const NO_DELETECOLLECTION = ["create", "delete", "get", "list", "patch", "update", "watch"];
/** Create-only virtual resources (reviews, bindings). */
const CREATE = ["create"];
/** status / scale / approval / ephemeralcontainers: Getter + Updater (+ Patcher). */
const GPU = ["get", "patch", "update"];
/** Connecters (proxy) answer every HTTP method; discovery names them as these verbs. */
const PROXY = ["create", "delete", "get", "patch", "update"];

const status = (kind: string): Sub => ({ kind, verbs: GPU });
const scale: Sub = { kind: "Scale", group: "autoscaling", version: "v1", verbs: GPU };

interface Spec {
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  subresources?: Record<string, Sub>;
  storagePrefix?: string;
  virtual?: boolean;
}

/** Fill the derivable fields: listKind, singular (lower-cased kind), default verbs and prefix. */
function group(g: string, version: string, specs: Spec[]): ResourceInfo[] {
  return specs.map((s) => {
    const info: ResourceInfo = {
      group: g,
      version,
      resource: s.resource,
      kind: s.kind,
      listKind: `${s.kind}List`,
      singular: s.singular ?? s.kind.toLowerCase(),
      namespaced: s.namespaced,
      verbs: s.verbs ?? FULL,
    };
    if (s.shortNames) info.shortNames = s.shortNames;
    if (s.categories) info.categories = s.categories;
    if (s.subresources) info.subresources = s.subresources;
    if (s.virtual) info.virtual = true;
    else info.storagePrefix = s.storagePrefix ?? s.resource;
    return info;
  });
}

// pkg/registry/core/rest/storage_core.go and the core registries.
const CORE = group("", "v1", [
  { resource: "bindings", kind: "Binding", namespaced: true, verbs: CREATE, virtual: true },
  // Answered from live health checks, never stored.
  { resource: "componentstatuses", kind: "ComponentStatus", namespaced: false, verbs: ["get", "list"], shortNames: ["cs"], virtual: true },
  { resource: "configmaps", kind: "ConfigMap", namespaced: true, shortNames: ["cm"] },
  { resource: "endpoints", kind: "Endpoints", namespaced: true, singular: "endpoints", shortNames: ["ep"], storagePrefix: "services/endpoints" },
  { resource: "events", kind: "Event", namespaced: true, shortNames: ["ev"] },
  { resource: "limitranges", kind: "LimitRange", namespaced: true, shortNames: ["limits"] },
  {
    resource: "namespaces", kind: "Namespace", namespaced: false, verbs: NO_DELETECOLLECTION, shortNames: ["ns"],
    subresources: { finalize: { kind: "Namespace", verbs: ["update"] }, status: status("Namespace") },
  },
  {
    resource: "nodes", kind: "Node", namespaced: false, shortNames: ["no"], storagePrefix: "minions",
    subresources: { proxy: { kind: "NodeProxyOptions", verbs: PROXY }, status: status("Node") },
  },
  {
    resource: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true, shortNames: ["pvc"],
    subresources: { status: status("PersistentVolumeClaim") },
  },
  {
    resource: "persistentvolumes", kind: "PersistentVolume", namespaced: false, shortNames: ["pv"],
    subresources: { status: status("PersistentVolume") },
  },
  {
    // pods/resize exists in v1.32 only behind the alpha InPlacePodVerticalScaling gate (off by
    // default), and pods/checkpoint came later: neither is served by a default v1.32 server.
    resource: "pods", kind: "Pod", namespaced: true, shortNames: ["po"], categories: ["all"],
    subresources: {
      attach: { kind: "PodAttachOptions", verbs: ["create", "get"] },
      binding: { kind: "Binding", verbs: CREATE },
      ephemeralcontainers: { kind: "Pod", verbs: GPU },
      eviction: { kind: "Eviction", group: "policy", version: "v1", verbs: CREATE },
      exec: { kind: "PodExecOptions", verbs: ["create", "get"] },
      log: { kind: "Pod", verbs: ["get"] },
      portforward: { kind: "PodPortForwardOptions", verbs: ["create", "get"] },
      proxy: { kind: "PodProxyOptions", verbs: PROXY },
      status: status("Pod"),
    },
  },
  { resource: "podtemplates", kind: "PodTemplate", namespaced: true },
  {
    resource: "replicationcontrollers", kind: "ReplicationController", namespaced: true, shortNames: ["rc"],
    categories: ["all"], storagePrefix: "controllers",
    subresources: { scale, status: status("ReplicationController") },
  },
  {
    resource: "resourcequotas", kind: "ResourceQuota", namespaced: true, shortNames: ["quota"],
    subresources: { status: status("ResourceQuota") },
  },
  { resource: "secrets", kind: "Secret", namespaced: true },
  {
    resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true, shortNames: ["sa"],
    subresources: { token: { kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: CREATE } },
  },
  {
    resource: "services", kind: "Service", namespaced: true, shortNames: ["svc"], categories: ["all"],
    storagePrefix: "services/specs",
    subresources: { proxy: { kind: "ServiceProxyOptions", verbs: PROXY }, status: status("Service") },
  },
]);

const APIEXT = ["api-extensions"];

const ADMISSIONREGISTRATION = group("admissionregistration.k8s.io", "v1", [
  { resource: "mutatingwebhookconfigurations", kind: "MutatingWebhookConfiguration", namespaced: false, categories: APIEXT },
  {
    resource: "validatingadmissionpolicies", kind: "ValidatingAdmissionPolicy", namespaced: false, categories: APIEXT,
    subresources: { status: status("ValidatingAdmissionPolicy") },
  },
  { resource: "validatingadmissionpolicybindings", kind: "ValidatingAdmissionPolicyBinding", namespaced: false, categories: APIEXT },
  { resource: "validatingwebhookconfigurations", kind: "ValidatingWebhookConfiguration", namespaced: false, categories: APIEXT },
]);

// apiextensions-apiserver and kube-aggregator prefix their keys with the group.
const APIEXTENSIONS = group("apiextensions.k8s.io", "v1", [
  {
    resource: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false,
    shortNames: ["crd", "crds"], categories: APIEXT, storagePrefix: "apiextensions.k8s.io/customresourcedefinitions",
    subresources: { status: status("CustomResourceDefinition") },
  },
]);

const APIREGISTRATION = group("apiregistration.k8s.io", "v1", [
  {
    resource: "apiservices", kind: "APIService", namespaced: false, categories: APIEXT,
    storagePrefix: "apiregistration.k8s.io/apiservices", subresources: { status: status("APIService") },
  },
]);

const APPS = group("apps", "v1", [
  { resource: "controllerrevisions", kind: "ControllerRevision", namespaced: true },
  {
    resource: "daemonsets", kind: "DaemonSet", namespaced: true, shortNames: ["ds"], categories: ["all"],
    subresources: { status: status("DaemonSet") },
  },
  {
    resource: "deployments", kind: "Deployment", namespaced: true, shortNames: ["deploy"], categories: ["all"],
    subresources: { scale, status: status("Deployment") },
  },
  {
    resource: "replicasets", kind: "ReplicaSet", namespaced: true, shortNames: ["rs"], categories: ["all"],
    subresources: { scale, status: status("ReplicaSet") },
  },
  {
    resource: "statefulsets", kind: "StatefulSet", namespaced: true, shortNames: ["sts"], categories: ["all"],
    subresources: { scale, status: status("StatefulSet") },
  },
]);

const AUTHENTICATION = group("authentication.k8s.io", "v1", [
  { resource: "selfsubjectreviews", kind: "SelfSubjectReview", namespaced: false, verbs: CREATE, virtual: true },
  { resource: "tokenreviews", kind: "TokenReview", namespaced: false, verbs: CREATE, virtual: true },
]);

const AUTHORIZATION = group("authorization.k8s.io", "v1", [
  { resource: "localsubjectaccessreviews", kind: "LocalSubjectAccessReview", namespaced: true, verbs: CREATE, virtual: true },
  { resource: "selfsubjectaccessreviews", kind: "SelfSubjectAccessReview", namespaced: false, verbs: CREATE, virtual: true },
  { resource: "selfsubjectrulesreviews", kind: "SelfSubjectRulesReview", namespaced: false, verbs: CREATE, virtual: true },
  { resource: "subjectaccessreviews", kind: "SubjectAccessReview", namespaced: false, verbs: CREATE, virtual: true },
]);

// One stored resource served under two versions; v2 is the preferred (and storage) version.
const HPA: Spec[] = [
  {
    resource: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler", namespaced: true, shortNames: ["hpa"],
    categories: ["all"], subresources: { status: status("HorizontalPodAutoscaler") },
  },
];
const AUTOSCALING = [...group("autoscaling", "v2", HPA), ...group("autoscaling", "v1", HPA)];

const BATCH = group("batch", "v1", [
  {
    resource: "cronjobs", kind: "CronJob", namespaced: true, shortNames: ["cj"], categories: ["all"],
    subresources: { status: status("CronJob") },
  },
  { resource: "jobs", kind: "Job", namespaced: true, categories: ["all"], subresources: { status: status("Job") } },
]);

const CERTIFICATES = group("certificates.k8s.io", "v1", [
  {
    resource: "certificatesigningrequests", kind: "CertificateSigningRequest", namespaced: false, shortNames: ["csr"],
    subresources: { approval: status("CertificateSigningRequest"), status: status("CertificateSigningRequest") },
  },
]);

const COORDINATION = group("coordination.k8s.io", "v1", [{ resource: "leases", kind: "Lease", namespaced: true }]);

const DISCOVERY = group("discovery.k8s.io", "v1", [
  { resource: "endpointslices", kind: "EndpointSlice", namespaced: true },
]);

// events.k8s.io/v1 Event shares core events' storage (cohabitating resources).
const EVENTS = group("events.k8s.io", "v1", [
  { resource: "events", kind: "Event", namespaced: true, shortNames: ["ev"] },
]);

const FLOWCONTROL = group("flowcontrol.apiserver.k8s.io", "v1", [
  { resource: "flowschemas", kind: "FlowSchema", namespaced: false, subresources: { status: status("FlowSchema") } },
  {
    resource: "prioritylevelconfigurations", kind: "PriorityLevelConfiguration", namespaced: false,
    subresources: { status: status("PriorityLevelConfiguration") },
  },
]);

const NETWORKING = group("networking.k8s.io", "v1", [
  { resource: "ingressclasses", kind: "IngressClass", namespaced: false },
  {
    resource: "ingresses", kind: "Ingress", namespaced: true, shortNames: ["ing"], storagePrefix: "ingress",
    subresources: { status: status("Ingress") },
  },
  { resource: "networkpolicies", kind: "NetworkPolicy", namespaced: true, shortNames: ["netpol"] },
]);

const NODE = group("node.k8s.io", "v1", [{ resource: "runtimeclasses", kind: "RuntimeClass", namespaced: false }]);

const POLICY = group("policy", "v1", [
  {
    resource: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true, shortNames: ["pdb"],
    subresources: { status: status("PodDisruptionBudget") },
  },
]);

const RBAC = group("rbac.authorization.k8s.io", "v1", [
  { resource: "clusterrolebindings", kind: "ClusterRoleBinding", namespaced: false },
  { resource: "clusterroles", kind: "ClusterRole", namespaced: false },
  { resource: "rolebindings", kind: "RoleBinding", namespaced: true },
  { resource: "roles", kind: "Role", namespaced: true },
]);

const SCHEDULING = group("scheduling.k8s.io", "v1", [
  { resource: "priorityclasses", kind: "PriorityClass", namespaced: false, shortNames: ["pc"] },
]);

const STORAGE = group("storage.k8s.io", "v1", [
  { resource: "csidrivers", kind: "CSIDriver", namespaced: false },
  { resource: "csinodes", kind: "CSINode", namespaced: false },
  { resource: "csistoragecapacities", kind: "CSIStorageCapacity", namespaced: true },
  { resource: "storageclasses", kind: "StorageClass", namespaced: false, shortNames: ["sc"] },
  {
    resource: "volumeattachments", kind: "VolumeAttachment", namespaced: false,
    subresources: { status: status("VolumeAttachment") },
  },
]);

// Served by metrics-server through the aggregation layer (APIService v1beta1.metrics.k8s.io),
// computed from kubelet stats, never stored. Singular names: metrics-server pkg/api GetSingularName().
const METRICS = group("metrics.k8s.io", "v1beta1", [
  { resource: "nodes", kind: "NodeMetrics", namespaced: false, verbs: ["get", "list"], singular: "node", virtual: true },
  { resource: "pods", kind: "PodMetrics", namespaced: true, verbs: ["get", "list"], singular: "pod", virtual: true },
]);

/** Every resource a default kubeadm v1.32 control plane serves, before CRDs are installed. */
export const RESOURCES: readonly ResourceInfo[] = [
  ...CORE,
  ...APIREGISTRATION,
  ...APPS,
  ...EVENTS,
  ...AUTHENTICATION,
  ...AUTHORIZATION,
  ...AUTOSCALING,
  ...BATCH,
  ...CERTIFICATES,
  ...NETWORKING,
  ...POLICY,
  ...RBAC,
  ...STORAGE,
  ...ADMISSIONREGISTRATION,
  ...APIEXTENSIONS,
  ...SCHEDULING,
  ...COORDINATION,
  ...NODE,
  ...DISCOVERY,
  ...FLOWCONTROL,
  ...METRICS,
];

export { resourceIndex, ResourceIndex } from "./resources-index";
export { apiGroups, type APIGroupInfo, groupPriority } from "./resources-groups";
export { GATEWAY_API_RESOURCES, CALICO_RESOURCES, crdResources } from "./resources-addons";
