// The contract between systemd (lib/node/systemd) and the daemons its units start. A unit's
// ExecStart names a binary; when that binary is one Drydock simulates (/usr/bin/kubelet,
// /usr/bin/containerd), systemd asks the node's program table for it and runs it in-process.

/** One running instance of a daemon started by a unit. */
export interface ServiceProcess {
  readonly pid: number;
  /** The pid `ps` shows for it, when that is known only later: systemd then reports it as Main PID. */
  readonly pidReady?: Promise<number | undefined>;
  /** SIGTERM: resolves when the daemon has stopped (its onExit is not called for a requested stop). */
  stop(): Promise<void>;
}

export interface ServiceIO {
  /** The daemon's pid as the node shows it (klog prints it in every line), when known at start. */
  readonly pid?: number;
  /** One line of the daemon's stderr/stdout: journald records it under the unit. */
  log(line: string): void;
  /** The daemon exited on its own (a fatal error): systemd applies Restart= and RestartSec=. */
  exit(code: number): void;
}

/** Starts a simulated daemon from the unit's fully expanded argv and environment. */
export type ServiceProgram = (argv: string[], env: Record<string, string>, io: ServiceIO) => ServiceProcess;

/** The simulated binaries of a node, by absolute path. */
export type ProgramTable = Map<string, ServiceProgram>;

/**
 * A simulated command run inside a node (systemctl, journalctl, kubeadm, crictl, etcdutl, ...):
 * the in-node client forwards argv, stdin and the terminal to the lab, which runs it here.
 */
export interface CommandIO {
  argv: string[];
  /** The node's environment as the client saw it (PATH, HOME, KUBECONFIG, TERM, ...). */
  env: Record<string, string>;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Set when the client runs on a terminal (for pagers, colours and widths). */
  tty?: { cols: number; rows: number };
  /** Resolves a path inside the node to the path of the node's tree on the host. */
  nodePath(p: string): string;
  nodeName: string;
}

/** Resolves with the exit code. */
export type NodeCommand = (io: CommandIO) => Promise<number>;
