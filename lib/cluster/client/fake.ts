// An in-memory API server for unit tests of the components: the storage rules that matter to a
// controller (resourceVersion, conflicts, generateName, generation, status subresource,
// finalizers and graceful pod deletion, binding/eviction) and synchronous watch events. Not a
// validator: tests of validation go through lib/apiserver.
import type { KObject, Random } from "../api/types.js";
import { newAlreadyExists, newConflict, newNotFound, OPTIMISTIC_LOCK_ERROR_MSG } from "../meta/errors.js";
import { jsonMergePatch, jsonPatch, strategicMergePatch } from "../meta/patch.js";
import type { ClusterClient, DeleteOptions, GroupResource, PatchType, WatchEventType, WatchHandler, WriteOptions } from "./types.js";
import type { Clock } from "../api/types.js";

const grKey = (gr: GroupResource) => `${gr.group}/${gr.resource}`;
const objKey = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Deterministic names and uids for tests. */
export function counterRandom(): Random {
  let n = 0;
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return {
    string(len: number) {
      let x = ++n;
      let s = "";
      for (let i = 0; i < len; i++) {
        s = alphabet[x % alphabet.length] + s;
        x = Math.floor(x / alphabet.length);
      }
      return s;
    },
    uuid() {
      return `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
    },
  };
}

export interface FakeWrite {
  verb: "create" | "update" | "patch" | "delete" | "subresource";
  gr: string;
  key: string;
  subresource?: string;
}

export class FakeCluster implements ClusterClient {
  private stores = new Map<string, Map<string, KObject>>();
  private handlers = new Map<string, Set<WatchHandler>>();
  private rv = 1;
  /** Every write, in order, for assertions. */
  readonly writes: FakeWrite[] = [];
  /** Set to make the next writes of a resource fail (e.g. to test retries). */
  failNext: { gr: string; error: Error }[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly random: Random = counterRandom(),
  ) {}

  private store(gr: GroupResource) {
    let s = this.stores.get(grKey(gr));
    if (!s) this.stores.set(grKey(gr), (s = new Map()));
    return s;
  }

  private emit(gr: GroupResource, type: WatchEventType, obj: KObject, old?: KObject) {
    for (const h of this.handlers.get(grKey(gr)) ?? []) h(type, obj, old);
  }

  private maybeFail(gr: GroupResource) {
    const i = this.failNext.findIndex((f) => f.gr === grKey(gr));
    if (i >= 0) throw this.failNext.splice(i, 1)[0].error;
  }

  /** Puts objects in place without events or write records (the state a test starts from). */
  seed(gr: GroupResource, ...objs: KObject[]): void {
    for (const o of objs) {
      const obj = structuredClone(o);
      obj.metadata = { uid: this.random.uuid(), creationTimestamp: rfc3339(this.clock.now()), ...obj.metadata, resourceVersion: String(++this.rv) };
      this.store(gr).set(objKey(obj.metadata.namespace, obj.metadata.name!), obj);
    }
  }

  get(gr: GroupResource, namespace: string, name: string): KObject | undefined {
    return this.store(gr).get(objKey(namespace, name));
  }

  list(gr: GroupResource, namespace?: string): KObject[] {
    const all = [...this.store(gr).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
    return namespace ? all.filter((o) => o.metadata?.namespace === namespace) : all;
  }

  watch(gr: GroupResource, handler: WatchHandler): () => void {
    const k = grKey(gr);
    if (!this.handlers.has(k)) this.handlers.set(k, new Set());
    this.handlers.get(k)!.add(handler);
    return () => this.handlers.get(k)?.delete(handler);
  }

  async create(gr: GroupResource, obj: KObject, opts: WriteOptions = {}): Promise<KObject> {
    this.maybeFail(gr);
    const o = structuredClone(obj);
    const m = (o.metadata ??= {});
    if (!m.name && m.generateName) m.name = m.generateName + this.random.string(5);
    const key = objKey(m.namespace, m.name!);
    if (this.store(gr).has(key)) throw newAlreadyExists(gr, m.name!);
    if (opts.dryRun) return o;
    m.uid = this.random.uuid();
    m.creationTimestamp = rfc3339(this.clock.now());
    m.resourceVersion = String(++this.rv);
    if (o.spec !== undefined) m.generation = 1;
    this.store(gr).set(key, o);
    this.writes.push({ verb: "create", gr: grKey(gr), key });
    this.emit(gr, "ADDED", o);
    return o;
  }

  async update(gr: GroupResource, obj: KObject, opts: WriteOptions = {}): Promise<KObject> {
    this.maybeFail(gr);
    const m = obj.metadata ?? {};
    const key = objKey(m.namespace, m.name!);
    const cur = this.store(gr).get(key);
    if (!cur) throw newNotFound(gr, m.name!);
    if (m.resourceVersion && m.resourceVersion !== cur.metadata!.resourceVersion) throw newConflict(gr, m.name!, OPTIMISTIC_LOCK_ERROR_MSG);
    let next = structuredClone(obj);
    if (opts.subresource === "status") next = { ...structuredClone(cur), status: next.status };
    else if (cur.status !== undefined) next.status = structuredClone(cur.status);
    next.metadata = { ...next.metadata, uid: cur.metadata!.uid, creationTimestamp: cur.metadata!.creationTimestamp, resourceVersion: String(++this.rv) };
    if (cur.metadata!.deletionTimestamp) next.metadata.deletionTimestamp = cur.metadata!.deletionTimestamp;
    if (cur.metadata!.generation !== undefined) {
      next.metadata.generation = JSON.stringify(next.spec) !== JSON.stringify(cur.spec) ? cur.metadata!.generation + 1 : cur.metadata!.generation;
    }
    if (opts.dryRun) return next;
    this.writes.push({ verb: "update", gr: grKey(gr), key, subresource: opts.subresource });
    return this.put(gr, key, next, cur);
  }

  private put(gr: GroupResource, key: string, next: KObject, cur: KObject): KObject {
    if (next.metadata?.deletionTimestamp && !(next.metadata.finalizers?.length) && !this.gracefulPod(gr, next)) {
      this.store(gr).delete(key);
      this.emit(gr, "DELETED", next, cur);
      return next;
    }
    this.store(gr).set(key, next);
    this.emit(gr, "MODIFIED", next, cur);
    return next;
  }

  /** A bound pod waits for its kubelet (grace period > 0) before it goes. */
  private gracefulPod(gr: GroupResource, obj: KObject): boolean {
    return grKey(gr) === "/pods" && !!(obj.spec as { nodeName?: string })?.nodeName && (obj.metadata?.deletionGracePeriodSeconds ?? 0) > 0;
  }

  async patch(gr: GroupResource, namespace: string, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {}): Promise<KObject> {
    const cur = this.get(gr, namespace, name);
    if (!cur) throw newNotFound(gr, name);
    const base = structuredClone(cur);
    const merged =
      type === "application/json-patch+json" ? jsonPatch(base, patch) : type === "application/merge-patch+json" ? jsonMergePatch(base, patch) : strategicMergePatch(base, patch, () => ({}));
    const next = merged as KObject;
    next.metadata = { ...next.metadata, resourceVersion: undefined };
    return this.update(gr, next, opts);
  }

  async delete(gr: GroupResource, namespace: string, name: string, opts: DeleteOptions = {}): Promise<KObject | undefined> {
    this.maybeFail(gr);
    const key = objKey(namespace, name);
    const cur = this.store(gr).get(key);
    if (!cur) throw newNotFound(gr, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== cur.metadata!.uid) {
      throw newConflict(gr, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${cur.metadata!.uid}`);
    }
    this.writes.push({ verb: "delete", gr: grKey(gr), key });
    const next = structuredClone(cur);
    const isPod = grKey(gr) === "/pods";
    const grace = opts.gracePeriodSeconds ?? (isPod ? ((cur.spec as { terminationGracePeriodSeconds?: number })?.terminationGracePeriodSeconds ?? 30) : 0);
    if (cur.metadata!.deletionTimestamp) {
      if (isPod && grace === 0) return this.remove(gr, key, cur);
      return cur;
    }
    const m = next.metadata!;
    if (opts.propagationPolicy === "Foreground") m.finalizers = [...(m.finalizers ?? []), "foregroundDeletion"];
    if (opts.propagationPolicy === "Orphan") m.finalizers = [...(m.finalizers ?? []), "orphan"];
    const graceful = isPod && grace > 0 && !!(cur.spec as { nodeName?: string })?.nodeName;
    if (!m.finalizers?.length && !graceful) return this.remove(gr, key, cur);
    m.deletionTimestamp = rfc3339(new Date(this.clock.now().getTime() + (graceful ? grace * 1000 : 0)));
    m.deletionGracePeriodSeconds = graceful ? grace : 0;
    m.resourceVersion = String(++this.rv);
    this.store(gr).set(key, next);
    this.emit(gr, "MODIFIED", next, cur);
    return next;
  }

  private remove(gr: GroupResource, key: string, cur: KObject): KObject {
    this.store(gr).delete(key);
    const gone = { ...cur, metadata: { ...cur.metadata, resourceVersion: String(++this.rv) } };
    this.emit(gr, "DELETED", gone, cur);
    return gone;
  }

  async createSubresource(gr: GroupResource, namespace: string, name: string, subresource: string, body: KObject): Promise<KObject> {
    this.maybeFail(gr);
    const cur = this.get(gr, namespace, name);
    if (!cur) throw newNotFound(gr, name);
    this.writes.push({ verb: "subresource", gr: grKey(gr), key: objKey(namespace, name), subresource });
    if (grKey(gr) === "/pods" && subresource === "binding") {
      const node = (body as { target?: { name?: string } }).target?.name;
      if ((cur.spec as { nodeName?: string }).nodeName) throw newConflict(gr, name, `pod ${name} is already assigned to node "${(cur.spec as { nodeName?: string }).nodeName}"`);
      const next = structuredClone(cur);
      (next.spec as { nodeName?: string }).nodeName = node;
      next.metadata!.resourceVersion = String(++this.rv);
      this.store(gr).set(objKey(namespace, name), next);
      this.emit(gr, "MODIFIED", next, cur);
      return { kind: "Status", apiVersion: "v1", status: "Success", code: 201 };
    }
    if (grKey(gr) === "/pods" && subresource === "eviction") {
      await this.delete(gr, namespace, name, (body as { deleteOptions?: DeleteOptions }).deleteOptions);
      return { kind: "Status", apiVersion: "v1", status: "Success", code: 201 };
    }
    return body;
  }
}
