// The PostgreSQL path end to end against a real server: DATABASE_URL=postgres://… selects the
// second generated client, the same migrator applies prisma/migrations/postgresql, and the data
// layer works on the result.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import pg from "pg";
import { dbConfig } from "./config";
import { applyMigrations } from "./migrate";
import { openDb, type Db } from "./client";
import { pgBinDir, startPgCluster, type PgCluster } from "./pg-cluster.test-util";
import { schemaColumns, postgresColumns } from "./schema-columns.test-util";
import { rateLimitContract } from "../rate-limit.test-util";
import { signUp, signIn, sessionFromToken } from "../data/accounts";
import { createClass, joinClass, dashboard } from "../data/classes";
import { recordCheck, progress, lastResults } from "../data/attempts";
import { startExam, toggleFlag, submitExam } from "../data/exams";
import { listUsers, setUserRole } from "../data/users";
import type { Viewer } from "../roles";

const migrations = path.resolve(import.meta.dirname, "../../../prisma/migrations");
const bin = pgBinDir();
if (!bin) console.warn("postgres.test.ts skipped: no /usr/lib/postgresql/*/bin/{initdb,pg_ctl} (apt-get install postgresql)");

describe.skipIf(!bin)("PostgreSQL", () => {
  let cluster: PgCluster;
  let db: Db;
  const users: Record<string, Viewer> = {};

  beforeAll(async () => {
    cluster = startPgCluster(bin!);
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE drydock_test");
    await admin.end();
  });
  const extra: Db[] = [];
  afterAll(async () => {
    await db?.$disconnect();
    for (const d of extra) await d.$disconnect();
    cluster?.stop();
  });

  it("DATABASE_URL selects PostgreSQL and the migrator applies each migration once", async () => {
    const cfg = dbConfig({ DATABASE_URL: cluster.url("drydock_test") }, "/unused");
    expect(cfg.provider).toBe("postgresql");
    expect(await applyMigrations(cfg, migrations)).toEqual(["0001_init", "0002_rate_limit"]);
    expect(await applyMigrations(cfg, migrations)).toEqual([]);
    expect(await postgresColumns(cfg.url)).toEqual(schemaColumns());
    // Two instances starting together: the advisory lock serialises them, neither fails.
    expect(await Promise.all([applyMigrations(cfg, migrations), applyMigrations(cfg, migrations)])).toEqual([[], []]);
    db = await openDb(cfg);
  });

  it("accounts and sessions", async () => {
    for (const [n, email] of [["root", "root@x.test"], ["ann", "ann@x.test"], ["ben", "ben@x.test"]]) {
      const r = await signUp(db, { email, name: n, password: "long enough" });
      if (!r.ok) throw new Error(r.error);
      users[n] = r.viewer;
    }
    expect(Object.values(users).map((u) => u.role)).toEqual(["admin", "student", "student"]);
    expect(await signUp(db, { email: "ann@x.test", name: "A", password: "long enough" })).toEqual({ ok: false, error: "emailTaken" });
    const r = await signIn(db, { email: "ann@x.test", password: "long enough" });
    expect(r.ok && (await sessionFromToken(db, r.token))?.viewer.email).toBe("ann@x.test");
  });

  it("roles, classes, attempts and the dashboard", async () => {
    expect(await setUserRole(db, users.root, users.ben.id, "instructor")).toEqual({ id: users.ben.id, email: "ben@x.test", name: "ben", role: "instructor" });
    const ben = { ...users.ben, role: "instructor" as const };
    const c = await createClass(db, ben, "Evening");
    expect(await joinClass(db, users.ann, c.inviteCode)).toBe(true);
    const at = new Date("2025-01-01T10:00:00.123Z");
    await recordCheck(db, users.ann, "ex-1", [{ id: "a", description: "", passed: false, message: "not yet", weight: 1 }], null, at);
    await recordCheck(db, users.ann, "ex-1", [{ id: "a", description: "", passed: true, message: "OK", weight: 1 }], null, at);
    expect((await progress(db, users.ann)).get("ex-1")).toEqual({ passed: true, checks: 2, solutionShown: false, hintsShown: 0 });
    expect(await lastResults(db, users.ann, "ex-1")).toEqual([{ checkId: "a", passed: true, message: "OK" }]);
    const d = await dashboard(db, ben, c.id, ["ex-1", "ex-2"]);
    expect(d.rows.map((r) => [r.name, r.cells.map((x) => x.status)])).toEqual([["ann", ["passed", "none"]]]);
    expect((await listUsers(db, users.root)).map((u) => [u.email, u.role])).toEqual([
      ["ann@x.test", "student"],
      ["ben@x.test", "instructor"],
      ["root@x.test", "admin"],
    ]);
  });

  it("exams keep their JSON state and float scores", async () => {
    const now = new Date("2025-01-01T10:00:00Z");
    const e = await startExam(db, users.ann, "mock", ["t1", "t2"], now, 60_000);
    expect(await toggleFlag(db, users.ann, e.id, "t2")).toEqual(["t2"]);
    const report = { tasks: [], total: 3, earned: 2, percent: 66.7, passed: true };
    const done = await submitExam(db, users.ann, e.id, report, now);
    expect({ score: done?.score, passed: done?.passed, state: done?.state }).toEqual({ score: 66.7, passed: true, state: { tasks: ["t1", "t2"], flags: ["t2"], report } });
  });

  describe("rate limits", () =>
    rateLimitContract(async () => {
      const d = await openDb(dbConfig({ DATABASE_URL: cluster.url("drydock_test") }, "/unused"));
      extra.push(d);
      return d;
    }));
});
