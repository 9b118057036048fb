// The runner's HTTP/WebSocket API that `drydock lab ...` (and later the web app) talks to. It is
// the boundary between app and runner (docs/architecture.md): plain HTTP, a bearer token kept in
// the data dir, loopback callers only.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { timingSafeEqual } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import { LabError, type LabManager } from "./manager.js";

export const EXEC_STDIN = 0;
export const EXEC_STDOUT = 1;
export const EXEC_STDERR = 2;
export const EXEC_EXIT = 3;
export const EXEC_STDIN_EOF = 255;
/** An exec's script is sent as the first message; a bound on its size. */
export const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

function isLoopback(addr: string | undefined): boolean {
  return addr === "127.0.0.1" || addr === "::1" || addr === "::ffff:127.0.0.1";
}

function send(res: ServerResponse, code: number, body: unknown) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(code, { "content-type": "application/json", "content-length": data.length });
  res.end(data);
}

export function createRunnerApi(labs: LabManager, token: string) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SCRIPT_BYTES + 16 });
  const authorized = (req: IncomingMessage) => {
    if (!isLoopback(req.socket.remoteAddress)) return false;
    const h = req.headers["authorization"] ?? "";
    const got = Buffer.from(h.replace(/^Bearer /i, ""));
    const want = Buffer.from(token);
    return got.length === want.length && timingSafeEqual(got, want);
  };

  async function readJSON(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of req) {
      n += (c as Buffer).length;
      if (n > 65536) throw new LabError(413, "request body too large");
      chunks.push(c as Buffer);
    }
    if (!n) return {};
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new LabError(400, "request body is not JSON");
    }
  }

  /** Returns true when the request was one of the runner API's. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://runner");
    if (!url.pathname.startsWith("/api/v1/labs")) return false;
    try {
      if (!authorized(req)) throw new LabError(401, "unauthorized: the runner API needs the token in the data dir, from a loopback address");
      const parts = url.pathname.split("/").filter(Boolean); // api v1 labs [name]
      if (parts.length === 3 && req.method === "GET") return send(res, 200, { items: labs.list() }), true;
      if (parts.length === 3 && req.method === "POST") {
        const body = await readJSON(req);
        const lab = await labs.create(body.name as string | undefined, (body.template as string | undefined) ?? "default");
        return send(res, 201, { name: lab.record.name, phase: lab.phase, createdAt: lab.record.createdAt, expiresAt: lab.record.expiresAt }), true;
      }
      if (parts.length === 4 && req.method === "DELETE") {
        await labs.delete(parts[3]);
        return send(res, 200, { name: parts[3], deleted: true }), true;
      }
      if (parts.length === 4 && req.method === "GET") {
        const lab = labs.get(parts[3]);
        return send(res, 200, { name: lab.record.name, phase: lab.phase, createdAt: lab.record.createdAt, expiresAt: lab.record.expiresAt }), true;
      }
      throw new LabError(404, "not found");
    } catch (e) {
      const err = e instanceof LabError ? e : new LabError(500, (e as Error).message);
      send(res, err.status, { error: err.message });
    }
    return true;
  }

  /** WebSocket /api/v1/labs/NAME/exec?node=N: runs bash -c SCRIPT in the node, streams its output. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://runner");
    const m = /^\/api\/v1\/labs\/([^/]+)\/exec$/.exec(url.pathname);
    if (!m) return false;
    if (!authorized(req)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n");
      return true;
    }
    wss.handleUpgrade(req, socket, head, (ws) => runExec(ws, m[1], url.searchParams.get("node") ?? "controlplane"));
    return true;
  }

  function runExec(ws: WebSocket, labName: string, nodeName: string) {
    let child: ReturnType<import("../sandbox/node-sandbox.js").NodeSandbox["exec"]> | undefined;
    const fail = (msg: string, code = 1) => {
      ws.send(Buffer.concat([Buffer.from([EXEC_STDERR]), Buffer.from(msg + "\n")]));
      ws.send(Buffer.concat([Buffer.from([EXEC_EXIT]), Buffer.from(JSON.stringify({ code }))]));
      ws.close();
    };
    ws.once("message", (first: Buffer) => {
      let script: string;
      try {
        script = JSON.parse(first.toString("utf8")).script;
        if (typeof script !== "string") throw new Error();
      } catch {
        return fail("drydock: the first exec message must be {\"script\": \"...\"}", 2);
      }
      let lab;
      try {
        lab = labs.get(labName);
      } catch (e) {
        return fail(`drydock: ${(e as Error).message}`);
      }
      const node = lab.nodes.get(nodeName);
      if (!node || lab.phase !== "ready") return fail(`drydock: node "${nodeName}" of lab "${labName}" is not running`);
      child = node.exec(["/usr/bin/bash", "-c", script], { stdio: ["pipe", "pipe", "pipe"] });
      child.stdout!.on("data", (d: Buffer) => ws.send(Buffer.concat([Buffer.from([EXEC_STDOUT]), d])));
      child.stderr!.on("data", (d: Buffer) => ws.send(Buffer.concat([Buffer.from([EXEC_STDERR]), d])));
      child.on("close", (code, signal) => {
        const exit = code ?? (signal ? 128 + (({ SIGKILL: 9, SIGTERM: 15, SIGINT: 2 }) as Record<string, number>)[signal] || 1 : 1);
        ws.send(Buffer.concat([Buffer.from([EXEC_EXIT]), Buffer.from(JSON.stringify({ code: exit }))]), () => ws.close());
      });
      child.stdin!.on("error", () => undefined);
      ws.on("message", (msg: Buffer) => {
        if (!child?.stdin || msg.length === 0) return;
        if (msg[0] === EXEC_STDIN) child.stdin.write(msg.subarray(1));
        else if (msg[0] === EXEC_STDIN_EOF) child.stdin.end();
      });
    });
    ws.on("close", () => {
      if (child && child.exitCode === null) child.kill("SIGKILL");
    });
  }

  return { handle, handleUpgrade };
}
