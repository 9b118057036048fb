// The real store: etcd v3 over gRPC with the lab's apiserver-etcd-client certificate, as
// kube-apiserver's storage/etcd3 does. Writes are transactions comparing mod_revision, so a
// conflicting update fails instead of overwriting (upstream: GuaranteedUpdate).
import { noop } from "cockatiel";
import { Etcd3 } from "etcd3";
import type { IKeyValue, IWatchResponse } from "etcd3/lib/rpc.js";
import { StoreError, type KeyValue, type ListResult, type Store, type WatchEvent } from "./types.js";

export interface EtcdStoreOptions {
  endpoints: string[];
  caPem: Buffer;
  certPem: Buffer;
  keyPem: Buffer;
  /** Per-call deadline; etcd down must surface as an error, never hang a request. */
  timeoutMs?: number;
}

function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

function toKV(kv: IKeyValue): KeyValue {
  return {
    key: kv.key.toString(),
    value: kv.value,
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
  };
}

function unavailable(err: unknown): StoreError {
  const msg = err instanceof Error ? err.message : String(err);
  return new StoreError("unavailable", msg);
}

export class EtcdStore implements Store {
  private readonly client: Etcd3;
  private readonly timeoutMs: number;

  constructor(opts: EtcdStoreOptions) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.client = new Etcd3({
      hosts: opts.endpoints,
      credentials: { rootCertificate: opts.caPem, certChain: opts.certPem, privateKey: opts.keyPem },
      dialTimeout: 2000,
      // etcd restarts with the lab (a student edits its manifest, restores a snapshot): reconnect
      // within a second instead of gRPC's default backoff of up to two minutes, and leave
      // retrying to the caller rather than a circuit breaker that keeps refusing.
      grpcOptions: { "grpc.initial_reconnect_backoff_ms": 200, "grpc.max_reconnect_backoff_ms": 1000 },
      faultHandling: { host: () => noop, global: noop },
    });
  }

  private deadline() {
    return { deadline: Date.now() + this.timeoutMs };
  }

  async get(key: string): Promise<KeyValue | null> {
    try {
      const res = await this.client.kv.range({ key: Buffer.from(key) }, this.deadline());
      return res.kvs.length ? toKV(res.kvs[0]) : null;
    } catch (e) {
      throw unavailable(e);
    }
  }

  async list(prefix: string, opts: { limit?: number; startKey?: string; revision?: number } = {}): Promise<ListResult> {
    const p = Buffer.from(prefix);
    try {
      const res = await this.client.kv.range(
        {
          key: opts.startKey ? Buffer.from(opts.startKey) : p,
          range_end: prefixEnd(p),
          limit: opts.limit ?? 0,
          revision: opts.revision ?? 0,
        },
        this.deadline(),
      );
      const items = res.kvs.map(toKV);
      const count = Number(res.count);
      return { items, revision: Number(res.header.revision), more: res.more, remaining: count - items.length };
    } catch (e) {
      if (String(e).includes("compacted")) throw new StoreError("compacted", String(e));
      throw unavailable(e);
    }
  }

  async create(key: string, value: Buffer): Promise<KeyValue> {
    const k = Buffer.from(key);
    let res;
    try {
      res = await this.client.kv.txn(
        {
          compare: [{ key: k, target: "Mod", result: "Equal", mod_revision: 0 }],
          success: [{ request_put: { key: k, value } }],
          failure: [],
        },
        this.deadline(),
      );
    } catch (e) {
      throw unavailable(e);
    }
    if (!res.succeeded) throw new StoreError("exists", `key exists: ${key}`);
    const rev = Number(res.header.revision);
    return { key, value, createRevision: rev, modRevision: rev };
  }

  async update(key: string, value: Buffer, expectedModRevision?: number): Promise<KeyValue> {
    const k = Buffer.from(key);
    let res;
    try {
      res = await this.client.kv.txn(
        {
          compare:
            expectedModRevision !== undefined
              ? [{ key: k, target: "Mod", result: "Equal", mod_revision: expectedModRevision }]
              : [{ key: k, target: "Mod", result: "Greater", mod_revision: 0 }],
          success: [{ request_put: { key: k, value, prev_kv: true } }],
          failure: [{ request_range: { key: k } }],
        },
        this.deadline(),
      );
    } catch (e) {
      throw unavailable(e);
    }
    if (!res.succeeded) {
      const cur = res.responses[0]?.response_range?.kvs ?? [];
      if (!cur.length) throw new StoreError("not-found", `key not found: ${key}`);
      throw new StoreError("conflict", `revision mismatch on ${key}`, Number(cur[0].mod_revision));
    }
    const prev = res.responses[0]?.response_put?.prev_kv;
    const rev = Number(res.header.revision);
    return { key, value, createRevision: prev ? Number(prev.create_revision) : rev, modRevision: rev };
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const k = Buffer.from(key);
    let res;
    try {
      res = await this.client.kv.txn(
        {
          compare:
            expectedModRevision !== undefined
              ? [{ key: k, target: "Mod", result: "Equal", mod_revision: expectedModRevision }]
              : [{ key: k, target: "Mod", result: "Greater", mod_revision: 0 }],
          success: [{ request_delete_range: { key: k, prev_kv: true } }],
          failure: [{ request_range: { key: k } }],
        },
        this.deadline(),
      );
    } catch (e) {
      throw unavailable(e);
    }
    if (!res.succeeded) {
      const cur = res.responses[0]?.response_range?.kvs ?? [];
      if (!cur.length) throw new StoreError("not-found", `key not found: ${key}`);
      throw new StoreError("conflict", `revision mismatch on ${key}`, Number(cur[0].mod_revision));
    }
    const prev = res.responses[0]?.response_delete_range?.prev_kvs?.[0];
    const rev = Number(res.header.revision);
    return {
      key,
      value: prev?.value ?? Buffer.alloc(0),
      createRevision: prev ? Number(prev.create_revision) : 0,
      modRevision: rev,
    };
  }

  watch(prefix: string, afterRevision: number, onEvent: (e: WatchEvent) => void, onError: (e: Error) => void): () => void {
    let closed = false;
    let stream: Awaited<ReturnType<typeof this.client.watchClient.watch>> | undefined;
    const p = Buffer.from(prefix);
    this.client.watchClient
      .watch()
      .then((s) => {
        stream = s;
        if (closed) return s.end();
        s.on("data", (res: IWatchResponse) => {
          if (closed) return;
          if (Number(res.compact_revision) > 0) {
            closed = true;
            onError(new StoreError("compacted", `required revision has been compacted`, Number(res.compact_revision)));
            s.end();
            return;
          }
          if (res.canceled) {
            closed = true;
            onError(new StoreError("unavailable", res.cancel_reason || "watch canceled"));
            return;
          }
          for (const ev of res.events ?? []) {
            onEvent({
              type: ev.type === "Delete" ? "delete" : "put",
              kv: ev.type === "Delete" && ev.prev_kv ? { ...toKV(ev.prev_kv), modRevision: Number(ev.kv.mod_revision) } : toKV(ev.kv),
              prevKv: ev.prev_kv ? toKV(ev.prev_kv) : undefined,
            });
          }
        });
        s.on("error", (e: Error) => {
          if (!closed) {
            closed = true;
            onError(unavailable(e));
          }
        });
        s.on("end", () => {
          if (!closed) {
            closed = true;
            onError(new StoreError("unavailable", "watch stream ended"));
          }
        });
        s.write({
          create_request: { key: p, range_end: prefixEnd(p), start_revision: afterRevision + 1, prev_kv: true },
        });
      })
      .catch((e) => {
        if (!closed) {
          closed = true;
          onError(unavailable(e));
        }
      });
    return () => {
      closed = true;
      stream?.end();
    };
  }

  async currentRevision(): Promise<number> {
    try {
      const res = await this.client.kv.range({ key: Buffer.from("/registry/health-probe"), count_only: true }, this.deadline());
      return Number(res.header.revision);
    } catch (e) {
      throw unavailable(e);
    }
  }

  async close(): Promise<void> {
    this.client.close();
  }
}
