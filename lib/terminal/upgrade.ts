// The terminal's WebSocket endpoint: GET /terminal?lab=NAME&tab=N&cols=C&rows=R (Upgrade).
// Before the handshake completes: same-origin check (cross-site WebSocket hijacking), the session
// cookie, and that the lab belongs to the signed-in user. A refusal is a plain HTTP status, so
// the browser (and the e2e test) sees 401/403 rather than a silently dropped socket.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { checkOrigin } from "../web/auth/csrf";
import { parseClientMsg, MAX_WS_PAYLOAD, COLS, ROWS, type ServerMsg } from "./protocol";
import { TerminalError, type TerminalManager } from "./manager";

export const TERMINAL_PATH = "/terminal";

export interface TerminalAuth {
  /** The signed-in user's id from the request's cookies, if any. */
  userOf(req: IncomingMessage): Promise<string | undefined>;
  /** Owner of a ready lab. */
  ownerOf(labName: string): Promise<string | undefined>;
  allowedOrigins?: readonly string[];
}

function refuse(socket: Duplex, code: number, text: string, message: string) {
  const body = message + "\n";
  socket.end(`HTTP/1.1 ${code} ${text}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

const clamp = (v: string | null, r: { min: number; max: number }, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) ? Math.min(r.max, Math.max(r.min, n)) : d;
};

export function createTerminalUpgrade(manager: TerminalManager, auth: TerminalAuth, node = "controlplane") {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD });

  /** Returns false when the request is not for the terminal. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== TERMINAL_PATH) return false;
    void (async () => {
      // A WebSocket handshake is a GET, but it acts like a mutation: check Origin as for a POST.
      const o = checkOrigin({ method: "POST", origin: req.headers.origin, secFetchSite: req.headers["sec-fetch-site"] as string | undefined, host: req.headers.host, allowed: auth.allowedOrigins });
      if (!o.ok) return refuse(socket, 403, "Forbidden", o.reason);
      const userId = await auth.userOf(req);
      if (!userId) return refuse(socket, 401, "Unauthorized", "sign in first");
      const lab = url.searchParams.get("lab") ?? "";
      const owner = lab ? await auth.ownerOf(lab) : undefined;
      // Same answer for "not yours" and "no such lab": lab names are not to be probed.
      if (owner !== userId) return refuse(socket, 403, "Forbidden", "this lab is not yours or is not running");
      const tab = Number(url.searchParams.get("tab") ?? "1");
      const size = { cols: clamp(url.searchParams.get("cols"), COLS, 80), rows: clamp(url.searchParams.get("rows"), ROWS, 24) };
      wss.handleUpgrade(req, socket, head, (ws) => connect(ws, lab, tab, size));
    })().catch((e) => refuse(socket, 500, "Internal Server Error", `terminal: ${(e as Error).message}`));
    return true;
  }

  function connect(ws: WebSocket, lab: string, tab: number, size: { cols: number; rows: number }) {
    const send = (m: ServerMsg) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
    let att: ReturnType<TerminalManager["attach"]>;
    try {
      att = manager.attach(lab, tab, node, size, { send, close: (code, reason) => ws.close(code, reason) });
    } catch (e) {
      send({ t: "error", message: e instanceof TerminalError ? e.message : `the shell could not start: ${(e as Error).message}` });
      ws.close(1011, "no shell");
      return;
    }
    ws.on("message", (data, isBinary) => {
      if (isBinary) return send({ t: "error", message: "binary frames are not accepted; send JSON text frames" });
      const p = parseClientMsg(data.toString());
      if (!p.ok) return send({ t: "error", message: p.error });
      if (p.msg.t === "in") att.write(p.msg.d);
      else if (p.msg.t === "resize") att.resize(p.msg.cols, p.msg.rows);
      else send({ t: "pong" });
    });
    ws.on("close", () => att.detach());
    ws.on("error", () => att.detach());
  }

  return { handleUpgrade };
}
