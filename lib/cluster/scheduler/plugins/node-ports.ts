// pkg/scheduler/framework/plugins/nodeports/node_ports.go and framework.HostPortInfo: a wanted
// hostPort conflicts with one in use on the same protocol and port when either side listens on
// 0.0.0.0 or both on the same IP.
import { SUCCESS, unschedulable, type Plugin, type Pod } from "../types.js";

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The host ports a pod asks for (containers and restartable init containers). */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const containers = [...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always"), ...(pod.spec.containers ?? [])];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || "0.0.0.0", protocol: p.protocol || "TCP", port: p.hostPort });
    }
  }
  return out;
}

export function portsConflict(used: readonly HostPort[], want: readonly HostPort[]): boolean {
  return want.some((w) => used.some((u) => u.protocol === w.protocol && u.port === w.port && (u.ip === "0.0.0.0" || w.ip === "0.0.0.0" || u.ip === w.ip)));
}

export const nodePorts: Plugin = {
  name: "NodePorts",
  events: ["NodeAdd", "AssignedPodDelete"],
  filter(c, n) {
    const want = podHostPorts(c.pod);
    return want.length && portsConflict(n.usedPorts, want) ? unschedulable(ERR_REASON_PORTS) : SUCCESS;
  },
};
