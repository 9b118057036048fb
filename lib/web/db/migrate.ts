// Applies prisma/migrations/<provider>/<name>/migration.sql in name order, each once, recording
// them in _drydock_migrations. Plain SQL because Prisma 7's `migrate deploy` needs the native
// schema engine, which cannot be downloaded here (docs/stack.md).
import { readdirSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import type { DbConfig } from "./config";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`no migrations directory ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names of the migrations it applied. Refuses to run when an applied migration's
 *  file changed since (a silent schema drift is worse than a failed start). */
export async function applyMigrations(cfg: DbConfig, migrationsRoot: string): Promise<string[]> {
  const migrations = readMigrations(path.join(migrationsRoot, cfg.provider));
  return cfg.provider === "sqlite" ? applySqlite(cfg.url, migrations) : applyPostgres(cfg.url, migrations);
}

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum !== undefined && sum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

async function applySqlite(file: string, migrations: Migration[]): Promise<string[]> {
  const { default: Database } = await import("better-sqlite3");
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_drydock_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`);
    const rows = db.prepare(`SELECT "name", "checksum" FROM "_drydock_migrations"`).all() as { name: string; checksum: string }[];
    const todo = checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
    for (const m of todo) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_drydock_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
      })();
    }
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One runner at a time: concurrent app instances starting together must not race.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_drydock_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL)`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_drydock_migrations"`);
    const todo = checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
    for (const m of todo) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_drydock_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, now())`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
