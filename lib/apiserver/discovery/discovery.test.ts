// Expectations copied from kubernetes/kubernetes api/discovery/ (api__v1.json, apis__events.k8s.io__v1.json,
// apis__autoscaling__v1.json, aggregated_v2.json), minus what a default v1.32 server does not serve
// (pods/checkpoint, alpha/beta versions).
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../cluster/api/resources";
import {
  AGGREGATED_DISCOVERY_V2_CONTENT_TYPE, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, storageVersionHash,
} from "./index";

const FULL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const GPU = ["get", "patch", "update"];

describe("legacy discovery", () => {
  it("/api", () => {
    expect(apiVersions("172.30.1.2:6443")).toEqual({
      kind: "APIVersions", versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "172.30.1.2:6443" }],
    });
  });

  it("/api/v1: names, hashes and subresource entries in upstream order", () => {
    const list = apiResourceList(RESOURCES, "", "v1")!;
    expect(Object.keys(list)).toEqual(["kind", "groupVersion", "resources"]);
    expect(list.resources.map((r) => [r.name, r.storageVersionHash ?? "", r.group ?? "", r.version ?? "", r.kind])).toEqual([
      ["bindings", "", "", "", "Binding"],
      ["componentstatuses", "", "", "", "ComponentStatus"],
      ["configmaps", "qFsyl6wFWjQ=", "", "", "ConfigMap"],
      ["endpoints", "fWeeMqaN/OA=", "", "", "Endpoints"],
      ["events", "r2yiGXH7wu8=", "", "", "Event"],
      ["limitranges", "EBKMFVe6cwo=", "", "", "LimitRange"],
      ["namespaces", "Q3oi5N2YM8M=", "", "", "Namespace"],
      ["namespaces/finalize", "", "", "", "Namespace"],
      ["namespaces/status", "", "", "", "Namespace"],
      ["nodes", "XwShjMxG9Fs=", "", "", "Node"],
      ["nodes/proxy", "", "", "", "NodeProxyOptions"],
      ["nodes/status", "", "", "", "Node"],
      ["persistentvolumeclaims", "QWTyNDq0dC4=", "", "", "PersistentVolumeClaim"],
      ["persistentvolumeclaims/status", "", "", "", "PersistentVolumeClaim"],
      ["persistentvolumes", "HN/zwEC+JgM=", "", "", "PersistentVolume"],
      ["persistentvolumes/status", "", "", "", "PersistentVolume"],
      ["pods", "xPOwRZ+Yhw8=", "", "", "Pod"],
      ["pods/attach", "", "", "", "PodAttachOptions"],
      ["pods/binding", "", "", "", "Binding"],
      ["pods/ephemeralcontainers", "", "", "", "Pod"],
      ["pods/eviction", "", "policy", "v1", "Eviction"],
      ["pods/exec", "", "", "", "PodExecOptions"],
      ["pods/log", "", "", "", "Pod"],
      ["pods/portforward", "", "", "", "PodPortForwardOptions"],
      ["pods/proxy", "", "", "", "PodProxyOptions"],
      ["pods/status", "", "", "", "Pod"],
      ["podtemplates", "LIXB2x4IFpk=", "", "", "PodTemplate"],
      ["replicationcontrollers", "Jond2If31h0=", "", "", "ReplicationController"],
      ["replicationcontrollers/scale", "", "autoscaling", "v1", "Scale"],
      ["replicationcontrollers/status", "", "", "", "ReplicationController"],
      ["resourcequotas", "8uhSgffRX6w=", "", "", "ResourceQuota"],
      ["resourcequotas/status", "", "", "", "ResourceQuota"],
      ["secrets", "S6u1pOWzb84=", "", "", "Secret"],
      ["serviceaccounts", "pbx9ZvyFpBE=", "", "", "ServiceAccount"],
      ["serviceaccounts/token", "", "authentication.k8s.io", "v1", "TokenRequest"],
      ["services", "0/CO1lhkEBI=", "", "", "Service"],
      ["services/proxy", "", "", "", "ServiceProxyOptions"],
      ["services/status", "", "", "", "Service"],
    ]);
  });

  it("/apis/events.k8s.io/v1 (shares core Event storage)", () => {
    expect(apiResourceList(RESOURCES, "events.k8s.io", "v1")).toEqual({
      kind: "APIResourceList", apiVersion: "v1", groupVersion: "events.k8s.io/v1",
      resources: [{ name: "events", singularName: "event", namespaced: true, kind: "Event", verbs: FULL, shortNames: ["ev"], storageVersionHash: "r2yiGXH7wu8=" }],
    });
  });

  it("/apis/autoscaling/v1 (stored as autoscaling/v2)", () => {
    expect(apiResourceList(RESOURCES, "autoscaling", "v1")!.resources).toEqual([
      {
        name: "horizontalpodautoscalers", singularName: "horizontalpodautoscaler", namespaced: true, kind: "HorizontalPodAutoscaler",
        verbs: FULL, shortNames: ["hpa"], categories: ["all"], storageVersionHash: "qwQve8ut294=",
      },
      { name: "horizontalpodautoscalers/status", singularName: "", namespaced: true, kind: "HorizontalPodAutoscaler", verbs: GPU },
    ]);
  });

  it("/apis and /apis/<group>", () => {
    const groups = apiGroupList(RESOURCES).groups;
    expect(groups[0]).toEqual({
      name: "apiregistration.k8s.io",
      versions: [{ groupVersion: "apiregistration.k8s.io/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apiregistration.k8s.io/v1", version: "v1" },
    });
    expect(apiGroup(RESOURCES, "autoscaling")).toEqual({
      kind: "APIGroup", apiVersion: "v1", name: "autoscaling",
      versions: [{ groupVersion: "autoscaling/v2", version: "v2" }, { groupVersion: "autoscaling/v1", version: "v1" }],
      preferredVersion: { groupVersion: "autoscaling/v2", version: "v2" },
    });
    expect(apiGroup(RESOURCES, "extensions")).toBeUndefined();
    expect(apiResourceList(RESOURCES, "apps", "v1beta1")).toBeUndefined();
  });

  it("storageVersionHash formula", () => {
    expect(storageVersionHash("", "v1", "ConfigMap")).toBe("qFsyl6wFWjQ=");
    expect(storageVersionHash("", "v1", "")).toBe("");
  });
});

describe("aggregated discovery v2", () => {
  it("content type", () => {
    expect(AGGREGATED_DISCOVERY_V2_CONTENT_TYPE).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  });

  it("/apis: apps/v1 deployments as in aggregated_v2.json", () => {
    const doc = aggregatedDiscovery(RESOURCES, "apis");
    expect([doc.kind, doc.apiVersion, doc.metadata]).toEqual(["APIGroupDiscoveryList", "apidiscovery.k8s.io/v2", {}]);
    expect(doc.items.slice(0, 3).map((g) => g.metadata)).toEqual([
      { name: "apiregistration.k8s.io", creationTimestamp: null },
      { name: "apps", creationTimestamp: null },
      { name: "events.k8s.io", creationTimestamp: null },
    ]);
    const apps = doc.items[1].versions[0];
    expect([apps.version, apps.freshness, apps.resources.map((r) => r.resource)]).toEqual([
      "v1", "Current", ["controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets"],
    ]);
    expect(apps.resources[2]).toEqual({
      resource: "deployments",
      responseKind: { group: "", version: "", kind: "Deployment" },
      scope: "Namespaced",
      singularResource: "deployment",
      verbs: FULL,
      shortNames: ["deploy"],
      categories: ["all"],
      subresources: [
        { subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: GPU },
        { subresource: "status", responseKind: { group: "", version: "", kind: "Deployment" }, verbs: GPU },
      ],
    });
    const autoscaling = doc.items.find((g) => g.metadata.name === "autoscaling")!;
    expect(autoscaling.versions.map((v) => v.version)).toEqual(["v2", "v1"]);
    expect(doc.items.some((g) => g.metadata.name === "metrics.k8s.io")).toBe(true);
  });

  it("/api: only the core group, unnamed", () => {
    const doc = aggregatedDiscovery(RESOURCES, "api");
    expect(doc.items.map((g) => [g.metadata, g.versions.map((v) => v.version)])).toEqual([[{ creationTimestamp: null }, ["v1"]]]);
    const sa = doc.items[0].versions[0].resources.find((r) => r.resource === "serviceaccounts")!;
    expect(sa).toEqual({
      resource: "serviceaccounts", responseKind: { group: "", version: "", kind: "ServiceAccount" }, scope: "Namespaced",
      singularResource: "serviceaccount", verbs: FULL, shortNames: ["sa"],
      subresources: [{ subresource: "token", responseKind: { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest" }, verbs: ["create"] }],
    });
  });
});
