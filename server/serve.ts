// `drydock serve`: the web app (Next.js, when built) and the lab runner in one process.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LabManager } from "../lib/labs/manager.js";
import { createRunnerApi } from "../lib/labs/http-api.js";
import { systemClock, systemRandom } from "../lib/labs/random.js";
import { prepareWeb } from "../lib/web/start.js";

export async function serve(opts: { root: string; dataDir: string; port: number; host: string }) {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString("hex");
  writeFileSync(path.join(opts.dataDir, "runner-token"), token + "\n", { mode: 0o600 });
  const labs = new LabManager(opts.dataDir, opts.root, systemClock, systemRandom);
  const removed = labs.recover();
  if (removed.length) console.log(`drydock: removed ${removed.length} lab(s) left by an earlier run (their processes ended with it): ${removed.join(", ")}`);
  labs.start();
  const api = createRunnerApi(labs, token);
  // Migrations, the app's environment and the terminal WebSocket (lib/web/start.ts).
  const web = await prepareWeb({ root: opts.root, dataDir: opts.dataDir, labs, port: opts.port, host: opts.host });

  let next: { handle: (req: unknown, res: unknown) => Promise<void>; upgrade?: (req: unknown, socket: unknown, head: unknown) => void } | undefined;
  if (existsSync(path.join(opts.root, ".next", "BUILD_ID"))) {
    // hostname and port let Next fetch a server action's redirect target from this server (not :3000).
    // Loaded by name so the runtime's types stay free of Next's globals (they redefine ProcessEnv).
    const nextModule = "next";
    const { default: createNext } = await import(nextModule);
    const app = (createNext as unknown as (o: object) => { prepare(): Promise<void>; getRequestHandler(): (a: unknown, b: unknown) => Promise<void>; getUpgradeHandler(): (a: unknown, b: unknown, c: unknown) => void })({ dev: false, dir: opts.root, hostname: opts.host, port: opts.port });
    await app.prepare();
    next = { handle: app.getRequestHandler(), upgrade: app.getUpgradeHandler() };
  } else {
    console.log("drydock: the web app is not built (run `npm run build`); serving the runner API only");
  }

  const server = createServer(async (req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end("ok");
    }
    if (await api.handle(req, res)) return;
    // The app rate-limits by client address; Next cannot see the socket, so pass it (never trust a client's copy).
    req.headers["x-drydock-client"] = req.socket.remoteAddress ?? "unknown";
    if (next) return next.handle(req, res);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found\n");
  });
  server.on("upgrade", (req, socket, head) => {
    if (web.handleUpgrade(req, socket, head)) return;
    if (api.handleUpgrade(req, socket, head)) return;
    if (next?.upgrade) return next.upgrade(req, socket, head);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  console.log(`drydock: serving on http://${opts.host}:${opts.port}`);
  const stop = async () => {
    server.close();
    web.close();
    await labs.shutdown();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}
