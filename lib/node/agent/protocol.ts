// The wire protocol between the in-node agent client (client.mjs, installed as systemctl,
// journalctl, kubeadm, crictl, etcdutl) and the lab's agent server: the frame format of the ssh
// broker (lib/sandbox/broker-protocol.ts: type byte, 4-byte big-endian length, payload) with its
// own frame types. client.mjs carries its own copy of the codec: keep the two in step.

export const AgentFrame = {
  // client -> server
  Run: 1, // JSON RunRequest; must be the first frame
  Stdin: 2,
  StdinEof: 3,
  Resize: 4, // JSON {cols, rows}
  Signal: 5, // JSON {signal: "SIGINT" | "SIGTERM" | "SIGHUP"}
  // server -> client
  Stdout: 17,
  Stderr: 18,
  Exit: 19, // JSON {code}
} as const;

export interface RunRequest {
  v: 1;
  /** The node's hostname as the client sees it; only trusted on a shared socket. */
  node: string;
  /** The command name the client was invoked as (basename of argv[0]). */
  name: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  tty: { cols: number; rows: number } | null;
}

/** In-node paths: a socket bound only into its node (preferred) and the shared runDir one. */
export const AGENT_SOCKET_IN_NODE = "/run/drydock-agent/agent.sock";
export const SHARED_AGENT_SOCKET_IN_NODE = "/run/drydock/agent.sock";

/** Named limits. */
export const AGENT_MAX_SESSIONS = 64;
export const AGENT_MAX_FRAME = 1 << 20;
/** After a signal, how long a command may take to finish before the client is released. */
export const AGENT_SIGNAL_GRACE_MS = 200;
