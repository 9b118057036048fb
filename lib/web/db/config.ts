// Where the database is: DATABASE_URL (file:… for SQLite, postgres://… for PostgreSQL), else the
// SQLite file data/drydock.db under the data dir.
import path from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export interface DbConfig {
  provider: DbProvider;
  /** For SQLite: the file path (absolute); for PostgreSQL: the connection string. */
  url: string;
}

export function dbConfig(env: Record<string, string | undefined>, dataDir: string): DbConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return { provider: "sqlite", url: path.join(dataDir, "drydock.db") };
  if (/^postgres(ql)?:\/\//.test(raw)) return { provider: "postgresql", url: raw };
  if (raw.startsWith("file:")) {
    const file = raw.slice("file:".length).replace(/\?.*$/, "");
    return { provider: "sqlite", url: path.isAbsolute(file) ? file : path.resolve(file) };
  }
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${raw.replace(/:\/\/[^@]*@/, "://…@")}")`);
}
