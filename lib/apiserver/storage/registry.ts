// The generic store: keys, resourceVersion, uid, generation, status ownership, finalizers and
// graceful deletion for every resource (upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go).
import { persistentVolumeStatusPrepareForUpdate } from "../../cluster/registry/strategy.js";
import type { Clock, KObject, Random, ResourceInfo, UserInfo } from "../../cluster/api/types.js";
import { StatusError } from "../../cluster/api/types.js";
import { specOf, strategyFor, type Strategy } from "../../cluster/registry/strategy.js";
import { StoreError, type Store } from "../../store/types.js";
import { alreadyExists, badRequest, conflict, internalError, notFound, OPTIMISTIC_LOCK_MESSAGE, serviceUnavailable } from "../errors.js";
import type { CachedObject, WatchCache } from "./cache.js";
import { managedFieldsAfterUpdate } from "../field-manager.js";
import { applyDefaults } from "../../cluster/defaults/index.js";

export interface WriteOptions {
  user?: UserInfo;
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: string;
  /** managedFields operation: "Update" (default) or "Apply". */
  operation?: "Update" | "Apply";
}

export interface DeleteOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  preconditions?: { uid?: string; resourceVersion?: string };
}

export class Registry {
  /** The newest revision this server wrote; reads wait for the cache to reach it. */
  private lastWrite = 0;

  constructor(
    private readonly store: Store,
    readonly cache: WatchCache,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  prefixFor(info: ResourceInfo): string {
    return storagePrefix(info);
  }

  keyFor(info: ResourceInfo, namespace: string, name: string): string {
    return storageKey(info, namespace, name);
  }

  strategy(info: ResourceInfo): Strategy {
    return strategyFor(info.group, info.resource, Boolean(info.subresources?.status), isCustom(info));
  }

  async synced(): Promise<void> {
    if (!this.cache.ready) throw serviceUnavailable("the server is currently unable to handle the request");
    await this.cache.waitFor(this.lastWrite);
  }

  async get(info: ResourceInfo, namespace: string, name: string): Promise<KObject> {
    await this.synced();
    const c = this.cache.get(this.keyFor(info, namespace, name));
    if (!c) throw notFound(info, name);
    return structuredClone(c.obj);
  }

  /** Objects of a resource (in one namespace, or all when namespace is ""), in key order. */
  async list(info: ResourceInfo, namespace: string): Promise<{ items: CachedObject[]; revision: number }> {
    await this.synced();
    const prefix = info.namespaced && namespace ? `${this.prefixFor(info)}${namespace}/` : this.prefixFor(info);
    return { items: this.cache.list(prefix), revision: this.cache.currentRevision() };
  }

  private encode(obj: KObject): Buffer {
    // kube-apiserver never stores resourceVersion: it is the etcd revision, added on read.
    const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
    return Buffer.from(JSON.stringify({ ...obj, metadata: meta }));
  }

  private stamp(kvRev: number, obj: KObject): KObject {
    this.lastWrite = Math.max(this.lastWrite, kvRev);
    obj.metadata = { ...obj.metadata, resourceVersion: String(kvRev) };
    return obj;
  }

  private storeError(info: ResourceInfo, name: string, e: unknown): never {
    if (e instanceof StatusError) throw e;
    if (e instanceof StoreError) {
      if (e.code === "exists") throw alreadyExists(info, name);
      if (e.code === "not-found") throw notFound(info, name);
      if (e.code === "conflict") throw conflict(info, name, OPTIMISTIC_LOCK_MESSAGE);
      if (e.code === "unavailable") throw new StatusError(500, "InternalError", `Internal error occurred: ${e.message}`);
    }
    throw internalError(e);
  }

  /** Assigns the name (generateName), uid, timestamps and generation; resets status. */
  prepareForCreate(info: ResourceInfo, obj: KObject, namespace: string, opts: WriteOptions): KObject {
    const meta = { ...(obj.metadata ?? {}) };
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.random.string(5);
    if (info.namespaced) meta.namespace = namespace;
    else delete meta.namespace;
    meta.uid = this.random.uuid();
    meta.creationTimestamp = rfc3339(this.clock.now());
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.resourceVersion;
    delete meta.selfLink;
    const strat = this.strategy(info);
    if (strat.generation) meta.generation = 1;
    else delete meta.generation;
    let out: KObject = { ...obj, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind, metadata: meta };
    if (strat.prepareForCreate) out = strat.prepareForCreate(out);
    if (info.resource === "certificatesigningrequests" && info.group === "certificates.k8s.io") out = withRequester(out, opts.user);
    if (strat.statusSubresource) {
      const init = strat.initialStatus?.(out, this.clock.now());
      if (init !== undefined) out.status = dropUndefined(init);
      else if (info.resource === "nodes" || info.resource === "certificatesigningrequests") {
        // nodeStrategy keeps the kubelet's status; CSR status is cleared.
        if (info.resource === "certificatesigningrequests") out.status = {};
      } else out.status = {};
    }
    if (info.resource === "namespaces") out.spec = { finalizers: ["kubernetes"], ...(out.spec as object) };
    out.metadata!.managedFields = this.managedFields(info, undefined, out, opts);
    return out;
  }

  async create(info: ResourceInfo, obj: KObject, opts: WriteOptions = {}): Promise<KObject> {
    const name = obj.metadata!.name!;
    const key = this.keyFor(info, obj.metadata!.namespace ?? "", name);
    if (opts.dryRun) {
      await this.synced();
      if (this.cache.get(key)) throw alreadyExists(info, name);
      return obj;
    }
    try {
      const kv = await this.store.create(key, this.encode(obj));
      return this.stamp(kv.modRevision, obj);
    } catch (e) {
      this.storeError(info, name, e);
    }
  }

  /**
   * Applies the update rules (immutable metadata, status ownership, generation) of `next` over
   * `current`, as BeforeUpdate does.
   */
  prepareForUpdate(info: ResourceInfo, next: KObject, current: KObject, opts: WriteOptions): KObject {
    const strat = this.strategy(info);
    const cm = current.metadata ?? {};
    const meta = { ...(next.metadata ?? {}) };
    meta.uid = cm.uid;
    meta.creationTimestamp = cm.creationTimestamp;
    meta.name = cm.name;
    if (info.namespaced) meta.namespace = cm.namespace;
    if (cm.deletionTimestamp) meta.deletionTimestamp = cm.deletionTimestamp;
    else delete meta.deletionTimestamp;
    if (cm.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = cm.deletionGracePeriodSeconds;
    let out: KObject = { ...next, apiVersion: current.apiVersion, kind: current.kind, metadata: meta };
    if (info.resource === "namespaces" && opts.subresource === "finalize") {
      // namespaces/finalize writes spec.finalizers only (the namespace controller's last step).
      out = { ...current, spec: { ...(current.spec as object), finalizers: (next.spec as { finalizers?: string[] })?.finalizers ?? [] }, metadata: { ...cm } };
    } else if (strat.statusSubresource) {
      if (opts.subresource === "approval" && info.resource === "certificatesigningrequests") {
        // [csr hook] csrApprovalStrategy: only the conditions change (kubectl certificate approve|deny).
        const conditions = (next.status as { conditions?: unknown[] } | undefined)?.conditions;
        out = { ...current, status: { ...(current.status as object), conditions }, metadata: { ...cm, ...pickMeta(meta) } };
        populateCSRConditionTimestamps(out, current, this.clock.now());
      } else if (opts.subresource === "status") {
        // The status strategy keeps everything but status (and labels/annotations upstream drops too).
        out = { ...current, status: next.status, metadata: { ...cm, ...pickMeta(meta) } };
        if (info.resource === "certificatesigningrequests") populateCSRConditionTimestamps(out, current, this.clock.now()); // [csr hook]
        if (info.resource === "persistentvolumes" && !info.group) out = persistentVolumeStatusPrepareForUpdate(out, current, this.clock.now());
      } else if (opts.subresource !== "scale" && opts.subresource !== "binding") {
        // binding writes spec.nodeName and the PodScheduled condition together (assignPod).
        out.status = current.status;
      }
    }
    if (strat.generation) {
      const gen = typeof cm.generation === "number" ? cm.generation : 1;
      out.metadata!.generation = specOf(out) !== specOf(current) ? gen + 1 : gen;
    }
    out.metadata!.managedFields = this.managedFields(info, current, out, opts);
    return out;
  }

  /** managedFields after this write; an Apply has computed its own (field-manager.ts). */
  private managedFields(info: ResourceInfo, live: KObject | undefined, next: KObject, opts: WriteOptions): unknown[] {
    if (opts.operation === "Apply") return (next.metadata?.managedFields as unknown[] | undefined) ?? [];
    const subresource = opts.subresource ?? "";
    // BindingREST writes the pod without the field manager (pkg/registry/core/pod/storage assignPod).
    if (subresource === "binding") return (live?.metadata?.managedFields as unknown[] | undefined) ?? [];
    // Upstream's field manager sees the decoded object, defaults applied; here defaulting runs
    // in admission, after this point, so apply it for the comparison.
    const seen = subresource ? next : applyDefaults(info.group, info.kind, next);
    return managedFieldsAfterUpdate({ info, cache: this.cache, manager: opts.fieldManager ?? "unknown", subresource, now: this.clock.now() }, live, seen);
  }

  async update(info: ResourceInfo, obj: KObject, expectedRevision: number | undefined, opts: WriteOptions = {}): Promise<KObject> {
    const name = obj.metadata!.name!;
    const key = this.keyFor(info, obj.metadata!.namespace ?? "", name);
    if (opts.dryRun) return obj;
    // A finalizer-free object marked for deletion goes away instead of being updated.
    const specFinalizers = info.resource === "namespaces" ? ((obj.spec as { finalizers?: string[] })?.finalizers ?? []) : [];
    if (obj.metadata?.deletionTimestamp && !(obj.metadata.finalizers ?? []).length && !specFinalizers.length && !isGracefulPod(info, obj)) {
      try {
        const kv = await this.store.delete(key, expectedRevision);
        return this.stamp(kv.modRevision, obj);
      } catch (e) {
        this.storeError(info, name, e);
      }
    }
    try {
      const kv = await this.store.update(key, this.encode(obj), expectedRevision);
      return this.stamp(kv.modRevision, obj);
    } catch (e) {
      this.storeError(info, name, e);
    }
  }

  /**
   * Deletes, or marks for deletion when finalizers remain (or a graceful pod deletion is asked).
   * Returns the object as the API returns it: the deleted object, or the marked one.
   */
  /**
   * DELETE: marks or removes the object. A write by someone else in between is retried, as the
   * etcd3 store's conditionalDelete re-reads and tries again; preconditions are checked each time.
   */
  async delete(info: ResourceInfo, namespace: string, name: string, opts: DeleteOptions = {}): Promise<{ obj: KObject; deleted: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deleteOnce(info, namespace, name, opts);
      } catch (e) {
        const raced = e instanceof StatusError && e.code === 409 && e.message.includes(OPTIMISTIC_LOCK_MESSAGE);
        if (!raced || attempt >= 4) throw e;
      }
    }
  }

  private async deleteOnce(info: ResourceInfo, namespace: string, name: string, opts: DeleteOptions): Promise<{ obj: KObject; deleted: boolean }> {
    const current = await this.get(info, namespace, name);
    const cm = current.metadata!;
    if (opts.preconditions?.uid && opts.preconditions.uid !== cm.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${cm.uid}`);
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== cm.resourceVersion) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${cm.resourceVersion}`);
    }
    const key = this.keyFor(info, namespace, name);
    const rev = Number(cm.resourceVersion);
    let finalizers = [...(cm.finalizers ?? [])];
    if (opts.propagationPolicy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
    if (opts.propagationPolicy === "Foreground" && !finalizers.includes("foregroundDeletion")) finalizers.push("foregroundDeletion");
    if (info.resource === "namespaces") finalizers = cm.finalizers ?? [];
    const graceful = isGracefulPod(info, current) && opts.gracePeriodSeconds !== 0;
    const needsMark = finalizers.length > 0 || graceful || (info.resource === "namespaces" && (current.spec as { finalizers?: string[] })?.finalizers?.length);
    if (needsMark) {
      if (cm.deletionTimestamp) return { obj: current, deleted: false };
      const grace = graceful ? (opts.gracePeriodSeconds ?? podGrace(current)) : 0;
      const marked: KObject = {
        ...current,
        metadata: {
          ...cm,
          finalizers: finalizers.length ? finalizers : undefined,
          deletionTimestamp: rfc3339(new Date(this.clock.now().getTime() + grace * 1000)),
          deletionGracePeriodSeconds: grace,
        },
      };
      if (!marked.metadata!.finalizers) delete marked.metadata!.finalizers;
      if (info.resource === "namespaces") marked.status = { ...(marked.status as object), phase: "Terminating" };
      if (opts.dryRun) return { obj: marked, deleted: false };
      try {
        const kv = await this.store.update(key, this.encode(marked), rev);
        return { obj: this.stamp(kv.modRevision, marked), deleted: false };
      } catch (e) {
        this.storeError(info, name, e);
      }
    }
    if (opts.dryRun) return { obj: current, deleted: true };
    try {
      const kv = await this.store.delete(key, rev);
      return { obj: this.stamp(kv.modRevision, current), deleted: true };
    } catch (e) {
      this.storeError(info, name, e);
    }
  }

  /** Removes the object now, whatever its finalizers (for controllers finishing a deletion). */
  async forceDelete(info: ResourceInfo, namespace: string, name: string): Promise<void> {
    try {
      const kv = await this.store.delete(this.keyFor(info, namespace, name));
      this.lastWrite = Math.max(this.lastWrite, kv.modRevision);
    } catch (e) {
      if (e instanceof StoreError && e.code === "not-found") return;
      this.storeError(info, name, e);
    }
  }
}

/** kube-apiserver's etcd key prefix of a resource: /registry/<prefix>/ (custom resources under their group). */
export function storagePrefix(info: ResourceInfo): string {
  const base = info.storagePrefix ?? (info.group && isCustom(info) ? `${info.group}/${info.resource}` : info.resource);
  return `/registry/${base}/`;
}

export function storageKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${storagePrefix(info)}${namespace}/${name}` : `${storagePrefix(info)}${name}`;
}

export function isCustom(info: ResourceInfo): boolean {
  return Boolean((info as { custom?: boolean }).custom);
}

function isGracefulPod(info: ResourceInfo, obj: KObject): boolean {
  return info.resource === "pods" && !info.group && Boolean((obj.spec as { nodeName?: string })?.nodeName) && (obj.status as { phase?: string })?.phase !== "Succeeded" && (obj.status as { phase?: string })?.phase !== "Failed";
}

function podGrace(pod: KObject): number {
  const g = (pod.spec as { terminationGracePeriodSeconds?: number })?.terminationGracePeriodSeconds;
  return typeof g === "number" ? g : 30;
}

function pickMeta(meta: Record<string, unknown>) {
  const { labels, annotations, ownerReferences, finalizers, managedFields } = meta as Record<string, unknown>;
  return dropUndefined({ labels, annotations, ownerReferences, finalizers, managedFields }) as Record<string, unknown>;
}

export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function dropUndefined<T>(o: T): T {
  if (o && typeof o === "object" && !Array.isArray(o)) {
    for (const k of Object.keys(o)) if ((o as Record<string, unknown>)[k] === undefined) delete (o as Record<string, unknown>)[k];
  }
  return o;
}

export { badRequest };

/** [csr hook] pkg/registry/certificates/certificates/strategy.go populateConditionTimestamps. */
function populateCSRConditionTimestamps(next: KObject, old: KObject, now: Date): void {
  type Cond = { type?: string; status?: string; lastUpdateTime?: string; lastTransitionTime?: string };
  const ts = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const olds = ((old.status as { conditions?: Cond[] } | undefined)?.conditions ?? []) as Cond[];
  for (const c of ((next.status as { conditions?: Cond[] } | undefined)?.conditions ?? []) as Cond[]) {
    if (!c.lastUpdateTime) c.lastUpdateTime = ts;
    if (!c.lastTransitionTime) c.lastTransitionTime = olds.find((o) => o.type === c.type && o.status === c.status && o.lastTransitionTime)?.lastTransitionTime ?? ts;
  }
}

/**
 * csrStrategy.PrepareForCreate (pkg/registry/certificates/certificates/strategy.go): the requester
 * recorded in spec is who sent the request, never what the body claims.
 */
function withRequester(csr: KObject, user: UserInfo | undefined): KObject {
  const { username: _u, uid: _i, groups: _g, extra: _e, ...spec } = (csr.spec ?? {}) as Record<string, unknown>;
  if (user) {
    spec.username = user.username;
    if (user.uid) spec.uid = user.uid;
    spec.groups = user.groups;
    if (user.extra && Object.keys(user.extra).length) spec.extra = user.extra;
  }
  return { ...csr, spec };
}
