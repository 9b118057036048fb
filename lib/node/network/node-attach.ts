// Wires one node's network namespace to the lab network: the host-side server, the interceptor
// in the namespace, and the iptables rules that decide, before the handshake, which flows reach
// it. apply() reprograms the rules whenever the cluster changes (as kube-proxy resyncs).
import { spawn } from "node:child_process";
import { startInterceptor, type Interceptor } from "../../sandbox/netns-intercept";
import { startInterceptServer, type FlowHandlers, type InterceptServer } from "./intercept-server";
import { hookRules, planRules, type InterceptPlan } from "./netns-rules";

/** How long one iptables-restore may take (named limit). */
export const IPTABLES_RESTORE_TIMEOUT_MS = 10_000;

export interface NodeAttachment {
  readonly nodeName: string;
  apply(plan: InterceptPlan): Promise<void>;
  stop(): Promise<void>;
}

export interface AttachOptions {
  nodeName: string;
  /** Host command line -> one that runs in the node's network namespace. */
  netns: (argv: string[]) => string[];
  /** Host path of the unix socket the interceptor connects to. */
  socketPath: string;
  handlers: FlowHandlers;
}

/** `nsenter -t PID -n --`: enough when the caller has no cgroup-aware launcher. */
export function nsenterNetns(pid: number): (argv: string[]) => string[] {
  return (argv) => ["/usr/bin/nsenter", "-t", String(pid), "-n", "--", ...argv];
}

export function iptablesRestore(netns: (argv: string[]) => string[], input: string): Promise<void> {
  const argv = netns(["/usr/sbin/iptables-restore", "--noflush", "-w", "5"]);
  return new Promise((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "ignore", "pipe"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } });
    let err = "";
    const timer = setTimeout(() => c.kill("SIGKILL"), IPTABLES_RESTORE_TIMEOUT_MS);
    c.stderr!.setEncoding("utf8");
    c.stderr!.on("data", (d: string) => (err = (err + d).slice(-4096)));
    c.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    c.once("exit", (code, sig) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`iptables-restore failed (${sig ?? code}): ${err.trim()}`));
    });
    c.stdin!.end(input);
  });
}

export async function attachNodeNetwork(opts: AttachOptions): Promise<NodeAttachment> {
  const server: InterceptServer = await startInterceptServer(opts.socketPath, opts.handlers);
  let helper: Interceptor | undefined;
  try {
    helper = await startInterceptor(opts.netns, opts.socketPath);
    await server.connected();
    await iptablesRestore(opts.netns, hookRules());
  } catch (e) {
    await helper?.stop();
    await server.close();
    throw e;
  }
  // Applies run one at a time; a plan queued while one runs replaces any older queued plan.
  let running: Promise<void> = Promise.resolve();
  let queued: InterceptPlan | undefined;
  let queuedWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const runQueued = async () => {
    const plan = queued!;
    const waiters = queuedWaiters;
    queued = undefined;
    queuedWaiters = [];
    try {
      await iptablesRestore(opts.netns, planRules(plan));
      await server.setUdp(plan.acceptUdp.map((a) => `${a.ip}:${a.port}`));
      for (const w of waiters) w.resolve();
    } catch (e) {
      for (const w of waiters) w.reject(e);
    }
  };
  return {
    nodeName: opts.nodeName,
    apply(plan) {
      const first = queued === undefined;
      queued = plan;
      const p = new Promise<void>((resolve, reject) => queuedWaiters.push({ resolve, reject }));
      if (first) running = running.then(runQueued);
      return p;
    },
    async stop() {
      await helper?.stop();
      await server.close();
    },
  };
}
