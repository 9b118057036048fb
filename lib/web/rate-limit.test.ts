// The limiter over a real SQLite file: two clients on one file stand for two app processes, and a
// client opened after the first is closed stands for a restart. lib/web/db/postgres.test.ts runs
// the same contract against PostgreSQL (rateLimitContract).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "./db/migrate";
import { openDb, type Db } from "./db/client";
import { RateLimiter } from "./rate-limit";
import { rateLimitContract } from "./rate-limit.test-util";

let dir: string;
const open: Db[] = [];
let cfg: { provider: "sqlite"; url: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "drydock-rl-"));
  cfg = { provider: "sqlite", url: path.join(dir, "t.db") };
  await applyMigrations(cfg, path.resolve(import.meta.dirname, "../../prisma/migrations"));
});
afterAll(async () => {
  for (const d of open) await d.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function client(): Promise<Db> {
  const d = await openDb(cfg);
  open.push(d);
  return d;
}

describe("RateLimiter on SQLite", () => {
  rateLimitContract(client);

  it("survives a restart: a new client on the same file sees the count", async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    const first = await openDb(cfg);
    const a = new RateLimiter(first, () => 1_000);
    expect([await a.hit("restart", rule), await a.hit("restart", rule)]).toEqual([
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
    ]);
    await first.$disconnect();
    const b = new RateLimiter(await client(), () => 2_000);
    expect(await b.hit("restart", rule)).toEqual({ ok: false, retryAfterSeconds: 58 });
  });
});
