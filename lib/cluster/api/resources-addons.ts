// Resources that appear at run time from CustomResourceDefinitions: how apiextensions-apiserver
// turns a CRD into served resources (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/
// customresource_discovery_controller.go), plus the CRDs a fresh Drydock lab installs: the
// Gateway API v1.2 standard channel and Calico's crd.projectcalico.org CRDs. The bootstrap
// creates the CRD objects; the API server derives discovery from them with crdResources().
import type { KObject, ResourceInfo } from "./types";

/** apiextensions-apiserver lists CR verbs in this (non-alphabetical) order. */
export const CRD_VERBS = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

interface CRDVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: object; scale?: object };
}

interface CRDSpec {
  group: string;
  scope: "Namespaced" | "Cluster";
  names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions: CRDVersion[];
}

/** The served resources of one CRD object (apiextensions.k8s.io/v1), one per served version. */
export function crdResources(crd: KObject): ResourceInfo[] {
  const spec = crd.spec as CRDSpec | undefined;
  if (!spec?.names?.plural || !spec.names.kind) return [];
  const { group, names } = spec;
  return spec.versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const info: ResourceInfo = {
        group,
        version: v.name,
        resource: names.plural,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        singular: names.singular ?? names.kind.toLowerCase(),
        namespaced: spec.scope === "Namespaced",
        verbs: CRD_VERBS,
        storagePrefix: `${group}/${names.plural}`,
      };
      if (names.shortNames?.length) info.shortNames = names.shortNames;
      if (names.categories?.length) info.categories = names.categories;
      const subs: NonNullable<ResourceInfo["subresources"]> = {};
      if (v.subresources?.scale) subs.scale = { kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] };
      if (v.subresources?.status) subs.status = { kind: names.kind, verbs: ["get", "patch", "update"] };
      if (Object.keys(subs).length) info.subresources = subs;
      return info;
    });
}

/** A minimal CRD object carrying only what discovery needs (the bootstrap applies the full ones). */
function crd(spec: CRDSpec): KObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${spec.names.plural}.${spec.group}` },
    spec,
  };
}

const STATUS = { status: {} };
const GW = "gateway.networking.k8s.io";
const GW_CATEGORIES = ["gateway-api"];

/** Gateway API v1.2 standard-channel CRDs (config/crd/standard in kubernetes-sigs/gateway-api v1.2.x). */
export const GATEWAY_API_CRDS: readonly KObject[] = [
  crd({
    group: GW, scope: "Cluster",
    names: { plural: "gatewayclasses", singular: "gatewayclass", kind: "GatewayClass", listKind: "GatewayClassList", shortNames: ["gc"], categories: GW_CATEGORIES },
    versions: [{ name: "v1", storage: true, subresources: STATUS }, { name: "v1beta1", storage: false, subresources: STATUS }],
  }),
  crd({
    group: GW, scope: "Namespaced",
    names: { plural: "gateways", singular: "gateway", kind: "Gateway", listKind: "GatewayList", shortNames: ["gtw"], categories: GW_CATEGORIES },
    versions: [{ name: "v1", storage: true, subresources: STATUS }, { name: "v1beta1", storage: false, subresources: STATUS }],
  }),
  crd({
    group: GW, scope: "Namespaced",
    names: { plural: "grpcroutes", singular: "grpcroute", kind: "GRPCRoute", listKind: "GRPCRouteList", categories: GW_CATEGORIES },
    versions: [{ name: "v1", storage: true, subresources: STATUS }],
  }),
  crd({
    group: GW, scope: "Namespaced",
    names: { plural: "httproutes", singular: "httproute", kind: "HTTPRoute", listKind: "HTTPRouteList", categories: GW_CATEGORIES },
    versions: [{ name: "v1", storage: true, subresources: STATUS }, { name: "v1beta1", storage: false, subresources: STATUS }],
  }),
  crd({
    group: GW, scope: "Namespaced",
    names: { plural: "referencegrants", singular: "referencegrant", kind: "ReferenceGrant", listKind: "ReferenceGrantList", shortNames: ["refgrant"], categories: GW_CATEGORIES },
    versions: [{ name: "v1beta1", storage: true }],
  }),
];

/** Calico v3.29 manifest (calico.yaml) CRDs: crd.projectcalico.org/v1, no subresources or short names. */
const CALICO_KINDS: [plural: string, kind: string, namespaced: boolean][] = [
  ["bgpconfigurations", "BGPConfiguration", false],
  ["bgpfilters", "BGPFilter", false],
  ["bgppeers", "BGPPeer", false],
  ["blockaffinities", "BlockAffinity", false],
  ["caliconodestatuses", "CalicoNodeStatus", false],
  ["clusterinformations", "ClusterInformation", false],
  ["felixconfigurations", "FelixConfiguration", false],
  ["globalnetworkpolicies", "GlobalNetworkPolicy", false],
  ["globalnetworksets", "GlobalNetworkSet", false],
  ["hostendpoints", "HostEndpoint", false],
  ["ipamblocks", "IPAMBlock", false],
  ["ipamconfigs", "IPAMConfig", false],
  ["ipamhandles", "IPAMHandle", false],
  ["ippools", "IPPool", false],
  ["ipreservations", "IPReservation", false],
  ["kubecontrollersconfigurations", "KubeControllersConfiguration", false],
  ["networkpolicies", "NetworkPolicy", true],
  ["networksets", "NetworkSet", true],
  ["tiers", "Tier", false],
];

export const CALICO_CRDS: readonly KObject[] = CALICO_KINDS.map(([plural, kind, namespaced]) =>
  crd({
    group: "crd.projectcalico.org",
    scope: namespaced ? "Namespaced" : "Cluster",
    names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
    versions: [{ name: "v1", storage: true }],
  }),
);

export const GATEWAY_API_RESOURCES: readonly ResourceInfo[] = GATEWAY_API_CRDS.flatMap(crdResources);
export const CALICO_RESOURCES: readonly ResourceInfo[] = CALICO_CRDS.flatMap(crdResources);

/** The storage version of a CRD (the version marked storage: true), for storageVersionHash. */
export function crdStorageVersion(crdObject: KObject): string | undefined {
  const spec = crdObject.spec as CRDSpec | undefined;
  return spec?.versions.find((v) => v.storage)?.name;
}
