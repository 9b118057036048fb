import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dbConfig } from "./config";
import { applyMigrations, readMigrations } from "./migrate";
import { openDb, type Db } from "./client";
import { schemaColumns, sqliteColumns } from "./schema-columns.test-util";

const root = path.resolve(import.meta.dirname, "../../../prisma/migrations");

describe("dbConfig", () => {
  const cases: { name: string; env: Record<string, string>; want: ReturnType<typeof dbConfig> }[] = [
    { name: "default file in the data dir", env: {}, want: { provider: "sqlite", url: "/data/drydock.db" } },
    { name: "file URL, absolute", env: { DATABASE_URL: "file:/tmp/x.db" }, want: { provider: "sqlite", url: "/tmp/x.db" } },
    { name: "postgres URL", env: { DATABASE_URL: "postgres://u:p@h/db" }, want: { provider: "postgresql", url: "postgres://u:p@h/db" } },
    { name: "postgresql URL", env: { DATABASE_URL: "postgresql://h/db" }, want: { provider: "postgresql", url: "postgresql://h/db" } },
  ];
  for (const c of cases) it(c.name, () => expect(dbConfig(c.env, "/data")).toEqual(c.want));
  it("rejects other schemes without leaking the password", () => {
    expect(() => dbConfig({ DATABASE_URL: "mysql://u:secret@h/db" }, "/d")).toThrow('DATABASE_URL must start with file: or postgres:// (got "mysql://…@h/db")');
  });
});

describe("migrations on SQLite", () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "drydock-db-"));
  });
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it("both providers carry the same migrations", () => {
    expect(readMigrations(path.join(root, "sqlite")).map((m) => m.name)).toEqual(readMigrations(path.join(root, "postgresql")).map((m) => m.name));
  });

  it("applies each migration once, and the Prisma client works on the result", async () => {
    const cfg = { provider: "sqlite" as const, url: path.join(dir, "t.db") };
    expect(await applyMigrations(cfg, root)).toEqual(["0001_init", "0002_rate_limit"]);
    expect(await applyMigrations(cfg, root)).toEqual([]);
    // The migrations make exactly the tables and columns schema.prisma declares.
    expect(await sqliteColumns(cfg.url)).toEqual(schemaColumns());
    db = await openDb(cfg);
    const u = await db.user.create({ data: { id: "u1", email: "a@b.c", name: "A", passwordHash: "x" } });
    expect(u.role).toBe("student");
    expect(u.createdAt).toBeInstanceOf(Date);
    await db.session.create({ data: { id: "s1", userId: "u1", csrfSecret: "c", expiresAt: new Date(Date.now() + 1000) } });
    const s = await db.session.findUnique({ where: { id: "s1" }, include: { user: true } });
    expect(s?.user.email).toBe("a@b.c");
  });

  it("refuses a migration edited after it was applied", async () => {
    const mroot = path.join(dir, "m");
    mkdirSync(path.join(mroot, "sqlite", "0001_a"), { recursive: true });
    writeFileSync(path.join(mroot, "sqlite", "0001_a", "migration.sql"), "CREATE TABLE t (a INT);");
    const cfg = { provider: "sqlite" as const, url: path.join(dir, "m.db") };
    await applyMigrations(cfg, mroot);
    writeFileSync(path.join(mroot, "sqlite", "0001_a", "migration.sql"), "CREATE TABLE t (b INT);");
    await expect(applyMigrations(cfg, mroot)).rejects.toThrow("migration 0001_a was changed after it was applied; add a new migration instead");
  });
});
