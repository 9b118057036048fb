// Starts one `drydock serve` for the browser tests: a fresh data dir, the fixture exercises and
// lessons (and no course exams: fixtures/exams does not exist, so /exams offers the quick exam), a
// free port. The caller stops it (which deletes its labs).
// DRYDOCK_E2E_DATABASE=postgresql runs the same suite on PostgreSQL: each server gets a throwaway
// PostgreSQL server of its own (initdb in a temp dir, unix socket only, removed at stop), and
// `drydock serve` applies the PostgreSQL migrations to it at start-up as in production.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { pgBinDir, startPgCluster, type PgCluster } from "../../lib/web/db/pg-cluster.test-util";

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

export interface TestServer {
  url: string;
  log: () => string;
  /** Rows of a query on the server's own database (SQLite file or PostgreSQL). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** The database the suite runs on (DRYDOCK_E2E_DATABASE), sqlite by default. */
export const E2E_DATABASE = process.env.DRYDOCK_E2E_DATABASE === "postgresql" ? "postgresql" : "sqlite";

async function startDatabase(): Promise<{ url: string; cluster?: PgCluster }> {
  if (E2E_DATABASE === "sqlite") return { url: "" };
  const bin = pgBinDir();
  if (!bin) throw new Error("DRYDOCK_E2E_DATABASE=postgresql needs PostgreSQL's server binaries (apt-get install postgresql)");
  const cluster = startPgCluster(bin);
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query("CREATE DATABASE drydock");
  await admin.end();
  return { url: cluster.url("drydock"), cluster };
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const data = mkdtempSync(path.join(tmpdir(), "drydock-e2e-"));
  const port = await freePort();
  const database = await startDatabase();
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "dist/drydock.mjs"), "serve", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, DRYDOCK_DATA: data, DRYDOCK_EXERCISES: path.join(root, "test/e2e/fixtures/exercises"), DRYDOCK_LESSONS: path.join(root, "test/e2e/fixtures/lessons"), DRYDOCK_EXAMS: path.join(root, "test/e2e/fixtures/exams"), DATABASE_URL: database.url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      database.cluster?.stop();
      throw new Error(`drydock serve exited:\n${log}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error(`drydock serve did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => log,
    async query(sql) {
      if (!database.url) {
        const { default: Database } = await import("better-sqlite3");
        const d = new Database(path.join(data, "drydock.db"), { readonly: true });
        try {
          return d.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          d.close();
        }
      }
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      try {
        return (await c.query(sql)).rows;
      } finally {
        await c.end();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(data, { recursive: true, force: true });
      database.cluster?.stop();
    },
  };
}
