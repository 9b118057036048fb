// ingress-nginx (controller-v1.12) routing as a pure function: which Ingresses the controller
// serves (internal/ingress/controller/store + class checks), the nginx servers and locations it
// renders from them (internal/ingress/controller/controller.go createServers/getBackendServers,
// rootfs/etc/nginx/template/nginx.tmpl buildLocation) and nginx's own location choice (exact,
// then longest prefix, then regexes in order). Annotations: rewrite-target (+ use-regex),
// ssl-redirect, force-ssl-redirect, app-root, permanent-redirect, temporal-redirect,
// backend-protocol.
import type { KObject } from "../api/types.js";

export const INGRESS_CONTROLLER = "k8s.io/ingress-nginx";
export const INGRESS_CLASS = "nginx";
const ANN = "nginx.ingress.kubernetes.io/";

/** nginx's error pages as ingress-nginx serves them (server_tokens off: no version). */
export function nginxErrorPage(status: number): string {
  const title = `${status} ${NGINX_STATUS_TEXT[status] ?? ""}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
/** nginx's reason phrases (src/http/ngx_http_header_filter_module.c, ngx_http_special_response.c). */
export const NGINX_STATUS_TEXT: Record<number, string> = {
  301: "Moved Permanently",
  302: "Found",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  404: "Not Found",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

export interface BackendRef {
  namespace: string;
  service: string;
  /** Service port number or name. */
  port: number | string;
}

export type IngressRoute =
  | { kind: "backend"; ingress: string; backend: BackendRef; uri: string; protocol: "HTTP" | "HTTPS" }
  | { kind: "redirect"; status: number; location: string }
  /** No Ingress matched: the controller's default backend answers 404. */
  | { kind: "default" };

export interface IngressRequest {
  /** Host header (port and case are normalised here). */
  host: string;
  /** Request target: path and query. */
  uri: string;
  scheme: "http" | "https";
}

interface Location {
  /** "exact" (= /p), "prefix" (/p), or "regex" (~* ^p). */
  match: "exact" | "prefix" | "regex";
  path: string;
  ingress: KObject;
  backend: BackendRef | undefined;
}

interface Server {
  hostname: string;
  locations: Location[];
  /** The backend of "/" when no location matches (an Ingress' defaultBackend, else the controller's). */
  rootBackend?: { ingress: KObject; backend: BackendRef };
  tls?: { namespace: string; secretName: string };
  regex: boolean;
}

export interface IngressModel {
  servers: Map<string, Server>;
}

type Ann = Record<string, string>;
const annotations = (ing: KObject): Ann => (ing.metadata?.annotations ?? {}) as Ann;

/** Whether ingress-nginx serves the Ingress (internal/ingress/controller/store/store.go
 *  GetIngressClass): a class whose controller is k8s.io/ingress-nginx (matched by controller, not
 *  name, as --ingress-class-by-name is off), else the legacy annotation equal to --ingress-class.
 *  Class-less Ingresses are ignored (no --watch-ingress-without-class in the bare-metal manifest);
 *  a default IngressClass only helps through the API server's DefaultIngressClass admission,
 *  which writes spec.ingressClassName at creation. */
export function servedByNginx(ing: KObject, classes: KObject[]): boolean {
  const className = (ing.spec as { ingressClassName?: string } | undefined)?.ingressClassName;
  if (className) {
    const cls = classes.find((c) => c.metadata?.name === className);
    return (cls?.spec as { controller?: string } | undefined)?.controller === INGRESS_CONTROLLER;
  }
  return annotations(ing)["kubernetes.io/ingress.class"] === INGRESS_CLASS;
}

function backendOf(ns: string, b: unknown): BackendRef | undefined {
  const svc = (b as { service?: { name?: string; port?: { number?: number; name?: string } } } | undefined)?.service;
  if (!svc?.name) return undefined;
  return { namespace: ns, service: svc.name, port: svc.port?.number ?? svc.port?.name ?? 0 };
}

/** Builds the nginx servers from the served Ingresses, oldest first as ingress-nginx sorts them. */
export function buildIngressModel(ingresses: KObject[], classes: KObject[]): IngressModel {
  const served = ingresses
    .filter((i) => !i.metadata?.deletionTimestamp && servedByNginx(i, classes))
    .sort((a, b) => (a.metadata?.creationTimestamp ?? "").localeCompare(b.metadata?.creationTimestamp ?? "") || `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
  const servers = new Map<string, Server>();
  const server = (host: string) => {
    let s = servers.get(host);
    if (!s) servers.set(host, (s = { hostname: host, locations: [], regex: false }));
    return s;
  };
  server("_");
  for (const ing of served) {
    const ns = ing.metadata?.namespace ?? "";
    const spec = (ing.spec ?? {}) as {
      defaultBackend?: unknown;
      rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: unknown }[] } }[];
      tls?: { hosts?: string[]; secretName?: string }[];
    };
    const a = annotations(ing);
    const regex = a[ANN + "use-regex"] === "true" || a[ANN + "rewrite-target"] !== undefined;
    const defBackend = backendOf(ns, spec.defaultBackend);
    if (defBackend && !server("_").rootBackend) server("_").rootBackend = { ingress: ing, backend: defBackend };
    for (const rule of spec.rules ?? []) {
      const s = server(rule.host || "_");
      if (regex) s.regex = true;
      if (defBackend && !s.rootBackend && rule.host) s.rootBackend = { ingress: ing, backend: defBackend };
      for (const p of rule.http?.paths ?? []) {
        const path = p.path || "/";
        const backend = backendOf(ns, p.backend);
        // The first Ingress to declare a host+path owns it (ingress-nginx drops later duplicates).
        const add = (match: Location["match"], lp: string) => {
          if (!s.locations.some((l) => l.match === match && l.path === lp)) s.locations.push({ match, path: lp, ingress: ing, backend });
        };
        if (p.pathType === "Exact") add("exact", path);
        else if (p.pathType === "Prefix" && path !== "/" && !path.endsWith("/")) {
          // Prefix /foo matches /foo and /foo/...: ingress-nginx renders "= /foo" and "/foo/".
          add("exact", path);
          add("prefix", path + "/");
        } else add("prefix", path);
      }
    }
    for (const t of spec.tls ?? []) {
      for (const h of t.hosts ?? []) {
        const s = servers.get(h) ?? server(h);
        // A TLS entry without secretName still makes the host TLS (served with the default certificate).
        if (!s.tls) s.tls = { namespace: ns, secretName: t.secretName ?? "" };
      }
    }
  }
  for (const s of servers.values()) {
    // With regex enabled anywhere on a host every non-exact location of it becomes a
    // case-insensitive regex, ordered by path length (longest first) as ingress-nginx sorts them.
    if (s.regex) for (const l of s.locations) if (l.match === "prefix") l.match = "regex";
    s.locations.sort((x, y) => y.path.length - x.path.length);
  }
  return { servers };
}

/** nginx's server choice: exact name, then the longest leading wildcard, else the default server. */
export function findServer(model: IngressModel, rawHost: string): Server {
  const host = rawHost.replace(/:\d+$/, "").toLowerCase();
  const exact = model.servers.get(host);
  if (exact) return exact;
  let best: Server | undefined;
  for (const s of model.servers.values()) {
    if (!s.hostname.startsWith("*.")) continue;
    if (host.endsWith(s.hostname.slice(1)) && (!best || s.hostname.length > best.hostname.length)) best = s;
  }
  return best ?? model.servers.get("_")!;
}

function toRegex(path: string): RegExp | undefined {
  try {
    return new RegExp("^" + path, "i");
  } catch {
    return undefined;
  }
}

/** nginx location selection (ngx_http_core_find_location): "=" first, remember the longest prefix,
 *  then the first matching regex wins over the prefix. */
function findLocation(s: Server, path: string): Location | undefined {
  const exact = s.locations.find((l) => l.match === "exact" && l.path === path);
  if (exact) return exact;
  let prefix: Location | undefined;
  for (const l of s.locations) if (l.match === "prefix" && path.startsWith(l.path) && (!prefix || l.path.length > prefix.path.length)) prefix = l;
  for (const l of s.locations) if (l.match === "regex" && toRegex(l.path)?.test(path)) return l;
  return prefix;
}

function rewrite(location: Location, path: string, query: string): string {
  const target = annotations(location.ingress)[ANN + "rewrite-target"];
  if (target === undefined) return path + query;
  // rewrite "(?i)<path>" <target> break; — the whole URI becomes the target with $n filled in.
  let re: RegExp;
  try {
    re = new RegExp(location.path, "i");
  } catch {
    return path + query;
  }
  const m = re.exec(path);
  if (!m) return path + query;
  const out = target.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? "");
  return out + (out.includes("?") ? query.replace(/^\?/, "&") : query);
}

export function routeIngress(model: IngressModel, req: IngressRequest): IngressRoute {
  const s = findServer(model, req.host);
  const q = req.uri.indexOf("?");
  const path = q >= 0 ? req.uri.slice(0, q) : req.uri;
  const query = q >= 0 ? req.uri.slice(q) : "";
  const loc = findLocation(s, path);
  const ing = loc?.ingress ?? s.rootBackend?.ingress;
  if (!ing) return { kind: "default" };
  const a = annotations(ing);
  const host = req.host.replace(/:\d+$/, "");
  const perm = a[ANN + "permanent-redirect"];
  if (perm) return { kind: "redirect", status: Number(a[ANN + "permanent-redirect-code"] ?? 301) || 301, location: perm };
  const temp = a[ANN + "temporal-redirect"];
  if (temp) return { kind: "redirect", status: 302, location: temp };
  const sslRedirect = (s.tls && a[ANN + "ssl-redirect"] !== "false") || a[ANN + "force-ssl-redirect"] === "true";
  if (req.scheme === "http" && sslRedirect) return { kind: "redirect", status: 308, location: `https://${host}${req.uri}` };
  const appRoot = a[ANN + "app-root"];
  if (appRoot && path === "/") return { kind: "redirect", status: 302, location: `${req.scheme}://${host}${appRoot}` };
  const backend = loc ? loc.backend : s.rootBackend?.backend;
  if (!backend) return { kind: "default" };
  const protocol = a[ANN + "backend-protocol"]?.toUpperCase() === "HTTPS" ? "HTTPS" : "HTTP";
  return { kind: "backend", ingress: `${ing.metadata?.namespace}/${ing.metadata?.name}`, backend, uri: loc ? rewrite(loc, path, query) : req.uri, protocol };
}

/** The TLS secret ingress-nginx serves for an SNI name (undefined: the fake certificate). */
export function tlsSecretFor(model: IngressModel, sni: string | undefined): { namespace: string; secretName: string } | undefined {
  if (!sni) return undefined;
  const tls = findServer(model, sni).tls;
  return tls?.secretName ? tls : undefined;
}

/** status.loadBalancer.ingress as ingress-nginx writes it without --publish-service: the
 *  InternalIPs of the nodes running its controller pods (internal/ingress/status/status.go). */
export function ingressStatusAddresses(controllerPods: KObject[], nodes: KObject[]): { ip: string }[] {
  const ips = new Set<string>();
  for (const p of controllerPods) {
    const st = (p.status ?? {}) as { phase?: string };
    if (st.phase !== "Running") continue;
    const node = nodes.find((n) => n.metadata?.name === (p.spec as { nodeName?: string } | undefined)?.nodeName);
    const addrs = ((node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []);
    const ip = addrs.find((x) => x.type === "ExternalIP")?.address ?? addrs.find((x) => x.type === "InternalIP")?.address;
    if (ip) ips.add(ip);
  }
  return [...ips].sort().map((ip) => ({ ip }));
}
