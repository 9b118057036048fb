// Facts read from upstream: kubernetes/kubernetes api/discovery/*.json (the discovery documents
// the apiserver's own integration test records) and each registry's ShortNames()/Categories().
import { describe, expect, it } from "vitest";
import { RESOURCES, GATEWAY_API_RESOURCES, CALICO_RESOURCES, resourceIndex, apiGroups } from "./resources";
import { compareKubeAwareVersions } from "./resources-groups";
import { crdResources } from "./resources-addons";

const FULL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const index = resourceIndex(RESOURCES);

// [group, resource, namespaced, kind, shortNames, categories, verbs]
type Fact = [string, string, boolean, string, string[] | undefined, string[] | undefined, string[]];
const facts: Fact[] = [
  ["", "bindings", true, "Binding", undefined, undefined, ["create"]],
  ["", "componentstatuses", false, "ComponentStatus", ["cs"], undefined, ["get", "list"]],
  ["", "configmaps", true, "ConfigMap", ["cm"], undefined, FULL],
  ["", "endpoints", true, "Endpoints", ["ep"], undefined, FULL],
  ["", "events", true, "Event", ["ev"], undefined, FULL],
  ["", "limitranges", true, "LimitRange", ["limits"], undefined, FULL],
  ["", "namespaces", false, "Namespace", ["ns"], undefined, ["create", "delete", "get", "list", "patch", "update", "watch"]],
  ["", "nodes", false, "Node", ["no"], undefined, FULL],
  ["", "persistentvolumeclaims", true, "PersistentVolumeClaim", ["pvc"], undefined, FULL],
  ["", "persistentvolumes", false, "PersistentVolume", ["pv"], undefined, FULL],
  ["", "pods", true, "Pod", ["po"], ["all"], FULL],
  ["", "podtemplates", true, "PodTemplate", undefined, undefined, FULL],
  ["", "replicationcontrollers", true, "ReplicationController", ["rc"], ["all"], FULL],
  ["", "resourcequotas", true, "ResourceQuota", ["quota"], undefined, FULL],
  ["", "secrets", true, "Secret", undefined, undefined, FULL],
  ["", "serviceaccounts", true, "ServiceAccount", ["sa"], undefined, FULL],
  ["", "services", true, "Service", ["svc"], ["all"], FULL],
  ["apps", "controllerrevisions", true, "ControllerRevision", undefined, undefined, FULL],
  ["apps", "daemonsets", true, "DaemonSet", ["ds"], ["all"], FULL],
  ["apps", "deployments", true, "Deployment", ["deploy"], ["all"], FULL],
  ["apps", "replicasets", true, "ReplicaSet", ["rs"], ["all"], FULL],
  ["apps", "statefulsets", true, "StatefulSet", ["sts"], ["all"], FULL],
  ["apiregistration.k8s.io", "apiservices", false, "APIService", undefined, ["api-extensions"], FULL],
  ["authentication.k8s.io", "selfsubjectreviews", false, "SelfSubjectReview", undefined, undefined, ["create"]],
  ["authentication.k8s.io", "tokenreviews", false, "TokenReview", undefined, undefined, ["create"]],
  ["authorization.k8s.io", "localsubjectaccessreviews", true, "LocalSubjectAccessReview", undefined, undefined, ["create"]],
  ["authorization.k8s.io", "selfsubjectrulesreviews", false, "SelfSubjectRulesReview", undefined, undefined, ["create"]],
  ["autoscaling", "horizontalpodautoscalers", true, "HorizontalPodAutoscaler", ["hpa"], ["all"], FULL],
  ["batch", "cronjobs", true, "CronJob", ["cj"], ["all"], FULL],
  ["batch", "jobs", true, "Job", undefined, ["all"], FULL],
  ["certificates.k8s.io", "certificatesigningrequests", false, "CertificateSigningRequest", ["csr"], undefined, FULL],
  ["events.k8s.io", "events", true, "Event", ["ev"], undefined, FULL],
  ["networking.k8s.io", "ingresses", true, "Ingress", ["ing"], undefined, FULL],
  ["networking.k8s.io", "networkpolicies", true, "NetworkPolicy", ["netpol"], undefined, FULL],
  ["networking.k8s.io", "ingressclasses", false, "IngressClass", undefined, undefined, FULL],
  ["policy", "poddisruptionbudgets", true, "PodDisruptionBudget", ["pdb"], undefined, FULL],
  ["rbac.authorization.k8s.io", "clusterroles", false, "ClusterRole", undefined, undefined, FULL],
  ["rbac.authorization.k8s.io", "rolebindings", true, "RoleBinding", undefined, undefined, FULL],
  ["scheduling.k8s.io", "priorityclasses", false, "PriorityClass", ["pc"], undefined, FULL],
  ["storage.k8s.io", "storageclasses", false, "StorageClass", ["sc"], undefined, FULL],
  ["storage.k8s.io", "csistoragecapacities", true, "CSIStorageCapacity", undefined, undefined, FULL],
  ["apiextensions.k8s.io", "customresourcedefinitions", false, "CustomResourceDefinition", ["crd", "crds"], ["api-extensions"], FULL],
  ["admissionregistration.k8s.io", "validatingadmissionpolicies", false, "ValidatingAdmissionPolicy", undefined, ["api-extensions"], FULL],
  ["coordination.k8s.io", "leases", true, "Lease", undefined, undefined, FULL],
  ["discovery.k8s.io", "endpointslices", true, "EndpointSlice", undefined, undefined, FULL],
  ["flowcontrol.apiserver.k8s.io", "flowschemas", false, "FlowSchema", undefined, undefined, FULL],
  ["node.k8s.io", "runtimeclasses", false, "RuntimeClass", undefined, undefined, FULL],
  ["metrics.k8s.io", "pods", true, "PodMetrics", undefined, undefined, ["get", "list"]],
];

describe("RESOURCES facts (upstream discovery)", () => {
  it.each(facts)("%s %s", (group, resource, namespaced, kind, shortNames, categories, verbs) => {
    const r = index.get(group, resource);
    expect(r).toBeDefined();
    expect({ namespaced: r!.namespaced, kind: r!.kind, shortNames: r!.shortNames, categories: r!.categories, verbs: r!.verbs }).toEqual({
      namespaced, kind, shortNames, categories, verbs,
    });
  });

  it("subresources of pods (v1.32 defaults: no resize, no checkpoint)", () => {
    expect(index.get("", "pods")!.subresources).toEqual({
      attach: { kind: "PodAttachOptions", verbs: ["create", "get"] },
      binding: { kind: "Binding", verbs: ["create"] },
      ephemeralcontainers: { kind: "Pod", verbs: ["get", "patch", "update"] },
      eviction: { kind: "Eviction", group: "policy", version: "v1", verbs: ["create"] },
      exec: { kind: "PodExecOptions", verbs: ["create", "get"] },
      log: { kind: "Pod", verbs: ["get"] },
      portforward: { kind: "PodPortForwardOptions", verbs: ["create", "get"] },
      proxy: { kind: "PodProxyOptions", verbs: ["create", "delete", "get", "patch", "update"] },
      status: { kind: "Pod", verbs: ["get", "patch", "update"] },
    });
  });

  it.each([
    ["", "serviceaccounts", { token: { kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"] } }],
    ["certificates.k8s.io", "certificatesigningrequests", {
      approval: { kind: "CertificateSigningRequest", verbs: ["get", "patch", "update"] },
      status: { kind: "CertificateSigningRequest", verbs: ["get", "patch", "update"] },
    }],
    ["apps", "deployments", {
      scale: { kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] },
      status: { kind: "Deployment", verbs: ["get", "patch", "update"] },
    }],
    ["", "namespaces", { finalize: { kind: "Namespace", verbs: ["update"] }, status: { kind: "Namespace", verbs: ["get", "patch", "update"] } }],
  ])("subresources of %s %s", (group, resource, subs) => {
    expect(index.get(group, resource)!.subresources).toEqual(subs);
  });

  it.each([
    ["", "services", "services/specs"],
    ["", "endpoints", "services/endpoints"],
    ["", "nodes", "minions"],
    ["", "replicationcontrollers", "controllers"],
    ["", "pods", "pods"],
    ["networking.k8s.io", "ingresses", "ingress"],
    ["events.k8s.io", "events", "events"],
    ["apps", "deployments", "deployments"],
    ["apiextensions.k8s.io", "customresourcedefinitions", "apiextensions.k8s.io/customresourcedefinitions"],
    ["apiregistration.k8s.io", "apiservices", "apiregistration.k8s.io/apiservices"],
    ["authorization.k8s.io", "selfsubjectaccessreviews", undefined],
  ])("storage prefix of %s %s", (group, resource, prefix) => {
    expect(index.get(group, resource)!.storagePrefix).toBe(prefix);
  });
});

describe("lookups", () => {
  it.each([
    ["deploy", "apps", "deployments"],
    ["ev", "", "events"], // core wins over events.k8s.io: higher group priority
    ["hpa", "autoscaling", "horizontalpodautoscalers"],
    ["crd", "apiextensions.k8s.io", "customresourcedefinitions"],
  ])("short name %s", (s, group, resource) => {
    const r = index.byShortName(s)!;
    expect([r.group, r.resource]).toEqual([group, resource]);
  });

  it("group+version+kind and preferred versions", () => {
    expect(index.byKind("autoscaling", "v1", "HorizontalPodAutoscaler")?.version).toBe("v1");
    expect(index.get("autoscaling", "horizontalpodautoscalers")?.version).toBe("v2");
    expect(index.versionsOf("autoscaling", "horizontalpodautoscalers").map((r) => r.version)).toEqual(["v2", "v1"]);
    expect(index.byKind("apps", "v1beta1", "Deployment")).toBeUndefined();
  });
});

describe("apiGroups", () => {
  it("orders groups as kube-aggregator does (api/discovery/apis.json)", () => {
    const all = [...RESOURCES, ...GATEWAY_API_RESOURCES, ...CALICO_RESOURCES];
    expect(apiGroups(all).map((g) => `${g.name}=${g.versions.join(",")}`)).toEqual([
      "=v1", "apiregistration.k8s.io=v1", "apps=v1", "events.k8s.io=v1", "authentication.k8s.io=v1",
      "authorization.k8s.io=v1", "autoscaling=v2,v1", "batch=v1", "certificates.k8s.io=v1",
      "networking.k8s.io=v1", "policy=v1", "rbac.authorization.k8s.io=v1", "storage.k8s.io=v1",
      "admissionregistration.k8s.io=v1", "apiextensions.k8s.io=v1", "scheduling.k8s.io=v1",
      "coordination.k8s.io=v1", "node.k8s.io=v1", "discovery.k8s.io=v1", "flowcontrol.apiserver.k8s.io=v1",
      "crd.projectcalico.org=v1", "gateway.networking.k8s.io=v1,v1beta1", "metrics.k8s.io=v1beta1",
    ]);
  });

  it.each([
    ["v1", "v2", 1], ["v1", "v1beta1", -1], ["v1beta2", "v1beta1", -1], ["v1alpha1", "v1beta1", 1], ["v2beta1", "v1beta1", -1],
  ])("compareKubeAwareVersions(%s, %s) sign %i", (a, b, sign) => {
    expect(Math.sign(compareKubeAwareVersions(a as string, b as string))).toBe(sign);
  });
});

describe("CRD-derived resources", () => {
  it("gateways.gateway.networking.k8s.io", () => {
    expect(GATEWAY_API_RESOURCES.filter((r) => r.resource === "gateways")).toEqual(
      ["v1", "v1beta1"].map((version) => ({
        group: "gateway.networking.k8s.io", version, resource: "gateways", kind: "Gateway", listKind: "GatewayList",
        singular: "gateway", namespaced: true,
        verbs: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
        storagePrefix: "gateway.networking.k8s.io/gateways", shortNames: ["gtw"], categories: ["gateway-api"],
        subresources: { status: { kind: "Gateway", verbs: ["get", "patch", "update"] } },
      })),
    );
  });

  it("skips unserved versions and maps the scale subresource", () => {
    const crd = {
      spec: {
        group: "example.com", scope: "Namespaced", names: { plural: "widgets", kind: "Widget" },
        versions: [{ name: "v1", served: true, storage: true, subresources: { scale: {} } }, { name: "v0", served: false }],
      },
    };
    expect(crdResources(crd).map((r) => [r.version, r.singular, r.listKind, r.subresources])).toEqual([
      ["v1", "widget", "WidgetList", { scale: { kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] } }],
    ]);
  });
});
