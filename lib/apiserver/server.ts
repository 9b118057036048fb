// kube-apiserver: the HTTPS front of a lab. Routing follows the upstream handler chain
// (staging/src/k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain): authentication,
// impersonation, authorization, then the REST handlers or the non-resource endpoints.
import { createServer as createHttpsServer, type Server } from "node:https";
import { StatusError, type Clock, type KObject, type Random, type ResourceInfo, type UserInfo } from "../cluster/api/types.js";
import { RESOURCES, resourceIndex, type ResourceIndex, crdResources } from "../cluster/api/resources.js";
import type { Store } from "../store/types.js";
import { aggregatedDiscovery, AGGREGATED_DISCOVERY_V2_CONTENT_TYPE, apiGroup, apiGroupList, apiResourceList, apiVersions } from "./discovery/index.js";
import { createAuthenticator, type Authenticator } from "./authn.js";
import { createAuthorizer, type Authorizer } from "./authz.js";
import { forbidden, internalError, methodNotSupported, routeMethodNotAllowed } from "./errors.js";
import { parseAccept, readBody, sendJSON, sendStatus, sendText, wantsAggregatedDiscovery, wantsTable, type Req, type Res } from "./http.js";
import { parseRequestInfo, type RequestInfo } from "./request-info.js";
import { handleCreate, handleDelete, handleDeleteCollection, handleGet, handleGetScale, handleList, handlePatch, handleUpdate, handleWatch, type RestContext } from "./rest.js";
import { WatchCache } from "./storage/cache.js";
import { Registry } from "./storage/registry.js";
import { createAdmission, type AdmissionConfig } from "./admission.js";
import { handleVirtual, isVirtual, issueServiceAccountToken } from "./virtual.js";
import { serveOpenAPI } from "./openapi/index.js";
import { healthCheck } from "./health.js";
import { VERSION_INFO } from "./version.js";
import { loopbackClient } from "./loopback.js";
import { logOptions, requireScheduled, resolveContainer, serveExec, type NodeConnector } from "./pod-streams.js";
import { WebSocketServer } from "ws";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { decodeObject } from "./body.js";
import type { ClusterClient } from "../cluster/client/types.js";
// [metrics hook] metrics.k8s.io through the aggregation layer (lib/apiserver/metrics-api.ts).
import { METRICS_GROUP, metricsAvailable, serveMetrics, type MetricsSource } from "./metrics-api.js";
import { COMPONENT_STATUS_DEPRECATION, getComponentStatus, listComponentStatuses, type HostDial } from "./component-status.js";
import { compileSelectors } from "./selectors.js";
import { warningHeaderValue } from "./strict-fields.js";
import { toTable } from "./table.js";

export interface ApiServerConfig {
  store: Store;
  clock: Clock;
  random: Random;
  tlsCert: Buffer;
  tlsKey: Buffer;
  clientCA: Buffer;
  saPublicKeys: string[];
  saSigningKey?: string;
  issuer: string;
  admission: AdmissionConfig;
  authorizationModes: string[];
  advertiseAddress: string;
  securePort: number;
  /** The kubelets, for pods/log and pods/exec. */
  nodes?: NodeConnector;
  /** Structured log lines, as the component would print them (crictl logs / journal). */
  log?: (line: string) => void;
  /**
   * TCP from the apiserver's host network (the control-plane node, hostNetwork pod): how
   * componentstatuses reaches the scheduler (:10259) and controller-manager (:10257). Absent:
   * nothing listens (both Unhealthy, connection refused).
   */
  dial?: HostDial;
}

/** The request target as a URL; a path like "//x" is a path, not a scheme-relative URL. */
function requestURL(target: string | undefined): URL {
  const t = target ?? "/";
  return new URL(`https://localhost${t.startsWith("/") ? t : `/${t}`}`);
}

export class ApiServer {
  readonly cache: WatchCache;
  readonly registry: Registry;
  private index: ResourceIndex;
  private resources: ResourceInfo[];
  private crdRevision = -1;
  private readonly authn: Authenticator;
  private readonly authz: Authorizer;
  /** Admission for in-process components (loopback client). */
  private readonly admission;
  /** Admission for requests from outside: also NodeRestriction and RBAC escalation prevention. */
  private readonly requestAdmission;
  private server: Server | undefined;
  /** [metrics hook] metrics-server as the aggregator reaches it; set by the lab runtime. */
  private metricsSource: MetricsSource | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => (p.has("v5.channel.k8s.io") ? "v5.channel.k8s.io" : false) });

  constructor(readonly config: ApiServerConfig) {
    this.cache = new WatchCache(config.store);
    this.registry = new Registry(config.store, this.cache, config.clock, config.random);
    this.resources = [...RESOURCES];
    this.index = resourceIndex(this.resources);
    const secrets = this.index.get("", "secrets")!;
    const sas = this.index.get("", "serviceaccounts")!;
    this.authn = createAuthenticator({
      saPublicKeys: config.saPublicKeys,
      issuers: [config.issuer],
      audiences: [config.issuer],
      now: () => config.clock.now(),
      lookups: {
        bootstrapSecret: (id) => this.cache.get(this.registry.keyFor(secrets, "kube-system", `bootstrap-token-${id}`))?.obj,
        serviceAccount: (ns, name) => this.cache.get(this.registry.keyFor(sas, ns, name))?.obj,
      },
    });
    this.authz = createAuthorizer({ modes: config.authorizationModes, registry: this.registry, index: () => this.index, cache: this.cache });
    const admissionDeps = { ...config.admission, registry: this.registry, index: () => this.index, clock: config.clock, random: config.random, saSigningKey: config.saSigningKey, issuer: config.issuer };
    this.admission = createAdmission(admissionDeps);
    this.requestAdmission = createAdmission({ ...admissionDeps, requestChecks: { policy: this.authz.policy, authorizer: this.authz.chain } });
  }

  /** Loads the cache from etcd; fails if etcd is unreachable (the process would exit). */
  async start(): Promise<void> {
    await this.cache.start((err) => {
      this.config.log?.(`E watch of /registry/ broken: ${err.message}; resyncing`);
      this.resyncUntilBack();
    });
  }

  /** Relists from etcd every second until it answers again (etcd restarted or restored). */
  private resyncUntilBack(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.cache.resync().catch((e: Error) => {
        this.config.log?.(`W etcd not reachable yet: ${e.message}`);
        this.resyncUntilBack();
      });
    }, 1000).unref();
  }

  private closed = false;

  /** Serves HTTPS on the given listen targets (unix socket paths or ports). */
  listen(target: string | number): Promise<Server> {
    const server = createHttpsServer(
      { key: this.config.tlsKey, cert: this.config.tlsCert, ca: this.config.clientCA, requestCert: true, rejectUnauthorized: false },
      (req, res) => void this.handle(req, res),
    );
    server.keepAliveTimeout = 65_000;
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(target, () => resolve(server));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cache.stop();
    // Watches and keep-alive connections would hold close() open: end them first, as a stopping
    // kube-apiserver drops its clients (kubectl sees the connection close and retries).
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections?.();
    for (const ws of this.wss.clients) ws.terminate();
    await closed;
  }

  /** The resources served now: built-ins plus those of Established CRDs. */
  private currentIndex(): ResourceIndex {
    const rev = this.cache.currentRevision();
    if (rev !== this.crdRevision) {
      this.crdRevision = rev;
      const crds = this.cache.list("/registry/apiextensions.k8s.io/customresourcedefinitions/");
      const custom = crds.flatMap((c) =>
        crdResources(c.obj).map((r) => {
          const versions = ((c.obj.spec as { versions?: { name: string; additionalPrinterColumns?: unknown[] }[] })?.versions ?? []);
          const cols = versions.find((v) => v.name === r.version)?.additionalPrinterColumns;
          return { ...r, custom: true, additionalPrinterColumns: cols } as ResourceInfo;
        }),
      );
      const sig = JSON.stringify(custom);
      if (sig !== this.crdSig) {
        this.crdSig = sig;
        this.resources = [...RESOURCES, ...custom];
        this.index = resourceIndex(this.resources);
      }
    }
    return this.index;
  }
  private crdSig = "";

  async handle(req: Req, res: Res): Promise<void> {
    try {
      await this.route(req, res);
    } catch (e) {
      const err = e instanceof StatusError ? e : internalError(e);
      if (!(e instanceof StatusError)) this.config.log?.(`E internal error: ${(e as Error)?.stack ?? e}`);
      if (!res.headersSent) sendStatus(res, err);
      else res.end();
    }
  }

  private async route(req: Req, res: Res): Promise<void> {
    const url = requestURL(req.url);
    const query = url.searchParams;
    const method = req.method ?? "GET";
    let user = this.authn.authenticate(req);
    if (!user) throw new StatusError(401, "Unauthorized", "Unauthorized");
    user = await this.impersonate(req, user);
    const ri = parseRequestInfo(method, url.pathname, query);
    const index = this.currentIndex();

    if (!ri.isResourceRequest) {
      await this.authorizeNonResource(user, ri, method);
      return this.nonResource(req, res, url, ri, index);
    }
    const info = index.get(ri.apiGroup, ri.resource, ri.apiVersion);
    if (!info) return this.notFoundPath(res);
    const sub = ri.subresource;
    if (sub && !info.subresources?.[sub]) return this.notFoundPath(res);
    if (info.namespaced && !ri.namespace && ri.name && info.resource !== "namespaces") return this.notFoundPath(res);

    const attrs = { user, verb: ri.verb, namespace: info.namespaced ? ri.namespace : "", apiGroup: info.group, resource: info.resource, subresource: sub, name: ri.name, resourceRequest: true, path: url.pathname };
    const decision = await this.authz.authorize(attrs);
    if (!decision.allowed) {
      const who = `User "${user.username}"`;
      const what = `cannot ${ri.verb} resource "${sub ? `${info.resource}/${sub}` : info.resource}" in API group "${info.group}"`;
      const where = info.namespaced && ri.namespace ? ` in the namespace "${ri.namespace}"` : info.namespaced ? "" : " at the cluster scope";
      throw forbidden(info, ri.name, `${who} ${what}${where}${decision.reason ? `: ${decision.reason}` : ""}`);
    }

    // Collections serve GET, POST and DELETE; items GET, PUT, PATCH and DELETE (installer.go routes).
    if ((!ri.name && (ri.verb === "update" || ri.verb === "patch")) || (ri.name && !sub && ri.verb === "create")) throw routeMethodNotAllowed();

    const ctx: RestContext = {
      req,
      res,
      ri,
      info,
      user,
      query,
      accept: parseAccept(req.headers["accept"] as string | undefined),
      registry: this.registry,
      admission: this.requestAdmission,
      clock: this.config.clock,
    };
    if (isVirtual(info, sub)) return handleVirtual(ctx, { authz: this.authz, config: this.config, authn: this.authn });
    if (info.resource === "componentstatuses" && !info.group) return this.componentStatuses(ctx);
    if (info.group === METRICS_GROUP) return serveMetrics(ctx, this.metricsSource); // [metrics hook]
    switch (ri.verb) {
      case "get":
        if (sub === "scale") return handleGetScale(ctx);
        if (sub === "log" && info.resource === "pods" && !info.group) return this.podLog(ctx);
        if (sub && sub !== "status") throw methodNotSupported(info, "get");
        return handleGet(ctx);
      case "list":
        return handleList(ctx);
      case "watch":
        return handleWatch(ctx);
      case "create":
        if (info.resource === "pods" && !info.group && (sub === "binding" || sub === "eviction")) return this.podSubresource(ctx, sub);
        if (sub) throw methodNotSupported(info, "create");
        return handleCreate(ctx);
      case "update":
        return handleUpdate(ctx);
      case "patch":
        return handlePatch(ctx);
      case "delete":
        if (sub) throw methodNotSupported(info, "delete");
        if (!info.verbs.includes("delete")) throw methodNotSupported(info, "delete");
        return handleDelete(ctx);
      case "deletecollection":
        if (!info.verbs.includes("deletecollection")) throw methodNotSupported(info, "deletecollection");
        return handleDeleteCollection(ctx);
      default:
        throw methodNotSupported(info, method);
    }
  }

  /** componentstatuses: probed on every request, never stored (component-status.ts). */
  private async componentStatuses(ctx: RestContext) {
    const deps = { dial: this.config.dial, etcdHealthy: async () => void (await this.config.store.currentRevision()) };
    const filter = compileSelectors(ctx.info, ctx.query);
    if (ctx.ri.verb !== "get" && ctx.ri.verb !== "list") throw methodNotSupported(ctx.info, ctx.ri.verb);
    const out = ctx.ri.verb === "get" ? await getComponentStatus(deps, ctx.ri.name) : await listComponentStatuses(deps, filter);
    (ctx.res as { setHeader(n: string, v: string): void }).setHeader("Warning", warningHeaderValue(COMPONENT_STATUS_DEPRECATION));
    const items = ctx.ri.verb === "get" ? [out] : (out.items as KObject[]);
    if (wantsTable(ctx.accept)) return sendJSON(ctx.res, 200, toTable(ctx, items, this.config.clock.now(), ctx.query.get("includeObject")));
    sendJSON(ctx.res, 200, out);
  }

  private notFoundPath(res: Res) {
    sendStatus(res, new StatusError(404, "NotFound", "the server could not find the requested resource", {}));
  }

  private async impersonate(req: Req, user: UserInfo): Promise<UserInfo> {
    const asUser = req.headers["impersonate-user"] as string | undefined;
    const asGroups = req.headers["impersonate-group"];
    const asUid = req.headers["impersonate-uid"] as string | undefined;
    if (!asUser && !asGroups && !asUid) return user;
    if (!asUser) throw new StatusError(500, "InternalError", "Internal error occurred: requested [] without impersonating a user");
    const groups = asGroups === undefined ? [] : Array.isArray(asGroups) ? asGroups : String(asGroups).split(",").map((s) => s.trim());
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(asUser);
    const checks: { resource: string; name: string; namespace?: string; apiGroup?: string }[] = [
      sa ? { resource: "serviceaccounts", name: sa[2], namespace: sa[1] } : { resource: "users", name: asUser },
      ...groups.map((g) => ({ resource: "groups", name: g })),
    ];
    if (asUid) checks.push({ resource: "uids", name: asUid, apiGroup: "authentication.k8s.io" });
    for (const c of checks) {
      const d = await this.authz.authorize({ user, verb: "impersonate", namespace: c.namespace ?? "", apiGroup: c.apiGroup ?? "", resource: c.resource, subresource: "", name: c.name, resourceRequest: true, path: "" });
      if (!d.allowed) {
        const gr = c.apiGroup ? `${c.resource}.${c.apiGroup}` : c.resource;
        throw new StatusError(403, "Forbidden", `${gr} "${c.name}" is forbidden: User "${user.username}" cannot impersonate resource "${c.resource}" in API group "${c.apiGroup ?? ""}"${c.namespace ? ` in the namespace "${c.namespace}"` : " at the cluster scope"}`, { name: c.name, kind: c.resource });
      }
    }
    const out: UserInfo = { username: asUser, groups: [...groups], uid: asUid };
    if (sa) out.groups.push("system:serviceaccounts", `system:serviceaccounts:${sa[1]}`);
    if (asUser !== "system:anonymous" && !out.groups.includes("system:authenticated")) out.groups.push("system:authenticated");
    return out;
  }

  private async authorizeNonResource(user: UserInfo, ri: RequestInfo, method: string) {
    const verb = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
    const d = await this.authz.authorize({ user, verb, namespace: "", apiGroup: "", resource: "", subresource: "", name: "", resourceRequest: false, path: ri.path });
    if (!d.allowed) throw new StatusError(403, "Forbidden", `forbidden: User "${user.username}" cannot ${verb} path "${ri.path}"`, {});
  }

  private nonResource(req: Req, res: Res, url: URL, ri: RequestInfo, fullIndex: ResourceIndex) {
    // [metrics hook] an unavailable APIService is left out of discovery (kube-aggregator).
    const index = metricsAvailable(this.metricsSource) ? fullIndex : { resources: fullIndex.resources.filter((r) => r.group !== METRICS_GROUP) };
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const accept = parseAccept(req.headers["accept"] as string | undefined);
    if (path === "/version") return sendJSON(res, 200, VERSION_INFO);
    if (path === "/healthz" || path === "/livez" || path === "/readyz" || path.startsWith("/healthz/") || path.startsWith("/livez/") || path.startsWith("/readyz/")) {
      const { code, body } = healthCheck(path, url.searchParams, this.cache.ready);
      return sendText(res, code, body);
    }
    if (path === "/api") {
      if (wantsAggregatedDiscovery(accept)) return sendJSON(res, 200, aggregatedDiscovery(index.resources, "api"), AGGREGATED_DISCOVERY_V2_CONTENT_TYPE);
      return sendJSON(res, 200, apiVersions(`${this.config.advertiseAddress}:${this.config.securePort}`));
    }
    if (path === "/apis") {
      if (wantsAggregatedDiscovery(accept)) return sendJSON(res, 200, aggregatedDiscovery(index.resources, "apis"), AGGREGATED_DISCOVERY_V2_CONTENT_TYPE);
      return sendJSON(res, 200, apiGroupList(index.resources));
    }
    if (path.startsWith("/openapi/")) return serveOpenAPI(req as import("node:http").IncomingMessage, res as import("node:http").ServerResponse, url);
    const parts = path.split("/").filter(Boolean);
    if (parts[0] === "apis" && parts.length === 2) {
      const g = apiGroup(index.resources, parts[1]);
      if (g) return sendJSON(res, 200, g);
    }
    if (parts[0] === "api" && parts.length === 2 && parts[1] === "v1") return sendJSON(res, 200, apiResourceList(index.resources, "", "v1"));
    if (parts[0] === "apis" && parts.length === 3) {
      const list = apiResourceList(index.resources, parts[1], parts[2]);
      if (list && (list as { resources?: unknown[] }).resources?.length) return sendJSON(res, 200, list);
    }
    void ri;
    sendText(res, 404, "404 page not found\n");
  }

  private async podLog(ctx: RestContext) {
    const pod = await this.registry.get(ctx.info, ctx.ri.namespace, ctx.ri.name);
    const container = resolveContainer(pod, ctx.query.get("container"));
    requireScheduled(pod, container);
    if (!this.config.nodes) throw new StatusError(503, "ServiceUnavailable", "no kubelet is reachable");
    const stream = await this.config.nodes.logs(pod, container, logOptions(ctx.query));
    ctx.res.writeHead(200, { "content-type": "text/plain", "cache-control": "no-cache, private" });
    (ctx.res as { flushHeaders?: () => void }).flushHeaders?.();
    const res = ctx.res as NodeJS.WritableStream & { on(e: string, f: () => void): void };
    res.on("close", () => stream.destroy());
    stream.pipe(res);
  }

  /** WebSocket upgrades: pods/exec (v5.channel.k8s.io). */
  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const refuse = (err: StatusError) => {
      const body = JSON.stringify(err.toStatus());
      socket.end(`HTTP/1.1 ${err.code} ${err.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    try {
      const url = requestURL(req.url);
      let user = this.authn.authenticate(req);
      if (!user) throw new StatusError(401, "Unauthorized", "Unauthorized");
      user = await this.impersonate(req, user);
      const ri = parseRequestInfo("POST", url.pathname, url.searchParams);
      const info = this.currentIndex().get(ri.apiGroup, ri.resource, ri.apiVersion);
      const sub = ri.subresource;
      if (!info || info.resource !== "pods" || info.group || (sub !== "exec" && sub !== "attach")) throw new StatusError(400, "BadRequest", "upgrade is only served for pods/exec and pods/attach");
      const decision = await this.authz.authorize({ user, verb: "create", namespace: ri.namespace, apiGroup: "", resource: "pods", subresource: sub, name: ri.name, resourceRequest: true, path: url.pathname });
      if (!decision.allowed) throw forbidden(info, ri.name, `User "${user.username}" cannot create resource "pods/${sub}" in API group "" in the namespace "${ri.namespace}"`);
      const pod = await this.registry.get(info, ri.namespace, ri.name);
      const container = resolveContainer(pod, url.searchParams.get("container"));
      requireScheduled(pod, container);
      const nodes = this.config.nodes;
      if (!nodes) throw new StatusError(503, "ServiceUnavailable", "no kubelet is reachable");
      const protocols = String(req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
      if (!protocols.includes("v5.channel.k8s.io")) throw new StatusError(400, "BadRequest", "unable to upgrade: only v5.channel.k8s.io is served");
      const attach = nodes.attach?.bind(nodes);
      if (sub === "attach" && !attach) throw new StatusError(400, "BadRequest", "attach is not served");
      this.wss.handleUpgrade(req, socket, head, (ws) =>
        serveExec(ws, url.searchParams, (io) => (sub === "attach" ? attach!(pod, container, io) : nodes.exec(pod, container, url.searchParams.getAll("command"), io))),
      );
    } catch (e) {
      refuse(e instanceof StatusError ? e : internalError(e));
    }
  }

  private async podSubresource(ctx: RestContext, sub: "binding" | "eviction") {
    const body = decodeObject(await readBody(ctx.req), ctx.req.headers["content-type"] as string | undefined);
    ctx.admission.admitSubresourceCreate?.(ctx.info, ctx.ri.namespace, ctx.ri.name, sub, body, ctx.user);
    const out = await this.client(ctx.user).createSubresource({ group: "", resource: "pods" }, ctx.ri.namespace, ctx.ri.name, sub, body);
    sendJSON(ctx.res, 201, out);
  }

  /** The API as an in-process component with this identity sees it (lib/cluster/client). */
  client(user: UserInfo): ClusterClient {
    return loopbackClient(
      {
        registry: this.registry,
        cache: this.cache,
        admission: this.admission,
        resourceFor: (g, r) => this.resourceFor(g, r),
        now: () => this.config.clock.now(),
        virtualCreate: async (info, namespace, name, subresource, body) => {
          if (info.resource !== "serviceaccounts" || info.group || subresource !== "token") throw new StatusError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);
          return issueServiceAccountToken({ registry: this.registry, info, clock: this.config.clock, ri: { namespace, name } }, body, this.config);
        },
      },
      user,
    );
  }

  /** [metrics hook] Connects metrics.k8s.io to the running metrics-server (undefined: none). */
  setMetricsSource(source: MetricsSource | undefined): void {
    this.metricsSource = source;
  }

  /** The resources served now, built-in and custom (for the garbage collector and namespace deletion). */
  servedResources(): readonly ResourceInfo[] {
    return this.currentIndex().resources;
  }

  /** For in-process components (controllers, kubelets) that write without HTTP. */
  resourceFor(group: string, resource: string): ResourceInfo {
    const r = this.currentIndex().get(group, resource);
    if (!r) throw new Error(`unknown resource ${group}/${resource}`);
    return r;
  }

  /** The served resource of a kind (built-in or from a CRD), for writers that start from objects. */
  resourceForKind(group: string, version: string, kind: string): ResourceInfo {
    const r = this.currentIndex().byKind(group, version, kind);
    if (!r) throw new Error(`no resource serves ${group}/${version} ${kind}`);
    return r;
  }
}
