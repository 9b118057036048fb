// A rate-limited work queue of keys, as client-go's workqueue: a key queued many times is
// processed once; a key is never processed by two workers at once (re-adds while it runs are
// kept for after); failures back off exponentially per key (5 ms doubling up to 1000 s, the
// default controller rate limiter's per-item part).
import type { Timers } from "./timers.js";

export type SyncFn = (key: string) => Promise<void>;

export class WorkQueue {
  private queue: string[] = [];
  private queued = new Set<string>();
  private processing = new Set<string>();
  private dirtyWhileProcessing = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, () => void>();
  private running = 0;
  private stopped = false;

  constructor(
    private readonly timers: Timers,
    private readonly sync: SyncFn,
    private readonly opts: { workers?: number; onError?: (key: string, err: unknown) => void; baseDelayMs?: number; maxDelayMs?: number } = {},
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirtyWhileProcessing.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.pump();
  }

  /** Adds the key after ms; an earlier pending addAfter for the same key wins if sooner. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) return this.add(key);
    const cancel = this.timers.after(ms, () => {
      this.delayed.delete(key + "@" + ms);
      this.add(key);
    });
    const id = key + "@" + ms;
    this.delayed.get(id)?.();
    this.delayed.set(id, cancel);
  }

  /** Re-adds with the key's exponential backoff (after a failed sync). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const base = this.opts.baseDelayMs ?? 5;
    const max = this.opts.maxDelayMs ?? 1_000_000;
    this.addAfter(key, Math.min(max, base * 2 ** n));
  }

  /** Clears the key's failure count (after a successful sync). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  get length(): number {
    return this.queue.length;
  }

  stop(): void {
    this.stopped = true;
    for (const c of this.delayed.values()) c();
    this.delayed.clear();
    this.queue = [];
    this.queued.clear();
  }

  private pump(): void {
    const workers = this.opts.workers ?? 1;
    while (!this.stopped && this.running < workers && this.queue.length) {
      const key = this.queue.shift()!;
      this.queued.delete(key);
      this.processing.add(key);
      this.running++;
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    try {
      await this.sync(key);
      this.forget(key);
    } catch (err) {
      this.opts.onError?.(key, err);
      this.addRateLimited(key);
    } finally {
      this.running--;
      this.processing.delete(key);
      if (this.dirtyWhileProcessing.delete(key)) this.add(key);
      this.pump();
    }
  }
}

/** The informer key of an object: "namespace/name", or "name" for cluster-scoped objects. */
export function keyOf(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : `${obj.metadata?.name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf("/");
  return i < 0 ? { namespace: "", name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
