// A lab node: a bubblewrap sandbox with its own mount, PID, UTS, IPC, cgroup and network
// namespaces, running as root in a user namespace. The host runs processes in it with nsenter
// (lab exec, terminals, ssh sessions) and listens in its network namespace with forwarders.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";
import * as pty from "node-pty";
import { acquireLabCgroup, type CgroupMode, type LabCgroup } from "./cgroup";
import { bwrapArgs } from "./bwrap-args";
import { startForward, ForwardError, type Forward } from "./forwarder";
import { enterArgs, hostPrefix, netnsArgs, type LaunchContext } from "./launcher";
import { NODE_PATH, studentEnv } from "./student-env";
import { DEFAULT_LOCAL_RANGES, RUN_DIR_IN_NODE, type NodeSandboxSpec } from "./types";

/** Named limits (style rule 6). */
export const SANDBOX_START_TIMEOUT_MS = 10_000;
export const SANDBOX_STOP_TIMEOUT_MS = 5_000;
export const DEFAULT_LIMITS = { memoryBytes: 2 * 1024 ** 3, pids: 1024, nofile: 4096 };

export interface ExecOptions {
  /** Default: studentEnv(nodeName). Never the host's environment. */
  env?: Record<string, string>;
  /** Default /root. */
  cwd?: string;
  stdio?: StdioOptions;
  /** Signal the process gets when its host-side handle dies; default SIGKILL. */
  parentDeathSignal?: string;
}

export interface PtyOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
  cwd?: string;
  parentDeathSignal?: string;
}

export interface NodeSandbox {
  readonly labId: string;
  readonly nodeName: string;
  readonly nodeIp: string;
  /** Host pid of the sandbox's init (PID 1 inside). */
  readonly pid: number;
  /** What kind of cgroup confines the lab ("none" when cgroups were unavailable). */
  readonly cgroupMode: CgroupMode;
  exec(argv: string[], opts?: ExecOptions): ChildProcess;
  spawnPty(argv: string[], opts?: PtyOptions): pty.IPty;
  /** Resolves once ip:port accepts connections inside the node; rejects with ForwardError
   *  (code EADDRINUSE when something already listens there). unixSocketPath is a host path, or
   *  a path under /run/drydock as the node sees it. */
  addForward(ip: string, port: number, unixSocketPath: string): Promise<void>;
  removeForward(ip: string, port: number): Promise<void>;
  /** argv wrapped to run in the node's network namespace (and the lab's cgroup). */
  netnsArgv(argv: string[]): string[];
  /** The pipes of the node's init, a bash that runs the lines written to it (after start-up). */
  initShell(): { stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream };
  /** Kills every process of the sandbox and waits for them; idempotent. */
  stop(): Promise<void>;
}

/** PID 1 of a node: bash renamed /sbin/init that reads its script from our pipe. It reaps
 *  orphans (bash waits for any child on SIGCHLD), and exits, taking the whole PID namespace with
 *  it, when the runtime's end of the pipe closes. */
const INIT_ARGV = ["/usr/bin/bash", "-c", "exec -a /sbin/init /usr/bin/bash"];
const READY = "drydock-init-ready";

function initScript(spec: NodeSandboxSpec): string {
  const ranges = [...(spec.localRanges ?? DEFAULT_LOCAL_RANGES), ...(spec.peerNodeIps ?? []).map((ip) => `${ip}/32`)];
  const lines = [
    "trap '' TERM INT HUP QUIT USR1 USR2",
    "set -e",
    "ip link set lo up",
    `ip addr add ${spec.nodeIp}/32 dev lo`,
    // Local routes let a socket bind (and a client reach) any cluster address in this netns.
    ...ranges.map((r) => `ip route add local ${r} dev lo`),
    "set +e",
    `echo ${READY}`,
  ];
  return lines.join("\n") + "\n";
}

const ADDR = /^\d{1,3}(\.\d{1,3}){3}$/;

function validate(spec: NodeSandboxSpec): void {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(spec.nodeName)) throw new Error(`invalid node name ${JSON.stringify(spec.nodeName)}`);
  for (const ip of [spec.nodeIp, ...(spec.peerNodeIps ?? [])]) if (!ADDR.test(ip)) throw new Error(`invalid IPv4 address ${JSON.stringify(ip)}`);
  for (const r of spec.localRanges ?? []) if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(r)) throw new Error(`invalid CIDR ${JSON.stringify(r)}`);
  if (!path.isAbsolute(spec.rootDir) || !path.isAbsolute(spec.runDir)) throw new Error("rootDir and runDir must be absolute");
}

export async function startNodeSandbox(spec: NodeSandboxSpec): Promise<NodeSandbox> {
  validate(spec);
  const limits = { ...DEFAULT_LIMITS, ...spec.limits };
  const cgroup: LabCgroup =
    limits.cgroups === false
      ? { mode: "none", procsFiles: [], reason: "disabled", release() {} }
      : acquireLabCgroup(spec.labId, limits, limits.cgroupRoot);
  const ctx: LaunchContext = { procsFiles: cgroup.procsFiles, nofile: limits.nofile };
  const argv = [...hostPrefix(ctx), "/usr/bin/bwrap", ...bwrapArgs(spec), "--info-fd", "3", "--", ...INIT_ARGV];
  const bwrap = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe", "pipe"], env: { PATH: NODE_PATH } });
  const bwrapExited = new Promise<void>((resolve) => bwrap.once("exit", () => resolve()));
  let pid: number;
  try {
    pid = await waitStarted(bwrap, initScript(spec));
  } catch (e) {
    bwrap.kill("SIGKILL");
    await bwrapExited;
    cgroup.release();
    throw e;
  }
  return new RunningSandbox(spec, pid, ctx, cgroup, bwrap, bwrapExited);
}

function waitStarted(bwrap: ChildProcess, script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let info = "";
    let out = "";
    let err = "";
    let pid = 0;
    let done = false;
    const finish = (e: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(pid);
    };
    const timer = setTimeout(() => finish(new Error(`node sandbox did not start within ${SANDBOX_START_TIMEOUT_MS} ms: ${err.trim()}`)), SANDBOX_START_TIMEOUT_MS);
    const infoFd = bwrap.stdio[3] as NodeJS.ReadableStream;
    infoFd.setEncoding("utf8");
    infoFd.on("data", (d: string) => (info += d));
    infoFd.on("end", () => {
      try {
        pid = JSON.parse(info)["child-pid"];
      } catch {
        return finish(new Error(`bwrap: no info: ${err.trim()}`));
      }
      bwrap.stdin!.write(script);
    });
    bwrap.stdout!.setEncoding("utf8");
    const onOut = (d: string) => {
      out += d;
      if (out.includes(READY + "\n") && pid) {
        bwrap.stdout!.off("data", onOut);
        finish(null);
      }
    };
    bwrap.stdout!.on("data", onOut);
    bwrap.stderr!.setEncoding("utf8");
    bwrap.stderr!.on("data", (d: string) => (err = (err + d).slice(-4096)));
    bwrap.once("error", (e) => finish(e));
    bwrap.once("exit", (code, sig) => finish(new Error(`node sandbox exited during start (${sig ?? code}): ${err.trim()}`)));
  });
}

class RunningSandbox implements NodeSandbox {
  readonly labId: string;
  readonly nodeName: string;
  readonly nodeIp: string;
  readonly cgroupMode: CgroupMode;
  private readonly forwards = new Map<string, Forward | Promise<Forward>>();
  private readonly children = new Set<ChildProcess>();
  private readonly ptys = new Set<pty.IPty>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly spec: NodeSandboxSpec,
    readonly pid: number,
    private readonly ctx: LaunchContext,
    private readonly cgroup: LabCgroup,
    private readonly bwrap: ChildProcess,
    private readonly bwrapExited: Promise<void>,
  ) {
    this.labId = spec.labId;
    this.nodeName = spec.nodeName;
    this.nodeIp = spec.nodeIp;
    this.cgroupMode = cgroup.mode;
    // Drain init's pipes: a full pipe must never block it (its stdout answers initShell() lines).
    bwrap.stdout!.resume();
    bwrap.stderr!.resume();
  }

  private assertRunning(): void {
    if (this.stopping) throw new Error(`node ${this.nodeName} is stopped`);
  }

  exec(argv: string[], opts: ExecOptions = {}): ChildProcess {
    this.assertRunning();
    const full = enterArgs(this.ctx, this.pid, argv, { cwd: opts.cwd ?? "/root", parentDeathSignal: opts.parentDeathSignal ?? "SIGKILL" });
    const child = spawn(full[0], full.slice(1), { env: opts.env ?? studentEnv(this.nodeName), stdio: opts.stdio ?? "pipe", cwd: "/" });
    this.children.add(child);
    child.once("exit", () => this.children.delete(child));
    child.once("error", () => this.children.delete(child));
    return child;
  }

  spawnPty(argv: string[], opts: PtyOptions = {}): pty.IPty {
    this.assertRunning();
    const env = opts.env ?? studentEnv(this.nodeName);
    const full = enterArgs(this.ctx, this.pid, argv, { cwd: opts.cwd ?? "/root", parentDeathSignal: opts.parentDeathSignal ?? "SIGHUP" });
    const p = pty.spawn(full[0], full.slice(1), { name: env.TERM ?? "xterm-256color", cols: opts.cols ?? 80, rows: opts.rows ?? 24, env, cwd: "/" });
    this.ptys.add(p);
    p.onExit(() => this.ptys.delete(p));
    return p;
  }

  async addForward(ip: string, port: number, unixSocketPath: string): Promise<void> {
    this.assertRunning();
    if (!ADDR.test(ip) || !Number.isInteger(port) || port < 1 || port > 65535) throw new ForwardError(`invalid listen address ${ip}:${port}`, "EFORWARD");
    const key = `${ip}:${port}`;
    if (this.forwards.has(key)) throw new ForwardError(`forward ${key}: already forwarded`, "EADDRINUSE");
    const pending = startForward(this.ctx, this.pid, ip, port, this.hostSocketPath(unixSocketPath));
    this.forwards.set(key, pending);
    try {
      this.forwards.set(key, await pending);
    } catch (e) {
      this.forwards.delete(key);
      throw e;
    }
  }

  initShell() {
    return { stdin: this.bwrap.stdin!, stdout: this.bwrap.stdout! };
  }

  netnsArgv(argv: string[]): string[] {
    return netnsArgs(this.ctx, this.pid, argv);
  }

  async removeForward(ip: string, port: number): Promise<void> {
    const key = `${ip}:${port}`;
    const f = this.forwards.get(key);
    if (!f) return;
    this.forwards.delete(key);
    await (await f).stop();
  }

  /** The forwarder runs on the host file system, so a node path under /run/drydock is mapped
   *  back to runDir. */
  private hostSocketPath(p: string): string {
    if (p === RUN_DIR_IN_NODE || p.startsWith(RUN_DIR_IN_NODE + "/")) return path.join(this.spec.runDir, p.slice(RUN_DIR_IN_NODE.length));
    return p;
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    // Killing PID 1 makes the kernel SIGKILL every process of the PID namespace; the host-side
    // nsenter of each exec then exits with it.
    try {
      process.kill(this.pid, "SIGKILL");
    } catch {
      // already gone
    }
    // bwrap's monitor process reaps init and exits by itself; killing it first would leave init
    // to the host's PID 1 to reap, which a container's init may never do.
    const bwrapTimer = setTimeout(() => this.bwrap.kill("SIGKILL"), SANDBOX_STOP_TIMEOUT_MS / 2);
    const forwards = [...this.forwards.values()];
    this.forwards.clear();
    const waits: Promise<unknown>[] = [this.bwrapExited];
    for (const f of forwards) waits.push(Promise.resolve(f).then((x) => x.stop(), () => undefined));
    for (const c of this.children) {
      if (c.exitCode === null && c.signalCode === null) waits.push(new Promise((r) => c.once("exit", r)));
    }
    for (const p of this.ptys) waits.push(new Promise<void>((r) => p.onExit(() => r())));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, SANDBOX_STOP_TIMEOUT_MS)));
    await Promise.race([Promise.all(waits), timeout]);
    clearTimeout(timer);
    clearTimeout(bwrapTimer);
    // Anything still alive is a host-side handle that missed the namespace's death.
    for (const c of this.children) c.kill("SIGKILL");
    for (const p of this.ptys) p.kill("SIGKILL");
    this.cgroup.release();
  }
}
