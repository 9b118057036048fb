// etcd as its static pod runs it: the real Debian etcd binary, with the flags of the container's
// command and its files and data directory resolved through the container's mounts. Only the
// listen URLs move to unix sockets in the lab's run dir (the nodes' forwarders serve them at
// 127.0.0.1:2379 and <node IP>:2379, TLS passing through).
import { spawn, type ChildProcess } from "node:child_process";
import { lstatSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { parseFlags } from "./flags.js";
import type { ContainerFiles } from "./kube-apiserver.js";

export interface EtcdProgramDeps extends ContainerFiles {
  argv: string[];
  runDir: string;
  /** Host path prefix of the node's tree: removed from etcd's messages, which name node paths. */
  nodeRoot: string;
  log(line: string): void;
  exit(code: number): void;
  /** Where a data dir outside every mount lives (the container's own writable layer). */
  scratchDir: string;
}

const PASS = ["name", "advertise-client-urls", "initial-advertise-peer-urls", "initial-cluster", "initial-cluster-state", "initial-cluster-token", "snapshot-count", "client-cert-auth", "peer-client-cert-auth", "auto-compaction-retention", "auto-compaction-mode", "quota-backend-bytes", "experimental-initial-corrupt-check"];
const FILES = ["cert-file", "key-file", "trusted-ca-file", "peer-cert-file", "peer-key-file", "peer-trusted-ca-file"];

/** The host unix socket of the lab's etcd client endpoint. */
export function etcdClientSocket(runDir: string): string {
  return path.join(runDir, "etcd-client.sock");
}

/** The etcd process of each lab (by run dir): a new one waits for the old to be gone. */
const running = new Map<string, Promise<unknown>>();

export function startEtcdProgram(deps: EtcdProgramDeps): { stop(): Promise<void>; exited: Promise<number | null> } {
  const { flags: f } = parseFlags(deps.argv.slice(1));
  const dataFlag = f.get("data-dir") ?? "/var/lib/etcd";
  const dataDir = deps.hostPathOf(dataFlag) ?? path.join(deps.scratchDir, dataFlag);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sockDir = path.join(deps.runDir, "etcd");
  mkdirSync(sockDir, { recursive: true });
  const clientSocket = etcdClientSocket(deps.runDir);
  // The link dangles while no etcd listens (existsSync follows it), so test the link itself.
  if (!lstatSync(clientSocket, { throwIfNoEntry: false })) symlinkSync(path.join("etcd", "localhost:2379"), clientSocket);
  const args: string[] = [];
  for (const k of PASS) if (f.has(k)) args.push(`--${k}=${f.get(k)}`);
  for (const k of FILES) if (f.has(k)) args.push(`--${k}=${deps.hostPathOf(f.get(k)!) ?? path.join(deps.scratchDir, f.get(k)!)}`);
  // A lone member elects itself after one election timeout: a short one saves half a second of
  // every lab's start, and with no peers there is no heartbeat to miss.
  const lone = !(f.get("initial-cluster") ?? "").includes(",");
  if (lone) args.push("--heartbeat-interval=10", "--election-timeout=100");
  args.push(`--data-dir=${dataDir}`, "--listen-client-urls=unixs://localhost:2379", "--listen-peer-urls=unixs://localhost:2380", "--listen-metrics-urls=http://127.0.0.1:0", "--log-outputs=stderr", "--logger=zap");
  const clean = (s: string) => s.split(deps.nodeRoot).join("").split(deps.scratchDir).join("");
  let buf = "";
  const onData = (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      deps.log(clean(buf.slice(0, i)));
      buf = buf.slice(i + 1);
    }
  };
  let stopping = false;
  let proc: ChildProcess | undefined;
  // The previous etcd of this lab (a replaced static pod) unlinks its sockets as it closes and
  // holds the data dir's lock: the new one starts once it is gone, as the kubelet's container
  // restart would order them on one node.
  const previous = running.get(deps.runDir) ?? Promise.resolve();
  const exited = previous.then(
    () =>
      new Promise<number | null>((resolve) => {
        if (stopping) return resolve(0);
        for (const s of ["localhost:2379", "localhost:2380"]) rmSync(path.join(sockDir, s), { force: true });
        const p = spawn("/usr/bin/etcd", args, { cwd: sockDir, stdio: ["ignore", "pipe", "pipe"], env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv });
        proc = p;
        p.stdout!.on("data", onData);
        p.stderr!.on("data", onData);
        p.on("exit", (code) => {
          if (!stopping) deps.exit(code ?? 1);
          resolve(code);
        });
      }),
  );
  running.set(deps.runDir, exited);
  return {
    exited,
    async stop() {
      stopping = true;
      const p = proc;
      if (p && p.exitCode === null && p.signalCode === null) {
        p.kill("SIGTERM");
        const t = setTimeout(() => p.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(t);
      } else if (!p) await exited;
    },
  };
}
