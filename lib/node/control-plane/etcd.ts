// The real etcd of a lab, started from the etcd static pod manifest: its flags (name, data dir,
// certificates, advertise and initial-cluster URLs) are honoured; only the listen addresses are
// moved from the node's network namespace to unix sockets in the lab's run dir, which the node's
// forwarders serve at 127.0.0.1:2379 and <node IP>:2379 unchanged (TLS passes through).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import type { StaticPod } from "./manifest.js";

export interface EtcdProcess {
  proc: ChildProcess;
  /** Host unix socket the forwarders and the API server connect to (TLS). */
  clientSocket: string;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

/** Maps a path on the node to the host path of the node's tree. */
export type NodePath = (p: string) => string;

export function startEtcd(sp: StaticPod, nodePath: NodePath, runDir: string, log: (chunk: string) => void): EtcdProcess {
  const f = sp.flags;
  const dataDir = nodePath(f.get("data-dir") ?? "/var/lib/etcd");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // etcd 3.4 names a unix listener after its URL host:port, in its working directory.
  const sockDir = path.join(runDir, "etcd");
  mkdirSync(sockDir, { recursive: true });
  for (const s of ["localhost:2379", "localhost:2380"]) rmSync(path.join(sockDir, s), { force: true });
  const clientSocket = path.join(runDir, "etcd-client.sock");
  if (!existsSync(clientSocket)) symlinkSync(path.join("etcd", "localhost:2379"), clientSocket);
  const pass = ["name", "advertise-client-urls", "initial-advertise-peer-urls", "initial-cluster", "initial-cluster-state", "initial-cluster-token", "snapshot-count", "experimental-initial-corrupt-check", "experimental-watch-progress-notify-interval", "client-cert-auth", "peer-client-cert-auth", "auto-compaction-retention", "auto-compaction-mode", "quota-backend-bytes"];
  const files = ["cert-file", "key-file", "trusted-ca-file", "peer-cert-file", "peer-key-file", "peer-trusted-ca-file"];
  const args: string[] = [];
  for (const k of pass) if (f.has(k) && !k.startsWith("experimental-watch")) args.push(`--${k}=${f.get(k)}`);
  for (const k of files) if (f.has(k)) args.push(`--${k}=${nodePath(f.get(k)!)}`);
  args.push(`--data-dir=${dataDir}`, "--listen-client-urls=unixs://localhost:2379", "--listen-peer-urls=unixs://localhost:2380", "--listen-metrics-urls=http://127.0.0.1:0", "--log-outputs=stderr");
  const proc = spawn("/usr/bin/etcd", args, { cwd: sockDir, stdio: ["ignore", "pipe", "pipe"], env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv });
  proc.stdout!.on("data", (d) => log(String(d)));
  proc.stderr!.on("data", (d) => log(String(d)));
  const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
  return {
    proc,
    clientSocket,
    exited,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM");
        const t = setTimeout(() => proc.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}
