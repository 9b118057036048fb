// One node's simulated machine: journald, containerd, systemd with the kubelet and containerd
// services, and the agent that serves the node's admin commands (systemctl, journalctl, crictl,
// kubeadm, etcdutl) to the client programs inside the sandbox.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Random } from "../../cluster/api/types.js";
import type { ClusterClient } from "../../cluster/client/types.js";
import type { Time } from "../../cluster/runtime/timers.js";
import { createContainerRuntime, type ContainerRuntime } from "../../node/containers/runtime.js";
import type { ContainerProgramEntry } from "../../node/containers/programs/types.js";
import type { PodSandboxConfig } from "../../node/cri/types.js";
import { Journal } from "../../node/journal/journal.js";
import { createSystemd, type SystemdHandle } from "../../node/systemd/index.js";
import { startAgent, type Agent } from "../../node/agent/index.js";
import { createKubeletProgram, type KubeletRegistry } from "../../node/kubelet/index.js";
import { adminCommands } from "../../node/admin/index.js";
import type { NodeCommand, ProgramTable, ServiceProgram } from "../../node/types.js";
import type { DialResult } from "../../node/network/lab-network.js";

const CONTAINERD_SOCKETS = new Set(["unix:///var/run/containerd/containerd.sock", "unix:///run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock"]);

export interface NodeHostDeps {
  nodeName: string;
  nodeIp: string;
  nodeRoot: string;
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
}

/** sshd: the lab's ssh broker does the work; the unit only needs a running main process. */
const sshdProgram: ServiceProgram = (_argv, _env, io) => {
  io.log("Server listening on 0.0.0.0 port 22.");
  io.log("Server listening on :: port 22.");
  return { pid: 800, stop: async () => undefined };
};

export class NodeHost {
  readonly journal: Journal;
  readonly runtime: ContainerRuntime;
  readonly systemd: SystemdHandle;
  private agent: Agent | undefined;
  private containerdUp = false;

  constructor(private readonly deps: NodeHostDeps) {
    const nodePath = (p: string) => path.join(deps.nodeRoot, p);
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
    });
    const programs: ProgramTable = new Map<string, ServiceProgram>([
      ["/usr/bin/kubelet", kubelet],
      ["/usr/bin/containerd", this.containerdProgram()],
      ["/usr/sbin/sshd", sshdProgram],
    ]);
    this.systemd = createSystemd({ nodeName: deps.nodeName, nodePath, programs, time: deps.time, journal: this.journal });
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
    return new Map<string, NodeCommand>([
      ...this.systemd.commands(),
      ["crictl", this.runtime.crictl],
      ...adminCommands({ client: this.deps.adminClient, nodePath, time: this.deps.time, random: this.deps.random, kubernetesVersion: "v1.32.3" }),
    ]);
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
    this.systemd.bootUp();
  }

  async stop(): Promise<void> {
    await this.systemd.shutdown().catch(() => undefined);
    // Containers outlive their kubelet: end them too (the node is going away).
    for (const s of this.runtime.listPodSandboxes()) await this.runtime.stopPodSandbox(s.id).catch(() => undefined);
    await this.agent?.close().catch(() => undefined);
  }
}
