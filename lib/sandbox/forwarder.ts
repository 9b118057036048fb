// A TCP listener inside a node's network namespace that carries each connection, bytes
// unchanged, to a unix socket of the lab runtime on the host. Today one socat per listener
// (forking per connection); callers only see start/stop, so it can become one process later.
import { spawn } from "node:child_process";
import { netnsArgs, type LaunchContext } from "./launcher";

/** How long a forwarder may take to listen (a named limit: nothing may hang). */
export const FORWARD_READY_TIMEOUT_MS = 5000;
/** How much of socat's stderr is kept for error messages. */
const STDERR_KEEP = 4096;

export class ForwardError extends Error {
  constructor(
    message: string,
    readonly code: "EADDRINUSE" | "EFORWARD",
  ) {
    super(message);
  }
}

export interface Forward {
  ip: string;
  port: number;
  stop(): Promise<void>;
}

export function startForward(ctx: LaunchContext, pid: number, ip: string, port: number, hostSocketPath: string): Promise<Forward> {
  const argv = netnsArgs(ctx, pid, [
    "/usr/bin/socat",
    "-d", "-d",
    `TCP-LISTEN:${port},bind=${ip},fork,reuseaddr,nodelay`,
    `UNIX-CONNECT:${hostSocketPath}`,
  ]);
  const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const forward: Forward = {
    ip,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let stderr = "";
    let ready = false;
    const timer = setTimeout(() => {
      fail(new ForwardError(`forward ${ip}:${port}: not listening after ${FORWARD_READY_TIMEOUT_MS} ms`, "EFORWARD"));
      child.kill("SIGKILL");
    }, FORWARD_READY_TIMEOUT_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      if (!ready) {
        ready = true;
        reject(err);
      }
    };
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      if (ready) return; // keep draining so socat never blocks on a full pipe
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
      if (/ N listening on /.test(stderr)) {
        ready = true;
        clearTimeout(timer);
        resolve(forward);
      }
    });
    child.once("error", (e) => fail(new ForwardError(`forward ${ip}:${port}: ${e.message}`, "EFORWARD")));
    child.once("exit", () => {
      const inUse = /Address already in use/.test(stderr);
      const detail = stderr.split("\n").filter((l) => / [EF] /.test(l)).map((l) => l.replace(/^.* [EF] /, "")).join("; ");
      fail(new ForwardError(`forward ${ip}:${port}: ${detail || "forwarder exited"}`, inUse ? "EADDRINUSE" : "EFORWARD"));
    });
  });
}

