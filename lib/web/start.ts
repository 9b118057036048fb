// What `drydock serve` does for the web app before it listens: apply the database migrations,
// tell the in-process Next app where the runner and data are, and serve the terminal's
// WebSocket (which needs the LabManager's sandboxes, so it lives here and not in Next).
import path from "node:path";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { LabManager } from "../labs/manager";
import { applyMigrations } from "./db/migrate";
import { db, currentDbConfig } from "./db/client";
import { sessionFromToken } from "./data/accounts";
import { labOwner } from "./data/labs";
import { readCookie, SESSION_COOKIE } from "./auth/session-token";
import { TerminalManager, type Spawn } from "../terminal/manager";
import { createTerminalUpgrade } from "../terminal/upgrade";

export interface WebRuntime {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  terminals: TerminalManager;
  close(): void;
}

/** A student's shell: bash on the lab's node, through node-pty (also used by `npm run bench`). */
export function labShellSpawn(labs: LabManager): Spawn {
  return (labName, node, cols, rows) => {
    const lab = labs.get(labName);
    const sb = lab.nodes.get(node);
    if (!sb || lab.phase !== "ready") throw new Error(`node ${node} of lab ${labName} is not running`);
    // A login shell, as sshd would start it: root's .bashrc, the motd-less prompt of the exam.
    return sb.spawnPty(["/bin/bash", "-c", "exec -a -bash /bin/bash"], { cols, rows });
  };
}

export async function prepareWeb(opts: { root: string; dataDir: string; labs: LabManager; port: number; host: string }): Promise<WebRuntime> {
  process.env.DRYDOCK_DATA ??= opts.dataDir;
  process.env.DRYDOCK_ROOT ??= opts.root;
  // The runner API only answers loopback callers; the app is in the same process.
  const loop = opts.host === "0.0.0.0" || opts.host === "::" || opts.host === "localhost" ? "127.0.0.1" : opts.host;
  process.env.DRYDOCK_RUNNER_URL ??= `http://${loop.includes(":") ? `[${loop}]` : loop}:${opts.port}`;
  const applied = await applyMigrations(currentDbConfig(), path.join(opts.root, "prisma", "migrations"));
  if (applied.length) console.log(`drydock: applied database migrations: ${applied.join(", ")}`);

  const terminals = new TerminalManager(labShellSpawn(opts.labs), () => Date.now());
  const sweep = setInterval(() => terminals.sweep(), 30_000);
  sweep.unref();
  const origins = (process.env.DRYDOCK_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const upgrade = createTerminalUpgrade(terminals, {
    userOf: async (req) => (await sessionFromToken(await db(), readCookie(req.headers.cookie, SESSION_COOKIE)))?.viewer.id,
    ownerOf: async (lab) => labOwner(await db(), lab),
    allowedOrigins: origins,
  });
  return {
    handleUpgrade: upgrade.handleUpgrade,
    terminals,
    close() {
      clearInterval(sweep);
      terminals.closeAll();
    },
  };
}
