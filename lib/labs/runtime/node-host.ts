// One node's simulated machine: journald, containerd, systemd with the kubelet and containerd
// services, and the agent that serves the node's admin commands (systemctl, journalctl, crictl,
// kubeadm, etcdutl) to the client programs inside the sandbox.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { KObject, Random } from "../../cluster/api/types.js";
import { restoreRecords } from "../../node/containers/restore.js";
import type { ClusterClient } from "../../cluster/client/types.js";
import type { Time } from "../../cluster/runtime/timers.js";
import { createContainerRuntime, type ContainerRuntime } from "../../node/containers/runtime.js";
import type { ContainerProgramEntry } from "../../node/containers/programs/types.js";
import type { PodSandboxConfig } from "../../node/cri/types.js";
import { Journal } from "../../node/journal/journal.js";
import { createSystemd, type SystemdHandle } from "../../node/systemd/index.js";
import { startAgent, type Agent } from "../../node/agent/index.js";
import { createKubeletProgram, type KubeletRegistry } from "../../node/kubelet/index.js";
import { adminCommands, commandExec, type BootstrapClientFactory } from "../../node/admin/index.js";
import { iptablesCommands } from "../../node/iptables/index.js";
import { buildProxyState } from "../../cluster/network/proxy-model.js";
import { renderIptablesSave } from "../../cluster/network/iptables-save.js";
import { GR } from "../../cluster/client/types.js";
import { ProcessTable } from "../../node/ps/process-table.js";
import { InitShellSpawner, type ShellChannel } from "../../node/ps/init-shell.js";
import { stripWrapper } from "../../node/containers/runtime.js";
import type { NodeCommand, ProgramTable, ServiceProcess, ServiceProgram } from "../../node/types.js";
import type { DialResult } from "../../node/network/lab-network.js";
import { isSystemPath } from "./node-fs.js";

const CONTAINERD_SOCKETS = new Set(["unix:///var/run/containerd/containerd.sock", "unix:///run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock"]);

export interface NodeHostDeps {
  nodeName: string;
  nodeIp: string;
  nodeRoot: string;
  /** Shadow of the node's host-provided system paths (/sys, /proc, /lib, /run...). */
  systemRoot: string;
  /** Host directory bound at /run/drydock-agent in this node only. */
  agentDir: string;
  time: Time;
  random: Random;
  preloadedImages: string[];
  programs: ContainerProgramEntry[];
  podIP(config: PodSandboxConfig): string;
  network: { dial(fromIp: string, ip: string, port: number): Promise<DialResult>; dns(fromIp: string, query: Buffer): Promise<Buffer | undefined> };
  kubelets: KubeletRegistry;
  /** The kubelet's kubeconfig → its API client (errors in Go's words). */
  connectApi(kubeconfigPath: string): Promise<ClusterClient>;
  /** An administrator's client for kubeadm. */
  adminClient(): Promise<ClusterClient>;
  /** The host pid of the node's init: its /proc/<pid>/root is the node's whole filesystem. */
  sandboxPid(): number | undefined;
  /** kubeadm join's anonymous and bootstrap-token requests to an API endpoint. */
  bootstrapClient?: BootstrapClientFactory;
  /** The pipes of the node's init shell (it forks the stand-in processes ps shows). */
  initShell(): ShellChannel | undefined;
  /**
   * The seeded pods bound to this node (with the status the seed wrote): containerd starts with
   * their containers, as a node whose cluster is ~40 minutes old has them (lib/node/cri/restore.ts).
   */
  seededPods?: KObject[];
}

/** sshd: the lab's ssh broker does the work; the unit only needs a running main process. */
const sshdProgram: ServiceProgram = (_argv, _env, io) => {
  io.log("Server listening on 0.0.0.0 port 22.");
  io.log("Server listening on :: port 22.");
  return { pid: 800, stop: async () => undefined };
};

/** How often the pods' stand-in processes are reconciled with the runtime. */
const PS_RESYNC_MS = 3_000;

export class NodeHost {
  readonly journal: Journal;
  readonly runtime: ContainerRuntime;
  readonly systemd: SystemdHandle;
  private agent: Agent | undefined;
  private containerdUp = false;
  private readonly iptables: Map<string, NodeCommand>;
  /** The last rules rendered: a node keeps its tables while the API server is away. */
  private lastRules = "";
  /** Stand-in processes so `ps` in the node shows its daemons and containers. */
  readonly processes: ProcessTable;
  private psTimer: (() => void) | undefined;
  private psPending = false;

  constructor(private readonly deps: NodeHostDeps) {
    // The node tree is the node's root file system (lib/sandbox/bwrap-args.ts); the system
    // paths it gets from the host have a shadow tree of their own (node-fs.ts).
    const nodePath = (p: string) => path.join(isSystemPath(p) ? deps.systemRoot : deps.nodeRoot, p);
    const treePath = nodePath;
    this.journal = new Journal(deps.nodeName);
    this.runtime = createContainerRuntime({
      nodeName: deps.nodeName,
      nodePath,
      time: deps.time,
      random: deps.random,
      podIP: deps.podIP,
      network: deps.network,
      preloadedImages: deps.preloadedImages,
    });
    for (const p of deps.programs) this.runtime.registerProgram(p);
    let spawner: InitShellSpawner | undefined;
    this.processes = new ProcessTable({
      spawner: () => {
        if (spawner) return spawner;
        const channel = deps.initShell();
        return channel && (spawner = new InitShellSpawner(channel));
      },
      hostLinkDir: deps.agentDir,
      nodeLinkDir: "/run/drydock-agent",
    });
    const kubelet = createKubeletProgram({
      nodeName: deps.nodeName,
      nodeIP: deps.nodeIp,
      nodePath,
      connectApi: deps.connectApi,
      connectRuntime: (endpoint) => {
        const sock = endpoint.replace(/^unix:\/\//, "");
        if (!CONTAINERD_SOCKETS.has(endpoint) || !this.containerdUp) {
          return new Error(`validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${sock}: connect: no such file or directory"`);
        }
        return this.runtime;
      },
      time: deps.time,
      random: deps.random,
      registry: deps.kubelets,
      firstRunContinues: () => !!this.deps.seededPods?.length,
    });
    const programs: ProgramTable = new Map<string, ServiceProgram>([
      ["/usr/bin/kubelet", this.withStandIn("kubelet", kubelet)],
      ["/usr/bin/containerd", this.withStandIn("containerd", this.containerdProgram())],
      ["/usr/sbin/sshd", this.withStandIn("sshd", sshdProgram, () => ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"], "sshd")],
    ]);
    this.iptables = iptablesCommands({ rules: () => this.kubeProxyRules() });
    this.systemd = createSystemd({ nodeName: deps.nodeName, nodePath: treePath, programs, time: deps.time, journal: this.journal });
  }

  /**
   * A daemon whose process `ps` shows while it runs. The daemon starts once its stand-in's pid
   * is known (a few milliseconds), so that its own log lines carry the pid systemd and ps show.
   */
  private withStandIn(name: string, program: ServiceProgram, display?: (argv: string[]) => string[], comm?: string): ServiceProgram {
    return (argv, env, io) => {
      const key = `daemon:${name}`;
      this.processes.stop(key);
      let inner: ServiceProcess | undefined;
      let stopped = false;
      const pidReady = this.processes.start(key, display ? display(argv) : argv, comm).then((pid) => {
        if (stopped) return pid;
        inner = program(argv, env, {
          pid,
          log: io.log,
          exit: (code) => {
            this.processes.stop(key);
            io.exit(code);
          },
        });
        return pid ?? inner.pid;
      });
      return {
        pid: 0,
        pidReady,
        stop: async () => {
          stopped = true;
          this.processes.stop(key);
          await pidReady;
          await inner?.stop();
        },
      };
    };
  }

  /** The pods' processes as a node's ps shows them: a shim and /pause per sandbox, each container's command. */
  private syncContainerProcesses(): void {
    const wanted = new Map<string, string[]>();
    for (const s of this.runtime.listPodSandboxes()) {
      if (s.state !== "SANDBOX_READY") continue;
      wanted.set(`pod:${s.id}:shim`, ["/usr/bin/containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", s.id, "-address", "/run/containerd/containerd.sock"]);
      wanted.set(`pod:${s.id}:pause`, ["/pause"]);
    }
    for (const c of this.runtime.containers.values()) {
      if (c.status.state !== "CONTAINER_RUNNING" || c.dormant) continue;
      wanted.set(`pod:${c.status.sandboxId}:${c.status.id}`, stripWrapper(c.argv));
    }
    this.processes.reconcile("pod:", wanted);
  }

  private schedulePsSync(): void {
    if (this.psPending) return;
    this.psPending = true;
    setTimeout(() => {
      this.psPending = false;
      this.syncContainerProcesses();
    }, 50).unref();
  }

  /** containerd as a service: the runtime is reachable while it runs (its containers outlive it, as shims do). */
  private containerdProgram(): ServiceProgram {
    let pid = 600;
    return (_argv, _env, io) => {
      this.containerdUp = true;
      const at = () => this.deps.time.now().toISOString();
      io.log(`time="${at()}" level=info msg="starting containerd" revision=88bf19b2105c8b17560993bee28a01ddc2f97182 version=1.7.24`);
      io.log(`time="${at()}" level=info msg="containerd successfully booted in 0.052194s"`);
      return {
        pid: pid++,
        stop: async () => {
          this.containerdUp = false;
        },
      };
    };
  }

  commands(): Map<string, NodeCommand> {
    const nodePath = (p: string) => path.join(this.deps.nodeRoot, p);
    const table = new Map<string, NodeCommand>([...this.systemd.commands(), ["crictl", this.runtime.crictl], ...this.iptables]);
    // kubeadm execs the node's own systemctl and crictl (reset and join stop and start the kubelet).
    const nodeExec = commandExec((n) => table.get(n), { nodePath, nodeName: this.deps.nodeName });
    const admin = adminCommands({
      client: this.deps.adminClient,
      nodePath,
      time: this.deps.time,
      random: this.deps.random,
      kubernetesVersion: "v1.32.3",
      nodeExec,
      bootstrapClient: this.deps.bootstrapClient,
    });
    for (const [name, cmd] of admin) table.set(name, cmd);
    return table;
  }

  /** What kube-proxy (iptables mode) has programmed on this node for the current Services. */
  private async kubeProxyRules(): Promise<string> {
    try {
      const client = await this.deps.adminClient();
      const conf = client.get(GR.configmaps, "kube-system", "kube-proxy")?.data as Record<string, string> | undefined;
      const clusterCIDR = /^clusterCIDR:\s*(\S+)/m.exec(conf?.["config.conf"] ?? "")?.[1] ?? "10.244.0.0/16";
      const state = buildProxyState(client.list(GR.services), client.list(GR.endpointslices));
      this.lastRules = renderIptablesSave(state, { nodeName: this.deps.nodeName, clusterCIDR, date: this.deps.time.now().toUTCString() });
    } catch {
      // The API server is down: the tables stay as kube-proxy last wrote them.
    }
    return this.lastRules;
  }

  async start(): Promise<void> {
    mkdirSync(this.deps.agentDir, { recursive: true });
    this.agent = await startAgent({
      socketPath: path.join(this.deps.agentDir, "agent.sock"),
      nodeName: this.deps.nodeName,
      commands: () => this.commands(),
      // Commands see the node's whole filesystem (its tmpfs root too), as a process in it would.
      nodePath: (_n, p) => {
        const pid = this.deps.sandboxPid();
        return pid ? path.join(`/proc/${pid}/root`, p) : path.join(this.deps.nodeRoot, p);
      },
    });
    if (this.deps.seededPods?.length) this.runtime.restore(restoreRecords(this.deps.seededPods, this.deps.nodeIp, this.deps.random));
    this.runtime.onContainerEvent(() => this.schedulePsSync());
    // Sandboxes come and go without container events: look again every few seconds.
    const tick = () => {
      this.schedulePsSync();
      this.psTimer = this.deps.time.after(PS_RESYNC_MS, tick);
    };
    tick();
    this.systemd.bootUp();
  }

  async stop(): Promise<void> {
    this.psTimer?.();
    await this.systemd.shutdown().catch(() => undefined);
    // Containers outlive their kubelet: end them too (the node is going away).
    for (const s of this.runtime.listPodSandboxes()) await this.runtime.stopPodSandbox(s.id).catch(() => undefined);
    await this.agent?.close().catch(() => undefined);
    this.processes.stopAll();
  }
}
