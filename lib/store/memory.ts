// An in-memory Store with etcd's revision semantics, for unit tests of the API server and the
// controllers. Keeps every event so watches can resume from any revision after `compactedAt`.
import { StoreError, type KeyValue, type ListResult, type Store, type WatchEvent } from "./types.js";

interface Watcher {
  prefix: string;
  onEvent: (e: WatchEvent) => void;
}

export class MemoryStore implements Store {
  private readonly data = new Map<string, KeyValue>();
  private readonly history: WatchEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private revision = 1;
  private compactedAt = 0;

  async get(key: string): Promise<KeyValue | null> {
    return this.data.get(key) ?? null;
  }

  async list(prefix: string, opts: { limit?: number; startKey?: string } = {}): Promise<ListResult> {
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix) && (!opts.startKey || k >= opts.startKey)).sort();
    const limit = opts.limit && opts.limit > 0 ? opts.limit : keys.length;
    const items = keys.slice(0, limit).map((k) => this.data.get(k)!);
    return { items, revision: this.revision, more: keys.length > limit, remaining: keys.length - items.length };
  }

  private emit(e: WatchEvent) {
    this.history.push(e);
    for (const w of this.watchers) if (e.kv.key.startsWith(w.prefix)) w.onEvent(e);
  }

  async create(key: string, value: Buffer): Promise<KeyValue> {
    if (this.data.has(key)) throw new StoreError("exists", `key exists: ${key}`);
    const rev = ++this.revision;
    const kv = { key, value, createRevision: rev, modRevision: rev };
    this.data.set(key, kv);
    this.emit({ type: "put", kv });
    return kv;
  }

  async update(key: string, value: Buffer, expectedModRevision?: number): Promise<KeyValue> {
    const prev = this.data.get(key);
    if (!prev) throw new StoreError("not-found", `key not found: ${key}`);
    if (expectedModRevision !== undefined && prev.modRevision !== expectedModRevision) {
      throw new StoreError("conflict", `revision mismatch on ${key}`, prev.modRevision);
    }
    const rev = ++this.revision;
    const kv = { key, value, createRevision: prev.createRevision, modRevision: rev };
    this.data.set(key, kv);
    this.emit({ type: "put", kv, prevKv: prev });
    return kv;
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const prev = this.data.get(key);
    if (!prev) throw new StoreError("not-found", `key not found: ${key}`);
    if (expectedModRevision !== undefined && prev.modRevision !== expectedModRevision) {
      throw new StoreError("conflict", `revision mismatch on ${key}`, prev.modRevision);
    }
    this.data.delete(key);
    const rev = ++this.revision;
    const kv = { ...prev, modRevision: rev };
    this.emit({ type: "delete", kv, prevKv: prev });
    return kv;
  }

  watch(prefix: string, afterRevision: number, onEvent: (e: WatchEvent) => void, onError: (e: Error) => void): () => void {
    if (afterRevision < this.compactedAt) {
      queueMicrotask(() => onError(new StoreError("compacted", "required revision has been compacted", this.compactedAt)));
      return () => {};
    }
    const w: Watcher = { prefix, onEvent };
    const backlog = this.history.filter((e) => e.kv.modRevision > afterRevision && e.kv.key.startsWith(prefix));
    queueMicrotask(() => {
      for (const e of backlog) onEvent(e);
      this.watchers.add(w);
    });
    return () => this.watchers.delete(w);
  }

  /** Test hook: forget history up to the current revision, as `etcdctl compact` does. */
  compact(): void {
    this.compactedAt = this.revision;
    this.history.length = 0;
  }

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async close(): Promise<void> {
    this.watchers.clear();
  }
}
