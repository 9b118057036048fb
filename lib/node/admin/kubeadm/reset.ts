// kubeadm reset (cmd/kubeadm/app/cmd/reset.go and phases/reset/{preflight,removeetcdmember,
// cleanupnode}.go, v1.32): read the cluster's configuration when admin.conf allows it, confirm,
// then remove-etcd-member (clean the etcd data dir), cleanup-node (stop the kubelet, remove the
// pod sandboxes, empty manifests, /var/lib/kubelet and the PKI, delete the kubeconfigs) and print
// the manual cleanup hint. The Node object stays: upstream never deletes it.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { ClusterClient } from "../../../cluster/client/types.js";
import { GR } from "../../../cluster/client/types.js";
import type { Clock } from "../../../cluster/api/types.js";
import type { CommandIO } from "../../types";
import { fail } from "./errors";
import { uploadConfigHint } from "./messages";
import { initSystem, noExec, removeKubeContainers, type NodeExec } from "./node-exec";
import { ignoreSet } from "./preflight";
import { klogLine } from "./upgrade/klog";

export const MANUAL_CLEANUP_INSTRUCTIONS = `
The reset process does not perform cleanup of CNI plugin configuration,
network filtering rules and kubeconfig files.

For information on how to perform this cleanup manually, please see:
    https://k8s.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/

`;

/** resetConfigDir's files (constants.*KubeConfigFileName), in upstream order. */
export const RESET_FILES = ["admin.conf", "super-admin.conf", "kubelet.conf", "bootstrap-kubelet.conf", "controller-manager.conf", "scheduler.conf"].map(
  (f) => `/etc/kubernetes/${f}`,
);

const DEFAULT_CERT_DIR = "/etc/kubernetes/pki";
const DEFAULT_ETCD_DATA_DIR = "/var/lib/etcd";

export interface ResetDeps {
  client: () => Promise<ClusterClient>;
  clock: Clock;
  exec?: NodeExec;
  kubeadmVersion: string;
  pid?: number;
}

interface ResetFlags {
  force: boolean;
  dryRun: boolean;
  certDir: string;
  kubeconfig: string;
  ignore: string[];
}

function parseFlags(args: string[]): ResetFlags | string {
  const flags: ResetFlags = { force: false, dryRun: false, certDir: DEFAULT_CERT_DIR, kubeconfig: "/etc/kubernetes/admin.conf", ignore: [] };
  const withValue = new Set(["--cert-dir", "--kubeconfig", "--ignore-preflight-errors", "--cri-socket", "--config", "--skip-phases"]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === "-f" || name === "--force") flags.force = eq > 0 ? a.slice(eq + 1) !== "false" : true;
    else if (name === "--dry-run") flags.dryRun = eq > 0 ? a.slice(eq + 1) !== "false" : true;
    else if (name === "--cleanup-tmp-dir") continue;
    else if (withValue.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) return `flag needs an argument: ${name}`;
      if (name === "--cert-dir") flags.certDir = v;
      else if (name === "--kubeconfig") flags.kubeconfig = v;
      else if (name === "--ignore-preflight-errors") flags.ignore.push(v);
    } else if (a.startsWith("-")) return `unknown flag: ${name}`;
    else return `unknown command "${a}" for "kubeadm reset"`;
  }
  return flags;
}

/** One line of the terminal's input, as bufio.Scanner's first Scan() reads it. */
export function readLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let buf = "";
    const done = (line: string) => {
      stdin.off("data", onData);
      stdin.off("end", onEnd);
      stdin.pause?.();
      resolve(line.replace(/\r$/, ""));
    };
    const onData = (d: Buffer | string) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) done(buf.slice(0, nl));
    };
    const onEnd = () => done(buf);
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.resume?.();
  });
}

/** CleanDir: removes everything in a directory, not the directory; a missing one is no error. */
function cleanDir(io: CommandIO, dir: string): void {
  const host = io.nodePath(dir);
  let names: string[];
  try {
    names = fs.readdirSync(host);
  } catch {
    return;
  }
  for (const n of names) fs.rmSync(path.join(host, n), { recursive: true, force: true });
}

/** IsDirEmpty: false when the directory cannot be opened (so a missing etcd dir is "cleaned"). */
function isDirEmpty(io: CommandIO, dir: string): boolean {
  try {
    return fs.readdirSync(io.nodePath(dir)).length === 0;
  } catch {
    return false;
  }
}

/** getEtcdDataDir without a cluster configuration: the etcd-data hostPath volume of etcd.yaml. */
function etcdDataDirFromManifest(io: CommandIO): string | Error {
  const manifest = io.nodePath("/etc/kubernetes/manifests/etcd.yaml");
  if (!fs.existsSync(manifest)) return DEFAULT_ETCD_DATA_DIR;
  try {
    const pod = parse(fs.readFileSync(manifest, "utf8")) as { spec?: { volumes?: { name?: string; hostPath?: { path?: string } }[] } };
    const dir = pod?.spec?.volumes?.find((v) => v.name === "etcd-data")?.hostPath?.path;
    return dir ? dir : new Error("invalid etcd pod manifest");
  } catch {
    return new Error("invalid etcd pod manifest");
  }
}

/** The ClusterConfiguration's etcd.local.dataDir, when the kubeadm-config ConfigMap could be read. */
function etcdDataDirFromConfig(clusterConfiguration: string): string | undefined {
  try {
    const cfg = parse(clusterConfiguration) as { etcd?: { local?: { dataDir?: string }; external?: unknown } };
    if (cfg?.etcd?.external) return undefined;
    return cfg?.etcd?.local?.dataDir ?? DEFAULT_ETCD_DATA_DIR;
  } catch {
    return DEFAULT_ETCD_DATA_DIR;
  }
}

export async function reset(io: CommandIO, deps: ResetDeps, args: string[]): Promise<number> {
  const flags = parseFlags(args);
  if (typeof flags === "string") return fail(io, flags);
  const ignore = ignoreSet(flags.ignore);
  if (typeof ignore === "string") return fail(io, ignore);
  const exec = deps.exec ?? noExec;
  const pid = deps.pid ?? 4242;
  const warn = (where: string, msg: string) => io.stderr.write(klogLine("W", deps.clock.now(), pid, where, msg) + "\n");

  // newResetData: a client from admin.conf, then the kubeadm-config ConfigMap.
  let clusterConfiguration: string | undefined;
  if (fs.existsSync(io.nodePath(flags.kubeconfig))) {
    try {
      const client = await deps.client();
      io.stdout.write(`[reset] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n`);
      io.stdout.write(`[reset] ${uploadConfigHint(deps.kubeadmVersion)}\n`);
      const cm = client.get(GR.configmaps, "kube-system", "kubeadm-config");
      if (!cm) throw new Error(`failed to get config map: configmaps "kubeadm-config" not found`);
      clusterConfiguration = (cm.data as Record<string, string> | undefined)?.ClusterConfiguration ?? "";
    } catch (e) {
      warn("reset.go:124", `[reset] Unable to fetch the kubeadm-config ConfigMap from cluster: ${(e as Error).message}`);
    }
  }

  // Phase preflight.
  if (!flags.force && !flags.dryRun) {
    warn("preflight.go:56", "[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.");
    io.stdout.write("[reset] Are you sure you want to proceed? [y/N]: ");
    const answer = (await readLine(io.stdin)).toLowerCase();
    if (answer !== "y" && answer !== "yes") {
      return fail(io, "error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue");
    }
  }
  io.stdout.write("[preflight] Running pre-flight checks\n");

  // Phase remove-etcd-member. With the cluster's configuration the member is removed first; the
  // lab's etcd has a single member, which RemoveStackedEtcdMemberFromCluster leaves alone.
  let dataDir: string | Error | undefined;
  if (clusterConfiguration !== undefined) dataDir = etcdDataDirFromConfig(clusterConfiguration);
  else {
    warn("removeetcdmember.go:106", "[reset] No kubeadm config, using etcd pod spec to get data directory");
    dataDir = etcdDataDirFromManifest(io);
  }
  if (typeof dataDir === "string") {
    if (clusterConfiguration !== undefined && flags.dryRun) {
      io.stdout.write(`[reset] Would remove the etcd member on this node from the etcd cluster\n[reset] Would delete contents of the etcd data directory: ${dataDir}\n`);
    } else if (clusterConfiguration !== undefined) {
      cleanDir(io, dataDir);
      io.stdout.write(`[reset] Deleted contents of the etcd data directory: ${dataDir}\n`);
    }
    if (!flags.dryRun && !isDirEmpty(io, dataDir)) {
      cleanDir(io, dataDir);
      io.stdout.write(`[reset] Deleted contents of the etcd data directory: ${dataDir}\n`);
    }
  } else {
    io.stdout.write("[reset] No etcd config found. Assuming external etcd\n[reset] Please, manually reset etcd to prevent further issues\n");
  }

  // Phase cleanup-node.
  if (flags.dryRun) {
    // The kubelet directory is only added to the list after a real unmount.
    io.stdout.write(
      [
        "[reset] Would stop the kubelet service",
        `[reset] Would unmount mounted directories in "/var/lib/kubelet"`,
        "[reset] Would remove Kubernetes-managed containers",
        `[reset] Would delete contents of directories: [/etc/kubernetes/manifests ${flags.certDir}]`,
        `[reset] Would delete files: [${RESET_FILES.join(" ")}]`,
        "",
      ].join("\n") + MANUAL_CLEANUP_INSTRUCTIONS,
    );
    return 0;
  }
  io.stdout.write("[reset] Stopping the kubelet service\n");
  const stopped = await initSystem(exec).stop("kubelet");
  if (stopped.code !== 0) {
    warn("cleanupnode.go:74", `[reset] The kubelet service could not be stopped by kubeadm: [${stopped.stderr.trim()}]`);
    warn("cleanupnode.go:75", "[reset] Please ensure kubelet is stopped manually");
  }
  io.stdout.write(`[reset] Unmounting mounted directories in "/var/lib/kubelet"\n`);
  const removeErr = await removeKubeContainers(exec);
  if (removeErr) warn("cleanupnode.go:100", `[reset] Failed to remove containers: ${removeErr}`);
  if (flags.certDir !== DEFAULT_CERT_DIR) warn("cleanupnode.go:105", `[reset] WARNING: Cleaning a non-default certificates directory: "${flags.certDir}"`);
  const dirs = ["/etc/kubernetes/manifests", "/var/lib/kubelet", flags.certDir];
  io.stdout.write(`[reset] Deleting contents of directories: [${dirs.join(" ")}]\n`);
  for (const d of dirs) cleanDir(io, d);
  io.stdout.write(`[reset] Deleting files: [${RESET_FILES.join(" ")}]\n`);
  for (const f of RESET_FILES) fs.rmSync(io.nodePath(f), { recursive: true, force: true });

  io.stdout.write(MANUAL_CLEANUP_INSTRUCTIONS);
  return 0;
}
