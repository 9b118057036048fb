// Fixed-window rate limits, in memory (one app process today; a shared store such as the
// database or Redis is needed once the app runs as several replicas: KNOWN_GAPS.md).
export interface RateRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export const RULES = {
  /** per e-mail + client address */
  signIn: { limit: 5, windowMs: 60_000 },
  /** per client address, whatever the e-mail (credential stuffing) */
  signInPerIp: { limit: 30, windowMs: 60_000 },
  signUpPerIp: { limit: 5, windowMs: 3600_000 },
  /** per user: starting and resetting labs */
  labCreate: { limit: 6, windowMs: 10 * 60_000 },
} satisfies Record<string, RateRule>;

/** Keys kept at most; the oldest windows go first (a flood of distinct keys cannot grow memory). */
export const MAX_KEYS = 50_000;

export type RateVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number) {}

  hit(key: string, rule: RateRule): RateVerdict {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= rule.windowMs) {
      this.windows.delete(key);
      w = { start: t, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > MAX_KEYS) this.windows.delete(this.windows.keys().next().value!);
    }
    if (w.count >= rule.limit) return { ok: false, retryAfterSeconds: Math.ceil((w.start + rule.windowMs - t) / 1000) };
    w.count++;
    return { ok: true, remaining: rule.limit - w.count };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }
}

const KEY = Symbol.for("drydock.ratelimiter");
export function rateLimiter(): RateLimiter {
  const g = globalThis as { [KEY]?: RateLimiter };
  return (g[KEY] ??= new RateLimiter(() => Date.now()));
}
