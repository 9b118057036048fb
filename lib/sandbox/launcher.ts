// Host command lines that start a process in (or for) a node sandbox. Pure.
//
// Every process of a lab must be in the lab's cgroup and carry the sandbox's rlimits, but
// processes entered with nsenter are forked by the host, not by the sandbox, so they inherit
// neither: a tiny sh prefix writes its own pid into the cgroup first, then prlimit sets the
// rlimits, then the real command is exec'd.

export interface LaunchContext {
  /** cgroup.procs files to join ([] when the lab has no cgroup). */
  procsFiles: string[];
  nofile: number;
}

const JOIN_CGROUP = 'for f in $1; do echo $$ > "$f" || exit 125; done; shift; exec "$@"';

export function hostPrefix(ctx: LaunchContext): string[] {
  const prefix: string[] = [];
  if (ctx.procsFiles.length > 0) prefix.push("/bin/sh", "-c", JOIN_CGROUP, "sh", ctx.procsFiles.join(" "));
  prefix.push("/usr/bin/prlimit", `--nofile=${ctx.nofile}:${ctx.nofile}`, "--core=0", "--");
  return prefix;
}

export interface EnterOptions {
  /** Working directory inside the node. */
  cwd: string;
  /** Sent to the process in the node when its host-side nsenter dies (killed, or its parent gone).
   *  nsenter (util-linux 2.38) forks into the PID namespace and does not forward signals, so
   *  without this a killed session would leave its process running in the node. */
  parentDeathSignal: string;
}

/** argv that runs `argv` inside every namespace of the sandbox whose init has host pid `pid`. */
export function enterArgs(ctx: LaunchContext, pid: number, argv: string[], opts: EnterOptions): string[] {
  return [
    ...hostPrefix(ctx),
    "/usr/bin/nsenter", "-t", String(pid), "-a", "-r", `--wdns=${opts.cwd}`, "--",
    "/usr/bin/setpriv", `--pdeathsig=${opts.parentDeathSignal}`, "--",
    ...argv,
  ];
}

/** argv that runs `argv` (a host program, e.g. the forwarder) in the sandbox's network namespace
 *  only: it sees host files (the runtime's sockets) and is invisible to `ps` in the node. */
export function netnsArgs(ctx: LaunchContext, pid: number, argv: string[]): string[] {
  return [...hostPrefix(ctx), "/usr/bin/nsenter", "-t", String(pid), "-n", "--", ...argv];
}
