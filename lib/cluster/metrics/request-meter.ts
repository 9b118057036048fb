// Counts the connections the lab network delivers to each pod IP, so the load model can turn
// served requests into CPU (docs/load-model.md "Request load"). A client such as busybox wget
// opens one connection per request, so connections stand for requests. Per-second buckets over
// a bounded window keep memory flat however busy a lab gets.

/** Seconds of history kept per address (metrics-server reads at most one window back). */
export const METER_WINDOW_SECONDS = 60;
/** Addresses tracked at once; the least recently used is dropped beyond it. */
export const METER_MAX_ADDRESSES = 4096;

export interface RequestRates {
  /** Requests per second to ip over [fromMs, toMs). */
  rate(ip: string, fromMs: number, toMs: number): number;
}

export class RequestMeter implements RequestRates {
  private readonly buckets = new Map<string, Map<number, number>>();

  record(ip: string, atMs: number): void {
    const sec = Math.floor(atMs / 1000);
    let b = this.buckets.get(ip);
    if (b) this.buckets.delete(ip); // re-insert: Map order is recency
    else b = new Map();
    b.set(sec, (b.get(sec) ?? 0) + 1);
    for (const k of b.keys()) {
      if (k > sec - METER_WINDOW_SECONDS) break;
      b.delete(k);
    }
    this.buckets.set(ip, b);
    if (this.buckets.size > METER_MAX_ADDRESSES) this.buckets.delete(this.buckets.keys().next().value!);
  }

  rate(ip: string, fromMs: number, toMs: number): number {
    const b = this.buckets.get(ip);
    if (!b || toMs <= fromMs) return 0;
    const from = Math.floor(fromMs / 1000);
    const to = Math.floor(toMs / 1000);
    let n = 0;
    for (const [sec, count] of b) if (sec >= from && sec < to) n += count;
    return n / ((to - from) || 1);
  }
}
