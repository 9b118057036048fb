// The lab's ssh server: one per lab, on a unix socket in the lab's runDir (/run/drydock inside
// every node). The in-node `ssh` and `scp` clients (clients/*.mjs) ask it to run a command or a
// login shell on a node, as sshd would: the user's shell with `-c COMMAND`, a fresh login
// environment, a PTY when the client asks for one.
import net from "node:net";
import os from "node:os";
import fs from "node:fs";
import type { ChildProcess } from "node:child_process";
import type { IPty } from "node-pty";
import { Frame, FrameDecoder, encodeData, encodeFrame, type OpenError, type OpenRequest } from "./broker-protocol";
import { motd } from "./motd";
import type { NodeSandbox } from "./node-sandbox";
import { NODE_PATH } from "./student-env";

export interface BrokerNode {
  name: string;
  ip: string;
  sandbox: NodeSandbox;
}

export interface BrokerOptions {
  socketPath: string;
  nodes: BrokerNode[];
  /** Shown in the login banner; default "Ubuntu 24.04.1 LTS". */
  osDescription?: string;
  now?: () => Date;
}

export interface Broker {
  readonly socketPath: string;
  /** Replace the node table (a node restarted with a new sandbox, a node joined). */
  setNodes(nodes: BrokerNode[]): void;
  close(): Promise<void>;
}

/** Named limits. */
export const BROKER_MAX_SESSIONS = 64;
const OPEN_TIMEOUT_MS = 10_000;

export async function startBroker(opts: BrokerOptions): Promise<Broker> {
  let nodes = opts.nodes;
  const now = opts.now ?? (() => new Date());
  const lastLogin = new Map<string, { at: Date; from: string }>();
  const sessions = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    if (sessions.size >= BROKER_MAX_SESSIONS) return sock.destroy();
    sessions.add(sock);
    sock.once("close", () => sessions.delete(sock));
    serve(sock);
  });

  function serve(sock: net.Socket): void {
    const dec = new FrameDecoder();
    let session: Session | undefined;
    const pending: { type: number; payload: Buffer }[] = [];
    const timer = setTimeout(() => sock.destroy(), OPEN_TIMEOUT_MS);
    sock.on("error", () => sock.destroy());
    sock.on("data", (chunk: Buffer) => {
      let frames;
      try {
        frames = dec.push(chunk);
      } catch {
        return sock.destroy();
      }
      for (const f of frames) {
        if (session) session.input(f.type, f.payload);
        else if (f.type === Frame.Open) {
          clearTimeout(timer);
          try {
            session = open(sock, JSON.parse(f.payload.toString("utf8")) as OpenRequest);
          } catch (e) {
            fail(sock, { kind: "internal", message: (e as Error).message });
          }
          for (const p of pending.splice(0)) session?.input(p.type, p.payload);
        } else pending.push(f);
      }
    });
    sock.once("close", () => {
      clearTimeout(timer);
      session?.hangup();
    });
  }

  function open(sock: net.Socket, req: OpenRequest): Session | undefined {
    const target = req.port === 22 ? nodes.find((n) => req.addrs.includes(n.ip)) : undefined;
    if (!target) return fail(sock, { kind: "not-ssh" });
    if (req.user !== "root") return fail(sock, { kind: "denied" });
    const fromIp = nodes.find((n) => n.name === req.from)?.ip ?? "127.0.0.1";
    const env: Record<string, string> = {
      PATH: NODE_PATH,
      HOME: "/root",
      USER: "root",
      LOGNAME: "root",
      SHELL: "/bin/bash",
      LANG: "C.UTF-8",
      MAIL: "/var/mail/root",
      SSH_CLIENT: `${fromIp} ${50000 + Math.floor(Math.random() * 10000)} 22`,
    };
    env.SSH_CONNECTION = `${env.SSH_CLIENT.split(" ").slice(0, 2).join(" ")} ${target.ip} 22`;
    if (req.tty) env.TERM = req.tty.term || "xterm-256color";
    // sshd runs the user's login shell: `-bash` for a login, `bash -c COMMAND` for a command.
    const argv = req.command === null ? ["/bin/bash", "-c", "exec -a -bash /bin/bash"] : ["/bin/bash", "-c", req.command];
    const send = (type: number, data?: Buffer | object) => {
      if (!sock.destroyed) sock.write(encodeFrame(type, data));
    };
    if (req.tty) {
      if (req.command === null) {
        const banner = motd({ osDescription: opts.osDescription ?? "Ubuntu 24.04.1 LTS", kernelRelease: os.release(), machine: os.machine(), lastLogin: lastLogin.get(target.name) });
        lastLogin.set(target.name, { at: now(), from: fromIp });
        env.SSH_TTY = "/dev/pts/0";
        send(Frame.Opened);
        send(Frame.Stdout, Buffer.from(banner.replace(/\n/g, "\r\n")));
      } else send(Frame.Opened);
      return ptySession(sock, target.sandbox.spawnPty(argv, { cols: req.tty.cols, rows: req.tty.rows, env, parentDeathSignal: "SIGHUP" }));
    }
    send(Frame.Opened);
    return pipeSession(sock, target.sandbox.exec(argv, { env, stdio: "pipe", parentDeathSignal: "SIGHUP" }));
  }

  await new Promise<void>((resolve, reject) => {
    try {
      fs.rmSync(opts.socketPath, { force: true });
    } catch {
      // nothing to remove
    }
    server.once("error", reject);
    server.listen(opts.socketPath, () => resolve());
  });

  return {
    socketPath: opts.socketPath,
    setNodes(n) {
      nodes = n;
    },
    async close() {
      for (const s of sessions) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(opts.socketPath, { force: true });
    },
  };
}

interface Session {
  input(type: number, payload: Buffer): void;
  hangup(): void;
}

function fail(sock: net.Socket, err: OpenError): undefined {
  sock.end(encodeFrame(Frame.Error, err));
  return undefined;
}

function writeData(sock: net.Socket, type: number, data: Buffer): boolean {
  let ok = true;
  if (!sock.destroyed) for (const f of encodeData(type, data)) ok = sock.write(f);
  return ok;
}

function pipeSession(sock: net.Socket, child: ChildProcess): Session {
  for (const [stream, type] of [
    [child.stdout!, Frame.Stdout],
    [child.stderr!, Frame.Stderr],
  ] as const) {
    stream.on("data", (d: Buffer) => {
      if (!writeData(sock, type, d)) {
        stream.pause();
        sock.once("drain", () => stream.resume());
      }
    });
  }
  child.stdin!.on("error", () => undefined); // the command may exit without reading its stdin
  child.once("error", (e) => {
    if (!sock.destroyed) sock.end(encodeFrame(Frame.Error, { kind: "internal", message: e.message }));
  });
  // "close", not "exit": all output has been forwarded once the pipes are closed.
  child.once("close", (code, signal) => {
    if (!sock.destroyed) sock.end(encodeFrame(Frame.Exit, { code, signal }));
  });
  return {
    input(type, payload) {
      if (type === Frame.Stdin) {
        if (!child.stdin!.write(payload)) {
          sock.pause();
          child.stdin!.once("drain", () => sock.resume());
        }
      } else if (type === Frame.StdinEof) child.stdin!.end();
    },
    hangup() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

function ptySession(sock: net.Socket, p: IPty): Session {
  let exited = false;
  p.onData((d) => writeData(sock, Frame.Stdout, Buffer.from(d, "utf8")));
  p.onExit(({ exitCode, signal }) => {
    exited = true;
    // node-pty reports the signal number; ssh only needs to know there was one.
    if (!sock.destroyed) sock.end(encodeFrame(Frame.Exit, signal ? { code: null, signal: String(signal) } : { code: exitCode, signal: null }));
  });
  return {
    input(type, payload) {
      if (exited) return;
      if (type === Frame.Stdin) p.write(Buffer.from(payload));
      else if (type === Frame.Resize) {
        const { cols, rows } = JSON.parse(payload.toString("utf8"));
        if (cols > 0 && rows > 0) p.resize(cols, rows);
      }
    },
    hangup() {
      if (!exited) p.kill("SIGHUP");
    },
  };
}
