// The CustomResourceDefinitions Calico v3.29's calico.yaml installs (crd.projectcalico.org, plus
// the policy.networking.k8s.io AdminNetworkPolicy CRDs it bundles). Names, kinds and scopes are
// Calico's; schemas are reduced to preserve-unknown-fields (KNOWN_GAPS).

import type { KObject } from "../../api/types";
import { type BuildContext, obj } from "../context";

// [plural, kind, scope]
export const CALICO_CRDS: [string, string, "Cluster" | "Namespaced"][] = [
  ["bgpconfigurations", "BGPConfiguration", "Cluster"],
  ["bgpfilters", "BGPFilter", "Cluster"],
  ["bgppeers", "BGPPeer", "Cluster"],
  ["blockaffinities", "BlockAffinity", "Cluster"],
  ["caliconodestatuses", "CalicoNodeStatus", "Cluster"],
  ["clusterinformations", "ClusterInformation", "Cluster"],
  ["felixconfigurations", "FelixConfiguration", "Cluster"],
  ["globalnetworkpolicies", "GlobalNetworkPolicy", "Cluster"],
  ["globalnetworksets", "GlobalNetworkSet", "Cluster"],
  ["hostendpoints", "HostEndpoint", "Cluster"],
  ["ipamblocks", "IPAMBlock", "Cluster"],
  ["ipamconfigs", "IPAMConfig", "Cluster"],
  ["ipamhandles", "IPAMHandle", "Cluster"],
  ["ippools", "IPPool", "Cluster"],
  ["ipreservations", "IPReservation", "Cluster"],
  ["kubecontrollersconfigurations", "KubeControllersConfiguration", "Cluster"],
  ["networkpolicies", "NetworkPolicy", "Namespaced"],
  ["networksets", "NetworkSet", "Namespaced"],
  ["tiers", "Tier", "Cluster"],
];

const LOOSE_SCHEMA = {
  openAPIV3Schema: {
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
    type: "object",
  },
};

export function crdObject(
  ctx: BuildContext,
  createdAt: number,
  group: string,
  plural: string,
  kind: string,
  scope: string,
  versions: Record<string, unknown>[],
  extra: { shortNames?: string[]; categories?: string[]; annotations?: Record<string, string>; labels?: Record<string, string> } = {},
): KObject {
  const names: Record<string, unknown> = { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() };
  if (extra.shortNames) names.shortNames = extra.shortNames;
  if (extra.categories) names.categories = extra.categories;
  const crd = obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", ctx, {
    name: `${plural}.${group}`,
    labels: extra.labels,
    annotations: extra.annotations,
    createdAt,
    generation: 1,
  });
  crd.spec = { conversion: { strategy: "None" }, group, names, scope, versions };
  const storage = versions.find((v) => v.storage)?.name as string;
  crd.status = {
    acceptedNames: names,
    conditions: [
      { lastTransitionTime: ctx.at(createdAt), message: "no conflicts found", reason: "NoConflicts", status: "True", type: "NamesAccepted" },
      { lastTransitionTime: ctx.at(createdAt), message: "the initial names have been accepted", reason: "InitialNamesAccepted", status: "True", type: "Established" },
    ],
    storedVersions: [storage],
  };
  return crd;
}

export function buildCalicoCRDs(ctx: BuildContext, createdAt: number): KObject[] {
  const out = CALICO_CRDS.map(([plural, kind, scope]) =>
    crdObject(ctx, createdAt, "crd.projectcalico.org", plural, kind, scope, [{ name: "v1", schema: LOOSE_SCHEMA, served: true, storage: true }]),
  );
  // Calico v3.29.2 bundles the AdminNetworkPolicy CRD of network-policy-api v0.1.1.
  const anpAnnotations = { "api-approved.kubernetes.io": "https://github.com/kubernetes-sigs/network-policy-api/pull/30", "policy.networking.k8s.io/bundle-version": "v0.1.1", "policy.networking.k8s.io/channel": "experimental" };
  const anpColumns = [
    { jsonPath: ".spec.priority", name: "Priority", type: "string" },
    { jsonPath: ".metadata.creationTimestamp", name: "Age", type: "date" },
  ];
  out.push(
    crdObject(ctx, createdAt, "policy.networking.k8s.io", "adminnetworkpolicies", "AdminNetworkPolicy", "Cluster", [{ additionalPrinterColumns: anpColumns, name: "v1alpha1", schema: LOOSE_SCHEMA, served: true, storage: true, subresources: { status: {} } }], { shortNames: ["anp"], annotations: anpAnnotations }),
  );
  return out;
}
