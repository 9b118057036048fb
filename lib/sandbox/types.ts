// Shapes shared by the sandbox modules (node sandboxes, their cgroup and their forwarders).

export interface SandboxLimits {
  /** memory.max (v2) / memory.limit_in_bytes (v1) of the lab's cgroup; default 2 GiB. */
  memoryBytes?: number;
  /** pids.max of the lab's cgroup; default 1024. */
  pids?: number;
  /** RLIMIT_NOFILE of every process started in the node; default 4096. */
  nofile?: number;
  /** Root of the cgroup filesystem; default /sys/fs/cgroup (tests point it elsewhere). */
  cgroupRoot?: string;
  /** Set false to skip cgroups entirely (rlimits still apply). */
  cgroups?: boolean;
}

export interface BindMount {
  src: string;
  dest: string;
}

export interface NodeSandboxSpec {
  labId: string;
  nodeName: string;
  /** The node's InternalIP, put on lo inside the node's network namespace. */
  nodeIp: string;
  /** The node's writable tree on disk (etc, root, var, opt, ... bound read-write at /<name>). */
  rootDir: string;
  /** Host directory bound at /run/drydock: the lab runtime's unix sockets. */
  runDir: string;
  extraRoBinds?: BindMount[];
  /** Host directories bound read-write, e.g. the node's own agent socket directory. */
  extraRwBinds?: BindMount[];
  /** The other nodes' IPs: routed locally so a forwarder can listen on them (NodePorts). */
  peerNodeIps?: string[];
  /** Cluster ranges routed locally; default the service and pod CIDRs of the fresh lab. */
  localRanges?: string[];
  limits?: SandboxLimits;
}

/** Where runDir appears inside every node. */
export const RUN_DIR_IN_NODE = "/run/drydock";

/** The cluster ranges of the fresh lab (docs/cluster-spec.md): service CIDR and pod CIDR. */
export const DEFAULT_LOCAL_RANGES = ["10.96.0.0/12", "10.244.0.0/16"];
