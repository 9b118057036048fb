// A container whose process is a shell script or any command the image's shell applets provide
// (busybox `sh -c 'while true; do ...; done'`, `sleep 3600`, `echo hello`). The script's output
// reaches the log as it is written (`exec >/proc/1/fd/1 2>/proc/1/fd/2` through the streaming
// filesystem), its exit code is the container's. As PID 1 without a handler the shell ignores
// SIGTERM, so a stop waits for the grace period and ends in SIGKILL (137), as in a real pod.
import { defineCommand, type Command } from "just-bash";
import { newBash, scriptFor, type ShellContext } from "../shell/shell.js";
import type { ContainerProgram, ContainerProgramContext, ContainerProgramEntry } from "./types.js";
import { nginxProgram } from "./nginx.js";
import { httpdProgram } from "./httpd.js";
import { redisProgram } from "./redis.js";

/**
 * The image's daemon run from a wrapper script (`sleep 25; exec nginx -g 'daemon off;'`): the
 * command runs the daemon's program in this container until it exits or the container stops.
 */
function daemonCommand(name: string, entry: ContainerProgramEntry, ctx: ContainerProgramContext, running: { stop?: (s: "SIGTERM" | "SIGKILL") => void }): Command {
  return defineCommand(name, async (args) => {
    const code = await new Promise<number>((resolve) => {
      const child = entry.start({ ...ctx, argv: [name, ...args], exit: (c) => resolve(c) });
      running.stop = (s) => child.stop(s);
    });
    running.stop = undefined;
    return { stdout: "", stderr: "", exitCode: code };
  });
}

export function startShellProgram(ctx: ContainerProgramContext): ContainerProgram {
  const shellCtx: ShellContext = {
    entry: ctx.entry,
    fs: ctx.fs,
    identity: ctx.identity,
    env: ctx.env,
    cwd: ctx.workingDir,
    hostname: ctx.hostname,
    net: ctx.net,
    time: ctx.time,
  };
  const daemon: { stop?: (s: "SIGTERM" | "SIGKILL") => void } = {};
  const repo = ctx.image.split("@")[0].replace(/:[^/:]+$/, "");
  shellCtx.daemons = [
    ...(/\/nginx$/.test(repo) ? [daemonCommand("nginx", nginxProgram, ctx, daemon)] : []),
    ...(/\/httpd$/.test(repo) ? [daemonCommand("httpd-foreground", httpdProgram, ctx, daemon), daemonCommand("httpd", httpdProgram, ctx, daemon)] : []),
    ...(/\/redis$/.test(repo) ? [daemonCommand("redis-server", redisProgram, ctx, daemon)] : []),
  ];
  const bash = newBash(shellCtx, ctx.image);
  const script = `exec >/proc/1/fd/1 2>/proc/1/fd/2\n${scriptFor(ctx.argv)}`;
  const trapsTerm = /\btrap\b[^\n]*\b(TERM|SIGTERM|15)\b/.test(script);
  const abort = new AbortController();
  ctx.killed.addEventListener("abort", () => abort.abort());
  bash
    .exec(script, { signal: abort.signal, rawScript: true })
    .then((r) => {
      if (r.stdout) ctx.stdout(r.stdout);
      if (r.stderr) ctx.stderr(r.stderr);
      ctx.exit(r.exitCode);
    })
    .catch((e: unknown) => {
      ctx.stderr(`sh: ${e instanceof Error ? e.message : String(e)}\n`);
      ctx.exit(2);
    });
  return {
    stop(signal) {
      // A daemon the script handed over to gets the signal (nginx quits, the script ends).
      if (daemon.stop) return daemon.stop(signal === "SIGKILL" ? "SIGKILL" : "SIGTERM");
      // A script that traps TERM runs its handler and exits; just-bash cannot deliver signals,
      // so we end it as the default handler would (143).
      if (signal === "SIGTERM" && trapsTerm) {
        abort.abort();
        ctx.exit(143);
      }
    },
  };
}
