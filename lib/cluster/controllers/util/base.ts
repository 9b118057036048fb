// The shape every controller here shares, after client-go's informer + workqueue pattern
// (pkg/controller/*/..._controller.go): watch handlers only enqueue keys; one sync per key runs
// from the queue; a failed sync is retried with the queue's per-key backoff.
import type { GroupResource, WatchHandler } from "../../client/types.js";
import { WorkQueue } from "../../runtime/workqueue.js";
import type { Controller, ControllerContext } from "../types.js";

export abstract class QueueController implements Controller {
  abstract readonly name: string;
  protected readonly queue: WorkQueue;
  private cancels: (() => void)[] = [];

  constructor(
    protected readonly ctx: ControllerContext,
    workers = 1,
  ) {
    this.queue = new WorkQueue(ctx.time, (key) => this.sync(key), {
      workers,
      onError: (key, err) => ctx.log(`${this.name}: error syncing "${key}": ${(err as Error).message}`),
    });
  }

  /** Subscribes the informers (watch) and enqueues what already exists. */
  abstract start(): void;
  protected abstract sync(key: string): Promise<void>;

  protected watch(gr: GroupResource, handler: WatchHandler): void {
    this.cancels.push(this.ctx.client.watch(gr, handler));
  }

  /** Runs fn every ms until stop (upstream's wait.Until loops). */
  protected every(ms: number, fn: () => void): void {
    let cancel = () => {};
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      fn();
      cancel = this.ctx.time.after(ms, tick);
    };
    cancel = this.ctx.time.after(ms, tick);
    this.cancels.push(() => {
      stopped = true;
      cancel();
    });
  }

  stop(): void {
    for (const c of this.cancels) c();
    this.cancels = [];
    this.queue.stop();
  }
}

/** metav1.Time as JSON: RFC 3339 with seconds. */
export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** time.RFC3339Nano as Go prints it (trailing zeros of the fraction dropped). */
export function rfc3339Nano(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const base = d.toISOString().slice(0, 19);
  if (!ms) return base + "Z";
  return `${base}.${String(ms).padStart(3, "0").replace(/0+$/, "")}Z`;
}

export function parseTime(s: unknown): number | undefined {
  if (typeof s !== "string" || !s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export function isNotFound(err: unknown): boolean {
  return (err as { code?: number })?.code === 404;
}
export function isAlreadyExists(err: unknown): boolean {
  return (err as { reason?: string })?.reason === "AlreadyExists";
}
export function isConflict(err: unknown): boolean {
  return (err as { code?: number })?.code === 409 && (err as { reason?: string })?.reason === "Conflict";
}
