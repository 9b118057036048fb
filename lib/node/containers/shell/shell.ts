// Shell commands inside a container run in just-bash over the container's filesystem, with the
// container's environment and the busybox/alpine network applets wired to the lab network.
import { Bash, getCommandNames, type Command, type IFileSystem } from "just-bash";
import type { Time } from "../../../cluster/runtime/timers.js";
import type { CatalogueEntry } from "../images/catalogue.js";
import { ncCommand } from "./commands/nc.js";
import { nslookupCommand } from "./commands/nslookup.js";
import { pingCommand } from "./commands/ping.js";
import { sleepCommand } from "./commands/sleep.js";
import { tailCommand } from "./commands/tail.js";
import { wgetCommand } from "./commands/wget.js";
import type { ContainerNetwork } from "./net.js";
import type { ProcessIdentity } from "../identity.js";
import { idCommand, whoamiCommand } from "./commands/id.js";

/**
 * Limits for a container's main shell: loops that sleep must run for days, while a busy loop
 * must not hold the lab's event loop for ever (just-bash runs on it): it is stopped after
 * MAX_LOOP_ITERATIONS and the container exits with an error (KNOWN_GAPS).
 */
export const MAX_LOOP_ITERATIONS = 1_000_000;
export const MAX_COMMAND_COUNT = 10_000_000;
/** setTimeout's largest delay: just-bash's wall-clock limit must not overflow it. */
export const MAX_EXECUTION_MS = 2 ** 31 - 1;

export interface ShellContext {
  entry: CatalogueEntry | undefined;
  fs: IFileSystem;
  /** Who the shell runs as (`id`, `whoami`); root when absent. */
  identity?: ProcessIdentity;
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  net: ContainerNetwork;
  time: Time;
  /** The image's daemons as commands (`exec nginx -g 'daemon off;'` in a wrapper script). */
  daemons?: Command[];
}

export function hasShell(entry: CatalogueEntry | undefined): boolean {
  return !!entry && entry.base !== "distroless" && entry.base !== "scratch";
}

/** busybox 1.28 still used the libc resolver's nslookup output; later tags the new one. */
function nslookupFlavour(entry: CatalogueEntry | undefined, imageRef: string): "busybox-1.28" | "busybox-1.36" {
  return /busybox:1\.(2[0-8])/.test(imageRef) || (entry?.repository === "registry.k8s.io/busybox") ? "busybox-1.28" : "busybox-1.36";
}

import { redisCliCommand } from "./commands/redis-cli.js";

export function shellCommands(ctx: ShellContext, imageRef: string): Command[] {
  return [
    sleepCommand(ctx.time),
    tailCommand(ctx.time),
    idCommand(ctx.identity, idFlavour(ctx.entry)),
    whoamiCommand(ctx.identity, idFlavour(ctx.entry)),
    wgetCommand(ctx.net, ctx.time),
    ncCommand(ctx.net, ctx.time),
    nslookupCommand(ctx.net, nslookupFlavour(ctx.entry, imageRef)),
    pingCommand(ctx.net, ctx.time),
    ...(ctx.entry?.binaries?.some((b) => b.endsWith("redis-cli")) || /redis/.test(imageRef) ? [redisCliCommand(ctx.net, ctx.fs)] : []),
    ...(ctx.daemons ?? []),
  ];
}

/** busybox applets in busybox and alpine images; GNU coreutils in Debian-based ones. */
function idFlavour(entry: CatalogueEntry | undefined): "busybox" | "gnu" {
  return entry?.base === "debian" || entry?.base === "ubuntu" ? "gnu" : "busybox";
}

const SHELLS = new Set(["sh", "ash", "bash", "dash", "zsh"]);

/** Whether argv[0] exists in the image (containerd fails the start or exec otherwise). */
export function executableExists(entry: CatalogueEntry | undefined, argv0: string): boolean {
  const base = argv0.split("/").pop() ?? argv0;
  const binaries = entry?.binaries ?? [];
  if (binaries.includes(argv0) || binaries.includes(base)) return true;
  if (!hasShell(entry)) return false;
  if (SHELLS.has(base)) {
    if (base === "bash") return entry!.base === "debian" || entry!.base === "ubuntu" || binaries.includes("bash");
    if (base === "zsh") return binaries.includes("zsh");
    return true;
  }
  if (argv0.startsWith("/") && argv0.split("/").length > 2 && !/^\/(usr\/)?(s?bin)\//.test(argv0)) return false;
  return (getCommandNames() as string[]).includes(base) || ["sleep", "wget", "nc", "nslookup", "ping", "hostname", "true", "false", "id"].includes(base);
}

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function newBash(ctx: ShellContext, imageRef: string): Bash {
  return new Bash({
    fs: ctx.fs,
    env: ctx.env,
    cwd: ctx.cwd,
    customCommands: shellCommands(ctx, imageRef),
    executionLimits: { maxLoopIterations: MAX_LOOP_ITERATIONS, maxCommandCount: MAX_COMMAND_COUNT, maxExecutionTimeMs: MAX_EXECUTION_MS },
    processInfo: { pid: 1, ppid: 0, uid: ctx.identity?.uid ?? 0, gid: ctx.identity?.gid ?? 0 },
  });
}

/**
 * The script a process with this argv runs: `sh -c SCRIPT [ARG0 ARGS...]` runs SCRIPT with
 * those positional parameters; any other argv runs as one quoted command.
 */
export function scriptFor(argv: string[]): string {
  const base = argv[0].split("/").pop() ?? argv[0];
  if (SHELLS.has(base)) {
    const c = argv.indexOf("-c");
    if (c >= 0 && argv[c + 1] !== undefined) {
      const positional = argv.slice(c + 3);
      const set = positional.length ? `set -- ${positional.map(shellQuote).join(" ")}\n` : "";
      return set + argv[c + 1];
    }
    // `sh` with no script and no stdin: reads EOF and exits 0 (busybox with no command).
    if (argv.length === 1) return "exit 0";
    return `. ${shellQuote(argv[1])}`;
  }
  return argv.map(shellQuote).join(" ");
}
