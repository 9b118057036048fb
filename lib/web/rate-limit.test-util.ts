// What a RateLimiter must do on any of the app's databases; run by rate-limit.test.ts (SQLite)
// and db/postgres.test.ts (PostgreSQL). `client()` opens another client on the same database (a
// second app process).
import { it, expect } from "vitest";
import type { Db } from "./db/client";
import { RateLimiter, MAX_KEY_LENGTH } from "./rate-limit";

export function rateLimitContract(client: () => Promise<Db>) {
  it("allows `limit` hits per aligned window, then answers with the seconds to its end", async () => {
    let now = 0;
    const rl = new RateLimiter(await client(), () => now);
    const rule = { limit: 2, windowMs: 60_000 };
    expect([await rl.hit("c1:k", rule), await rl.hit("c1:k", rule), await rl.hit("c1:k", rule)]).toEqual([
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
      { ok: false, retryAfterSeconds: 60 },
    ]);
    now = 45_500;
    expect(await rl.hit("c1:k", rule)).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(await rl.hit("c1:other", rule)).toEqual({ ok: true, remaining: 1 });
    now = 60_000;
    expect(await rl.hit("c1:k", rule)).toEqual({ ok: true, remaining: 1 });
  });

  it("reset forgets a key (a successful sign-in clears its failures)", async () => {
    const rl = new RateLimiter(await client(), () => 0);
    const rule = { limit: 1, windowMs: 1000 };
    await rl.hit("c2:k", rule);
    expect(await rl.hit("c2:k", rule)).toEqual({ ok: false, retryAfterSeconds: 1 });
    await rl.reset("c2:k");
    expect(await rl.hit("c2:k", rule)).toEqual({ ok: true, remaining: 0 });
  });

  it("two processes hitting at once share one count: exactly `limit` pass", async () => {
    const [a, b] = [new RateLimiter(await client(), () => 5_000), new RateLimiter(await client(), () => 5_000)];
    const rule = { limit: 5, windowMs: 60_000 };
    const verdicts = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).hit("c3:k", rule)));
    expect(verdicts.filter((v) => v.ok).length).toBe(5);
    expect(verdicts.filter((v) => !v.ok)).toEqual(Array(7).fill({ ok: false, retryAfterSeconds: 55 }));
  });

  it("sweeps windows that have ended, and only those", async () => {
    let now = 1_000_000;
    const rl = new RateLimiter(await client(), () => now);
    await rl.hit("c4:short", { limit: 1, windowMs: 1000 });
    await rl.hit("c4:long", { limit: 1, windowMs: 3600_000 });
    await rl.sweep(); // whatever earlier cases left
    now += 999;
    expect(await rl.sweep()).toBe(0);
    now += 1;
    expect(await rl.sweep()).toBe(1);
    expect(await rl.hit("c4:long", { limit: 1, windowMs: 3600_000 })).toEqual({ ok: false, retryAfterSeconds: 2599 });
  });

  it("bounds keys (user input) to MAX_KEY_LENGTH characters", async () => {
    const rl = new RateLimiter(await client(), () => 0);
    const rule = { limit: 1, windowMs: 1000 };
    const long = "c5:" + "x".repeat(MAX_KEY_LENGTH);
    expect(await rl.hit(long + "a", rule)).toEqual({ ok: true, remaining: 0 });
    expect(await rl.hit(long + "b", rule)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });
}
