// Fixed-window rate limits kept in the database (model RateLimit), so a restart does not forget a
// password-guessing run and several app processes share one count. A window is aligned to the
// rule's length (window n covers [n·w, (n+1)·w)); a hit is one upsert that increments the
// window's row, which both SQLite and PostgreSQL do atomically (Prisma issues
// INSERT … ON CONFLICT DO UPDATE for an upsert on the id alone), so concurrent hits from two
// processes are never lost.
import type { Db } from "./db/client";

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

/** Expired windows are deleted every SWEEP_EVERY hits of a process (a flood of distinct keys
 *  cannot grow the table for long). */
export const SWEEP_EVERY = 100;
/** Keys are user input (e-mail addresses): bounded before they reach the database. */
export const MAX_KEY_LENGTH = 300;

export type RateVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private hits = 0;
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async hit(key: string, rule: RateRule): Promise<RateVerdict> {
    const t = this.now();
    const k = key.slice(0, MAX_KEY_LENGTH);
    const n = Math.floor(t / rule.windowMs);
    const end = (n + 1) * rule.windowMs;
    if (++this.hits % SWEEP_EVERY === 0) await this.sweep(t);
    const row = await this.db.rateLimit.upsert({
      where: { id: `${k}@${n}` },
      create: { id: `${k}@${n}`, key: k, count: 1, expiresAt: new Date(end) },
      update: { count: { increment: 1 } },
      select: { count: true },
    });
    // Hits past the limit still count; they are refused all the same.
    if (row.count > rule.limit) return { ok: false, retryAfterSeconds: Math.ceil((end - t) / 1000) };
    return { ok: true, remaining: rule.limit - row.count };
  }

  /** Forgets a key's windows (a successful sign-in clears its failures). */
  async reset(key: string): Promise<void> {
    await this.db.rateLimit.deleteMany({ where: { key: key.slice(0, MAX_KEY_LENGTH) } });
  }

  async sweep(t = this.now()): Promise<number> {
    return (await this.db.rateLimit.deleteMany({ where: { expiresAt: { lte: new Date(t) } } })).count;
  }
}

const limiters = new WeakMap<Db, RateLimiter>();
/** The process's limiter over a database client (one per client, so the sweep counter is shared). */
export function rateLimiterFor(db: Db): RateLimiter {
  let l = limiters.get(db);
  if (!l) limiters.set(db, (l = new RateLimiter(db, () => Date.now())));
  return l;
}
