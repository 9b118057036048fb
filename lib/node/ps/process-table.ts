// What `ps aux`, `ps -ef` and `pgrep` see on a node. The node's daemons (kubelet, containerd)
// and its containers' processes are simulated in the lab process, so the node's PID namespace
// would hold none of them. Each gets a stand-in instead: one tiny long-lived process in the
// node's PID namespace whose command line is the daemon's (/proc/PID/cmdline) and whose name is
// its binary's (/proc/PID/comm, via a symlink named after it: the kernel names a process after
// the path it was exec'd by). The stand-in is `cat` blocked reading a FIFO nobody writes (opened
// read-write, so it never sees EOF): about a megabyte, no CPU, a child of the node's init. It is
// killed by its pid when its daemon or container stops, and dies with the node's PID namespace.
// Stand-ins are forked by a shell already inside the node (its init), never by the lab process:
// forking the big lab process once per container was the largest cost of starting a lab.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";

/** Stand-ins per node (named limit): beyond it, `ps` simply shows fewer processes. */
export const MAX_STANDINS = 120;
/** The placeholder program: blocks reading stdin until EOF. */
const STANDIN_BINARY = "/usr/bin/cat";

/** Forks stand-ins inside the node. */
export interface StandInSpawner {
  /** Runs `link` renamed to cmdline with stdin on hold (a FIFO it creates if missing), as an orphan of the node's init; resolves its pid in the node. */
  spawn(cmdline: string, link: string, hold: string): Promise<number | undefined>;
  kill(pid: number): void;
}

export interface ProcessTableDeps {
  /** The node's spawner, or undefined while the node is down. */
  spawner(): StandInSpawner | undefined;
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

  /** The FIFO every stand-in blocks on, as the node sees it (the spawner makes it). */
  private hold(): string {
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

  /**
   * Starts a stand-in under key showing argv and resolves its pid in the node (a daemon's Main
   * PID); the same key with the same command line keeps the running one, another replaces it.
   */
  start(key: string, argv: string[], comm?: string): Promise<number | undefined> {
    const cmdline = argv.join(" ");
    const current = this.live.get(key);
    if (current?.cmdline === cmdline) return current.pid;
    this.stop(key);
    const spawner = this.deps.spawner();
    if (!spawner || this.live.size >= MAX_STANDINS || argv.length === 0) return Promise.resolve(undefined);
    let pid: Promise<number | undefined>;
    try {
      pid = spawner.spawn(cmdline, this.link(comm ?? commName(argv[0])), this.hold());
    } catch {
      return Promise.resolve(undefined);
    }
    const standIn: StandIn = {
      pid,
      cmdline,
      stop: () => {
        if (this.live.get(key) === standIn) this.live.delete(key);
        void pid.then((p) => p && this.deps.spawner()?.kill(p));
      },
    };
    this.live.set(key, standIn);
    return pid;
  }

  stop(key: string): void {
    this.live.get(key)?.stop();
  }

  /** Keeps exactly the wanted stand-ins (key -> argv) among those whose key starts with prefix. */
  reconcile(prefix: string, wanted: Map<string, string[]>): void {
    for (const key of [...this.live.keys()]) if (key.startsWith(prefix) && !wanted.has(key)) this.stop(key);
    for (const [key, argv] of wanted) void this.start(key, argv);
  }

  keys(): string[] {
    return [...this.live.keys()];
  }

  stopAll(): void {
    for (const key of [...this.live.keys()]) this.stop(key);
  }
}
