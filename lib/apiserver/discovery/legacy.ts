// Legacy (unaggregated) discovery documents: /api, /apis, /apis/<group>, /api/v1 and
// /apis/<group>/<version>. Shapes follow k8s.io/apimachinery/pkg/apis/meta/v1 (APIVersions,
// APIGroupList, APIGroup, APIResourceList; keys in Go struct order) as served by
// staging/src/k8s.io/apiserver/pkg/endpoints/discovery/{legacy,root,group,version}.go and
// kube-aggregator's handler_apis.go; golden examples: kubernetes/kubernetes api/discovery/*.json.
import type { ResourceInfo } from "../../cluster/api/types";
import { apiGroups } from "../../cluster/api/resources-groups";
import { ResourceIndex } from "../../cluster/api/resources-index";
import { storageGVK, storageVersionHash } from "./storage-version-hash";

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** GET /api: the legacy group's versions and the address clients should use. */
export function apiVersions(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupDoc(name: string, versions: string[]) {
  const gv = (v: string) => ({ groupVersion: `${name}/${v}`, version: v });
  return { name, versions: versions.map(gv), preferredVersion: gv(versions[0]) };
}

/** GET /apis: every named group in aggregator order (apiregistration first). */
export function apiGroupList(resources: readonly ResourceInfo[]) {
  const groups = apiGroups(resources).filter((g) => g.name !== "");
  return { kind: "APIGroupList", apiVersion: "v1", groups: groups.map((g) => groupDoc(g.name, g.versions)) };
}

/** GET /apis/<group>, or undefined (404) when no such group is served. */
export function apiGroup(resources: readonly ResourceInfo[], group: string) {
  const g = apiGroups(resources).find((x) => x.name === group && group !== "");
  return g && { kind: "APIGroup", apiVersion: "v1", ...groupDoc(g.name, g.versions) };
}

/** The APIResource entries of one group/version: each resource, then "res/sub" entries, sorted by name. */
export function apiResources(resources: readonly ResourceInfo[], group: string, version: string): APIResource[] {
  const index = new ResourceIndex(resources);
  const out: APIResource[] = [];
  for (const r of resources) {
    if (r.group !== group || r.version !== version) continue;
    const entry: APIResource = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs] };
    if (r.shortNames?.length) entry.shortNames = [...r.shortNames];
    if (r.categories?.length) entry.categories = [...r.categories];
    if (!r.virtual) {
      const s = storageGVK(r, (g) => index.preferredVersion(g), (g, res) => index.versionsOf(g, res).map((x) => x.version));
      entry.storageVersionHash = storageVersionHash(s.group, s.version, s.kind);
    }
    out.push(entry);
    for (const [sub, info] of Object.entries(r.subresources ?? {})) {
      // group/version are set only when the subresource's kind lives elsewhere (Scale, Eviction...).
      const other = info.group !== undefined || info.version !== undefined;
      out.push({
        name: `${r.resource}/${sub}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(other ? { group: info.group ?? "", version: info.version ?? "" } : {}),
        kind: info.kind,
        verbs: [...info.verbs],
      });
    }
  }
  return out.sort(byName);
}

/** GET /api/v1 or /apis/<group>/<version>; undefined (404) when that group/version is not served. */
export function apiResourceList(resources: readonly ResourceInfo[], group: string, version: string) {
  if (!resources.some((r) => r.group === group && r.version === version)) return undefined;
  const groupVersion = group === "" ? version : `${group}/${version}`;
  const list = apiResources(resources, group, version);
  // The legacy /api/v1 handler writes no apiVersion (api/discovery/api__v1.json); named groups do.
  return group === ""
    ? { kind: "APIResourceList", groupVersion, resources: list }
    : { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources: list };
}
