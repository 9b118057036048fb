// The watch cache: every object under /registry, kept in memory from one etcd watch, with a
// bounded window of recent events so watches can resume from a resourceVersion (upstream:
// staging/src/k8s.io/apiserver/pkg/storage/cacher). Reads wait until the cache has caught up
// with the newest write this server made, so a client always reads its own writes.
import type { KObject } from "../../cluster/api/types.js";
import type { KeyValue, Store, WatchEvent } from "../../store/types.js";

export interface CachedObject {
  key: string;
  obj: KObject; // resourceVersion filled in
  modRevision: number;
}

export interface CacheEvent {
  type: "ADDED" | "MODIFIED" | "DELETED";
  key: string;
  obj: KObject;
  prevObj?: KObject;
  revision: number;
}

/** Limits: a full window is dropped from the front; watches older than the window get 410. */
const EVENT_WINDOW = 10_000;

export class WatchCache {
  private readonly objects = new Map<string, CachedObject>();
  private readonly events: CacheEvent[] = [];
  private readonly listeners = new Set<(e: CacheEvent) => void>();
  private readonly waiters: { rev: number; resolve: () => void }[] = [];
  private revision = 0;
  /** Oldest revision a watch can resume from (events after it are in the window). */
  private windowStart = 0;
  private stopWatch: (() => void) | undefined;
  private onBroken: ((e: Error) => void) | undefined;
  ready = false;

  constructor(private readonly store: Store) {}

  async start(onBroken?: (e: Error) => void): Promise<void> {
    this.onBroken = onBroken;
    await this.resync();
  }

  /** (Re)loads everything and restarts the watch: after a restore the revision may go backwards. */
  async resync(): Promise<void> {
    this.stopWatch?.();
    let startKey: string | undefined;
    const fresh = new Map<string, CachedObject>();
    let revision = 0;
    for (;;) {
      const page = await this.store.list("/registry/", { limit: 2000, startKey, revision: revision || undefined });
      revision = page.revision;
      for (const kv of page.items) {
        const c = this.decode(kv);
        if (c) fresh.set(kv.key, c);
      }
      if (!page.more || page.items.length === 0) break;
      startKey = page.items[page.items.length - 1].key + "\0";
    }
    // Watchers that stay subscribed (in-process components) learn what changed, as a reflector's
    // relist tells its informer; the event window restarts at the new revision.
    const changes: CacheEvent[] = [];
    for (const [k, v] of fresh) {
      const prev = this.objects.get(k);
      if (!prev) changes.push({ type: "ADDED", key: k, obj: v.obj, revision: v.modRevision });
      else if (prev.modRevision !== v.modRevision || JSON.stringify(prev.obj) !== JSON.stringify(v.obj)) changes.push({ type: "MODIFIED", key: k, obj: v.obj, prevObj: prev.obj, revision: v.modRevision });
    }
    for (const [k, v] of this.objects) if (!fresh.has(k)) changes.push({ type: "DELETED", key: k, obj: withRV(v.obj, revision), revision });
    this.objects.clear();
    for (const [k, v] of fresh) this.objects.set(k, v);
    this.events.length = 0;
    this.revision = revision;
    for (const e of changes) for (const l of this.listeners) l(e);
    this.windowStart = revision;
    this.ready = true;
    this.stopWatch = this.store.watch(
      "/registry/",
      revision,
      (e) => this.apply(e),
      (err) => {
        this.ready = false;
        this.onBroken?.(err);
      },
    );
    this.wake();
  }

  stop(): void {
    this.stopWatch?.();
    this.listeners.clear();
  }

  private decode(kv: KeyValue): CachedObject | null {
    try {
      const obj = JSON.parse(kv.value.toString("utf8")) as KObject;
      if (!obj || typeof obj !== "object") return null;
      obj.metadata = { ...(obj.metadata ?? {}), resourceVersion: String(kv.modRevision) };
      return { key: kv.key, obj, modRevision: kv.modRevision };
    } catch {
      // Not JSON (e.g. a student's `etcdctl put /registry/x garbage`): kube-apiserver would fail to
      // decode it too; leave it out of lists rather than breaking every list of the resource.
      return null;
    }
  }

  private apply(e: WatchEvent) {
    const rev = e.kv.modRevision;
    let ev: CacheEvent | undefined;
    if (e.type === "put") {
      const c = this.decode(e.kv);
      const prev = this.objects.get(e.kv.key);
      if (c) {
        this.objects.set(e.kv.key, c);
        ev = { type: prev ? "MODIFIED" : "ADDED", key: e.kv.key, obj: c.obj, prevObj: prev?.obj, revision: rev };
      } else if (prev) {
        this.objects.delete(e.kv.key);
        ev = { type: "DELETED", key: e.kv.key, obj: withRV(prev.obj, rev), revision: rev };
      }
    } else {
      const prev = this.objects.get(e.kv.key);
      this.objects.delete(e.kv.key);
      if (prev) ev = { type: "DELETED", key: e.kv.key, obj: withRV(prev.obj, rev), revision: rev };
    }
    this.revision = Math.max(this.revision, rev);
    if (ev) {
      this.events.push(ev);
      if (this.events.length > EVENT_WINDOW) {
        const dropped = this.events.splice(0, this.events.length - EVENT_WINDOW);
        this.windowStart = dropped[dropped.length - 1].revision;
      }
      for (const l of this.listeners) l(ev);
    }
    this.wake();
  }

  private wake() {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].rev <= this.revision) {
        this.waiters[i].resolve();
        this.waiters.splice(i, 1);
      }
    }
  }

  currentRevision(): number {
    return this.revision;
  }

  /** Resolves once the cache has seen `rev`, or after `timeoutMs` (then reads are merely stale). */
  waitFor(rev: number, timeoutMs = 3000): Promise<void> {
    if (rev <= this.revision) return Promise.resolve();
    return new Promise((resolve) => {
      const w = { rev, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      }, timeoutMs).unref();
    });
  }

  get(key: string): CachedObject | undefined {
    return this.objects.get(key);
  }

  /** Objects whose key starts with prefix, in key order (as etcd ranges them). */
  list(prefix: string): CachedObject[] {
    const out: CachedObject[] = [];
    for (const [k, v] of this.objects) if (k.startsWith(prefix)) out.push(v);
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }

  /**
   * Subscribes to events after `fromRevision`. Returns null when that revision is older than the
   * window (the caller answers 410 Gone, "too old resource version").
   */
  subscribe(fromRevision: number, listener: (e: CacheEvent) => void): { backlog: CacheEvent[]; cancel: () => void } | null {
    if (fromRevision < this.windowStart) return null;
    const backlog = this.events.filter((e) => e.revision > fromRevision);
    this.listeners.add(listener);
    return { backlog, cancel: () => this.listeners.delete(listener) };
  }

  oldestRevision(): number {
    return this.windowStart + 1;
  }
}

function withRV(obj: KObject, rev: number): KObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rev) } };
}
