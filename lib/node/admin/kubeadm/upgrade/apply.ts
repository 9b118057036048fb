// kubeadm upgrade apply <version> (cmd/kubeadm/app/cmd/upgrade/apply.go and its phases:
// preflight, control-plane, upload-config, kubeconfig, kubelet-config, bootstrap-token, addon,
// post-upgrade), printing what kubeadm v1.32/v1.33 print. Deliberate differences: the static pod
// manifests keep their content and only get the new image tags (kubeadm regenerates them from
// the ClusterConfiguration), and apply does not wait for the kubelet to restart each component.
import fs from "node:fs";
import path from "node:path";
import type { KObject } from "../../../../cluster/api/types.js";
import type { ClusterClient, GroupResource } from "../../../../cluster/client/types.js";
import { GR } from "../../../../cluster/client/types.js";
import type { CommandIO } from "../../../types";
import { fail } from "../errors";
import { uploadConfigHint } from "../messages";
import { certsRenewQuiet } from "../renew";
import type { RenewDeps } from "../renew";
import { KUBEADM_RELEASES, release } from "../releases";
import { readClusterState } from "./cluster-state";
import { klogLine } from "./klog";
import type { UpgradeDeps } from "./plan";
import { enforceVersionPolicies } from "./policy";

export type ApplyDeps = UpgradeDeps & { renew: RenewDeps };

const MANIFESTS = "/etc/kubernetes/manifests";
/** Component → the certificates its upgrade renews (phases/upgrade/staticpods.go). */
const RENEWED: [string, string[]][] = [
  ["etcd", ["etcd-server", "etcd-peer", "etcd-healthcheck-client"]],
  ["kube-apiserver", ["apiserver", "apiserver-kubelet-client", "front-proxy-client", "apiserver-etcd-client"]],
  ["kube-controller-manager", ["controller-manager.conf"]],
  ["kube-scheduler", ["scheduler.conf"]],
];

const p2 = (n: number) => String(n).padStart(2, "0");
export function stamp(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}-${p2(d.getUTCHours())}-${p2(d.getUTCMinutes())}-${p2(d.getUTCSeconds())}`;
}
/** os.MkdirTemp's random suffix: stable per second so reruns in a test agree. */
export function tempSuffix(d: Date, salt: number): string {
  return String((Math.floor(d.getTime() / 1000) * 7919 + salt * 104729) % 4294967296);
}

async function readAnswer(io: CommandIO): Promise<string> {
  return new Promise((resolve) => {
    let buf = "";
    const done = () => {
      io.stdin.off("data", onData);
      io.stdin.off("end", done);
      resolve(buf.split("\n")[0]);
    };
    const onData = (d: Buffer | string) => {
      buf += d.toString();
      if (buf.includes("\n")) done();
    };
    io.stdin.on("data", onData);
    io.stdin.on("end", done);
  });
}

export function parseApplyArgs(args: string[]): { version?: string; yes: boolean; force: boolean; certRenewal: boolean; dryRun: boolean } | string {
  let version: string | undefined;
  let yes = false;
  let force = false;
  let certRenewal = true;
  let dryRun = false;
  for (const a of args) {
    if (a === "-y" || a === "--yes" || a === "--yes=true") yes = true;
    else if (a === "-f" || a === "--force") force = yes = true;
    else if (a === "--certificate-renewal=false") certRenewal = false;
    else if (a === "--certificate-renewal" || a === "--certificate-renewal=true") certRenewal = true;
    else if (a === "--dry-run") dryRun = true;
    else if (a.startsWith("--ignore-preflight-errors") || a.startsWith("--etcd-upgrade") || a.startsWith("--allow-")) continue;
    else if (a.startsWith("-")) return `unknown flag: ${a.split("=")[0]}`;
    else if (version === undefined) version = a;
    else return `unknown command "${a}" for "kubeadm upgrade apply"`;
  }
  return { version, yes, force, certRenewal, dryRun };
}

export async function upgradeApply(io: CommandIO, deps: ApplyDeps, args: string[]): Promise<number> {
  const opts = parseApplyArgs(args);
  if (typeof opts === "string") {
    io.stderr.write(`error: ${opts}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  const client = await deps.client();
  const kubeadm = deps.kubeadmVersion;
  io.stdout.write(`[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade] ${uploadConfigHint(kubeadm)}\n`);
  const state = readClusterState(client);
  if (typeof state === "string") return fail(io, `error execution phase preflight: ${state}`);
  if (!opts.version) return fail(io, "error execution phase preflight: missing one or more required arguments. Required arguments: [version]");
  const target = opts.version.startsWith("v") ? opts.version : `v${opts.version}`;
  if (!/^v\d+\.\d+\.\d+$/.test(target)) return fail(io, `error execution phase preflight: unable to parse normalized version "${opts.version}" as a semantic version`);
  io.stdout.write(
    `[upgrade/preflight] Running preflight checks\n[upgrade] Running cluster health checks\n[upgrade/preflight] You have chosen to upgrade the cluster version to "${target}"\n[upgrade/versions] Cluster version: ${state.clusterVersion}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`,
  );
  const skew = enforceVersionPolicies(target, state.clusterVersion, kubeadm, state.kubelets.map((k) => k.version));
  if (skew.mandatory.length) {
    return fail(io, `error execution phase preflight: the version argument is invalid due to these fatal errors:\n${skew.mandatory.map((e) => `\t- ${e}`).join("\n")}\nPlease fix the misalignments highlighted above and try upgrading again`);
  }
  if (skew.skippable.length) {
    if (!opts.force) return fail(io, `error execution phase preflight: the version argument is invalid due to these errors:\n${skew.skippable.map((e) => `\t- ${e}`).join("\n")}\nCan be bypassed if you pass the --force flag`);
    io.stdout.write(`[upgrade/version] Found ${skew.skippable.length} potential version compatibility errors but skipping since the --force flag is set: \n\n${skew.skippable.map((e) => `\t- ${e}`).join("\n")}\n`);
  }
  if (!KUBEADM_RELEASES.has(target)) return fail(io, `error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR ImagePull]: failed to pull image registry.k8s.io/kube-apiserver:${target}: failed to pull image registry.k8s.io/kube-apiserver:${target}: rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/kube-apiserver:${target}": failed to resolve reference "registry.k8s.io/kube-apiserver:${target}": registry.k8s.io/kube-apiserver:${target}: not found\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``);
  if (!opts.yes) {
    io.stdout.write("[upgrade] Are you sure you want to proceed? [y/N]: ");
    const answer = (await readAnswer(io)).trim();
    if (answer !== "y" && answer !== "Y") return fail(io, "error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue");
  }
  if (opts.dryRun) {
    io.stdout.write("[upgrade/successful] Finished dryrunning successfully!\n");
    return 0;
  }
  const rel = release(target);
  io.stdout.write(
    "[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n",
  );
  const now = deps.clock.now();
  await upgradeStaticPods(io, deps, target, opts.certRenewal, now);
  if (opts.certRenewal) await certsRenewQuiet(io, deps.renew, ["admin.conf", "super-admin.conf"]);

  await updateClusterConfiguration(client, target);
  io.stdout.write(`[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n`);
  io.stdout.write(`[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n`);
  io.stdout.write("[upgrad/kubeconfig] The kubeconfig files for this node were successfully upgraded!\n");
  writeKubeletConfig(io, client, deps, now);
  io.stdout.write(
    "[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules\n" +
      "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n" +
      "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n" +
      "[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n" +
      "[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n",
  );
  await setImage(client, GR.deployments, "coredns", `registry.k8s.io/coredns/coredns:${rel.coredns}`);
  io.stdout.write("[addons] Applied essential addon: CoreDNS\n");
  await setImage(client, GR.daemonsets, "kube-proxy", `registry.k8s.io/kube-proxy:${target}`);
  io.stdout.write("[addons] Applied essential addon: kube-proxy\n");
  io.stdout.write(`\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${target}".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n`);
  return 0;
}

/** The control-plane phase: new image tags in each manifest, the old one backed up, certificates renewed. */
export async function upgradeStaticPods(io: CommandIO, deps: ApplyDeps, target: string, certRenewal: boolean, now: Date): Promise<void> {
  const rel = release(target);
  const upgraded = `/etc/kubernetes/tmp/kubeadm-upgraded-manifests${tempSuffix(now, 1)}`;
  const backup = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp(now)}`;
  io.stdout.write(`[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${target}" (timeout: 5m0s)...\n`);
  io.stdout.write(`[upgrade/staticpods] Writing new Static Pod manifests to "${upgraded}"\n`);
  fs.mkdirSync(io.nodePath(upgraded), { recursive: true });
  fs.mkdirSync(io.nodePath(backup), { recursive: true });
  for (const [component, certs] of RENEWED) {
    const manifest = `${MANIFESTS}/${component}.yaml`;
    const file = io.nodePath(manifest);
    if (!fs.existsSync(file)) continue;
    io.stdout.write(`[upgrade/staticpods] Preparing for "${component}" upgrade\n`);
    const old = fs.readFileSync(file, "utf8");
    const tag = component === "etcd" ? rel.etcd : target;
    const updated = old.replace(new RegExp(`(image:\\s*\\S*/${component}):\\S+`, "g"), `$1:${tag}`);
    if (certRenewal) {
      for (const c of certs) io.stdout.write(`[upgrade/staticpods] Renewing ${c} certificate\n`);
      await certsRenewQuiet(io, deps.renew, certs);
    }
    fs.writeFileSync(io.nodePath(path.join(upgraded, `${component}.yaml`)), updated, { mode: 0o600 });
    fs.writeFileSync(io.nodePath(path.join(backup, `${component}.yaml`)), old, { mode: 0o600 });
    fs.writeFileSync(file, updated, { mode: 0o600 });
    io.stdout.write(
      `[upgrade/staticpods] Moving new manifest to "${manifest}" and backing up old manifest to "${backup}/${component}.yaml"\n` +
        "[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n" +
        `[apiclient] Found 1 Pods for label selector component=${component}\n[upgrade/staticpods] Component "${component}" upgraded successfully!\n`,
    );
    if (component === "etcd") io.stdout.write("[upgrade/etcd] Waiting for etcd to become available\n");
  }
  io.stdout.write("[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n");
}

async function updateClusterConfiguration(client: ClusterClient, target: string): Promise<void> {
  const cm = client.get(GR.configmaps, "kube-system", "kubeadm-config");
  if (!cm) return;
  const data = { ...(cm.data as Record<string, string>) };
  data.ClusterConfiguration = data.ClusterConfiguration.replace(/^kubernetesVersion:.*$/m, `kubernetesVersion: ${target}`);
  await client.update(GR.configmaps, { ...structuredClone(cm), data });
}

/** postupgrade.go: back the node's config.yaml up, then write the kubelet-config ConfigMap's. */
export function writeKubeletConfig(io: CommandIO, client: ClusterClient, deps: UpgradeDeps, now: Date): void {
  const kubelet = (client.get(GR.configmaps, "kube-system", "kubelet-config")?.data as Record<string, string> | undefined)?.kubelet;
  const dir = `/etc/kubernetes/tmp/kubeadm-kubelet-config${tempSuffix(now, 2)}`;
  io.stdout.write(
    klogLine("W", now, deps.pid ?? 4242, "postupgrade.go:117", `Using temporary directory ${dir} for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR`) + "\n",
  );
  io.stdout.write(`[upgrade] Backing up kubelet config file to ${dir}/config.yaml\n`);
  fs.mkdirSync(io.nodePath(dir), { recursive: true });
  const current = io.nodePath("/var/lib/kubelet/config.yaml");
  if (fs.existsSync(current)) fs.copyFileSync(current, io.nodePath(`${dir}/config.yaml`));
  io.stdout.write(`[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n`);
  if (kubelet !== undefined) fs.writeFileSync(current, kubelet);
  io.stdout.write("[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n");
}

async function setImage(client: ClusterClient, gr: GroupResource, name: string, image: string): Promise<void> {
  const obj = client.get(gr, "kube-system", name);
  if (!obj) return;
  const copy = structuredClone(obj) as KObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
  const c = copy.spec?.template?.spec?.containers?.[0];
  if (!c || c.image === image) return;
  c.image = image;
  await client.update(gr, copy);
}

