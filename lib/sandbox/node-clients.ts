// The in-node programs that reach the lab's broker: /usr/local/bin/ssh and /usr/local/bin/scp.
// They are Node scripts run by the host's /usr/bin/node (visible in every node through /usr),
// assembled from clients/common.mjs and their own main part.
import fs from "node:fs";
import path from "node:path";

/** The broker's socket, as a file name in runDir (/run/drydock/ssh.sock inside the nodes). */
export const BROKER_SOCKET_NAME = "ssh.sock";

function part(name: string): string {
  return fs.readFileSync(new URL(`./clients/${name}`, import.meta.url), "utf8");
}

export function sshClientSource(): string {
  return "#!/usr/bin/node\n" + part("common.mjs") + "\n" + part("ssh-main.mjs");
}

export function scpClientSource(): string {
  return "#!/usr/bin/node\n" + part("common.mjs") + "\n" + part("scp-main.mjs");
}

/** Writes `ssh` and `scp` (mode 0755) into dir, e.g. the tools directory bound at /usr/local/bin. */
export function writeNodeClients(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, src] of [
    ["ssh", sshClientSource()],
    ["scp", scpClientSource()],
  ] as const) {
    const p = path.join(dir, name);
    fs.writeFileSync(p, src, { mode: 0o755 });
    fs.chmodSync(p, 0o755);
  }
}
