// The data plane of ingress-nginx and NGINX Gateway Fabric, served in the simulator: LabNetwork
// hands it the connections that reach the controller pods' ports (setPodHandler), it speaks
// HTTP/1.1 (and TLS with SNI) with node:http, routes with the pure routers of lib/cluster/network
// and connects to the chosen endpoint through LabNetwork.dial from the controller pod's IP, so
// kube-proxy's endpoint state and NetworkPolicy apply as they do to nginx in a real cluster.
import http from "node:http";
import { randomBytes } from "node:crypto";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import type { KObject } from "../../cluster/api/types";
import { GR, type ClusterClient } from "../../cluster/client/types";
import { attachRoute, applyHeaderMods, pickWeighted, routeGateway, servedGateway, type Listener } from "../../cluster/network/gateway";
import { GATEWAY_SERVICE_SUFFIX, GW_GR, ngfPods } from "../../cluster/network/gateway-controller";
import { buildIngressModel, nginxErrorPage, NGINX_STATUS_TEXT, routeIngress, tlsSecretFor, type IngressModel } from "../../cluster/network/ingress";
import { controllerPods } from "../../cluster/network/ingress-controller";
import { buildProxyState, type ProxyState } from "../../cluster/network/proxy-model";
import { createCertificate, encodeName, generateRsaKeyPair, KEY_USAGE_LEAF, randomSerial128, certToPem, privateKeyToPem } from "../kubeadm/pki";
import { duplexPair } from "./duplex-pair";
import type { DialContext, LabNetwork, PodHandler } from "./lab-network";

/** ingress-nginx's proxy-connect-timeout default (5 s): a dropped upstream answers 504 after it. */
export const PROXY_CONNECT_TIMEOUT_MS = 5000;
/** Longest request body forwarded (nginx client_max_body_size 1m). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface EdgeProxyDeps {
  client: ClusterClient;
  network: Pick<LabNetwork, "dial">;
  /** [0,1) for weighted backends (Math.random by default). */
  random?: () => number;
  now?: () => Date;
  connectTimeoutMs?: number;
  /** A line for the serving container's log (access log lines as nginx writes them). */
  log?(pod: { namespace: string; name: string; container: string }, line: string): void;
}

export interface EdgeProxy {
  handler: PodHandler;
  /** Resolves once the fake certificate exists. */
  ready: Promise<void>;
  stop(): void;
}

interface ConnInfo {
  kind: "ingress" | "gateway";
  pod: KObject;
  podIp: string;
  port: number;
  scheme: "http" | "https";
  ctx: DialContext;
}

const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "server", "date", "proxy-connection", "upgrade"]);

export function createEdgeProxy(deps: EdgeProxyDeps): EdgeProxy {
  const { client } = deps;
  const random = deps.random ?? Math.random;
  const now = deps.now ?? (() => new Date());
  const connectTimeout = deps.connectTimeoutMs ?? PROXY_CONNECT_TIMEOUT_MS;
  const conns = new WeakMap<object, ConnInfo>();
  let rr = 0;

  // Caches rebuilt on change.
  let ingressModel: IngressModel | undefined;
  let proxyState: ProxyState | undefined;
  const secretContexts = new Map<string, { rv: string; ctx: tls.SecureContext | undefined }>();
  const cancels = [
    client.watch(GR.ingresses, () => (ingressModel = undefined)),
    client.watch(GR.ingressclasses, () => (ingressModel = undefined)),
    client.watch(GR.services, () => (proxyState = undefined)),
    client.watch(GR.endpointslices, () => (proxyState = undefined)),
  ];
  const model = () => (ingressModel ??= buildIngressModel(client.list(GR.ingresses), client.list(GR.ingressclasses)));
  const state = () => (proxyState ??= buildProxyState(client.list(GR.services), client.list(GR.endpointslices)));

  let fake: tls.SecureContext | undefined;
  const ready = (async () => {
    // ingress-nginx's ssl.GetFakeSSLCert: O=Acme Co, CN=Kubernetes Ingress Controller Fake Certificate, ingress.local.
    const keys = await generateRsaKeyPair();
    const notBefore = now();
    const cert = createCertificate(
      { commonName: "Kubernetes Ingress Controller Fake Certificate", organization: ["Acme Co"], dnsNames: ["ingress.local"], extKeyUsages: ["serverAuth"], keyUsages: KEY_USAGE_LEAF, isCA: false, notBefore, notAfter: new Date(notBefore.getTime() + 365 * 86400_000), serialNumber: randomSerial128() },
      keys.publicKey,
      { subject: encodeName("Kubernetes Ingress Controller Fake Certificate", ["Acme Co"]), privateKey: keys.privateKey },
    );
    fake = tls.createSecureContext({ cert: certToPem(cert), key: privateKeyToPem(keys.privateKey) });
  })();

  function secretContext(ns: string, name: string): tls.SecureContext | undefined {
    const s = client.get(GR.secrets, ns, name);
    if (!s) return undefined;
    const rv = s.metadata?.resourceVersion ?? "";
    const key = `${ns}/${name}`;
    const cached = secretContexts.get(key);
    if (cached?.rv === rv) return cached.ctx;
    const data = (s.data ?? {}) as Record<string, string>;
    let ctx: tls.SecureContext | undefined;
    try {
      ctx = tls.createSecureContext({ cert: Buffer.from(data["tls.crt"] ?? "", "base64"), key: Buffer.from(data["tls.key"] ?? "", "base64") });
    } catch {
      ctx = undefined; // ingress-nginx logs the error and serves the fake certificate
    }
    secretContexts.set(key, { rv, ctx });
    return ctx;
  }

  /** The SecureContext for an SNI name on a connection. */
  function contextFor(info: ConnInfo, sni: string | undefined): tls.SecureContext | undefined {
    if (info.kind === "ingress") {
      const ref = tlsSecretFor(model(), sni);
      return (ref && secretContext(ref.namespace, ref.secretName)) || fake;
    }
    for (const gw of gatewaysFor(info, sni ?? "")) {
      const l = ((gw.spec as { listeners?: Listener[] }).listeners ?? []).find((x) => x.port === info.port && x.protocol === "HTTPS" && (!x.hostname || !sni || x.hostname === sni || (x.hostname.startsWith("*.") && sni.endsWith(x.hostname.slice(1)))));
      const ref = l?.tls?.certificateRefs?.[0];
      if (ref) return secretContext(ref.namespace ?? gw.metadata!.namespace!, ref.name) ?? fake;
    }
    return fake;
  }

  function gatewaysFor(info: ConnInfo, _host: string): KObject[] {
    const classes = client.list(GW_GR.gatewayclasses);
    const all = client.list(GW_GR.gateways).filter((g) => servedGateway(g, classes));
    const svc = info.ctx.service;
    if (svc?.name.endsWith(GATEWAY_SERVICE_SUFFIX)) {
      const gw = all.find((g) => g.metadata?.namespace === svc.namespace && g.metadata?.name + GATEWAY_SERVICE_SUFFIX === svc.name);
      return gw ? [gw] : [];
    }
    return all.filter((g) => ((g.spec as { listeners?: Listener[] }).listeners ?? []).some((l) => l.port === info.port));
  }

  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    const info = conns.get(req.socket) ?? conns.get((req.socket as unknown as { _parent?: object })._parent ?? {});
    if (!info) return void res.destroy();
    void handle(info, req, res).catch(() => res.destroy());
  });
  server.on("clientError", (_e, sock) => sock.destroy());

  function sendPage(res: http.ServerResponse, status: number, headers: Record<string, string> = {}) {
    const body = nginxErrorPage(status);
    res.writeHead(status, NGINX_STATUS_TEXT[status], { Server: "nginx", "Content-Type": "text/html", "Content-Length": String(Buffer.byteLength(body)), ...headers });
    res.end(body);
    return { status, bytes: Buffer.byteLength(body) };
  }

  async function handle(info: ConnInfo, req: http.IncomingMessage, res: http.ServerResponse) {
    const started = now();
    const host = req.headers.host ?? "";
    const uri = req.url ?? "/";
    let upstreamName = "";
    let upstreamAddr = "-";
    let out: { status: number; bytes: number };
    let target: { namespace: string; service: string; port: number | string; uri: string; host: string; protocol: string; reqMods?: Parameters<typeof applyHeaderMods>[1]; resMods?: Parameters<typeof applyHeaderMods>[1] } | undefined;
    if (info.kind === "ingress") {
      const r = routeIngress(model(), { host, uri, scheme: info.scheme });
      if (r.kind === "default") out = sendPage(res, 404);
      else if (r.kind === "redirect") out = sendPage(res, r.status, { Location: r.location });
      else target = { namespace: r.backend.namespace, service: r.backend.service, port: r.backend.port, uri: r.uri, host, protocol: r.protocol };
    } else {
      const gws = gatewaysFor(info, host);
      const nsLabels = new Map(client.list(GR.namespaces).map((n) => [n.metadata!.name!, { ...(n.metadata?.labels ?? {}) }]));
      const routes = client.list(GW_GR.httproutes).map((route) => ({ route, attachments: attachRoute(route, gws, nsLabels, client.list(GR.secrets)) }));
      let r: ReturnType<typeof routeGateway> = { kind: "notFound" };
      for (const gw of gws) {
        r = routeGateway(gw, routes, client.list(GR.services), { host, port: info.port, method: req.method ?? "GET", uri, headers: req.headers });
        if (r.kind !== "notFound") break;
      }
      if (r.kind === "notFound") out = sendPage(res, 404);
      else if (r.kind === "redirect") out = sendPage(res, r.status, { Location: r.location });
      else {
        const b = pickWeighted(r.backends, random());
        // Gateway API: requests for an invalid backendRef (or all weights 0) get 500.
        if (!b || !b.valid) out = sendPage(res, 500);
        else target = { namespace: b.namespace, service: b.name, port: b.port, uri: r.uri, host: r.host, protocol: "HTTP", reqMods: r.requestHeaders, resMods: r.responseHeaders };
      }
    }
    if (target) {
      upstreamName = `${target.namespace}-${target.service}-${target.port}`;
      out = await proxy(info, req, res, target, (a) => (upstreamAddr = a));
    }
    if (info.kind === "ingress") logAccess(info, req, out!, started, upstreamName, upstreamAddr);
  }

  async function proxy(
    info: ConnInfo,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    t: { namespace: string; service: string; port: number | string; uri: string; host: string; protocol: string; reqMods?: Parameters<typeof applyHeaderMods>[1]; resMods?: Parameters<typeof applyHeaderMods>[1] },
    setAddr: (a: string) => void,
  ): Promise<{ status: number; bytes: number }> {
    const sp = state().servicePorts.find((p) => p.namespace === t.namespace && p.name === t.service && (typeof t.port === "number" ? p.port === t.port : p.portName === t.port) && p.protocol === "TCP");
    const eps = sp?.endpoints.filter((e) => e.ready) ?? [];
    // ingress-nginx: a Service without ready endpoints answers 503; NGF's empty upstream 502.
    if (!eps.length) return sendPage(res, info.kind === "ingress" ? 503 : 502);
    const ep = eps[rr++ % eps.length];
    setAddr(`${ep.ip}:${ep.port}`);
    const conn = await deps.network.dial(info.podIp, ep.ip, ep.port);
    if (conn === "refused") return sendPage(res, 502);
    if (conn === "timeout") {
      await new Promise((r) => setTimeout(r, connectTimeout));
      return sendPage(res, 504);
    }
    const headers: Record<string, string | string[] | undefined> = { ...req.headers };
    for (const h of HOP_HEADERS) delete headers[h];
    const fromIp = info.ctx.fromIp;
    Object.assign(headers, {
      host: t.host,
      "x-request-id": randomBytes(16).toString("hex"),
      "x-real-ip": fromIp,
      "x-forwarded-for": fromIp,
      "x-forwarded-host": t.host,
      "x-forwarded-port": String(info.port),
      "x-forwarded-proto": info.scheme,
      "x-forwarded-scheme": info.scheme,
      "x-scheme": info.scheme,
      connection: "close",
    });
    if (info.kind === "gateway") for (const k of ["x-request-id", "x-forwarded-port", "x-forwarded-scheme", "x-scheme"]) delete headers[k];
    if (t.reqMods) applyHeaderMods(headers, t.reqMods);
    const stream: Duplex = t.protocol === "HTTPS" ? tls.connect({ socket: conn, rejectUnauthorized: false, servername: t.host.replace(/:\d+$/, "") }) : conn;
    return new Promise((resolve) => {
      const up = http.request({ createConnection: () => stream as never, method: req.method, path: t.uri, headers: headers as http.OutgoingHttpHeaders }, (ur) => {
        const rh: Record<string, string | string[] | undefined> = {};
        for (const [k, v] of Object.entries(ur.headers)) if (!HOP_HEADERS.has(k)) rh[k] = v;
        if (t.resMods) applyHeaderMods(rh, t.resMods);
        res.writeHead(ur.statusCode ?? 502, ur.statusMessage, { ...rh, Server: "nginx", Connection: "keep-alive" });
        let bytes = 0;
        ur.on("data", (c: Buffer) => (bytes += c.length));
        ur.pipe(res);
        ur.on("end", () => resolve({ status: ur.statusCode ?? 502, bytes }));
        ur.on("error", () => resolve({ status: ur.statusCode ?? 502, bytes }));
      });
      up.on("error", () => resolve(res.headersSent ? { status: 502, bytes: 0 } : sendPage(res, 502)));
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) req.destroy();
      });
      req.pipe(up);
    });
  }

  function logAccess(info: ConnInfo, req: http.IncomingMessage, out: { status: number; bytes: number }, started: Date, upstream: string, addr: string) {
    if (!deps.log) return;
    const t = now();
    const m = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][t.getUTCMonth()];
    const pad = (n: number) => String(n).padStart(2, "0");
    const local = `${pad(t.getUTCDate())}/${m}/${t.getUTCFullYear()}:${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} +0000`;
    const secs = ((t.getTime() - started.getTime()) / 1000).toFixed(3);
    const line = `${info.ctx.fromIp} - - [${local}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ${out.status} ${out.bytes} "${req.headers.referer ?? "-"}" "${req.headers["user-agent"] ?? "-"}" ${JSON.stringify(req.headers).length} ${secs} [${upstream}] [] ${addr} ${upstream ? out.bytes : "-"} ${upstream ? secs : "-"} ${upstream ? out.status : "-"} ${randomBytes(16).toString("hex")}`;
    deps.log({ namespace: info.pod.metadata!.namespace!, name: info.pod.metadata!.name!, container: "controller" }, line);
  }

  function accept(info: ConnInfo): Duplex {
    const [outer, inner] = duplexPair();
    if (info.scheme === "http") {
      conns.set(inner, info);
      server.emit("connection", inner);
      return outer;
    }
    void ready.then(() => {
      const sock = new tls.TLSSocket(inner, {
        isServer: true,
        secureContext: fake,
        SNICallback: (name, cb) => cb(null, contextFor(info, name) ?? fake),
      });
      conns.set(sock, info);
      sock.on("error", () => sock.destroy());
      server.emit("connection", sock);
    });
    return outer;
  }

  const handler: PodHandler = (target, ctx) => {
    const pods = client.list(GR.pods);
    const ing = controllerPods(pods).find((p) => (p.status as { podIP?: string }).podIP === target.ip);
    if (ing && (target.port === 80 || target.port === 443)) return accept({ kind: "ingress", pod: ing, podIp: target.ip, port: target.port, scheme: target.port === 443 ? "https" : "http", ctx });
    const ngf = ngfPods(pods).find((p) => (p.status as { podIP?: string }).podIP === target.ip);
    if (!ngf) return undefined;
    const classes = client.list(GW_GR.gatewayclasses);
    const listeners = client.list(GW_GR.gateways).filter((g) => servedGateway(g, classes)).flatMap((g) => (g.spec as { listeners?: Listener[] }).listeners ?? []).filter((l) => l.port === target.port);
    if (!listeners.length) return undefined;
    const scheme = listeners.some((l) => l.protocol === "HTTPS") ? "https" : "http";
    return accept({ kind: "gateway", pod: ngf, podIp: target.ip, port: target.port, scheme, ctx });
  };

  return {
    handler,
    ready,
    stop() {
      for (const c of cancels) c();
      server.close();
    },
  };
}
