// kubeadm upgrade node (cmd/kubeadm/app/cmd/upgrade/node.go and its phases): on a worker only
// the kubelet configuration is rewritten from the kubelet-config ConfigMap; on another control
// plane node the static pods follow the cluster's version too.
import fs from "node:fs";
import type { CommandIO } from "../../../types";
import { fail } from "../errors";
import { uploadConfigHint } from "../messages";
import { readClusterState } from "./cluster-state";
import { upgradeStaticPods, writeKubeletConfig, type ApplyDeps } from "./apply";

export async function upgradeNode(io: CommandIO, deps: ApplyDeps): Promise<number> {
  const client = await deps.client();
  io.stdout.write(`[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade] ${uploadConfigHint(deps.kubeadmVersion)}\n`);
  const state = readClusterState(client);
  if (typeof state === "string") return fail(io, `error execution phase preflight: ${state}`);
  const controlPlane = fs.existsSync(io.nodePath("/etc/kubernetes/manifests/kube-apiserver.yaml"));
  const now = deps.clock.now();
  io.stdout.write("[upgrade/preflight] Running pre-flight checks\n");
  if (!controlPlane) {
    io.stdout.write(
      "[upgrade/preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n",
    );
    writeKubeletConfig(io, client, deps, now);
    io.stdout.write("[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.\n");
    return 0;
  }
  io.stdout.write(
    "[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n",
  );
  await upgradeStaticPods(io, deps, state.clusterVersion, true, now);
  io.stdout.write("[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!\n");
  writeKubeletConfig(io, client, deps, now);
  io.stdout.write("[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n");
  return 0;
}
