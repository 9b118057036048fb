// The node's administration commands (kubeadm, etcdutl, the apt tools, `kubelet --version`),
// as the in-node agent serves them. dpkg is not here: the host's real dpkg reads the node's
// /var/lib/dpkg/status, which the apt tools keep.
import type { NodeCommand } from "../types";
import { aptCommands } from "./apt";
import { etcdutlCommand } from "./etcdutl";
import { kubeadmCommand, type KubeadmDeps } from "./kubeadm";
import { kubeletCliCommand } from "./kubelet-cli";

export { installedVersion, KUBECTL_ALTERNATIVE, KUBECTL_TOOLS_IN_NODE, kubectlTarget, pointKubectl, formatStatus, defaultInstalled, DPKG_STATUS } from "./apt";
export { kubeadmCommand, commandExec, type KubeadmDeps, type BootstrapClient, type BootstrapClientFactory, type NodeExec, type NodeExecResult } from "./kubeadm";

export function adminCommands(deps: KubeadmDeps & { kubernetesVersion: string }): Map<string, NodeCommand> {
  return new Map<string, NodeCommand>([
    ["kubeadm", kubeadmCommand(deps)],
    ["etcdutl", etcdutlCommand()],
    ["kubelet", kubeletCliCommand(deps.kubernetesVersion)],
    ...aptCommands({ kubernetesVersion: deps.kubernetesVersion }),
  ]);
}
