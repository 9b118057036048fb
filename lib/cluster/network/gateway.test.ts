// Expectations from the Gateway API spec (httproute_types.go precedence and filter comments, the
// conformance tests' HTTPRouteMatching / HTTPRouteRedirect* / HTTPRouteRewrite* cases) and NGF's
// condition texts (internal/controller/state/conditions/conditions.go).
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { attachRoute, gatewayStatus, httpRouteStatus, pickWeighted, routeGateway, type GatewayRoute } from "./gateway.js";

const gw = (listeners: Record<string, unknown>[]): KObject => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { namespace: "gw", name: "store-gw", generation: 1 }, spec: { gatewayClassName: "nginx", listeners } });
const route = (name: string, spec: Record<string, unknown>, created = "2026-01-01T00:00:00Z"): KObject => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { namespace: "gw", name, generation: 1, creationTimestamp: created }, spec: { parentRefs: [{ name: "store-gw" }], ...spec } });
const svc = (name: string, port = 80): KObject => ({ apiVersion: "v1", kind: "Service", metadata: { namespace: "gw", name }, spec: { ports: [{ port }] } });
const services = [svc("orders-api", 8080), svc("storefront"), svc("v1"), svc("v2"), svc("hdr"), svc("q"), svc("m")];
const GW = gw([{ name: "http", protocol: "HTTP", port: 80, hostname: "store.example.test" }]);
const ns = new Map<string, Record<string, string>>();

const backend = (name: string, port: number, uri: string, extra: Partial<Extract<GatewayRoute, { kind: "backend" }>> = {}): GatewayRoute => ({
  kind: "backend",
  route: extra.route ?? "gw/r",
  backends: [{ namespace: "gw", name, port, weight: 1, valid: true }],
  uri,
  host: "store.example.test",
  requestHeaders: [],
  responseHeaders: [],
  ...extra,
});

describe("routing", () => {
  const routes = [
    route("r", {
      hostnames: ["store.example.test"],
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: "/orders" } }], backendRefs: [{ name: "orders-api", port: 8080 }] },
        { backendRefs: [{ name: "storefront", port: 80 }] },
        { matches: [{ path: { type: "Exact", value: "/exact" } }], backendRefs: [{ name: "v1", port: 80 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/hdr" }, headers: [{ name: "X-Version", value: "2" }] }], backendRefs: [{ name: "hdr", port: 80 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/hdr" }, queryParams: [{ name: "v", value: "q" }] }], backendRefs: [{ name: "q", port: 80 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/hdr" }, method: "POST" }], backendRefs: [{ name: "m", port: 80 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/old" } }], filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] },
        { matches: [{ path: { type: "PathPrefix", value: "/moved" } }], filters: [{ type: "RequestRedirect", requestRedirect: { hostname: "new.test", path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/new" } } }] },
        { matches: [{ path: { type: "PathPrefix", value: "/api/" } }], filters: [{ type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/" } } }], backendRefs: [{ name: "v1", port: 80 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/full" } }], filters: [{ type: "URLRewrite", urlRewrite: { hostname: "inner.test", path: { type: "ReplaceFullPath", replaceFullPath: "/index.html" } } }], backendRefs: [{ name: "v2", port: 80 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/missing" } }], backendRefs: [{ name: "nope", port: 80 }] },
      ],
    }),
  ];
  const attached = routes.map((r) => ({ route: r, attachments: attachRoute(r, [GW], ns) }));
  it.each([
    { name: "prefix /orders matches /orders/", uri: "/orders/", want: backend("orders-api", 8080, "/orders/") },
    { name: "prefix /orders does not match /ordersx", uri: "/ordersx", want: backend("storefront", 80, "/ordersx") },
    { name: "no matches means prefix /", uri: "/", want: backend("storefront", 80, "/") },
    { name: "exact beats prefix /", uri: "/exact", want: backend("v1", 80, "/exact") },
    { name: "method match wins over header match at equal path", uri: "/hdr", method: "POST", headers: { "x-version": "2" }, want: backend("m", 80, "/hdr") },
    { name: "header match", uri: "/hdr", headers: { "x-version": "2" }, want: backend("hdr", 80, "/hdr") },
    { name: "query param match", uri: "/hdr?v=q", want: backend("q", 80, "/hdr?v=q") },
    { name: "nothing at /hdr without header/query/method falls to /", uri: "/hdr", want: backend("storefront", 80, "/hdr") },
    { name: "redirect to https drops the well-known port", uri: "/old/x?a=1", want: { kind: "redirect", status: 301, location: "https://store.example.test/old/x?a=1" } },
    { name: "redirect with hostname and prefix replacement keeps listener port 80 implicit", uri: "/moved/page", want: { kind: "redirect", status: 302, location: "http://new.test/new/page" } },
    { name: "URLRewrite ReplacePrefixMatch /api/ -> /", uri: "/api/users", want: backend("v1", 80, "/users") },
    { name: "URLRewrite ReplaceFullPath and hostname", uri: "/full/x?y", want: backend("v2", 80, "/index.html?y", { host: "inner.test" }) },
    { name: "unresolved backend is kept invalid (500)", uri: "/missing", want: backend("nope", 80, "/missing", { backends: [{ namespace: "gw", name: "nope", port: 80, weight: 1, valid: false }] }) },
    { name: "other host is not found (404)", uri: "/", host: "other.example.test", want: { kind: "notFound" } },
  ])("$name", ({ uri, method, headers, host, want }) => {
    expect(routeGateway(GW, attached, services, { host: host ?? "store.example.test", port: 80, method: method ?? "GET", uri, headers: headers ?? {} })).toEqual(want);
  });

  it("picks weighted backends", () => {
    const b = [{ weight: 90 }, { weight: 10 }];
    expect([0, 0.89, 0.9, 0.99].map((r) => b.indexOf(pickWeighted(b, r)!))).toEqual([0, 0, 1, 1]);
    expect(pickWeighted([{ weight: 0 }], 0.5)).toBeUndefined();
  });
});

describe("status", () => {
  const input = (routes: KObject[], gateways = [GW]) => ({ gateways, routes, services, secrets: [] as KObject[], namespaceLabels: ns, addresses: new Map([["gw/store-gw", "10.96.5.5"]]), now: "2026-01-01T00:01:00Z" });
  const at = { lastTransitionTime: "2026-01-01T00:01:00Z", observedGeneration: 1 };
  it("writes Gateway conditions, listener status and the Service address", () => {
    expect(gatewayStatus(GW, input([route("r", { hostnames: ["store.example.test"] })]))).toEqual({
      addresses: [{ type: "IPAddress", value: "10.96.5.5" }],
      conditions: [
        { type: "Accepted", status: "True", reason: "Accepted", message: "Gateway is accepted", ...at },
        { type: "Programmed", status: "True", reason: "Programmed", message: "Gateway is programmed", ...at },
      ],
      listeners: [
        {
          name: "http",
          supportedKinds: [
            { group: "gateway.networking.k8s.io", kind: "HTTPRoute" },
            { group: "gateway.networking.k8s.io", kind: "GRPCRoute" },
          ],
          attachedRoutes: 1,
          conditions: [
            { type: "Accepted", status: "True", reason: "Accepted", message: "Listener is accepted", ...at },
            { type: "Programmed", status: "True", reason: "Programmed", message: "Listener is programmed", ...at },
            { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references are resolved", ...at },
            { type: "Conflicted", status: "False", reason: "NoConflicts", message: "No conflicts", ...at },
          ],
        },
      ],
    });
  });
  it("reports an HTTPS listener whose Secret is missing", () => {
    const two = gw([
      { name: "http", protocol: "HTTP", port: 80 },
      { name: "https", protocol: "HTTPS", port: 443, tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "store-tls" }] } },
    ]);
    const st = gatewayStatus(two, input([], [two])) as { conditions: { reason: string; message: string }[]; listeners: { name: string; conditions: { type: string; status: string; reason: string; message: string }[] }[] };
    expect(st.conditions.map((c) => `${c.reason}: ${c.message}`)).toEqual(["ListenersNotValid: Gateway has at least one valid listener", "Programmed: Gateway is programmed"]);
    const msg = "tls.certificateRefs[0]: Invalid value: gw/store-tls: secret does not exist";
    expect(st.listeners[1].conditions.map(({ type, status, reason, message }) => ({ type, status, reason, message }))).toEqual([
      { type: "Accepted", status: "False", reason: "InvalidCertificateRef", message: msg },
      { type: "ResolvedRefs", status: "False", reason: "InvalidCertificateRef", message: msg },
      { type: "Programmed", status: "False", reason: "Invalid", message: msg },
    ]);
  });
  const parent = { group: "gateway.networking.k8s.io", kind: "Gateway", name: "store-gw", namespace: "gw" };
  it.each([
    { name: "accepted with resolved refs", spec: { hostnames: ["store.example.test"], rules: [{ backendRefs: [{ name: "storefront", port: 80 }] }] }, accepted: ["True", "Accepted", "The route is accepted"], refs: ["True", "ResolvedRefs", "All references are resolved"] },
    { name: "backend not found", spec: { rules: [{ backendRefs: [{ name: "ghost", port: 80 }] }] }, accepted: ["True", "Accepted", "The route is accepted"], refs: ["False", "BackendNotFound", 'spec.rules[0].backendRefs[0].name: Not found: "ghost"'] },
    { name: "hostname mismatch", spec: { hostnames: ["other.test"] }, accepted: ["False", "NoMatchingListenerHostname", "Listener hostname does not match the Route hostnames"], refs: ["True", "ResolvedRefs", "All references are resolved"] },
    { name: "unknown sectionName", spec: { parentRefs: [{ name: "store-gw", sectionName: "https" }] }, accepted: ["False", "NoMatchingParent", "Listener is not found for this parent ref"], refs: ["True", "ResolvedRefs", "All references are resolved"], section: "https" },
  ])("HTTPRoute: $name", ({ spec, accepted, refs, section }) => {
    const st = httpRouteStatus(route("r", spec), input([]));
    const c = (type: string, [status, reason, message]: string[]) => ({ type, status, reason, message, ...at });
    expect(st).toEqual({ parents: [{ parentRef: { ...parent, ...(section ? { sectionName: section } : {}) }, controllerName: "gateway.nginx.org/nginx-gateway-controller", conditions: [c("Accepted", accepted), c("ResolvedRefs", refs)] }] });
  });
});
