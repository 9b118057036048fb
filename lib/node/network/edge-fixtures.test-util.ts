// Fixtures of the edge proxy tests (test-only): a cluster with ingress-nginx, NGF, a backend
// pod 10.244.1.20:80 behind Services catalog (web) and storefront (gw-store), Ingresses and a Gateway.
import type { KObject } from "../../cluster/api/types";
import { FakeCluster } from "../../cluster/client/fake";
import { GR } from "../../cluster/client/types";
import { service, slice } from "../../cluster/network/fixtures.test-util";
import { GW_GR } from "../../cluster/network/gateway-controller";

export const nodeIps = new Map([["controlplane", "172.30.1.2"], ["node01", "172.30.1.3"]]);
const pod = (ns: string, name: string, ip: string, labels: Record<string, string>): KObject => ({ metadata: { namespace: ns, name, labels }, spec: { nodeName: "node01", containers: [{ name: "c", ports: [{ containerPort: 80 }] }] }, status: { phase: "Running", podIP: ip } });
const CTRL = { "app.kubernetes.io/component": "controller", "app.kubernetes.io/name": "ingress-nginx" };

export function cluster(): FakeCluster {
  const c = new FakeCluster({ now: () => new Date("2026-01-01T00:00:00Z") });
  c.seed(GR.namespaces, ...["default", "ingress-nginx", "nginx-gateway", "web", "gw-store"].map((name) => ({ metadata: { name } })));
  c.seed(
    GR.services,
    service("ingress-nginx", "ingress-nginx-controller", { type: "NodePort", clusterIP: "10.96.10.10", ports: [{ name: "http", port: 80, nodePort: 32080 }, { name: "https", port: 443, nodePort: 32443 }] }),
    service("web", "catalog", { clusterIP: "10.96.20.1", ports: [{ port: 80 }] }),
    service("web", "empty", { clusterIP: "10.96.20.2", ports: [{ port: 80 }] }),
    service("gw-store", "store-gw-nginx", { clusterIP: "10.96.30.1", ports: [{ name: "port-80", port: 80 }] }),
    service("gw-store", "storefront", { clusterIP: "10.96.30.2", ports: [{ port: 80 }] }),
  );
  c.seed(
    GR.endpointslices,
    slice("ingress-nginx", "ingress-nginx-controller", [{ name: "http", port: 80 }, { name: "https", port: 443 }], [{ ip: "10.244.1.2", node: "node01" }]),
    slice("web", "catalog", [{ port: 80 }], [{ ip: "10.244.1.20", node: "node01" }]),
    slice("gw-store", "store-gw-nginx", [{ name: "port-80", port: 80 }], [{ ip: "10.244.1.3", node: "node01" }]),
    slice("gw-store", "storefront", [{ port: 80 }], [{ ip: "10.244.1.20", node: "node01" }]),
  );
  c.seed(GR.pods, pod("ingress-nginx", "ingress-nginx-controller-x", "10.244.1.2", CTRL), pod("nginx-gateway", "nginx-gateway-y", "10.244.1.3", { "app.kubernetes.io/name": "nginx-gateway" }), pod("web", "catalog-1", "10.244.1.20", { app: "catalog" }));
  c.seed(GR.ingressclasses, { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } });
  const rule = (host: string, svc: string) => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: svc, port: { number: 80 } } } }] } });
  c.seed(
    GR.ingresses,
    { metadata: { namespace: "web", name: "catalog" }, spec: { ingressClassName: "nginx", rules: [rule("catalog.lab.test", "catalog"), rule("empty.lab.test", "empty")] } },
    { metadata: { namespace: "web", name: "secure" }, spec: { ingressClassName: "nginx", tls: [{ hosts: ["secure.lab.test"] }], rules: [rule("secure.lab.test", "catalog")] } },
  );
  c.seed(GW_GR.gatewayclasses, { metadata: { name: "nginx" }, spec: { controllerName: "gateway.nginx.org/nginx-gateway-controller" } });
  c.seed(GW_GR.gateways, { metadata: { namespace: "gw-store", name: "store-gw" }, spec: { gatewayClassName: "nginx", listeners: [{ name: "http", protocol: "HTTP", port: 80, hostname: "store.example.test" }] } });
  c.seed(GW_GR.httproutes, { metadata: { namespace: "gw-store", name: "r" }, spec: { parentRefs: [{ name: "store-gw" }], rules: [{ backendRefs: [{ name: "storefront", port: 80 }] }] } });
  return c;
}

