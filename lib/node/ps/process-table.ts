// What `ps aux`, `ps -ef` and `pgrep` see on a node. The node's daemons (kubelet, containerd)
// and its containers' processes are simulated in the lab process, so the node's PID namespace
// would hold none of them. Each gets a stand-in instead: one tiny long-lived process in the
// node's PID namespace whose command line is the daemon's (/proc/PID/cmdline) and whose name is
// its binary's (/proc/PID/comm, via a symlink named after it: the kernel names a process after
// the path it was exec'd by). The stand-in is `cat` blocked reading a FIFO nobody writes (opened
// read-write, so it never sees EOF): about a megabyte, no CPU, a child of the node's init. It is
// killed by its pid when its daemon or container stops, and dies with the node's PID namespace.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";

/** Stand-ins per node (named limit): beyond it, `ps` simply shows fewer processes. */
export const MAX_STANDINS = 120;
/** The placeholder program: blocks reading stdin until EOF. */
const STANDIN_BINARY = "/usr/bin/cat";

export interface ProcessTableDeps {
  /** Host argv that runs argv inside the node's namespaces (nsenter), or undefined while the node is down. */
  enter(argv: string[]): string[] | undefined;
  /** Host directory the node sees at nodeLinkDir (the agent's directory), for the name symlinks. */
  hostLinkDir: string;
  nodeLinkDir: string;
}

export interface StandIn {
  /** The pid inside the node, once known. */
  readonly pid: Promise<number | undefined>;
  /** The command line it shows. */
  readonly cmdline: string;
  stop(): void;
}

/** comm is the exec'd path's basename, cut to 15 bytes by the kernel. */
export function commName(argv0: string): string {
  return path.posix.basename(argv0) || "sh";
}

export class ProcessTable {
  private live = new Map<string, StandIn>();
  private links = new Set<string>();

  constructor(private readonly deps: ProcessTableDeps) {}

  /** The FIFO every stand-in blocks on, as the node sees it. */
  private hold(): string {
    const host = path.join(this.deps.hostLinkDir, "ps", ".hold");
    if (!existsSync(host)) {
      mkdirSync(path.dirname(host), { recursive: true });
      execFileSync("mkfifo", ["-m", "600", host]);
    }
    return path.posix.join(this.deps.nodeLinkDir, "ps", ".hold");
  }

  private link(name: string): string {
    const safe = name.replace(/[^A-Za-z0-9._+-]/g, "_") || "sh";
    if (!this.links.has(safe)) {
      const dir = path.join(this.deps.hostLinkDir, "ps");
      mkdirSync(dir, { recursive: true });
      rmSync(path.join(dir, safe), { force: true });
      symlinkSync(STANDIN_BINARY, path.join(dir, safe));
      this.links.add(safe);
    }
    return path.posix.join(this.deps.nodeLinkDir, "ps", safe);
  }

  /** Starts a stand-in under key showing argv; the same key with the same command line is a no-op, another replaces it. */
  start(key: string, argv: string[], comm?: string): void {
    this.launch(key, argv, comm, false);
  }

  /** As start, but waits for the stand-in and returns its pid in the node (a daemon's Main PID). */
  startSync(key: string, argv: string[], comm?: string): number | undefined {
    return this.launch(key, argv, comm, true);
  }

  private launch(key: string, argv: string[], comm: string | undefined, sync: boolean): number | undefined {
    if (this.live.get(key)?.cmdline === argv.join(" ")) return undefined;
    this.stop(key);
    if (this.live.size >= MAX_STANDINS || argv.length === 0) return undefined;
    // bash backgrounds the stand-in and exits, so init (PID 1) becomes its parent as for a daemon.
    const script = 'exec -a "$0" "$1" <>"$2" >/dev/null 2>&1 & echo $!';
    let host: string[] | undefined;
    try {
      host = this.deps.enter(["/usr/bin/bash", "-c", script, argv.join(" "), this.link(comm ?? commName(argv[0])), this.hold()]);
    } catch {
      return undefined;
    }
    if (!host) return undefined;
    if (sync) {
      const r = spawnSync(host[0], host.slice(1), { stdio: ["ignore", "pipe", "ignore"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" }, timeout: 5_000 });
      const n = Number(String(r.stdout ?? "").trim()) || undefined;
      this.live.set(key, this.handle(key, Promise.resolve(n), argv.join(" ")));
      return n;
    }
    const child = spawn(host[0], host.slice(1), { stdio: ["ignore", "pipe", "ignore"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } });
    const pid = new Promise<number | undefined>((resolve) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", () => resolve(Number(out.trim()) || undefined));
      child.on("error", () => resolve(undefined));
    });
    this.live.set(key, this.handle(key, pid, argv.join(" ")));
    return undefined;
  }

  private handle(key: string, pid: Promise<number | undefined>, cmdline: string): StandIn {
    const standIn: StandIn = {
      pid,
      cmdline,
      stop: () => {
        if (this.live.get(key) === standIn) this.live.delete(key);
        void pid.then((p) => {
          const kill = p ? this.deps.enter(["/usr/bin/kill", "-9", String(p)]) : undefined;
          if (kill) spawn(kill[0], kill.slice(1), { stdio: "ignore" }).on("error", () => undefined);
        });
      },
    };
    return standIn;
  }

  stop(key: string): void {
    this.live.get(key)?.stop();
  }

  /** Keeps exactly the wanted stand-ins (key -> argv) among those whose key starts with prefix. */
  reconcile(prefix: string, wanted: Map<string, string[]>): void {
    for (const key of [...this.live.keys()]) if (key.startsWith(prefix) && !wanted.has(key)) this.stop(key);
    for (const [key, argv] of wanted) this.start(key, argv);
  }

  keys(): string[] {
    return [...this.live.keys()];
  }

  stopAll(): void {
    for (const key of [...this.live.keys()]) this.stop(key);
  }
}
