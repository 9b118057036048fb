// Starts one `drydock serve` for the browser tests: a fresh data dir, the fixture exercises, a
// free port. The caller stops it (which deletes its labs).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

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
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const data = mkdtempSync(path.join(tmpdir(), "drydock-e2e-"));
  const port = await freePort();
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "dist/drydock.mjs"), "serve", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, DRYDOCK_DATA: data, DRYDOCK_EXERCISES: path.join(root, "test/e2e/fixtures/exercises"), DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`drydock serve exited:\n${log}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error(`drydock serve did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(data, { recursive: true, force: true });
    },
  };
}
