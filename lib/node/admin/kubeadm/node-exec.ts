// How kubeadm reaches the node's init system and container runtime: it execs `systemctl` and
// `crictl` (util/initsystem, util/runtime). The lab runs them as the node's own simulated
// commands, so the kubelet stops and the sandboxes go exactly as when the student types them.
import type { NodeCommand } from "../../types";
import { runCaptured } from "../../run-captured";

export interface NodeExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the node's commands (argv[0] is "systemctl" or "crictl") to completion. */
export type NodeExec = (argv: string[]) => Promise<NodeExecResult>;

/** initsystem.SystemdInitSystem: ServiceStop / ServiceRestart / ServiceIsActive / ServiceIsEnabled. */
export function initSystem(exec: NodeExec) {
  return {
    stop: (unit: string) => exec(["systemctl", "stop", unit]),
    restart: (unit: string) => exec(["systemctl", "restart", unit]),
    isActive: async (unit: string) => (await exec(["systemctl", "is-active", "--quiet", unit])).code === 0,
    isEnabled: async (unit: string) => (await exec(["systemctl", "is-enabled", "--quiet", unit])).code === 0,
  };
}

/**
 * util/runtime RemoveContainers as v1.32 runs it with crictl: every pod sandbox is stopped
 * (`crictl stopp`) and removed (`crictl rmp`), which takes its containers with it.
 */
export async function removeKubeContainers(exec: NodeExec): Promise<string | undefined> {
  const list = await exec(["crictl", "pods", "-q"]);
  if (list.code !== 0) return `failed to list running pods: output: ${list.stdout}${list.stderr}, error: exit status ${list.code}`;
  for (const id of list.stdout.split(/\s+/).filter(Boolean)) {
    const stop = await exec(["crictl", "stopp", id]);
    if (stop.code !== 0) return `failed to stop running pod ${id}: output: ${stop.stdout}${stop.stderr}, error: exit status ${stop.code}`;
    const rm = await exec(["crictl", "rmp", id]);
    if (rm.code !== 0) return `failed to remove running container ${id}: output: ${rm.stdout}${rm.stderr}, error: exit status ${rm.code}`;
  }
  return undefined;
}

/** A stand-in when the lab gives no exec: nothing runs, every query answers "inactive". */
export const noExec: NodeExec = async () => ({ code: 3, stdout: "", stderr: "" });

/** Sleeps on the simulated clock (Time.after) rather than the host's. */
export function sleep(time: { after(ms: number, fn: () => void): () => void }, ms: number): Promise<void> {
  return new Promise((resolve) => time.after(ms, resolve));
}

/** Go's time.Duration String() for sub-minute durations given in nanoseconds: 501.326007ms, 1.001748657s. */
export function goDurationNs(ns: number): string {
  const trim = (v: string) => v.replace(/\.?0+$/, "");
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim((ns / 1e3).toFixed(3))}µs`;
  if (ns < 1e9) return `${trim((ns / 1e6).toFixed(6))}ms`;
  return `${trim((ns / 1e9).toFixed(9))}s`;
}

/**
 * A NodeExec over the node's own command table (what node-host serves as systemctl and crictl):
 * runs the command in-process with captured output, as kubeadm's exec of the binary would.
 */
export function commandExec(
  lookup: (name: string) => NodeCommand | undefined,
  node: { nodePath(p: string): string; nodeName: string },
): NodeExec {
  return async (argv) => {
    const cmd = lookup(argv[0]);
    if (!cmd) return { code: 127, stdout: "", stderr: `exec: "${argv[0]}": executable file not found in $PATH` };
    return runCaptured(cmd, argv, { env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }, nodePath: node.nodePath, nodeName: node.nodeName });
  };
}
