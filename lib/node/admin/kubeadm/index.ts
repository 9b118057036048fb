// kubeadm v1.32/v1.33 as a node command: version, token, certs check-expiration|renew, config
// images list|print, upgrade plan|apply|node, reset, join (worker). Which kubeadm runs is the installed package's
// version (lib/node/admin/apt), so installing kubeadm 1.33 changes what this command is.
import type { Random } from "../../../cluster/api/types.js";
import type { ClusterClient } from "../../../cluster/client/types.js";
import type { Time } from "../../../cluster/runtime/timers.js";
import { IMAGE_REPOSITORY, KUBERNETES_VERSION, type KeySource } from "../../kubeadm";
import type { CommandIO, NodeCommand } from "../../types";
import { installedVersion } from "../apt/dpkg";
import { checkExpiration } from "./certs";
import { initDefaults, joinDefaults } from "./config-print";
import type { BootstrapClientFactory } from "./join/client";
import { join } from "./join";
import type { NodeExec } from "./node-exec";
import { release, versionLine } from "./releases";
import { reset } from "./reset";
import { certsRenew } from "./renew";
import { tokenCommand } from "./token";
import { upgradeApply } from "./upgrade/apply";
import { upgradeNode } from "./upgrade/node";
import { upgradePlan } from "./upgrade/plan";

export interface KubeadmDeps {
  client: () => Promise<ClusterClient>;
  nodePath(p: string): string;
  time: Time;
  random: Random;
  /** The lab's Kubernetes version: the kubeadm installed on a node without package state. */
  kubernetesVersion?: string;
  /** Where renewal keys come from (the lab's key pool; tests pass a fixed key). */
  keySource?: KeySource;
  /**
   * Runs the node's own `systemctl` / `crictl` (argv[0]) to completion: reset stops the kubelet
   * and removes the pod sandboxes, join checks, stops and restarts the kubelet. Without it
   * nothing is run and the kubelet reads as inactive.
   */
  nodeExec?: NodeExec;
  /** Requests to the API server at a "host:port" as a not-yet-joined node makes them (join). */
  bootstrapClient?: BootstrapClientFactory;
  /** The pid klog prints in kubeadm's warning lines. */
  pid?: number;
}

export type { BootstrapClient, BootstrapClientFactory } from "./join/client";
export { commandExec, type NodeExec, type NodeExecResult } from "./node-exec";

/** The release build's version.Info. */
export function versionInfo(version: string) {
  const r = release(version);
  return {
    major: "1",
    minor: version.split(".")[1],
    gitVersion: version,
    gitCommit: r.gitCommit,
    gitTreeState: "clean",
    buildDate: r.buildDate,
    goVersion: r.goVersion,
    compiler: "gc",
    platform: "linux/amd64",
  };
}

export function imagesList(version: string): string[] {
  const r = release(version);
  return [
    `${IMAGE_REPOSITORY}/kube-apiserver:${version}`,
    `${IMAGE_REPOSITORY}/kube-controller-manager:${version}`,
    `${IMAGE_REPOSITORY}/kube-scheduler:${version}`,
    `${IMAGE_REPOSITORY}/kube-proxy:${version}`,
    `${IMAGE_REPOSITORY}/coredns/coredns:${r.coredns}`,
    `${IMAGE_REPOSITORY}/pause:${r.pause}`,
    `${IMAGE_REPOSITORY}/etcd:${r.etcd}`,
  ];
}

function versionCommand(io: CommandIO, version: string, rest: string[]): number {
  const o = rest.indexOf("-o") >= 0 ? rest[rest.indexOf("-o") + 1] : (rest.find((a) => a.startsWith("--output="))?.slice(9) ?? rest.find((a) => a.startsWith("-o"))?.slice(2));
  const info = versionInfo(version);
  if (o === "short") io.stdout.write(version + "\n");
  else if (o === "json") io.stdout.write(JSON.stringify({ clientVersion: info }, null, 2) + "\n");
  else if (o === "yaml") io.stdout.write("clientVersion:\n" + Object.entries(info).map(([k, v]) => `  ${k}: ${/^\d+$/.test(v) ? `"${v}"` : v}`).join("\n") + "\n");
  else if (o === undefined || o === "") io.stdout.write(versionLine(version) + "\n");
  else {
    io.stderr.write(`error: invalid output format: ${o}\n`);
    return 1;
  }
  return 0;
}

export function kubeadmCommand(deps: KubeadmDeps): NodeCommand {
  const labVersion = deps.kubernetesVersion ?? KUBERNETES_VERSION;
  return async (io: CommandIO) => {
    const version = installedVersion(io.nodePath, "kubeadm", labVersion);
    // Global flags kubeadm accepts anywhere.
    const args = io.argv.slice(1).filter((a, i, all) => !/^(-v|--v)(=\d+)?$/.test(a) && !(/^(-v|--v)$/.test(all[i - 1] ?? "") && /^\d+$/.test(a)));
    const [cmd, sub, ...rest] = args;
    const renew = { clock: deps.time, keySource: deps.keySource, kubeadmVersion: version };
    const upgrade = { client: deps.client, clock: deps.time, kubeadmVersion: version, renew };
    switch (cmd) {
      case "version":
        return versionCommand(io, version, args.slice(1));
      case "token":
        return tokenCommand(io, { client: deps.client, clock: deps.time, random: deps.random }, args.slice(1));
      case "certs":
        if (sub === "check-expiration") return checkExpiration(io, deps.time, version);
        if (sub === "renew") return certsRenew(io, renew, rest);
        break;
      case "reset":
        return reset(io, { client: deps.client, clock: deps.time, exec: deps.nodeExec, kubeadmVersion: version, pid: deps.pid }, args.slice(1));
      case "join":
        if (!deps.bootstrapClient) break;
        return join(
          io,
          { client: deps.client, bootstrapClient: deps.bootstrapClient, exec: deps.nodeExec, time: deps.time, random: deps.random, kubeadmVersion: version, keySource: deps.keySource },
          args.slice(1),
        );
      case "upgrade":
        if (sub === "plan") return upgradePlan(io, upgrade);
        if (sub === "apply") return upgradeApply(io, upgrade, rest);
        if (sub === "node") return upgradeNode(io, upgrade);
        break;
      case "config":
        if (sub === "images" && rest[0] === "list") {
          io.stdout.write(imagesList(version).join("\n") + "\n");
          return 0;
        }
        if (sub === "print" && rest[0] === "init-defaults") {
          io.stdout.write(initDefaults(version));
          return 0;
        }
        if (sub === "print" && rest[0] === "join-defaults") {
          io.stdout.write(joinDefaults());
          return 0;
        }
        break;
    }
    io.stderr.write(`Drydock: 'kubeadm ${args.slice(0, 2).join(" ")}' is not simulated yet.\n`);
    return 1;
  };
}
