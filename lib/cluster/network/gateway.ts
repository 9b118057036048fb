// Gateway API v1.2 (HTTPRoute) as NGINX Gateway Fabric implements it, as pure functions:
// route attachment to listeners (internal/mode/static/state/graph/route_common.go: sectionName,
// port, allowedRoutes, hostname intersection), the status conditions NGF writes
// (internal/controller/state/conditions/conditions.go, quoted texts), and request routing with
// the Gateway API match precedence (apis/v1/httproute_types.go HTTPRouteRule comments: exact
// path, longest prefix, method, most headers, most query params, oldest route, rule order).
import type { KObject } from "../api/types.js";

export const NGF_CONTROLLER_NAME = "gateway.nginx.org/nginx-gateway-controller";
export const GW_GROUP = "gateway.networking.k8s.io";

export interface Listener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: { mode?: string; certificateRefs?: { name: string; namespace?: string; kind?: string; group?: string }[] };
  allowedRoutes?: { namespaces?: { from?: string; selector?: { matchLabels?: Record<string, string> } } };
}
interface ParentRef {
  name: string;
  namespace?: string;
  sectionName?: string;
  port?: number;
  kind?: string;
  group?: string;
}
interface HTTPMatch {
  path?: { type?: string; value?: string };
  headers?: { type?: string; name: string; value: string }[];
  queryParams?: { type?: string; name: string; value: string }[];
  method?: string;
}
export interface HTTPFilter {
  type: string;
  requestHeaderModifier?: HeaderMod;
  responseHeaderModifier?: HeaderMod;
  requestRedirect?: { scheme?: string; hostname?: string; path?: PathMod; port?: number; statusCode?: number };
  urlRewrite?: { hostname?: string; path?: PathMod };
}
interface HeaderMod {
  set?: { name: string; value: string }[];
  add?: { name: string; value: string }[];
  remove?: string[];
}
interface PathMod {
  type: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}
export interface BackendRefSpec {
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  kind?: string;
  group?: string;
}
interface HTTPRule {
  matches?: HTTPMatch[];
  filters?: HTTPFilter[];
  backendRefs?: BackendRefSpec[];
}

type Cond = { type: string; status: "True" | "False"; reason: string; message: string };
const cond = (type: string, ok: boolean, reason: string, message: string): Cond => ({ type, status: ok ? "True" : "False", reason, message });

const spec = <T>(o: KObject) => (o.spec ?? {}) as T;
const nsOf = (o: KObject) => o.metadata?.namespace ?? "";
const nameOf = (o: KObject) => o.metadata?.name ?? "";

/** Whether NGF (GatewayClass nginx) owns the Gateway. */
export function servedGateway(gw: KObject, classes: KObject[]): boolean {
  const cls = classes.find((c) => nameOf(c) === spec<{ gatewayClassName?: string }>(gw).gatewayClassName);
  return spec<{ controllerName?: string }>(cls ?? {}).controllerName === NGF_CONTROLLER_NAME;
}

/** Hostname intersection of a listener and a route (Gateway API hostname matching rules). */
function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}
export function intersectHostnames(listener: string | undefined, route: string[] | undefined): string[] {
  if (!route?.length) return [listener ?? "*"];
  if (!listener) return route;
  return route.filter((h) => hostMatches(listener, h) || hostMatches(h, listener)).map((h) => (h.startsWith("*.") && !listener.startsWith("*.") ? listener : h));
}

function listenerAllows(l: Listener, gw: KObject, route: KObject, nsLabels: Map<string, Record<string, string>>): boolean {
  const from = l.allowedRoutes?.namespaces?.from ?? "Same";
  if (from === "All") return true;
  if (from === "Same") return nsOf(route) === nsOf(gw);
  const want = l.allowedRoutes?.namespaces?.selector?.matchLabels ?? {};
  const have = nsLabels.get(nsOf(route)) ?? {};
  return Object.entries(want).every(([k, v]) => have[k] === v);
}

export interface Attachment {
  /** Parent ref index in the route. */
  index: number;
  gateway: KObject;
  listeners: Listener[];
  conditions: Cond[];
}

/** Attaches one route's parentRefs to the served Gateways. */
export function attachRoute(route: KObject, gateways: KObject[], nsLabels: Map<string, Record<string, string>>, secrets?: KObject[]): Attachment[] {
  const out: Attachment[] = [];
  const refs = spec<{ parentRefs?: ParentRef[] }>(route).parentRefs ?? [];
  refs.forEach((ref, index) => {
    if ((ref.kind ?? "Gateway") !== "Gateway" || (ref.group ?? GW_GROUP) !== GW_GROUP) return;
    const gw = gateways.find((g) => nameOf(g) === ref.name && nsOf(g) === (ref.namespace ?? nsOf(route)));
    if (!gw) return;
    const all = spec<{ listeners?: Listener[] }>(gw).listeners ?? [];
    const bySection = all.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
    const http = bySection.filter((l) => l.protocol === "HTTP" || l.protocol === "HTTPS");
    const valid = http.filter((l) => !secrets || listenerConditions(gw, l, secrets)[0].status === "True");
    const allowed = valid.filter((l) => listenerAllows(l, gw, route, nsLabels));
    const hostnames = spec<{ hostnames?: string[] }>(route).hostnames;
    const matching = allowed.filter((l) => intersectHostnames(l.hostname, hostnames).length > 0);
    let accepted: Cond;
    if (!bySection.length) accepted = cond("Accepted", false, "NoMatchingParent", "Listener is not found for this parent ref");
    else if (!valid.length) accepted = cond("Accepted", false, "InvalidListener", "Listener is invalid for this parent ref");
    else if (!allowed.length) accepted = cond("Accepted", false, "NotAllowedByListeners", "Route is not allowed by any listener");
    else if (!matching.length) accepted = cond("Accepted", false, "NoMatchingListenerHostname", "Listener hostname does not match the Route hostnames");
    else accepted = cond("Accepted", true, "Accepted", "The route is accepted");
    out.push({ index, gateway: gw, listeners: accepted.status === "True" ? matching : [], conditions: [accepted] });
  });
  return out;
}

/** ResolvedRefs of a route: the first backendRef problem, with NGF's field-path message. */
export function resolvedRefs(route: KObject, services: KObject[]): Cond {
  const rules = spec<{ rules?: HTTPRule[] }>(route).rules ?? [];
  for (const [ri, rule] of rules.entries()) {
    for (const [bi, b] of (rule.backendRefs ?? []).entries()) {
      const path = `spec.rules[${ri}].backendRefs[${bi}]`;
      if ((b.kind ?? "Service") !== "Service" || (b.group ?? "") !== "") return cond("ResolvedRefs", false, "InvalidKind", `${path}.kind: Unsupported value: "${b.kind}": supported values: "Service"`);
      const ns = b.namespace ?? nsOf(route);
      if (ns !== nsOf(route)) return cond("ResolvedRefs", false, "RefNotPermitted", `${path}.namespace: Forbidden: Backend ref to Service ${ns}/${b.name} not permitted by any ReferenceGrant`);
      const svc = services.find((s) => nsOf(s) === ns && nameOf(s) === b.name);
      if (!svc) return cond("ResolvedRefs", false, "BackendNotFound", `${path}.name: Not found: "${b.name}"`);
      if (b.port === undefined) return cond("ResolvedRefs", false, "UnsupportedValue", `${path}.port: Required value: port cannot be nil`);
      const ports = spec<{ ports?: { port: number }[] }>(svc).ports ?? [];
      if (!ports.some((p) => p.port === b.port)) return cond("ResolvedRefs", false, "BackendNotFound", `${path}.port: Not found: ${b.port}`);
    }
  }
  return cond("ResolvedRefs", true, "ResolvedRefs", "All references are resolved");
}

// ---- request routing ----

export interface GatewayRequest {
  host: string;
  /** Listener port the connection arrived on. */
  port: number;
  method: string;
  uri: string;
  headers: Record<string, string | string[] | undefined>;
}

export type GatewayRoute =
  | { kind: "backend"; route: string; backends: { namespace: string; name: string; port: number; weight: number; valid: boolean }[]; uri: string; host: string; requestHeaders: HeaderMod[]; responseHeaders: HeaderMod[] }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "notFound" };

interface Candidate {
  route: KObject;
  ruleIndex: number;
  rule: HTTPRule;
  match: HTTPMatch;
}

function pathOf(m: HTTPMatch) {
  return { type: m.path?.type ?? "PathPrefix", value: m.path?.value ?? "/" };
}

function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.length > 1 ? prefix.replace(/\/+$/, "") : prefix;
  if (p === "/") return true;
  return path === p || path.startsWith(p + "/");
}

function headerValue(h: GatewayRequest["headers"], name: string): string | undefined {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function matchOk(m: HTTPMatch, req: GatewayRequest, path: string, query: URLSearchParams): boolean {
  const p = pathOf(m);
  if (p.type === "Exact" && path !== p.value) return false;
  if (p.type === "PathPrefix" && !prefixMatches(p.value, path)) return false;
  if (p.type === "RegularExpression") {
    try {
      if (!new RegExp(`^(?:${p.value})$`).test(path)) return false;
    } catch {
      return false;
    }
  }
  if (m.method && m.method !== req.method) return false;
  for (const hm of m.headers ?? []) {
    const v = headerValue(req.headers, hm.name);
    if (v === undefined) return false;
    if ((hm.type ?? "Exact") === "Exact" ? v !== hm.value : !safeTest(hm.value, v)) return false;
  }
  for (const qm of m.queryParams ?? []) {
    const v = query.get(qm.name);
    if (v === null) return false;
    if ((qm.type ?? "Exact") === "Exact" ? v !== qm.value : !safeTest(qm.value, v)) return false;
  }
  return true;
}

function safeTest(re: string, v: string): boolean {
  try {
    return new RegExp(re).test(v);
  } catch {
    return false;
  }
}

/** Gateway API precedence between two matching candidates (negative: a wins). */
function compare(a: Candidate, b: Candidate): number {
  const pa = pathOf(a.match);
  const pb = pathOf(b.match);
  if ((pa.type === "Exact") !== (pb.type === "Exact")) return pa.type === "Exact" ? -1 : 1;
  if (pa.value.length !== pb.value.length) return pb.value.length - pa.value.length;
  if (!!a.match.method !== !!b.match.method) return a.match.method ? -1 : 1;
  const h = (b.match.headers?.length ?? 0) - (a.match.headers?.length ?? 0);
  if (h) return h;
  const q = (b.match.queryParams?.length ?? 0) - (a.match.queryParams?.length ?? 0);
  if (q) return q;
  const ta = a.route.metadata?.creationTimestamp ?? "";
  const tb = b.route.metadata?.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = `${nsOf(a.route)}/${nameOf(a.route)}`;
  const nb = `${nsOf(b.route)}/${nameOf(b.route)}`;
  if (na !== nb) return na < nb ? -1 : 1;
  return a.ruleIndex - b.ruleIndex;
}

/** The listener of the Gateway that takes a request (most specific hostname on its port). */
export function pickListener(gw: KObject, port: number, host: string): Listener | undefined {
  const ls = (spec<{ listeners?: Listener[] }>(gw).listeners ?? []).filter((l) => l.port === port);
  const exact = ls.find((l) => l.hostname === host);
  if (exact) return exact;
  const wild = ls.filter((l) => l.hostname?.startsWith("*.") && hostMatches(l.hostname, host)).sort((a, b) => b.hostname!.length - a.hostname!.length)[0];
  return wild ?? ls.find((l) => !l.hostname);
}

/** Routes one request that reached a Gateway. routes: the HTTPRoutes with their attachments. */
export function routeGateway(gw: KObject, routes: { route: KObject; attachments: Attachment[] }[], services: KObject[], req: GatewayRequest): GatewayRoute {
  const host = req.host.replace(/:\d+$/, "").toLowerCase();
  const listener = pickListener(gw, req.port, host);
  if (!listener) return { kind: "notFound" };
  const q = req.uri.indexOf("?");
  const path = q >= 0 ? req.uri.slice(0, q) : req.uri;
  const query = new URLSearchParams(q >= 0 ? req.uri.slice(q + 1) : "");
  const candidates: Candidate[] = [];
  for (const { route, attachments } of routes) {
    const attached = attachments.some((a) => a.gateway === gw && a.listeners.some((l) => l.name === listener.name));
    if (!attached) continue;
    const hostnames = intersectHostnames(listener.hostname, spec<{ hostnames?: string[] }>(route).hostnames);
    if (!hostnames.some((h) => h === "*" || hostMatches(h, host))) continue;
    (spec<{ rules?: HTTPRule[] }>(route).rules ?? []).forEach((rule, ruleIndex) => {
      for (const match of rule.matches?.length ? rule.matches : [{}]) if (matchOk(match, req, path, query)) candidates.push({ route, ruleIndex, rule, match });
    });
  }
  if (!candidates.length) return { kind: "notFound" };
  const best = candidates.sort(compare)[0];
  const filters = best.rule.filters ?? [];
  const matchedPrefix = pathOf(best.match).type === "PathPrefix" ? pathOf(best.match).value : undefined;
  const redirect = filters.find((f) => f.type === "RequestRedirect")?.requestRedirect;
  if (redirect) {
    const scheme = redirect.scheme ?? (listener.protocol === "HTTPS" ? "https" : "http");
    const port = redirect.port ?? (redirect.scheme ? (scheme === "https" ? 443 : 80) : listener.port);
    const wellKnown = (scheme === "http" && port === 80) || (scheme === "https" && port === 443);
    const newPath = redirect.path ? modifyPath(redirect.path, path, matchedPrefix) : path;
    const qs = q >= 0 ? req.uri.slice(q) : "";
    return { kind: "redirect", status: redirect.statusCode ?? 302, location: `${scheme}://${redirect.hostname ?? host}${wellKnown ? "" : ":" + port}${newPath}${qs}` };
  }
  const rw = filters.find((f) => f.type === "URLRewrite")?.urlRewrite;
  const newPath = rw?.path ? modifyPath(rw.path, path, matchedPrefix) : path;
  const backends = (best.rule.backendRefs ?? []).map((b) => {
    const valid = resolvedRefs({ metadata: best.route.metadata, spec: { rules: [{ backendRefs: [b] }] } }, services).status === "True";
    return { namespace: b.namespace ?? nsOf(best.route), name: b.name, port: b.port ?? 0, weight: b.weight ?? 1, valid };
  });
  return {
    kind: "backend",
    route: `${nsOf(best.route)}/${nameOf(best.route)}`,
    backends,
    uri: newPath + (q >= 0 ? req.uri.slice(q) : ""),
    host: rw?.hostname ?? req.host,
    requestHeaders: filters.filter((f) => f.type === "RequestHeaderModifier" && f.requestHeaderModifier).map((f) => f.requestHeaderModifier!),
    responseHeaders: filters.filter((f) => f.type === "ResponseHeaderModifier" && f.responseHeaderModifier).map((f) => f.responseHeaderModifier!),
  };
}

function modifyPath(mod: PathMod, path: string, matchedPrefix: string | undefined): string {
  if (mod.type === "ReplaceFullPath") return mod.replaceFullPath ?? "/";
  if (mod.type === "ReplacePrefixMatch" && matchedPrefix !== undefined) {
    const prefix = matchedPrefix.length > 1 ? matchedPrefix.replace(/\/+$/, "") : "";
    const rest = path.slice(prefix.length);
    const repl = (mod.replacePrefixMatch ?? "/").replace(/\/+$/, "");
    const out = repl + rest;
    return out.startsWith("/") ? out : "/" + out;
  }
  return path;
}

/** Applies RequestHeaderModifier/ResponseHeaderModifier filters to a header map (lower-case keys). */
export function applyHeaderMods(headers: Record<string, string | string[] | undefined>, mods: HeaderMod[]): void {
  for (const m of mods) {
    for (const s of m.set ?? []) headers[s.name.toLowerCase()] = s.value;
    for (const a of m.add ?? []) {
      const k = a.name.toLowerCase();
      const cur = headers[k];
      headers[k] = cur === undefined ? a.value : [...(Array.isArray(cur) ? cur : [cur]), a.value].join(",");
    }
    for (const r of m.remove ?? []) delete headers[r.toLowerCase()];
  }
}

/** Picks a backend by weight (r in [0,1)); undefined when every weight is 0. */
export function pickWeighted<T extends { weight: number }>(backends: T[], r: number): T | undefined {
  const total = backends.reduce((s, b) => s + b.weight, 0);
  if (total <= 0) return undefined;
  let x = r * total;
  for (const b of backends) {
    if (x < b.weight) return b;
    x -= b.weight;
  }
  return backends[backends.length - 1];
}

// ---- status ----

export interface StatusInput {
  gateways: KObject[];
  routes: KObject[];
  services: KObject[];
  secrets: KObject[];
  namespaceLabels: Map<string, Record<string, string>>;
  /** The ClusterIP of each Gateway's Service ("ns/name" -> ip). */
  addresses: Map<string, string>;
  now: string;
}

const supportedKinds = [
  { group: GW_GROUP, kind: "HTTPRoute" },
  { group: GW_GROUP, kind: "GRPCRoute" },
];

/** Keeps lastTransitionTime when a condition's status did not change. */
function withTimes(conds: Cond[], old: { type: string; status: string; lastTransitionTime?: string }[] | undefined, gen: number, now: string) {
  return conds.map((c) => {
    const prev = old?.find((o) => o.type === c.type);
    return { ...c, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now, observedGeneration: gen };
  });
}

/** A listener's conditions as NGF computes them (graph/gateway_listener.go validation). */
export function listenerConditions(gw: KObject, l: Listener, secrets: KObject[]): Cond[] {
  if (l.protocol !== "HTTP" && l.protocol !== "HTTPS") {
    const msg = `protocol: Unsupported value: "${l.protocol}": supported values: "HTTP", "HTTPS"`;
    return [cond("Accepted", false, "UnsupportedProtocol", msg), cond("Programmed", false, "Invalid", msg)];
  }
  if (l.protocol === "HTTPS") {
    const ref = l.tls?.certificateRefs?.[0];
    const ns = ref?.namespace ?? nsOf(gw);
    let msg: string | undefined;
    if (!ref) msg = "tls.certificateRefs: Required value: certificateRefs must be defined for TLS mode terminate";
    else if (!secrets.some((x) => nsOf(x) === ns && nameOf(x) === ref.name && x.type === "kubernetes.io/tls")) msg = `tls.certificateRefs[0]: Invalid value: ${ns}/${ref.name}: secret does not exist`;
    if (msg) return [cond("Accepted", false, "InvalidCertificateRef", msg), cond("ResolvedRefs", false, "InvalidCertificateRef", msg), cond("Programmed", false, "Invalid", msg)];
  }
  return [cond("Accepted", true, "Accepted", "Listener is accepted"), cond("Programmed", true, "Programmed", "Listener is programmed"), cond("ResolvedRefs", true, "ResolvedRefs", "All references are resolved"), cond("Conflicted", false, "NoConflicts", "No conflicts")];
}

export function gatewayStatus(gw: KObject, input: StatusInput): Record<string, unknown> {
  const gen = gw.metadata?.generation ?? 1;
  const old = (gw.status ?? {}) as { conditions?: Cond[]; listeners?: { name: string; conditions?: Cond[] }[] };
  const listeners = spec<{ listeners?: Listener[] }>(gw).listeners ?? [];
  const attachments = input.routes.flatMap((r) => attachRoute(r, [gw], input.namespaceLabels, input.secrets));
  const validity = listeners.map((l) => listenerConditions(gw, l, input.secrets));
  const ls = listeners.map((l, i) => {
    const supported = l.protocol === "HTTP" || l.protocol === "HTTPS";
    const conds = validity[i];
    return {
      name: l.name,
      supportedKinds: supported ? supportedKinds : [],
      attachedRoutes: attachments.filter((a) => a.listeners.some((x) => x.name === l.name)).length,
      conditions: withTimes(conds, old.listeners?.find((o) => o.name === l.name)?.conditions, gen, input.now),
    };
  });
  const validCount = validity.filter((c) => c[0].status === "True").length;
  const conds = validCount
    ? [
        validCount === listeners.length ? cond("Accepted", true, "Accepted", "Gateway is accepted") : cond("Accepted", true, "ListenersNotValid", "Gateway has at least one valid listener"),
        cond("Programmed", true, "Programmed", "Gateway is programmed"),
      ]
    : [cond("Accepted", false, "ListenersNotValid", "Gateway has no valid listeners"), cond("Programmed", false, "Invalid", "Gateway has no valid listeners")];
  const ip = input.addresses.get(`${nsOf(gw)}/${nameOf(gw)}`);
  return { ...(ip ? { addresses: [{ type: "IPAddress", value: ip }] } : {}), conditions: withTimes(conds, old.conditions, gen, input.now), listeners: ls };
}

export function httpRouteStatus(route: KObject, input: StatusInput): Record<string, unknown> {
  const gen = route.metadata?.generation ?? 1;
  const old = (route.status ?? {}) as { parents?: { parentRef: ParentRef; conditions?: Cond[] }[] };
  const refs = spec<{ parentRefs?: ParentRef[] }>(route).parentRefs ?? [];
  const resolved = resolvedRefs(route, input.services);
  const parents = attachRoute(route, input.gateways, input.namespaceLabels, input.secrets).map((a) => {
    const ref = refs[a.index];
    const parentRef = { group: GW_GROUP, kind: "Gateway", name: ref.name, namespace: ref.namespace ?? nsOf(route), ...(ref.sectionName ? { sectionName: ref.sectionName } : {}), ...(ref.port ? { port: ref.port } : {}) };
    const prev = old.parents?.find((p) => p.parentRef?.name === ref.name && (p.parentRef?.sectionName ?? "") === (ref.sectionName ?? ""));
    return { parentRef, controllerName: NGF_CONTROLLER_NAME, conditions: withTimes([...a.conditions, resolved], prev?.conditions, gen, input.now) };
  });
  return { parents };
}
