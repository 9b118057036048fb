// kubeadm v1.32 as a node command: version, token, certs check-expiration, config images list;
// the rest answer that Drydock does not simulate them yet.
import type { Random } from "../../../cluster/api/types.js";
import type { ClusterClient } from "../../../cluster/client/types.js";
import type { Time } from "../../../cluster/runtime/timers.js";
import { IMAGE_REPOSITORY, KUBERNETES_VERSION, versionData } from "../../kubeadm";
import type { CommandIO, NodeCommand } from "../../types";
import { checkExpiration } from "./certs";
import { tokenCommand } from "./token";

export interface KubeadmDeps {
  client: () => Promise<ClusterClient>;
  nodePath(p: string): string;
  time: Time;
  random: Random;
  kubernetesVersion?: string;
}

/** The release build's version.Info (same build as the kubectl v1.32.3 in .tools). */
export function versionInfo(version: string) {
  return {
    major: "1",
    minor: version.split(".")[1],
    gitVersion: version,
    gitCommit: "32cc146f75aad04beaaa245a7157eb35063a9f99",
    gitTreeState: "clean",
    buildDate: "2025-03-11T19:52:21Z",
    goVersion: "go1.23.6",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

export function imagesList(version: string): string[] {
  const v = versionData(version);
  return [
    `${IMAGE_REPOSITORY}/kube-apiserver:${version}`,
    `${IMAGE_REPOSITORY}/kube-controller-manager:${version}`,
    `${IMAGE_REPOSITORY}/kube-scheduler:${version}`,
    `${IMAGE_REPOSITORY}/kube-proxy:${version}`,
    `${IMAGE_REPOSITORY}/coredns/coredns:${v.corednsImageTag}`,
    `${IMAGE_REPOSITORY}/pause:${v.pauseImageTag}`,
    `${IMAGE_REPOSITORY}/etcd:${v.etcdImageTag}`,
  ];
}

export function kubeadmCommand(deps: KubeadmDeps): NodeCommand {
  const version = deps.kubernetesVersion ?? KUBERNETES_VERSION;
  return async (io: CommandIO) => {
    // Global flags kubeadm accepts anywhere.
    const args = io.argv.slice(1).filter((a, i, all) => !/^(-v|--v)(=\d+)?$/.test(a) && !(/^(-v|--v)$/.test(all[i - 1] ?? "") && /^\d+$/.test(a)));
    const [cmd, ...rest] = args;
    switch (cmd) {
      case "version": {
        const o = rest.indexOf("-o") >= 0 ? rest[rest.indexOf("-o") + 1] : rest.find((a) => a.startsWith("--output="))?.slice(9) ?? rest.find((a) => a.startsWith("-o"))?.slice(2);
        const info = versionInfo(version);
        if (o === "short") io.stdout.write(version + "\n");
        else if (o === "json") io.stdout.write(JSON.stringify({ clientVersion: info }, null, 2) + "\n");
        else if (o === "yaml")
          io.stdout.write("clientVersion:\n" + Object.entries(info).map(([k, v]) => `  ${k}: ${/^\d+$/.test(v) ? `"${v}"` : v}`).join("\n") + "\n");
        else if (o === undefined || o === "")
          io.stdout.write(
            `kubeadm version: &version.Info{Major:"${info.major}", Minor:"${info.minor}", GitVersion:"${info.gitVersion}", GitCommit:"${info.gitCommit}", GitTreeState:"${info.gitTreeState}", BuildDate:"${info.buildDate}", GoVersion:"${info.goVersion}", Compiler:"${info.compiler}", Platform:"${info.platform}"}\n`,
          );
        else {
          io.stderr.write(`error: invalid output format: ${o}\n`);
          return 1;
        }
        return 0;
      }
      case "token":
        return tokenCommand(io, { client: deps.client, clock: deps.time, random: deps.random }, rest);
      case "certs":
        if (rest[0] === "check-expiration") return checkExpiration(io, deps.time);
        break;
      case "config":
        if (rest[0] === "images" && rest[1] === "list") {
          io.stdout.write(imagesList(version).join("\n") + "\n");
          return 0;
        }
        break;
    }
    io.stderr.write(`Drydock: 'kubeadm ${args.slice(0, 2).join(" ")}' is not simulated yet.\n`);
    return 1;
  };
}
