// A node's systemd: the manager, its units and the commands that talk to it (systemctl,
// journalctl). The lab creates one per node and wires commands() into the node's agent.
import { createHash } from "node:crypto";
import { journalctlCommand } from "../journal/journalctl";
import type { NodeCommand } from "../types";
import { Systemd, type SystemdDeps } from "./manager";
import { systemctlCommand } from "./systemctl";
import type { UnitFs } from "./unit-loader";

export { Systemd, type SystemdDeps, mangleUnitName, MANAGED_UNITS, nodeUnitFs } from "./manager";
export type { UnitFs } from "./unit-loader";

export interface SystemdHandle {
  readonly manager: Systemd;
  /** Starts the enabled units (kubelet, containerd, ssh), as multi-user.target at boot. */
  bootUp(): void;
  /** systemctl and journalctl for the node's agent. */
  commands(): Map<string, NodeCommand>;
  /** Stops every running unit. */
  shutdown(): Promise<void>;
}

export function createSystemd(deps: SystemdDeps, unitFs?: UnitFs): SystemdHandle {
  const manager = new Systemd(deps, unitFs);
  // The boot id: stable for a node's life, 32 hex digits as sd_id128 prints it.
  const bootId = createHash("sha256").update(`${deps.nodeName}\0${manager.bootTime.toISOString()}`).digest("hex").slice(0, 32);
  return {
    manager,
    bootUp: () => manager.bootUp(),
    commands: () =>
      new Map<string, NodeCommand>([
        ["systemctl", systemctlCommand(manager)],
        ["journalctl", journalctlCommand({ journal: deps.journal, time: deps.time, hostname: deps.nodeName, bootId })],
      ]),
    shutdown: () => manager.shutdown(),
  };
}
