// Keystroke-to-echo latency of the terminal, for `npm run bench` (issue 9: p50/p95 with 50
// concurrent terminals, goal p95 <= 50 ms). A keystroke is one {"t":"in"} frame on the terminal
// WebSocket; its echo is the first {"t":"out"} frame that carries the character back (bash's
// readline echoes it from the PTY). So the figure covers the whole path a student's key takes:
// WebSocket, TerminalManager, node-pty, the sandbox's bash, and back.
import { createServer, type Server } from "node:http";
import WebSocket from "ws";
import { TerminalManager, type Spawn } from "./manager";
import { createTerminalUpgrade } from "./upgrade";

export interface LatencyTarget {
  lab: string;
  tab: number;
}

export interface LatencyOptions {
  /** ws://HOST:PORT/terminal */
  url: string;
  /** Headers of the handshake: Origin (and the session cookie against `drydock serve`). */
  headers?: Record<string, string>;
  /** One terminal per target, all typing at once. */
  targets: LatencyTarget[];
  /** Keys typed per terminal. */
  keystrokes?: number;
  /** Pause between two keys of one terminal (a fast typist: ~10 keys/s). */
  intervalMs?: number;
  /** How long a shell may take to print its prompt, and an echo to come back. */
  timeoutMs?: number;
}

export interface LatencyReport {
  terminals: number;
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

/** The p-th percentile (nearest rank) of xs, in the unit of xs. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const KEYS = "abcdefghijklmnopqrstuvwxyz";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Types into each target's shell and returns the echo times in milliseconds. */
async function typeInto(opts: Required<Omit<LatencyOptions, "targets" | "headers">> & { headers: Record<string, string> }, t: LatencyTarget): Promise<number[]> {
  const ws = new WebSocket(`${opts.url}?lab=${encodeURIComponent(t.lab)}&tab=${t.tab}&cols=120&rows=40`, { headers: opts.headers });
  let waiting: { ch: string; seen: string; resolve: () => void } | undefined;
  let lastOut = 0;
  const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    ws.once("unexpected-response", (_req, res) => reject(new Error(`terminal ${t.lab}/${t.tab}: HTTP ${res.statusCode}`)));
    ws.once("error", reject);
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as { t: string; d?: string; message?: string };
      if (m.t === "ready") resolve();
      else if (m.t === "error") reject(new Error(`terminal ${t.lab}/${t.tab}: ${m.message}`));
      else if ((m.t === "out" || m.t === "replay") && m.d) {
        lastOut = Date.now();
        if (waiting) {
          waiting.seen += m.d;
          if (waiting.seen.includes(waiting.ch)) waiting.resolve();
        }
      }
    });
  });
  try {
    await ready;
    // The prompt: output has come (a login shell reads .bashrc and kubectl's completion first) and
    // gone quiet for a moment.
    const deadline = Date.now() + opts.timeoutMs;
    while ((lastOut === 0 || Date.now() - lastOut < 300) && Date.now() < deadline) await sleep(50);
    const times: number[] = [];
    // One key more than asked: the first warms the path up and is not counted.
    for (let i = 0; i <= opts.keystrokes; i++) {
      const ch = KEYS[i % KEYS.length];
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`terminal ${t.lab}/${t.tab}: no echo of "${ch}" within ${opts.timeoutMs} ms`)), opts.timeoutMs);
        waiting = {
          ch,
          seen: "",
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        ws.send(JSON.stringify({ t: "in", d: ch }));
      });
      waiting = undefined;
      if (i > 0) times.push(performance.now() - t0);
      await sleep(opts.intervalMs);
    }
    // Leave the shell as found: Ctrl+U kills the typed line.
    ws.send(JSON.stringify({ t: "in", d: "\x15" }));
    return times;
  } finally {
    ws.close();
    await closed;
  }
}

export async function measureKeystrokeEcho(o: LatencyOptions): Promise<LatencyReport> {
  const opts = { url: o.url, headers: o.headers ?? {}, keystrokes: o.keystrokes ?? 20, intervalMs: o.intervalMs ?? 100, timeoutMs: o.timeoutMs ?? 10_000 };
  const all = (await Promise.all(o.targets.map((t) => typeInto(opts, t)))).flat();
  return { terminals: o.targets.length, samples: all.length, p50: percentile(all, 50), p95: percentile(all, 95), max: Math.max(...all) };
}

export interface TerminalServer {
  /** ws://127.0.0.1:PORT/terminal */
  url: string;
  /** The handshake headers it accepts (its own Origin). */
  headers: Record<string, string>;
  terminals: TerminalManager;
  close(): Promise<void>;
}

/** The terminal WebSocket endpoint alone, for a benchmark that runs labs in its own process:
 *  the same TerminalManager and upgrade handler `drydock serve` uses, with every lab treated as
 *  the caller's own (no accounts). Listens on 127.0.0.1 only. */
export async function startTerminalServer(spawn: Spawn): Promise<TerminalServer> {
  const terminals = new TerminalManager(spawn, () => Date.now());
  const upgrade = createTerminalUpgrade(terminals, { userOf: async () => "bench", ownerOf: async () => "bench" });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    if (!upgrade.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/terminal`,
    headers: { origin: `http://127.0.0.1:${port}` },
    terminals,
    async close() {
      terminals.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
