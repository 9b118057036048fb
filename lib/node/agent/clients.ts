// Installs the agent client under the names of the commands it stands for.
import fs from "node:fs";
import path from "node:path";

/** The commands the in-node agent client stands for. */
export const AGENT_COMMAND_NAMES = ["systemctl", "journalctl", "kubeadm", "crictl", "etcdutl", "apt-get", "apt", "apt-mark", "apt-cache", "kubelet", "iptables", "iptables-save", "iptables-restore", "iptables-nft", "iptables-nft-save", "iptables-nft-restore"] as const;

export function agentClientSource(): string {
  return fs.readFileSync(new URL("./client.mjs", import.meta.url), "utf8");
}

/** Writes the client (mode 0755) as each name into dir, e.g. the tools directory bound at /usr/local/bin. */
export function writeAgentClients(dir: string, names: readonly string[] = AGENT_COMMAND_NAMES): void {
  fs.mkdirSync(dir, { recursive: true });
  const src = agentClientSource();
  for (const n of names) {
    const p = path.join(dir, n);
    fs.writeFileSync(p, src, { mode: 0o755 });
    fs.chmodSync(p, 0o755);
  }
}
