// Expectations from ingress-nginx's docs and e2e suites (test/e2e/annotations/rewrite.go,
// sslredirect.go, approot.go; docs/user-guide/ingress-path-matching.md) and the
// networking/v1 pathType table in the Kubernetes Ingress docs.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { buildIngressModel, ingressStatusAddresses, nginxErrorPage, routeIngress, servedByNginx, tlsSecretFor, type IngressRoute } from "./ingress.js";

const nginxClass = (isDefault = false): KObject => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "IngressClass",
  metadata: { name: "nginx", ...(isDefault ? { annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } } : {}) },
  spec: { controller: "k8s.io/ingress-nginx" },
});

type P = { path: string; pathType?: string; svc: string; port?: number | string };
function ing(name: string, host: string | undefined, paths: P[], extra: { annotations?: Record<string, string>; tls?: unknown[]; defaultBackend?: string; className?: string | null; created?: string } = {}): KObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { namespace: "web", name, creationTimestamp: extra.created ?? "2026-01-01T00:00:00Z", annotations: extra.annotations },
    spec: {
      ...(extra.className === null ? {} : { ingressClassName: extra.className ?? "nginx" }),
      ...(extra.defaultBackend ? { defaultBackend: { service: { name: extra.defaultBackend, port: { number: 80 } } } } : {}),
      ...(extra.tls ? { tls: extra.tls } : {}),
      rules: [{ ...(host ? { host } : {}), http: { paths: paths.map((p) => ({ path: p.path, pathType: p.pathType ?? "Prefix", backend: { service: { name: p.svc, port: typeof p.port === "string" ? { name: p.port } : { number: p.port ?? 80 } } } })) } }],
    },
  };
}
const to = (svc: string, uri: string, extra: Partial<{ ingress: string; port: number | string; protocol: "HTTP" | "HTTPS" }> = {}): IngressRoute => ({
  kind: "backend",
  ingress: extra.ingress ?? "web/a",
  backend: { namespace: "web", service: svc, port: extra.port ?? 80 },
  uri,
  protocol: extra.protocol ?? "HTTP",
});

describe("pathType matching", () => {
  const model = buildIngressModel(
    [
      ing("a", "foo.test", [
        { path: "/", svc: "root" },
        { path: "/foo", svc: "prefix" },
        { path: "/exact", pathType: "Exact", svc: "exact" },
        { path: "/aaa/bbb", svc: "deep" },
        { path: "/impl", pathType: "ImplementationSpecific", svc: "impl" },
        { path: "/slash/", svc: "slash" },
      ]),
    ],
    [nginxClass()],
  );
  it.each([
    { name: "Prefix / matches everything", uri: "/anything", want: to("root", "/anything") },
    { name: "Prefix /foo matches /foo", uri: "/foo", want: to("prefix", "/foo") },
    { name: "Prefix /foo matches /foo/", uri: "/foo/", want: to("prefix", "/foo/") },
    { name: "Prefix /foo matches /foo/bar", uri: "/foo/bar?x=1", want: to("prefix", "/foo/bar?x=1") },
    { name: "Prefix /foo does not match /foobar", uri: "/foobar", want: to("root", "/foobar") },
    { name: "longest prefix wins", uri: "/aaa/bbb/ccc", want: to("deep", "/aaa/bbb/ccc") },
    { name: "Prefix /aaa/bbb does not match /aaa/bbbxyz", uri: "/aaa/bbbxyz", want: to("root", "/aaa/bbbxyz") },
    { name: "Exact matches only the path", uri: "/exact", want: to("exact", "/exact") },
    { name: "Exact does not match a trailing slash", uri: "/exact/", want: to("root", "/exact/") },
    { name: "ImplementationSpecific is nginx's plain prefix", uri: "/implementation", want: to("impl", "/implementation") },
    { name: "Prefix /slash/ does not match /slash (ingress-nginx renders location /slash/)", uri: "/slash", want: to("root", "/slash") },
    { name: "host header port and case are ignored", uri: "/foo", host: "FOO.test:32080", want: to("prefix", "/foo") },
    { name: "unknown host falls to the default backend", uri: "/", host: "bar.test", want: { kind: "default" } },
  ])("$name", ({ uri, host, want }) => {
    expect(routeIngress(model, { host: host ?? "foo.test", uri, scheme: "http" })).toEqual(want);
  });
});

describe("hosts, classes and default backends", () => {
  it.each([
    { name: "ingressClassName nginx is served", ing: ing("a", "h", [], {}), classes: [nginxClass()], want: true },
    { name: "another class is not served", ing: ing("a", "h", [], { className: "traefik" }), classes: [nginxClass()], want: false },
    { name: "no class and no default class is not served", ing: ing("a", "h", [], { className: null }), classes: [nginxClass()], want: false },
    { name: "no class is ignored even when nginx is the default class (admission writes the class)", ing: ing("a", "h", [], { className: null }), classes: [nginxClass(true)], want: false },
    { name: "another class name with controller k8s.io/ingress-nginx is served", ing: ing("a", "h", [], { className: "internal" }), classes: [{ metadata: { name: "internal" }, spec: { controller: "k8s.io/ingress-nginx" } }], want: true },
    { name: "a class that does not exist is not served", ing: ing("a", "h", [], { className: "ghost" }), classes: [nginxClass()], want: false },
    { name: "legacy annotation kubernetes.io/ingress.class: nginx is served", ing: ing("a", "h", [], { className: null, annotations: { "kubernetes.io/ingress.class": "nginx" } }), classes: [], want: true },
  ])("$name", ({ ing: i, classes, want }) => {
    expect(servedByNginx(i, classes)).toBe(want);
  });

  it.each([
    { name: "wildcard host matches a subdomain", host: "a.wild.test", uri: "/", want: to("w", "/", { ingress: "web/wild" }) },
    { name: "exact host wins over wildcard", host: "x.wild.test", uri: "/", want: to("x", "/", { ingress: "web/x" }) },
    { name: "rule without host serves any host", host: "nothing.test", uri: "/any", want: to("any", "/any", { ingress: "web/nohost" }) },
    { name: "spec.defaultBackend serves unmatched paths of its host", host: "db.test", uri: "/other", want: to("fallback", "/other", { ingress: "web/db" }) },
    { name: "older Ingress keeps a duplicate host+path", host: "dup.test", uri: "/", want: to("first", "/", { ingress: "web/dup1" }) },
  ])("$name", ({ host, uri, want }) => {
    const model = buildIngressModel(
      [
        ing("wild", "*.wild.test", [{ path: "/", svc: "w" }]),
        ing("x", "x.wild.test", [{ path: "/", svc: "x" }]),
        ing("nohost", undefined, [{ path: "/any", svc: "any" }]),
        ing("db", "db.test", [{ path: "/api", svc: "api" }], { defaultBackend: "fallback" }),
        ing("dup2", "dup.test", [{ path: "/", svc: "second" }], { created: "2026-01-02T00:00:00Z" }),
        ing("dup1", "dup.test", [{ path: "/", svc: "first" }]),
      ],
      [nginxClass()],
    );
    expect(routeIngress(model, { host, uri, scheme: "http" })).toEqual(want);
  });
});

describe("annotations", () => {
  const rewrite = { "nginx.ingress.kubernetes.io/rewrite-target": "/$2" };
  it.each([
    { name: "rewrite /something(/|$)(.*) -> /$2: /something", a: rewrite, path: "/something(/|$)(.*)", uri: "/something", want: to("s", "/") },
    { name: "rewrite: /something/ -> /", a: rewrite, path: "/something(/|$)(.*)", uri: "/something/", want: to("s", "/") },
    { name: "rewrite: /something/new -> /new", a: rewrite, path: "/something(/|$)(.*)", uri: "/something/new?q=1", want: to("s", "/new?q=1") },
    { name: "rewrite-target without captures replaces the whole URI", a: { "nginx.ingress.kubernetes.io/rewrite-target": "/" }, path: "/app", uri: "/app/x/y", want: to("s", "/") },
    { name: "regex locations are case-insensitive", a: rewrite, path: "/something(/|$)(.*)", uri: "/SOMETHING/x", want: to("s", "/x") },
    { name: "backend-protocol HTTPS", a: { "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS" }, path: "/", uri: "/", want: to("s", "/", { protocol: "HTTPS" }) },
    { name: "app-root redirects / with 302", a: { "nginx.ingress.kubernetes.io/app-root": "/app1" }, path: "/", uri: "/", want: { kind: "redirect", status: 302, location: "http://r.test/app1" } },
    { name: "permanent-redirect answers 301", a: { "nginx.ingress.kubernetes.io/permanent-redirect": "https://www.google.com" }, path: "/", uri: "/x", want: { kind: "redirect", status: 301, location: "https://www.google.com" } },
    { name: "force-ssl-redirect without TLS answers 308", a: { "nginx.ingress.kubernetes.io/force-ssl-redirect": "true" }, path: "/", uri: "/p?q", want: { kind: "redirect", status: 308, location: "https://r.test/p?q" } },
  ])("$name", ({ a, path, uri, want }) => {
    const model = buildIngressModel([ing("a", "r.test", [{ path, pathType: "ImplementationSpecific", svc: "s" }], { annotations: a as Record<string, string> })], [nginxClass()]);
    expect(routeIngress(model, { host: "r.test", uri, scheme: "http" })).toEqual(want);
  });

  it.each([
    { name: "TLS host redirects http to https with 308", a: {}, scheme: "http" as const, want: { kind: "redirect", status: 308, location: "https://t.test/x" } },
    { name: "TLS host serves https", a: {}, scheme: "https" as const, want: to("s", "/x") },
    { name: "ssl-redirect false keeps http", a: { "nginx.ingress.kubernetes.io/ssl-redirect": "false" }, scheme: "http" as const, want: to("s", "/x") },
  ])("$name", ({ a, scheme, want }) => {
    const model = buildIngressModel([ing("a", "t.test", [{ path: "/", svc: "s" }], { annotations: a as Record<string, string>, tls: [{ hosts: ["t.test"], secretName: "t-tls" }] })], [nginxClass()]);
    expect(routeIngress(model, { host: "t.test", uri: "/x", scheme })).toEqual(want);
    expect(tlsSecretFor(model, "t.test")).toEqual({ namespace: "web", secretName: "t-tls" });
    expect(tlsSecretFor(model, "other.test")).toBeUndefined();
  });
});

describe("pages and status", () => {
  it("renders nginx's 404 page", () => {
    expect(nginxErrorPage(404)).toBe("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
  });
  it("reports the InternalIP of nodes running controller pods", () => {
    const pod = (node: string, phase = "Running"): KObject => ({ metadata: { name: node }, spec: { nodeName: node }, status: { phase } });
    const node = (name: string, ip: string): KObject => ({ metadata: { name }, status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }] } });
    expect(ingressStatusAddresses([pod("node02"), pod("node01"), pod("controlplane", "Pending")], [node("node01", "172.30.1.3"), node("node02", "172.30.1.4"), node("controlplane", "172.30.1.2")])).toEqual([{ ip: "172.30.1.3" }, { ip: "172.30.1.4" }]);
  });
});
