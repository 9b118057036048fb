// Aggregated discovery (apidiscovery.k8s.io/v2) for GET /api and /apis with
// Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList.
// Follows staging/src/k8s.io/apiserver/pkg/endpoints/discovery/aggregated/ (handler.go,
// fake/convert) and the types of k8s.io/api/apidiscovery/v2; keys in Go struct order.
// Golden example: kubernetes/kubernetes api/discovery/aggregated_v2.json.
import type { ResourceInfo } from "../../cluster/api/types";
import { apiGroups } from "../../cluster/api/resources-groups";

/** kubectl ignores the body unless the response carries exactly this Content-Type. */
export const AGGREGATED_DISCOVERY_V2_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GroupVersionKind;
  scope: "Namespaced" | "Cluster";
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: "Current" | "Stale";
}

export interface APIGroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: "APIGroupDiscoveryList";
  apiVersion: "apidiscovery.k8s.io/v2";
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

function resourceDiscovery(r: ResourceInfo): APIResourceDiscovery {
  // responseKind leaves group/version empty when they are the resource's own.
  const out: APIResourceDiscovery = {
    resource: r.resource,
    responseKind: { group: "", version: "", kind: r.kind },
    scope: r.namespaced ? "Namespaced" : "Cluster",
    singularResource: r.singular,
    verbs: [...r.verbs],
  };
  if (r.shortNames?.length) out.shortNames = [...r.shortNames];
  if (r.categories?.length) out.categories = [...r.categories];
  const subs = Object.entries(r.subresources ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, s]) => ({
      subresource: name,
      responseKind: { group: s.group ?? "", version: s.version ?? "", kind: s.kind },
      verbs: [...s.verbs],
    }));
  if (subs.length) out.subresources = subs;
  return out;
}

function groupDiscovery(resources: readonly ResourceInfo[], name: string, versions: string[]): APIGroupDiscovery {
  return {
    metadata: name === "" ? { creationTimestamp: null } : { name, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resources
        .filter((r) => r.group === name && r.version === version)
        .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0))
        .map(resourceDiscovery),
      freshness: "Current",
    })),
  };
}

/** The v2 document for "/api" (legacy core group only) or "/apis" (every named group). */
export function aggregatedDiscovery(resources: readonly ResourceInfo[], root: "api" | "apis"): APIGroupDiscoveryList {
  const groups = apiGroups(resources).filter((g) => (root === "api" ? g.name === "" : g.name !== ""));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: "apidiscovery.k8s.io/v2",
    metadata: {},
    items: groups.map((g) => groupDiscovery(resources, g.name, g.versions)),
  };
}
