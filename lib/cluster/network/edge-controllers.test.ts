// The ingress-nginx and NGF controllers against FakeCluster + FakeTime: events, Ingress status
// after the 60 s status loop, Gateway Service/EndpointSlice and statuses.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { GR } from "../client/types.js";
import { events, harness } from "../controllers/util/testing.js";
import { GW_GR, newGatewayController } from "./gateway-controller.js";
import { newIngressNginxController } from "./ingress-controller.js";

const node = (name: string, ip: string): KObject => ({ apiVersion: "v1", kind: "Node", metadata: { name }, status: { addresses: [{ type: "InternalIP", address: ip }] } });
const pod = (ns: string, name: string, labels: Record<string, string>, nodeName: string, ip: string): KObject => ({ apiVersion: "v1", kind: "Pod", metadata: { namespace: ns, name, labels }, spec: { nodeName }, status: { phase: "Running", podIP: ip } });

describe("ingress-nginx controller", () => {
  it("records Sync events and fills status.loadBalancer on the next status loop", async () => {
    const h = harness();
    h.client.seed(GR.nodes, node("node01", "172.30.1.3"));
    h.client.seed(GR.pods, pod("ingress-nginx", "ingress-nginx-controller-abc", { "app.kubernetes.io/component": "controller", "app.kubernetes.io/name": "ingress-nginx" }, "node01", "10.244.1.5"));
    h.client.seed(GR.ingressclasses, { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } });
    newIngressNginxController(h.ctx).start();
    await h.time.advance(1000);
    await h.client.create(GR.ingresses, { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { namespace: "web", name: "shop" }, spec: { ingressClassName: "nginx", rules: [{ host: "shop.test" }] } });
    await h.client.create(GR.ingresses, { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { namespace: "web", name: "other" }, spec: { ingressClassName: "traefik" } });
    await h.time.advance(1000);
    expect(events(h.client, { kind: "Ingress" })).toEqual(["Sync: Scheduled for sync"]);
    expect(h.client.get(GR.ingresses, "web", "shop")!.status).toBeUndefined();
    await h.time.advance(60_000);
    expect(h.client.get(GR.ingresses, "web", "shop")!.status).toEqual({ loadBalancer: { ingress: [{ ip: "172.30.1.3" }] } });
    expect(h.client.get(GR.ingresses, "web", "other")!.status).toBeUndefined();
  });
});

describe("NGINX Gateway Fabric controller", () => {
  it("creates <gateway>-nginx with its EndpointSlice and writes statuses", async () => {
    const h = harness();
    h.client.seed(GR.pods, pod("nginx-gateway", "nginx-gateway-7d9c", { "app.kubernetes.io/name": "nginx-gateway" }, "node02", "10.244.2.7"));
    h.client.seed(GW_GR.gatewayclasses, { apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name: "nginx" }, spec: { controllerName: "gateway.nginx.org/nginx-gateway-controller" } });
    newGatewayController(h.ctx).start();
    await h.client.create(GW_GR.gateways, { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { namespace: "gw-store", name: "store-gw" }, spec: { gatewayClassName: "nginx", listeners: [{ name: "http", protocol: "HTTP", port: 80, hostname: "store.example.test" }] } });
    await h.client.create(GW_GR.httproutes, { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { namespace: "gw-store", name: "store-routes" }, spec: { parentRefs: [{ name: "store-gw", sectionName: "http" }], hostnames: ["store.example.test"], rules: [{ backendRefs: [{ name: "storefront", port: 80 }] }] } });
    await h.time.advance(1000);
    const svc = h.client.get(GR.services, "gw-store", "store-gw-nginx")!;
    expect(svc.spec).toEqual({ type: "ClusterIP", ports: [{ name: "port-80", port: 80, protocol: "TCP", targetPort: 80 }] });
    const slice = h.client.get(GR.endpointslices, "gw-store", "store-gw-nginx")!;
    expect((slice.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0])).toEqual(["10.244.2.7"]);
    const gw = h.client.get(GW_GR.gateways, "gw-store", "store-gw")!;
    expect((gw.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`)).toEqual(["Accepted=True", "Programmed=True"]);
    const rt = h.client.get(GW_GR.httproutes, "gw-store", "store-routes")!;
    const conds = (rt.status as { parents: { conditions: { type: string; status: string; reason: string }[] }[] }).parents[0].conditions;
    expect(conds.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(["Accepted=True/Accepted", "ResolvedRefs=False/BackendNotFound"]);
    // The Service appearing resolves the reference.
    await h.client.create(GR.services, { apiVersion: "v1", kind: "Service", metadata: { namespace: "gw-store", name: "storefront" }, spec: { ports: [{ port: 80 }] } });
    await h.time.advance(1000);
    const conds2 = (h.client.get(GW_GR.httproutes, "gw-store", "store-routes")!.status as typeof rt.status & { parents: { conditions: { type: string; status: string }[] }[] }).parents[0].conditions;
    expect(conds2.map((c) => `${c.type}=${c.status}`)).toEqual(["Accepted=True", "ResolvedRefs=True"]);
  });
});
