// The package tools of a node for the kube packages: apt-get, apt, apt-mark, apt-cache, and
// the switch of the node's kubectl when the kubectl package changes version.
import fs from "node:fs";
import path from "node:path";
import type { CommandIO, NodeCommand } from "../../types";
import { aptCache } from "./apt-cache";
import { aptGet, type AptDeps } from "./apt-get";
import { aptMark } from "./apt-mark";

export { installedVersion, PackageDb, DPKG_STATUS, defaultInstalled, formatStatus } from "./dpkg";
export { CHANNELS, debToKubeVersion, kubeToDebVersion } from "./catalogue";
export type { AptDeps } from "./apt-get";

/**
 * The node's kubectl is /usr/local/bin/kubectl → /etc/alternatives/kubectl (node-writable) →
 * the official build of the installed minor under KUBECTL_TOOLS_IN_NODE (read-only bind of
 * .tools). Installing the kubectl package re-points the middle link, as update-alternatives does.
 */
export const KUBECTL_ALTERNATIVE = "/etc/alternatives/kubectl";
export const KUBECTL_TOOLS_IN_NODE = "/opt/drydock/tools";

export function kubectlTarget(kubeVersion: string): string {
  const minor = kubeVersion.split(".").slice(0, 2).join(".");
  return `${KUBECTL_TOOLS_IN_NODE}/${minor}/kubectl`;
}

export function pointKubectl(nodePath: (p: string) => string, kubeVersion: string): void {
  const link = nodePath(KUBECTL_ALTERNATIVE);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(kubectlTarget(kubeVersion), link);
}

export function aptCommands(deps: AptDeps): Map<string, NodeCommand> {
  const withKubectl: AptDeps = {
    ...deps,
    onInstalled(io, name, version) {
      if (name === "kubectl") pointKubectl(io.nodePath, version);
      deps.onInstalled?.(io, name, version);
    },
  };
  const rest = (io: CommandIO) => io.argv.slice(1);
  return new Map<string, NodeCommand>([
    ["apt-get", async (io) => aptGet(io, withKubectl, rest(io))],
    [
      "apt",
      async (io) => {
        // apt's human interface warns when its output is not a terminal.
        if (!io.tty) io.stderr.write("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
        const args = rest(io);
        if (args.find((a) => !a.startsWith("-")) === "policy" || args.find((a) => !a.startsWith("-")) === "madison") return aptCache(io, withKubectl, args);
        return aptGet(io, withKubectl, args);
      },
    ],
    ["apt-mark", async (io) => aptMark(io, withKubectl, rest(io))],
    ["apt-cache", async (io) => aptCache(io, withKubectl, rest(io))],
  ]);
}
