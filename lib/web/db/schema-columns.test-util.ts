// Keeps prisma/schema.prisma and the hand-written SQL migrations of both providers in step: the
// tables and columns (with their nullability) that the schema declares, read from the schema
// text, and the ones a migrated database has, read from SQLite's PRAGMA or PostgreSQL's
// information_schema. db.test.ts and postgres.test.ts compare them.
import { readFileSync } from "node:fs";
import path from "node:path";

/** table → column → nullable, as "Table.column?" strings sorted (one list is easy to diff). */
export type Columns = string[];

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

export function schemaColumns(schemaFile = path.resolve(import.meta.dirname, "../../../prisma/schema.prisma")): Columns {
  const out: string[] = [];
  const text = readFileSync(schemaFile, "utf8");
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of m[2].split("\n")) {
      const f = /^\s*(\w+)\s+(\w+)(\?|\[\])?/.exec(line);
      if (!f || !SCALARS.has(f[2]) || f[3] === "[]") continue;
      out.push(`${m[1]}.${f[1]}${f[3] === "?" ? "?" : ""}`);
    }
  }
  return out.sort();
}

const OWN = new Set(["_drydock_migrations"]);

export async function sqliteColumns(file: string): Promise<Columns> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name).filter((t) => !OWN.has(t));
    const out: string[] = [];
    for (const t of tables) for (const c of db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; notnull: number; pk: number }[]) out.push(`${t}.${c.name}${c.notnull || c.pk ? "" : "?"}`);
    return out.sort();
  } finally {
    db.close();
  }
}

export async function postgresColumns(url: string): Promise<Columns> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ table_name: string; column_name: string; is_nullable: string }>(`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`);
    return rows.filter((r) => !OWN.has(r.table_name)).map((r) => `${r.table_name}.${r.column_name}${r.is_nullable === "YES" ? "?" : ""}`).sort();
  } finally {
    await c.end();
  }
}
