// kubeadm upgrade plan (cmd/kubeadm/app/cmd/upgrade/plan.go, phases/upgrade/compute.go): the
// available upgrades (a patch of the cluster's minor, and the newest stable the kubeadm binary
// can reach) and, per upgrade, the kubelets to upgrade by hand and the control plane table.
// The lab's world has no internet: dl.k8s.io answers from ../releases.ts.
import type { Clock } from "../../../../cluster/api/types.js";
import type { ClusterClient } from "../../../../cluster/client/types.js";
import type { CommandIO } from "../../../types";
import { tabwrite } from "../../tabwriter";
import { fail } from "../errors";
import { uploadConfigHint } from "../messages";
import { compareVersions, LATEST_STABLE, latestOfMinor, parse, release } from "../releases";
import { readClusterState, type ClusterState } from "./cluster-state";
import { klogLine } from "./klog";

export interface UpgradeDeps {
  client: () => Promise<ClusterClient>;
  clock: Clock;
  /** The installed kubeadm's version. */
  kubeadmVersion: string;
  /** klog's pid column. */
  pid?: number;
}

interface Upgrade {
  description: string;
  before: string;
  after: string;
}

const SEPARATOR = "_____________________________________________________________________";

const COMPONENT_CONFIGS = `The table below shows the current state of component configs as understood by this version of kubeadm.
Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or
resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually
upgrade to is denoted in the "PREFERRED VERSION" column.

API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED
kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no
kubelet.config.k8s.io     v1beta1           v1beta1             no
${SEPARATOR}
`;

export async function upgradePlan(io: CommandIO, deps: UpgradeDeps): Promise<number> {
  const client = await deps.client();
  io.stdout.write(
    `[preflight] Running pre-flight checks.\n[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade/config] ${uploadConfigHint(deps.kubeadmVersion)}\n[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n`,
  );
  const state = readClusterState(client);
  if (typeof state === "string") return fail(io, `[upgrade/versions] FATAL: ${state}`);
  const cluster = state.clusterVersion;
  const kubeadm = deps.kubeadmVersion;
  io.stdout.write(`[upgrade/versions] Cluster version: ${cluster.replace(/^v/, "")}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`);
  // version.go: a stable release newer than kubeadm's minor falls back to stable-<kubeadm minor>.
  let stable = LATEST_STABLE;
  const km = parse(kubeadm).minor;
  if (parse(stable).minor > km) {
    io.stdout.write(klogLine("I", deps.clock.now(), deps.pid ?? 4242, "version.go:261", `remote version is much newer: ${stable}; falling back to: stable-1.${km}`) + "\n");
    stable = latestOfMinor(km) ?? kubeadm;
  }
  const cm = parse(cluster).minor;
  const patch = latestOfMinor(cm) ?? cluster;
  io.stdout.write(`[upgrade/versions] Target version: ${stable}\n[upgrade/versions] Latest version in the v1.${cm} series: ${patch}\n`);

  const upgrades: Upgrade[] = [];
  if (compareVersions(patch, cluster) > 0) upgrades.push({ description: `version in the v1.${cm} series`, before: cluster, after: patch });
  if (compareVersions(stable, cluster) > 0 && parse(stable).minor > cm) upgrades.push({ description: "stable version", before: cluster, after: stable });
  if (upgrades.length === 0) return 0;
  io.stdout.write("\n");
  for (const up of upgrades) io.stdout.write(printUpgrade(state, up, kubeadm));
  io.stdout.write("\n" + COMPONENT_CONFIGS);
  return 0;
}

function printUpgrade(state: ClusterState, up: Upgrade, kubeadm: string): string {
  const target = release(up.after);
  const kubelets = state.kubelets.filter((k) => k.version !== up.after);
  let out = "";
  if (kubelets.length) {
    out += "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n";
    out += tabwrite([["COMPONENT", "NODE", "CURRENT", "TARGET"], ...kubelets.map((k) => ["kubelet", k.node, k.version, up.after])]);
    out += "\n";
  }
  const rows: string[][] = [["COMPONENT", "NODE", "CURRENT", "TARGET"]];
  const tag = (node: string, c: string, dflt: string) => state.componentTags.get(node)?.get(c) ?? dflt;
  for (const c of ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]) {
    for (const node of state.controlPlaneNodes) rows.push([c, node, tag(node, c, up.before), up.after]);
  }
  // compute.go reports kube-proxy with the cluster version as semver prints it, without the "v".
  rows.push(["kube-proxy", "", up.before.replace(/^v/, ""), up.after]);
  rows.push(["CoreDNS", "", state.corednsTag ?? "", target.coredns]);
  for (const node of state.controlPlaneNodes) rows.push(["etcd", node, tag(node, "etcd", ""), target.etcd]);
  out += `Upgrade to the latest ${up.description}:\n\n` + tabwrite(rows) + "\n";
  out += `You can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${up.after}\n\n`;
  if (compareVersions(kubeadm, up.after) !== 0) out += `Note: Before you can perform this upgrade, you have to update kubeadm to ${up.after}.\n\n`;
  return out + SEPARATOR + "\n\n";
}
