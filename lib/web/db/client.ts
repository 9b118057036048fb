// The Prisma client, one per process (Next's bundle and the runtime's each hold one; globalThis
// keeps dev-mode reloads from opening more). Only this module reads DATABASE_URL / DRYDOCK_DATA.
import path from "node:path";
import { PrismaClient } from "../generated/prisma/client";
import { dbConfig, type DbConfig } from "./config";

export type Db = InstanceType<typeof PrismaClient>;

const KEY = Symbol.for("drydock.prisma");
type Holder = { [KEY]?: Db };

export function dataDir(): string {
  return process.env.DRYDOCK_DATA ?? path.resolve("data");
}

export function currentDbConfig(): DbConfig {
  return dbConfig(process.env, dataDir());
}

/** Opens the client for the configured provider. Both generated clients come from the one
 *  schema (scripts/prisma-generate.mjs), so they have the same models and the same API; the
 *  PostgreSQL one is typed as the SQLite one. Each is imported only when used. */
export async function openDb(cfg: DbConfig): Promise<Db> {
  if (cfg.provider === "postgresql") {
    const [{ PrismaClient: PgClient }, { PrismaPg }] = await Promise.all([import("../generated/prisma-pg/client"), import("@prisma/adapter-pg")]);
    return new PgClient({ adapter: new PrismaPg({ connectionString: cfg.url }) }) as unknown as Db;
  }
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: cfg.url }) });
}

export async function db(): Promise<Db> {
  const g = globalThis as Holder;
  if (!g[KEY]) g[KEY] = await openDb(currentDbConfig());
  return g[KEY]!;
}
