// The REST verbs for every stored resource (upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers).
import type { Clock, KObject, ResourceInfo, UserInfo } from "../cluster/api/types.js";
import { StatusError } from "../cluster/api/types.js";
import { badRequest, gone, methodNotSupported, notFound, conflict, OPTIMISTIC_LOCK_MESSAGE } from "./errors.js";
import { decodeObject, mediaTypeOf, parseJSON, parseYAML } from "./body.js";
import { metaOnly, readBody, sendJSON, wantsPartialMetadata, wantsTable, type MediaType, type Req, type Res } from "./http.js";
import type { RequestInfo } from "./request-info.js";
import type { Registry } from "./storage/registry.js";
import type { CacheEvent } from "./storage/cache.js";
import { applyPatch } from "./patch.js";
import { toTable } from "./table.js";
import { compileSelectors, type ObjectFilter } from "./selectors.js";
import { checkStrictFields, crdSchema, fieldValidationOf, warningHeaderValue } from "./strict-fields.js";
import { isCustom } from "./storage/registry.js";
import { eventCoreToV1, eventV1ToCore, isEventsV1 } from "../cluster/api/event-conversion.js";
import { builtinSchemas, managerOf, serverSideApply, typeRefFor } from "./field-manager.js";
import { checkDecodeTypes, checkPatchedTypes } from "./decode-types.js";

function safeJSON(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

export interface Admission {
  /** Mutating then validating admission plus defaulting and validation; may throw StatusError. */
  admit(op: "CREATE" | "UPDATE" | "DELETE", info: ResourceInfo, obj: KObject, old: KObject | undefined, user: UserInfo, subresource: string): Promise<KObject>;
  /** Admission of a create on a subresource answered outside storage (pods/eviction, serviceaccounts/token). */
  admitSubresourceCreate?(info: ResourceInfo, namespace: string, name: string, subresource: string, body: KObject, user: UserInfo): void;
}

export interface RestContext {
  req: Req;
  res: Res;
  ri: RequestInfo;
  info: ResourceInfo;
  user: UserInfo;
  query: URLSearchParams;
  accept: MediaType[];
  registry: Registry;
  admission: Admission;
  clock: Clock;
  /** Called when a resource set changes shape (CRDs): the server rebuilds its index. */
  customPrinterColumns?: (info: ResourceInfo) => unknown[] | undefined;
}

const listMeta = (rv: number, cont?: string, remaining?: number) => {
  const m: Record<string, unknown> = { resourceVersion: String(rv) };
  if (cont) m.continue = cont;
  if (remaining) m.remainingItemCount = remaining;
  return m;
};

function apiVersionOf(info: ResourceInfo) {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Serves the object in the requested form: Table, PartialObjectMetadata, or the object. */
function respondObject(ctx: RestContext, code: number, stored: KObject) {
  const obj = isEventsV1(ctx.info) && stored.apiVersion === "v1" ? eventCoreToV1(stored) : stored;
  if (wantsTable(ctx.accept)) return sendJSON(ctx.res, code, toTable(ctx, [obj], ctx.clock.now(), ctx.query.get("includeObject")));
  if (wantsPartialMetadata(ctx.accept)) return sendJSON(ctx.res, code, metaOnly(obj));
  sendJSON(ctx.res, code, obj);
}

export async function handleGet(ctx: RestContext) {
  const { ri, info } = ctx;
  const obj = await ctx.registry.get(info, ri.namespace, ri.name);
  respondObject(ctx, 200, obj);
}

function encodeContinue(key: string, rv: number): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv, start: key + "\0" })).toString("base64");
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const v = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (v.v !== "meta.k8s.io/v1" || typeof v.start !== "string") throw new Error();
    return { rv: v.rv, start: v.start };
  } catch {
    throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
}

export async function handleList(ctx: RestContext) {
  const { ri, info, query } = ctx;
  const filter = compileSelectors(info, query);
  const { items, revision } = await ctx.registry.list(info, ri.namespace);
  let selected = items.filter((c) => filter(c.obj));
  const cont = query.get("continue");
  if (cont) {
    const { start } = decodeContinue(cont);
    selected = selected.filter((c) => c.key >= start);
  }
  const limit = Number(query.get("limit") ?? 0);
  let nextToken: string | undefined;
  let remaining: number | undefined;
  if (limit > 0 && selected.length > limit) {
    remaining = selected.length - limit;
    selected = selected.slice(0, limit);
    nextToken = encodeContinue(selected[selected.length - 1].key, revision);
  }
  const objs = selected.map((c) => (isEventsV1(info) ? eventCoreToV1(structuredClone(c.obj)) : structuredClone(c.obj)));
  if (wantsTable(ctx.accept)) {
    const table = toTable(ctx, objs, ctx.clock.now(), query.get("includeObject"));
    table.metadata = listMeta(revision, nextToken, remaining);
    return sendJSON(ctx.res, 200, table);
  }
  if (wantsPartialMetadata(ctx.accept)) {
    return sendJSON(ctx.res, 200, { kind: "PartialObjectMetadataList", apiVersion: "meta.k8s.io/v1", metadata: listMeta(revision, nextToken, remaining), items: objs.map(metaOnly) });
  }
  sendJSON(ctx.res, 200, { kind: info.listKind, apiVersion: apiVersionOf(info), metadata: listMeta(revision, nextToken, remaining), items: objs });
}

function readQueryOptions(query: URLSearchParams) {
  const dryRun = query.getAll("dryRun");
  return {
    dryRun: dryRun.length > 0,
    fieldManager: query.get("fieldManager") ?? undefined,
    fieldValidation: query.get("fieldValidation") ?? undefined,
  };
}

function checkTypeMeta(info: ResourceInfo, obj: KObject) {
  const want = apiVersionOf(info);
  if (obj.apiVersion !== undefined && obj.apiVersion !== want) {
    // A body of another served version of the same resource (autoscaling/v1 vs v2) is accepted
    // upstream after conversion; Drydock serves one form per resource, so say so plainly.
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
  }
  if (obj.kind !== undefined && obj.kind !== info.kind) {
    throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${info.kind})`);
  }
}

/** What the storage verbs need of a request: shared by the HTTP handlers and the in-process client. */
export type StorageContext = Pick<RestContext, "info" | "user" | "query" | "registry" | "admission"> & { ri: Pick<RequestInfo, "namespace" | "name" | "subresource"> };

/** Writes without ?fieldManager= are recorded under the client's User-Agent prefix ("kubectl"). */
function defaultFieldManager(ctx: RestContext) {
  if (!ctx.query.get("fieldManager")) ctx.query.set("fieldManager", managerOf(undefined, ctx.req.headers["user-agent"] as string | undefined));
}

export async function handleCreate(ctx: RestContext) {
  defaultFieldManager(ctx);
  const body = await readBody(ctx.req);
  const obj = decodeObject(body, ctx.req.headers["content-type"] as string | undefined);
  decodeTypes(ctx, obj);
  strictFields(ctx, obj, body);
  respondObject(ctx, 201, await createObject(ctx, obj));
}


/** Values of the wrong JSON kind for built-in kinds fail decoding (decode-types.ts). */
function decodeTypes(ctx: RestContext, obj: KObject) {
  if (isCustom(ctx.info) || isEventsV1(ctx.info)) return;
  checkDecodeTypes(ctx.info, obj, typeRefFor(ctx.info, ctx.registry.cache));
}

/** fieldValidation (Strict by kubectl's default): unknown and duplicate fields, per the kind's schema. */
function strictFields(ctx: RestContext, obj: KObject, body: Buffer | undefined) {
  const { info } = ctx;
  let schema;
  if (isCustom(info)) {
    const crd = ctx.registry.cache.get(`/registry/apiextensions.k8s.io/customresourcedefinitions/${info.resource}.${info.group}`)?.obj;
    const s = crd ? crdSchema(crd as never, info.version) : undefined;
    schema = s ? { schema: s, components: {} } : undefined;
  } else {
    schema = builtinSchemas()(info.group, info.version, info.kind);
  }
  const isJSON = body !== undefined && mediaTypeOf(ctx.req.headers["content-type"] as string | undefined) === "application/json";
  const { warnings } = checkStrictFields(fieldValidationOf(ctx.query), info.kind, info.version, obj, schema, isJSON ? body!.toString("utf8") : undefined);
  if (warnings.length) (ctx.res as { setHeader(n: string, v: string[]): void }).setHeader("Warning", warnings.map(warningHeaderValue));
}

/** The create path of rest/create.go: type checks, PrepareForCreate, admission, storage. */
export async function createObject(ctx: StorageContext, obj: KObject): Promise<KObject> {
  if (isEventsV1(ctx.info)) {
    // Stored as core/v1 Events (one resource, two versions): convert at the edges.
    checkTypeMeta(ctx.info, obj);
    const created = await createObject({ ...ctx, info: { ...ctx.info, group: "", version: "v1" } }, eventV1ToCore(obj));
    return eventCoreToV1(created);
  }
  const { ri, info, query } = ctx;
  checkTypeMeta(info, obj);
  const bodyNs = obj.metadata?.namespace;
  if (info.namespaced && bodyNs && ri.namespace && bodyNs !== ri.namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  if (!obj.metadata?.name && !obj.metadata?.generateName) {
    throw new StatusError(422, "Invalid", `${info.kind}${info.group ? "." + info.group : ""} "" is invalid: metadata.name: Required value: name or generateName is required`, {
      kind: info.kind,
      group: info.group || undefined,
      causes: [{ reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name" }],
    });
  }
  const opts = readQueryOptions(query);
  let prepared = ctx.registry.prepareForCreate(info, obj, ri.namespace, { ...opts, user: ctx.user });
  prepared = await ctx.admission.admit("CREATE", info, prepared, undefined, ctx.user, "");
  return ctx.registry.create(info, prepared, { ...opts, user: ctx.user });
}

export async function updateWith(ctx: StorageContext, mutate: (current: KObject | undefined) => KObject | Promise<KObject>, allowCreate: boolean, operation?: "Apply"): Promise<{ obj: KObject; created: boolean }> {
  const { ri, info, query } = ctx;
  const opts = { ...readQueryOptions(query), user: ctx.user, subresource: ri.subresource || undefined, operation };
  for (let attempt = 0; attempt < 5; attempt++) {
    let current: KObject | undefined;
    try {
      current = await ctx.registry.get(info, ri.namespace, ri.name);
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
    const next = await mutate(current ? structuredClone(current) : undefined);
    checkTypeMeta(info, next);
    if (next.metadata?.name && next.metadata.name !== ri.name) {
      throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${ri.name})`);
    }
    if (!current) {
      if (!allowCreate) throw notFound(info, ri.name);
      next.metadata = { ...next.metadata, name: ri.name };
      let prepared = ctx.registry.prepareForCreate(info, next, ri.namespace, { ...opts, user: ctx.user });
      prepared = await ctx.admission.admit("CREATE", info, prepared, undefined, ctx.user, "");
      return { obj: await ctx.registry.create(info, prepared, opts), created: true };
    }
    const wantRV = next.metadata?.resourceVersion;
    if (wantRV && wantRV !== current.metadata?.resourceVersion) throw conflict(info, ri.name, OPTIMISTIC_LOCK_MESSAGE);
    let prepared = ctx.registry.prepareForUpdate(info, next, current, opts);
    prepared = await ctx.admission.admit("UPDATE", info, prepared, current, ctx.user, ri.subresource);
    try {
      const saved = await ctx.registry.update(info, prepared, Number(current.metadata!.resourceVersion), opts);
      return { obj: saved, created: false };
    } catch (e) {
      // A conflict with no resourceVersion asked for is a race with another writer: retry, as
      // GuaranteedUpdate does.
      if (e instanceof StatusError && e.code === 409 && !wantRV) continue;
      throw e;
    }
  }
  throw conflict(info, ri.name, OPTIMISTIC_LOCK_MESSAGE);
}

export async function handleUpdate(ctx: RestContext) {
  defaultFieldManager(ctx);
  const body = await readBody(ctx.req);
  const obj = decodeObject(body, ctx.req.headers["content-type"] as string | undefined);
  if (ctx.ri.subresource === "scale") return updateScale(ctx, obj);
  decodeTypes(ctx, obj);
  strictFields(ctx, obj, body);
  const { obj: saved, created } = await updateWith(ctx, () => obj, allowsCreateOnUpdate(ctx.info));
  respondObject(ctx, created ? 201 : 200, saved);
}

/** Upstream's AllowCreateOnUpdate(): true only for these kinds' strategies. */
const CREATE_ON_UPDATE = new Set(["/endpoints", "/events", "/limitranges", "events.k8s.io/events", "coordination.k8s.io/leases"]);
function allowsCreateOnUpdate(info: ResourceInfo): boolean {
  return CREATE_ON_UPDATE.has(`${info.group}/${info.resource}`);
}

export async function handlePatch(ctx: RestContext) {
  const body = await readBody(ctx.req);
  const type = mediaTypeOf(ctx.req.headers["content-type"] as string | undefined);
  if (!type.startsWith("application/apply-patch")) defaultFieldManager(ctx);
  if (ctx.ri.subresource === "scale") {
    const current = await ctx.registry.get(ctx.info, ctx.ri.namespace, ctx.ri.name);
    const scale = applyPatch(type, scaleOf(ctx.info, current), body, "autoscaling/v1/Scale");
    return updateScale(ctx, scale);
  }
  const { obj, created } = await patchObject(ctx, type, body, (patched) => strictFields(ctx, patched, undefined));
  respondObject(ctx, created ? 201 : 200, obj);
}

/** PATCH of every type; apply patches may create. */
export async function patchObject(ctx: StorageContext, type: string, body: Buffer, check?: (patched: KObject) => void): Promise<{ obj: KObject; created: boolean }> {
  const { info, ri, query } = ctx;
  const isApply = type === "application/apply-patch+yaml" || type === "application/apply-patch+cbor";
  const force = query.get("force") === "true";
  if (isApply && !query.get("fieldManager")) {
    throw new StatusError(422, "Invalid", `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`, {
      kind: "PatchOptions",
      group: "meta.k8s.io",
      causes: [{ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" }],
    });
  }
  if (!isApply && query.has("force")) {
    throw new StatusError(422, "Invalid", `PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch`, {
      kind: "PatchOptions",
      group: "meta.k8s.io",
      causes: [{ reason: "FieldValueForbidden", message: "Forbidden: may not be specified for non-apply patch", field: "force" }],
    });
  }
  const applied = isApply ? parseYAML(body) : undefined;
  const write = (live: KObject | undefined) => serverSideApply({ info, cache: ctx.registry.cache, manager: query.get("fieldManager")!, subresource: ri.subresource, now: ctx.registry.now() }, live, applied!, force);
  return updateWith(
    ctx,
    (current) => {
      let out: KObject;
      if (!current) {
        if (!isApply) throw notFound(info, ri.name);
        checkTypeMeta(info, applied!);
        out = write(undefined);
      } else if (isApply) {
        checkTypeMeta(info, applied!);
        out = write(current);
        // The merge starts from what was read: a write in between is retried (GuaranteedUpdate).
        delete out.metadata!.resourceVersion;
        if (applied!.metadata?.resourceVersion) out.metadata!.resourceVersion = applied!.metadata.resourceVersion;
      } else {
        out = applyPatch(type, current, body, `${apiVersionOf(info)}/${info.kind}`);
        if (!isCustom(info) && !isEventsV1(info)) checkPatchedTypes(type, safeJSON(body), out, typeRefFor(info, ctx.registry.cache));
        // A patch that names no resourceVersion applies to whatever is current: on a race with
        // another writer it is retried, as GuaranteedUpdate does.
        if (out.metadata && !patchNamesResourceVersion(body) && out.metadata.resourceVersion === current.metadata?.resourceVersion) delete out.metadata.resourceVersion;
      }
      check?.(out);
      return out;
    },
    isApply,
    isApply ? "Apply" : undefined,
  );
}

function patchNamesResourceVersion(body: Buffer): boolean {
  return /"resourceVersion"\s*:/.test(body.toString("utf8")) || /resourceVersion\s*:/.test(body.toString("utf8"));
}

function scaleOf(info: ResourceInfo, obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (obj.status ?? {}) as { replicas?: number };
  const sel = spec.selector?.matchLabels
    ? Object.entries(spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(",")
    : undefined;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace, uid: obj.metadata?.uid, resourceVersion: obj.metadata?.resourceVersion, creationTimestamp: obj.metadata?.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(sel ? { selector: sel } : {}) },
  };
}

export async function handleGetScale(ctx: RestContext) {
  const obj = await ctx.registry.get(ctx.info, ctx.ri.namespace, ctx.ri.name);
  sendJSON(ctx.res, 200, scaleOf(ctx.info, obj));
}

async function updateScale(ctx: RestContext, scale: KObject) {
  const replicas = (scale.spec as { replicas?: number })?.replicas;
  if (typeof replicas !== "number" || replicas < 0) {
    throw new StatusError(422, "Invalid", `Scale.autoscaling "${ctx.ri.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`, {
      name: ctx.ri.name,
      group: "autoscaling",
      kind: "Scale",
      causes: [{ reason: "FieldValueInvalid", message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: "spec.replicas" }],
    });
  }
  const { obj } = await updateWith(
    ctx,
    (current) => {
      if (!current) throw notFound(ctx.info, ctx.ri.name);
      const wantRV = scale.metadata?.resourceVersion;
      return { ...current, metadata: { ...current.metadata, resourceVersion: wantRV || current.metadata?.resourceVersion }, spec: { ...(current.spec as object), replicas } };
    },
    false,
  );
  sendJSON(ctx.res, 200, scaleOf(ctx.info, obj));
}

export async function handleDelete(ctx: RestContext) {
  const { query } = ctx;
  const body = await readBody(ctx.req);
  const opts = body.length ? (mediaTypeOf(ctx.req.headers["content-type"] as string) === "application/vnd.kubernetes.protobuf" ? decodeObject(body, ctx.req.headers["content-type"] as string) : parseJSON(body)) : {};
  const grace = query.get("gracePeriodSeconds") ?? (opts as { gracePeriodSeconds?: number }).gracePeriodSeconds;
  const propagation = (query.get("propagationPolicy") ?? (opts as { propagationPolicy?: string }).propagationPolicy) as "Orphan" | "Background" | "Foreground" | undefined;
  const { obj, deleted } = await deleteObject(ctx, {
    dryRun: query.getAll("dryRun").length > 0 || ((opts as { dryRun?: string[] }).dryRun?.length ?? 0) > 0,
    gracePeriodSeconds: grace !== undefined && grace !== null ? Number(grace) : undefined,
    propagationPolicy: propagation,
    preconditions: (opts as { preconditions?: { uid?: string; resourceVersion?: string } }).preconditions,
  });
  respondObject(ctx, deleted ? 200 : 202, obj);
}

/** DELETE after admission: the removed object, or the one marked for deletion. */
export async function deleteObject(ctx: StorageContext, opts: Parameters<Registry["delete"]>[3]): Promise<{ obj: KObject; deleted: boolean }> {
  const { info, ri } = ctx;
  const current = await ctx.registry.get(info, ri.namespace, ri.name);
  await ctx.admission.admit("DELETE", info, current, current, ctx.user, ri.subresource);
  return ctx.registry.delete(info, ri.namespace, ri.name, opts);
}

export async function handleDeleteCollection(ctx: RestContext) {
  const { info, ri, query } = ctx;
  const filter = compileSelectors(info, query);
  const { items, revision } = await ctx.registry.list(info, ri.namespace);
  const deleted: KObject[] = [];
  for (const c of items.filter((x) => filter(x.obj))) {
    try {
      const { obj } = await ctx.registry.delete(info, c.obj.metadata!.namespace ?? "", c.obj.metadata!.name!, { dryRun: query.getAll("dryRun").length > 0 });
      deleted.push(obj);
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
  sendJSON(ctx.res, 200, { kind: info.listKind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(revision) }, items: deleted });
}

/** Watch: flushed headers, then one JSON event per line (see docs/kubectl-wire.md). */
export async function handleWatch(ctx: RestContext) {
  const { info, ri, query, res } = ctx;
  let filter: ObjectFilter = compileSelectors(info, query);
  if (ri.name) {
    const byName = filter;
    filter = (o) => o.metadata?.name === ri.name && byName(o);
  }
  const nsPrefix = ctx.registry.prefixFor(info) + (info.namespaced && ri.namespace ? `${ri.namespace}/` : "");
  const rvParam = query.get("resourceVersion");
  const table = wantsTable(ctx.accept);
  const bookmarks = query.get("allowWatchBookmarks") === "true";
  const timeoutSeconds = Math.min(Number(query.get("timeoutSeconds") ?? 1800) || 1800, 3600);

  await ctx.registry.synced();
  const cache = ctx.registry.cache;
  let from: number;
  const initial: CacheEvent[] = [];
  if (!rvParam || rvParam === "0") {
    from = cache.currentRevision();
    for (const c of cache.list(nsPrefix)) initial.push({ type: "ADDED", key: c.key, obj: c.obj, revision: c.modRevision });
  } else {
    from = Number(rvParam);
    if (!Number.isFinite(from)) throw badRequest(`invalid resource version: ${rvParam}`);
  }
  const queue: CacheEvent[] = [];
  let wake: (() => void) | undefined;
  const sub = cache.subscribe(from, (e) => {
    queue.push(e);
    wake?.();
  });
  if (!sub) throw gone(`too old resource version: ${from} (${cache.oldestRevision()})`);

  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private", "x-content-type-options": "nosniff" });
  (res as { flushHeaders?: () => void }).flushHeaders?.();
  let columnsSent = false;
  const write = (type: string, stored: KObject) => {
    const obj = isEventsV1(info) && stored.apiVersion === "v1" ? eventCoreToV1(stored) : stored;
    let out: unknown = obj;
    if (table && type !== "BOOKMARK") {
      const t = toTable(ctx, [obj], ctx.clock.now(), query.get("includeObject"));
      if (columnsSent) t.columnDefinitions = [];
      columnsSent = true;
      out = t;
    }
    (res as { write: (s: string) => void }).write(JSON.stringify({ type, object: out }) + "\n");
  };
  const matches = (e: CacheEvent) => e.key.startsWith(nsPrefix) && (filter(e.obj) || (e.prevObj !== undefined && filter(e.prevObj)));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    sub.cancel();
    clearTimeout(timer);
    clearInterval(bookmarkTimer);
    wake?.();
    res.end();
  };
  const timer = setTimeout(close, timeoutSeconds * 1000);
  const bookmarkTimer = setInterval(() => {
    if (bookmarks) write("BOOKMARK", { kind: info.kind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(cache.currentRevision()) } });
  }, 60_000);
  ctx.req.on("close", close);
  res.on("close", close);
  for (const e of initial) if (filter(e.obj)) write("ADDED", e.obj);
  queue.unshift(...sub.backlog);
  while (!closed) {
    while (queue.length) {
      const e = queue.shift()!;
      if (!matches(e)) continue;
      // An object that stops matching the selector is DELETED for this watcher; one that starts
      // matching is ADDED (upstream cacher semantics).
      const now = filter(e.obj);
      const before = e.prevObj !== undefined && filter(e.prevObj);
      let type: string = e.type;
      if (e.type === "MODIFIED" && now && !before) type = "ADDED";
      if (e.type === "MODIFIED" && !now && before) type = "DELETED";
      write(type, e.obj);
    }
    await new Promise<void>((r) => (wake = r));
    wake = undefined;
  }
}

export { methodNotSupported };
