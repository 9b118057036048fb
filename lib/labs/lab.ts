// One lab: three node sandboxes over trees kubeadm would have left, the control plane started
// from the controlplane node's static pod manifests, the fresh cluster's objects in etcd, the
// forwarders that put the API and etcd at their addresses in every node, and the ssh broker.
import { mkdirSync, rmSync, existsSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import type { Clock, KObject, Random } from "../cluster/api/types.js";
import { generateLabPki } from "../node/kubeadm/lab-pki.js";
import { buildNodeTree, writeNodeTree } from "../node/kubeadm/tree.js";
import { NODES, CONTROL_PLANE, type NodeSpec } from "../node/kubeadm/topology.js";
import { startNodeSandbox, type NodeSandbox } from "../sandbox/node-sandbox.js";
import { startBroker, type Broker } from "../sandbox/broker.js";
import { BROKER_SOCKET_NAME } from "../sandbox/node-clients.js";
import { startControlPlane, type ControlPlane } from "./control-plane.js";
import { seedCluster } from "./seed.js";
import type { KeyPool } from "./key-pool.js";
import type { ToolPaths } from "./tools.js";

export type LabPhase = "creating" | "ready" | "failed" | "deleting";

export interface LabRecord {
  name: string;
  createdAt: string;
  template: string;
  /** Wall-clock deadline after which the runtime deletes the lab. */
  expiresAt: string;
}

export class Lab {
  phase: LabPhase = "creating";
  nodes = new Map<string, NodeSandbox>();
  controlPlane: ControlPlane | undefined;
  broker: Broker | undefined;
  readonly dir: string;
  readonly runDir: string;
  private readonly logs = new Map<string, string[]>();

  constructor(
    readonly record: LabRecord,
    labsDir: string,
    private readonly deps: { clock: Clock; random: Random; keys: KeyPool; tools: ToolPaths; limits: { memoryBytes: number; pids: number } },
  ) {
    this.dir = path.join(labsDir, record.name);
    // Unix socket paths are limited to 108 bytes: keep the run dir short.
    this.runDir = path.join(this.dir, "run");
  }

  nodeRoot(name: string): string {
    return path.join(this.dir, "nodes", name);
  }

  log(component: string, line: string) {
    const buf = this.logs.get(component) ?? [];
    buf.push(line);
    if (buf.length > 2000) buf.splice(0, buf.length - 2000);
    this.logs.set(component, buf);
  }

  componentLog(component: string): string[] {
    return this.logs.get(component) ?? [];
  }

  /** Builds and starts everything; on failure everything started so far is stopped. */
  async create(): Promise<void> {
    const initTime = new Date(this.deps.clock.now().getTime() - 40 * 60 * 1000);
    mkdirSync(this.runDir, { recursive: true });
    writeFileSync(path.join(this.dir, "lab.json"), JSON.stringify(this.record, null, 2));
    try {
      const pki = await generateLabPki({ initTime, keySource: () => this.deps.keys.take() });
      for (const node of NODES) {
        const root = this.nodeRoot(node.name);
        await writeNodeTree(root, buildNodeTree(node, { pki }));
        this.installTools(root);
      }
      await Promise.all(NODES.map((n) => this.startNode(n)));
      this.controlPlane = await startControlPlane({ nodeRoot: this.nodeRoot(CONTROL_PLANE.name), runDir: this.runDir, clock: this.deps.clock, random: this.deps.random, log: (c, l) => this.log(c, l) });
      await this.addForwards();
      await seedCluster(this.controlPlane, { pki, initTime, clock: this.deps.clock, random: this.deps.random });
      this.broker = await startBroker({
        socketPath: path.join(this.runDir, BROKER_SOCKET_NAME),
        nodes: NODES.map((n) => ({ name: n.name, ip: n.ip, sandbox: this.nodes.get(n.name)! })),
        now: () => this.deps.clock.now(),
      });
      this.phase = "ready";
    } catch (e) {
      this.phase = "failed";
      await this.stop();
      throw e;
    }
  }

  /** The student's tools: the official kubectl/helm builds and their bash completion. */
  private installTools(root: string) {
    const bin = path.join(root, "usr-local-bin");
    mkdirSync(bin, { recursive: true });
    const comp = path.join(root, "etc", "bash_completion.d");
    mkdirSync(comp, { recursive: true });
    if (existsSync(this.deps.tools.kubectlCompletion)) copyFileSync(this.deps.tools.kubectlCompletion, path.join(comp, "kubectl"));
    if (existsSync(this.deps.tools.helmCompletion)) copyFileSync(this.deps.tools.helmCompletion, path.join(comp, "helm"));
  }

  private async startNode(node: NodeSpec) {
    const sb = await startNodeSandbox({
      labId: this.record.name,
      nodeName: node.name,
      nodeIp: node.ip,
      rootDir: this.nodeRoot(node.name),
      runDir: this.runDir,
      peerNodeIps: NODES.filter((n) => n.name !== node.name).map((n) => n.ip),
      extraRoBinds: this.deps.tools.binds,
      limits: { memoryBytes: this.deps.limits.memoryBytes, pids: this.deps.limits.pids },
    });
    this.nodes.set(node.name, sb);
  }

  private async addForwards() {
    const cp = this.controlPlane!;
    const api = cp.apiSocket;
    const etcd = cp.etcd.clientSocket;
    const jobs: Promise<void>[] = [];
    const cpNode = this.nodes.get(CONTROL_PLANE.name)!;
    jobs.push(cpNode.addForward("127.0.0.1", 6443, api), cpNode.addForward(CONTROL_PLANE.ip, 6443, api));
    jobs.push(cpNode.addForward("127.0.0.1", 2379, etcd), cpNode.addForward(CONTROL_PLANE.ip, 2379, etcd));
    for (const n of NODES) {
      if (n.name === CONTROL_PLANE.name) continue;
      jobs.push(this.nodes.get(n.name)!.addForward(CONTROL_PLANE.ip, 6443, api));
    }
    await Promise.all(jobs);
  }

  async stop(): Promise<void> {
    await this.broker?.close().catch(() => undefined);
    await this.controlPlane?.stop().catch(() => undefined);
    await Promise.all([...this.nodes.values()].map((n) => n.stop().catch(() => undefined)));
  }

  async destroy(): Promise<void> {
    this.phase = "deleting";
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Reads an object straight from the API server's cache (for tests and the checker). */
  getObject(key: string): KObject | undefined {
    return this.controlPlane?.apiserver.cache.get(key)?.obj;
  }

  static readRecord(dir: string): LabRecord | undefined {
    try {
      return JSON.parse(readFileSync(path.join(dir, "lab.json"), "utf8")) as LabRecord;
    } catch {
      return undefined;
    }
  }
}
