// The lab side of the in-node agent: accepts client.mjs connections on a unix socket and runs
// the NodeCommand the client was invoked as, on the node the socket belongs to. Ctrl-C in the
// node closes the command's stdout (commands that follow, like `journalctl -f`, end on that);
// a command that does not finish within AGENT_SIGNAL_GRACE_MS releases the client with 128+n.
import fs from "node:fs";
import net from "node:net";
import { PassThrough, Writable } from "node:stream";
import { FrameDecoder, encodeData, encodeFrame } from "../../sandbox/broker-protocol";
import type { CommandIO, NodeCommand } from "../types";
import { AGENT_MAX_SESSIONS, AGENT_SIGNAL_GRACE_MS, AgentFrame, type RunRequest } from "./protocol";

export interface AgentOptions {
  socketPath: string;
  /** Set for a socket bound only into that node: the client's claimed hostname is ignored. */
  nodeName?: string;
  commands(nodeName: string): Map<string, NodeCommand>;
  nodePath(nodeName: string, p: string): string;
}

export interface Agent {
  readonly socketPath: string;
  close(): Promise<void>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export async function startAgent(opts: AgentOptions): Promise<Agent> {
  fs.rmSync(opts.socketPath, { force: true });
  const sessions = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    if (sessions.size >= AGENT_MAX_SESSIONS) return sock.destroy();
    sessions.add(sock);
    sock.once("close", () => sessions.delete(sock));
    serve(sock, opts);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.socketPath, () => resolve());
  });
  fs.chmodSync(opts.socketPath, 0o666);
  return {
    socketPath: opts.socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(sock: net.Socket, opts: AgentOptions): void {
  const dec = new FrameDecoder();
  let started = false;
  let finished = false;
  const stdin = new PassThrough();
  let stdout: Writable | undefined;
  let io: CommandIO | undefined;
  const send = (type: number, data: Buffer) => {
    if (!sock.destroyed) for (const f of encodeData(type, data)) sock.write(f);
  };
  const exit = (code: number) => {
    if (finished) return;
    finished = true;
    sock.end(encodeFrame(AgentFrame.Exit, { code }));
  };
  sock.on("error", () => sock.destroy());
  sock.on("close", () => {
    stdout?.destroy();
    stdin.end();
  });
  sock.on("data", (chunk: Buffer) => {
    let frames;
    try {
      frames = dec.push(chunk);
    } catch {
      return sock.destroy();
    }
    for (const f of frames) {
      if (!started) {
        if (f.type !== AgentFrame.Run) return sock.destroy();
        started = true;
        let req: RunRequest;
        try {
          req = JSON.parse(f.payload.toString("utf8")) as RunRequest;
        } catch {
          return sock.destroy();
        }
        const node = opts.nodeName ?? req.node;
        const cmd = opts.commands(node).get(req.name);
        const sink = (type: number) =>
          new Writable({
            write(data: Buffer, _enc, cb) {
              send(type, Buffer.from(data));
              cb();
            },
          });
        stdout = sink(AgentFrame.Stdout);
        const stderr = sink(AgentFrame.Stderr);
        if (!cmd) {
          stderr.write(`${req.name}: command not found\n`);
          exit(127);
          continue;
        }
        io = {
          argv: req.argv,
          env: req.env,
          cwd: req.cwd,
          stdin,
          stdout,
          stderr,
          tty: req.tty ?? undefined,
          nodePath: (p) => opts.nodePath(node, p),
          nodeName: node,
        };
        cmd(io).then(
          (code) => exit(code),
          (e: Error) => {
            stderr.write(`${req.name}: ${e.message}\n`);
            exit(1);
          },
        );
      } else if (f.type === AgentFrame.Stdin) stdin.write(f.payload);
      else if (f.type === AgentFrame.StdinEof) stdin.end();
      else if (f.type === AgentFrame.Resize && io?.tty) Object.assign(io.tty, JSON.parse(f.payload.toString("utf8")));
      else if (f.type === AgentFrame.Signal) {
        const sig = (JSON.parse(f.payload.toString("utf8")) as { signal: string }).signal;
        stdout?.destroy();
        setTimeout(() => exit(128 + (SIGNAL_NUMBERS[sig] ?? 15)), AGENT_SIGNAL_GRACE_MS).unref();
      }
    }
  });
}
