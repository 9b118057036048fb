// Gateway API v1.2.1 standard-channel CRDs (kubernetes-sigs/gateway-api config/crd/standard) and
// the gateway.nginx.org CRDs of NGINX Gateway Fabric 1.6. Names, versions, short names, categories
// and printer columns are upstream's; the Gateway API schemas are structural (gateway-schemas.ts),
// the NGF ones reduced to preserve-unknown-fields (KNOWN_GAPS).

import type { KObject } from "../../api/types";
import type { BuildContext } from "../context";
import { crdObject } from "./calico";
import { gatewayClassSchema, gatewaySchema, grpcRouteSchema, httpRouteSchema, referenceGrantSchema } from "./gateway-schemas";

export const GATEWAY_API_BUNDLE_VERSION = "v1.2.1";

const SCHEMA = {
  openAPIV3Schema: {
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
    required: ["spec"],
    type: "object",
  },
};

const AGE = { jsonPath: ".metadata.creationTimestamp", name: "Age", type: "date" };

function version(name: string, storage: boolean, columns: Record<string, unknown>[], schema: Record<string, unknown> = SCHEMA): Record<string, unknown> {
  return { additionalPrinterColumns: columns, name, schema, served: true, storage, subresources: { status: {} } };
}

export function buildGatewayAPICRDs(ctx: BuildContext, at: number): KObject[] {
  const annotations = {
    "api-approved.kubernetes.io": "https://github.com/kubernetes-sigs/gateway-api/pull/3328",
    "gateway.networking.k8s.io/bundle-version": GATEWAY_API_BUNDLE_VERSION,
    "gateway.networking.k8s.io/channel": "standard",
  };
  const g = "gateway.networking.k8s.io";
  const gcCols = [
    { jsonPath: ".spec.controllerName", name: "Controller", type: "string" },
    { jsonPath: '.status.conditions[?(@.type=="Accepted")].status', name: "Accepted", type: "string" },
    AGE,
    { jsonPath: ".spec.description", name: "Description", priority: 1, type: "string" },
  ];
  const gwCols = [
    { jsonPath: ".spec.gatewayClassName", name: "Class", type: "string" },
    { jsonPath: ".status.addresses[*].value", name: "Address", type: "string" },
    { jsonPath: '.status.conditions[?(@.type=="Programmed")].status', name: "Programmed", type: "string" },
    AGE,
  ];
  const routeCols = [{ jsonPath: ".spec.hostnames", name: "Hostnames", type: "string" }, AGE];
  const cat = { categories: ["gateway-api"], annotations };
  return [
    crdObject(ctx, at, g, "gatewayclasses", "GatewayClass", "Cluster", [version("v1", true, gcCols, gatewayClassSchema()), version("v1beta1", false, gcCols, gatewayClassSchema())], { ...cat, shortNames: ["gc"] }),
    crdObject(ctx, at, g, "gateways", "Gateway", "Namespaced", [version("v1", true, gwCols, gatewaySchema()), version("v1beta1", false, gwCols, gatewaySchema())], { ...cat, shortNames: ["gtw"] }),
    crdObject(ctx, at, g, "grpcroutes", "GRPCRoute", "Namespaced", [version("v1", true, routeCols, grpcRouteSchema())], cat),
    crdObject(ctx, at, g, "httproutes", "HTTPRoute", "Namespaced", [version("v1", true, routeCols, httpRouteSchema()), version("v1beta1", false, routeCols, httpRouteSchema())], cat),
    crdObject(ctx, at, g, "referencegrants", "ReferenceGrant", "Namespaced", [{ ...version("v1beta1", true, [AGE], referenceGrantSchema()), subresources: {} }], { ...cat, shortNames: ["refgrant"] }),
  ];
}

export function buildNginxGatewayCRDs(ctx: BuildContext, at: number): KObject[] {
  const g = "gateway.nginx.org";
  const annotations = { "controller-gen.kubebuilder.io/version": "v0.17.2" };
  const labels = { "gateway.networking.k8s.io/policy": "inherited" };
  const direct = { "gateway.networking.k8s.io/policy": "direct" };
  const v = (name: string, storage = true) => version(name, storage, [AGE]);
  return [
    crdObject(ctx, at, g, "clientsettingspolicies", "ClientSettingsPolicy", "Namespaced", [v("v1alpha1")], { categories: ["nginx-gateway-fabric"], shortNames: ["cspolicy"], annotations, labels }),
    crdObject(ctx, at, g, "nginxgateways", "NginxGateway", "Namespaced", [v("v1alpha1")], { categories: ["nginx-gateway-fabric"], annotations }),
    crdObject(ctx, at, g, "nginxproxies", "NginxProxy", "Cluster", [v("v1alpha1")], { categories: ["nginx-gateway-fabric"], annotations }),
    crdObject(ctx, at, g, "observabilitypolicies", "ObservabilityPolicy", "Namespaced", [v("v1alpha1", false), v("v1alpha2")], { categories: ["nginx-gateway-fabric"], annotations, labels: direct }),
    crdObject(ctx, at, g, "snippetsfilters", "SnippetsFilter", "Namespaced", [v("v1alpha1")], { categories: ["nginx-gateway-fabric"], shortNames: ["snippetsfilter"], annotations }),
    crdObject(ctx, at, g, "upstreamsettingspolicies", "UpstreamSettingsPolicy", "Namespaced", [v("v1alpha1")], { categories: ["nginx-gateway-fabric"], shortNames: ["uspolicy"], annotations, labels: direct }),
  ];
}
