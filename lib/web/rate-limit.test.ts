import { describe, it, expect } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` hits per window, then answers with the seconds to wait", () => {
    let now = 0;
    const rl = new RateLimiter(() => now);
    const rule = { limit: 2, windowMs: 60_000 };
    expect([rl.hit("k", rule), rl.hit("k", rule), rl.hit("k", rule)]).toEqual([
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
      { ok: false, retryAfterSeconds: 60 },
    ]);
    now = 45_500;
    expect(rl.hit("k", rule)).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(rl.hit("other", rule)).toEqual({ ok: true, remaining: 1 });
    now = 60_000;
    expect(rl.hit("k", rule)).toEqual({ ok: true, remaining: 1 });
  });
  it("reset forgets a key (a successful sign-in clears its failures)", () => {
    const rl = new RateLimiter(() => 0);
    const rule = { limit: 1, windowMs: 1000 };
    rl.hit("k", rule);
    rl.reset("k");
    expect(rl.hit("k", rule)).toEqual({ ok: true, remaining: 0 });
  });
});
