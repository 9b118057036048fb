// Per-key exponential backoff, as k8s.io/client-go/util/flowcontrol/backoff.go, which the kubelet
// uses for CrashLoopBackOff (10s doubling to 5m) and image pulls (10s doubling to 5m). An entry is
// forgotten ("stable") once twice the maximum has passed since its last update: that is why a
// container that ran for 10 minutes restarts without delay again.
import type { Clock } from "../api/types.js";

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/** kubelet.go: backOffPeriod and MaxContainerBackOff. */
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
export const CONTAINER_BACKOFF_MAX_MS = 300_000;
/** images: the image puller's backoff (kubelet.go imageBackOffPeriod / MaxImageBackOff). */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }

  /** Current backoff of the key (0 when unknown). */
  get(id: string): number {
    return this.entries.get(id)?.backoffMs ?? 0;
  }

  /** Moves the key to its next backoff step, measured from now. */
  next(id: string, eventTime: Date): void {
    const entry = this.entries.get(id);
    const now = this.clock.now().getTime();
    if (!entry || this.expired(eventTime.getTime(), entry.lastUpdate)) {
      this.entries.set(id, { backoffMs: this.initialMs, lastUpdate: now });
    } else {
      entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
      entry.lastUpdate = now;
    }
  }

  /** True while less than the key's backoff has passed since eventTime (the container's finish). */
  isInBackOffSince(id: string, eventTime: Date): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.expired(eventTime.getTime(), entry.lastUpdate)) return false;
    return this.clock.now().getTime() - eventTime.getTime() < entry.backoffMs;
  }

  /** True while eventTime lies within the backoff window that started at the key's last update. */
  isInBackOffSinceUpdate(id: string, eventTime: Date): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.expired(eventTime.getTime(), entry.lastUpdate)) return false;
    return eventTime.getTime() - entry.lastUpdate < entry.backoffMs;
  }

  /** When the key's current window ends, counted from `from` (ms since epoch). */
  remainingMs(id: string, from: Date): number {
    const entry = this.entries.get(id);
    if (!entry) return 0;
    return Math.max(0, entry.backoffMs - (this.clock.now().getTime() - from.getTime()));
  }

  reset(id: string): void {
    this.entries.delete(id);
  }

  /** GC: drops keys idle for twice the maximum. */
  gc(): void {
    const now = this.clock.now().getTime();
    for (const [id, e] of this.entries) if (this.expired(now, e.lastUpdate)) this.entries.delete(id);
  }
}
