// One lab: three node sandboxes over trees kubeadm would have left, each running its simulated
// machine (systemd, containerd, the kubelet). The control plane comes up the kubeadm way: the
// controlplane kubelet runs the static pods of /etc/kubernetes/manifests (real etcd, then
// kube-apiserver, kube-controller-manager and kube-scheduler), etcd gets the fresh cluster's
// objects once, and the add-ons' pods are the kubelets' from then on.
import { mkdirSync, rmSync, existsSync, readFileSync, writeFileSync, copyFileSync, symlinkSync, readdirSync, readlinkSync } from "node:fs";
import { DPKG_STATUS, KUBECTL_ALTERNATIVE, defaultInstalled, formatStatus, kubectlTarget } from "../node/admin/index.js";
import path from "node:path";
import type { Clock, KObject, Random } from "../cluster/api/types.js";
import type { Time } from "../cluster/runtime/timers.js";
import { generateLabPki } from "../node/kubeadm/lab-pki.js";
import { buildNodeTree, writeNodeTree } from "../node/kubeadm/tree.js";
import { NODES, CONTROL_PLANE, type NodeSpec } from "../node/kubeadm/topology.js";
import { startNodeSandbox, type NodeSandbox } from "../sandbox/node-sandbox.js";
import { startBroker, type Broker } from "../sandbox/broker.js";
import { BROKER_SOCKET_NAME } from "../sandbox/node-clients.js";
import { freshObjects } from "./seed.js";
import { LabCluster } from "./runtime/cluster.js";
import { NodeHost } from "./runtime/node-host.js";
import { NodeIpam } from "./runtime/ipam.js";
import { labPrograms } from "./runtime/programs.js";
import { etcdClientSocket } from "./runtime/etcd.js";
import { bootstrapClientFactory } from "./runtime/bootstrap-client.js";
import { prepareHostPaths } from "./runtime/node-fs.js";
import type { KeyPool } from "./key-pool.js";
import type { ToolPaths } from "./tools.js";

type PodSpecImages = { containers?: { image?: string }[]; initContainers?: { image?: string }[]; nodeName?: string };
const podsOn = (objects: KObject[], node: string) => objects.filter((o) => o.kind === "Pod" && (o.spec as PodSpecImages)?.nodeName === node);
const imagesOf = (pod: KObject) => [...((pod.spec as PodSpecImages).containers ?? []), ...((pod.spec as PodSpecImages).initContainers ?? [])].map((c) => c.image ?? "").filter(Boolean);

/** The kube packages apt installed (dpkg's status file) and the kubectl alternative they set. */
function installPackages(root: string, version: string) {
  const status = path.join(root, DPKG_STATUS);
  mkdirSync(path.dirname(status), { recursive: true });
  writeFileSync(status, formatStatus(defaultInstalled(version)));
  // The node's own /etc/alternatives: the system's links (iptables, editor, ...) plus kubectl's.
  const alternatives = path.join(root, path.dirname(KUBECTL_ALTERNATIVE));
  mkdirSync(alternatives, { recursive: true });
  // Man pages' alternatives (*.1.gz, three quarters of them) are left out: linking 400 names
  // per node was a noticeable part of a lab's start.
  for (const name of existsSync("/etc/alternatives") ? readdirSync("/etc/alternatives").filter((n) => !n.endsWith(".gz")) : []) {
    try {
      symlinkSync(readlinkSync(path.join("/etc/alternatives", name)), path.join(alternatives, name));
    } catch {
      // Not a link, or already there.
    }
  }
  rmSync(path.join(root, KUBECTL_ALTERNATIVE), { force: true });
  symlinkSync(kubectlTarget(version), path.join(root, KUBECTL_ALTERNATIVE));
}

export type LabPhase = "creating" | "ready" | "failed" | "deleting";

export interface LabRecord {
  name: string;
  createdAt: string;
  template: string;
  /** Wall-clock deadline after which the runtime deletes the lab. */
  expiresAt: string;
}

/** How long a fresh control plane may take to serve. */
const READY_TIMEOUT_MS = Number(process.env.DRYDOCK_READY_TIMEOUT_MS ?? 60_000);
const KUBERNETES_VERSION = "v1.32.3";

export class Lab {
  phase: LabPhase = "creating";
  nodes = new Map<string, NodeSandbox>();
  cluster: LabCluster | undefined;
  broker: Broker | undefined;
  readonly dir: string;
  readonly runDir: string;
  private readonly logs = new Map<string, string[]>();

  constructor(
    readonly record: LabRecord,
    labsDir: string,
    private readonly deps: { clock: Clock; time: Time; random: Random; keys: KeyPool; tools: ToolPaths; limits: { memoryBytes: number; pids: number } },
  ) {
    this.dir = path.join(labsDir, record.name);
    // Unix socket paths are limited to 108 bytes: keep the run dir short.
    this.runDir = path.join(this.dir, "run");
  }

  nodeRoot(name: string): string {
    return path.join(this.dir, "nodes", name);
  }

  /** The simulator's shadow of a node's host-provided paths (/sys, /proc, /lib, /run). */
  private systemRoot(name: string): string {
    return path.join(this.dir, "system", name);
  }

  private agentDir(name: string): string {
    return path.join(this.runDir, "agent", name);
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
        installPackages(root, KUBERNETES_VERSION);
      }
      const leaderIdentities = {
        "kube-controller-manager": `${CONTROL_PLANE.name}_${this.deps.random.uuid()}`,
        "kube-scheduler": `${CONTROL_PLANE.name}_${this.deps.random.uuid()}`,
      };
      const objects = freshObjects({ pki, initTime, clock: this.deps.clock, random: this.deps.random, nodeRoot: (n) => this.nodeRoot(n), leaderIdentities });
      for (const n of NODES) prepareHostPaths(this.nodeRoot(n.name), podsOn(objects, n.name), this.systemRoot(n.name));
      await Promise.all(NODES.map((n) => this.startNode(n)));
      const cluster = new LabCluster({
        runDir: this.runDir,
        controlPlane: { name: CONTROL_PLANE.name, ip: CONTROL_PLANE.ip, root: this.nodeRoot(CONTROL_PLANE.name) },
        nodeIps: new Map(NODES.map((n) => [n.name, n.ip])),
        clusterCaPem: pki.cluster.ca.certPem,
        time: this.deps.time,
        random: this.deps.random,
        objects,
        leaderIdentities,
        log: (c, l) => this.log(c, l),
      });
      this.cluster = cluster;
      for (const node of NODES) cluster.hosts.set(node.name, this.nodeHost(node, cluster, objects));
      // The control plane is host-network and in-process: the nodes boot while their forwarders
      // and network interception come up; pods get addresses only after the API serves.
      await Promise.all([
        this.addForwards(),
        ...NODES.map((n) => cluster.network.attachNode(n.name, (argv) => this.nodes.get(n.name)!.netnsArgv(argv), path.join(this.runDir, `net-${n.name}.sock`))),
        ...[...cluster.hosts.values()].map((h) => h.start()),
      ]);
      await cluster.ready(READY_TIMEOUT_MS);
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

  private nodeHost(node: NodeSpec, cluster: LabCluster, objects: KObject[]): NodeHost {
    const nodeObj = objects.find((o) => o.kind === "Node" && o.metadata?.name === node.name);
    // What the node had pulled: its add-ons' and static pods' images, by the references they use.
    const images = [...new Set(podsOn(objects, node.name).flatMap((p) => imagesOf(p)))];
    const podCIDR = (nodeObj?.spec as { podCIDR?: string })?.podCIDR ?? "10.244.0.0/24";
    const ipam = new NodeIpam(podCIDR);
    const root = this.nodeRoot(node.name);
    const clusterCaPem = readFileSync(path.join(root, "etc/kubernetes/pki/ca.crt"), "utf8");
    const programs = labPrograms({
      runDir: this.runDir,
      nodeRoot: root,
      hostname: node.name,
      slot: cluster.slot,
      apiSocket: cluster.apiSocket,
      clusterCaPem,
      time: this.deps.time,
      random: this.deps.random,
      etcdSocketFor: (addr) => (["127.0.0.1:2379", "localhost:2379", `${CONTROL_PLANE.ip}:2379`].includes(addr) ? etcdClientSocket(this.runDir) : undefined),
      seeded: () => cluster.seeded(),
      onEtcdStarted: () => cluster.onEtcdStarted(),
      controllers: () => cluster.controllers(),
      createScheduler: cluster.schedulerFactory(),
      nodes: cluster.nodeConnector(),
      leaderIdentity: (c) => cluster.leaderIdentity(c),
      corefileError: () => cluster.network.dnsServer.configError(),
      addonControllers: cluster.addonControllers((n) => this.nodeRoot(n)),
      hostDial: (h, p) => host.runtime.connect(h, p),
    });
    let host: NodeHost;
    host = new NodeHost({
      nodeName: node.name,
      nodeIp: node.ip,
      nodeRoot: root,
      systemRoot: this.systemRoot(node.name),
      agentDir: this.agentDir(node.name),
      time: this.deps.time,
      random: this.deps.random,
      preloadedImages: images,
      programs,
      podIP: (config) => {
        if (config.hostNetwork) return node.ip;
        ipam.prune(new Set(host.runtime.listPodSandboxes().map((s) => s.config.uid)));
        return ipam.allocate(config.uid, cluster.adminClient().list({ group: "", resource: "pods" }).filter((p) => (p.spec as { nodeName?: string })?.nodeName === node.name));
      },
      network: { dial: (from, ip, port) => cluster.network.dial(from, ip, port), dns: (from, q) => cluster.network.dns(from, q) },
      kubelets: cluster.kubelets,
      connectApi: (kubeconfig) => cluster.connectApi(node.name, root, kubeconfig),
      adminClient: async () => cluster.adminClient(),
      sandboxPid: () => this.nodes.get(node.name)?.pid,
      initShell: () => this.nodes.get(node.name)?.initShell(),
      bootstrapClient: bootstrapClientFactory({
        apiSocket: cluster.apiSocket,
        caPem: clusterCaPem,
        // A node name resolves through /etc/hosts, as the node's resolver would.
        reachable: (endpoint) => cluster.reachesApi(node.name, endpoint.replace(/^([^:]+)/, (h) => NODES.find((n) => n.name === h)?.ip ?? h)),
      }),
      // The pods the node was running before the lab's "boot": their containers are adopted.
      seededPods: podsOn(objects, node.name),
    });
    return host;
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
    mkdirSync(this.agentDir(node.name), { recursive: true });
    const sb = await startNodeSandbox({
      labId: this.record.name,
      nodeName: node.name,
      nodeIp: node.ip,
      rootDir: this.nodeRoot(node.name),
      runDir: this.runDir,
      peerNodeIps: NODES.filter((n) => n.name !== node.name).map((n) => n.ip),
      extraRoBinds: this.deps.tools.binds,
      extraRwBinds: [
        { src: this.agentDir(node.name), dest: "/run/drydock-agent" },
        // The packages' unit files (kubelet.service and kubeadm's 10-kubeadm.conf drop-in) live
        // under /usr on Ubuntu: the node sees (and edits) its own, over the host's read-only /usr.
        ...(existsSync("/usr/lib/systemd/system") ? [{ src: path.join(this.nodeRoot(node.name), "usr/lib/systemd/system"), dest: "/usr/lib/systemd/system" }] : []),
      ],
      limits: { memoryBytes: this.deps.limits.memoryBytes, pids: this.deps.limits.pids },
    });
    this.nodes.set(node.name, sb);
  }

  private async addForwards() {
    const api = this.cluster!.apiSocket;
    const etcd = etcdClientSocket(this.runDir);
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
    if (this.cluster) {
      // Workers first, the control plane's node last (its kubelet runs the API server and etcd).
      const hosts = [...this.cluster.hosts.entries()].sort(([a], [b]) => Number(a === CONTROL_PLANE.name) - Number(b === CONTROL_PLANE.name));
      for (const [, h] of hosts) await h.stop().catch(() => undefined);
      await this.cluster.stop();
    }
    await Promise.all([...this.nodes.values()].map((n) => n.stop().catch(() => undefined)));
  }

  async destroy(): Promise<void> {
    this.phase = "deleting";
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Reads an object straight from the API server's cache (for tests and the checker). */
  getObject(key: string): KObject | undefined {
    return this.cluster?.slot.current?.cache.get(key)?.obj;
  }

  static readRecord(dir: string): LabRecord | undefined {
    try {
      return JSON.parse(readFileSync(path.join(dir, "lab.json"), "utf8")) as LabRecord;
    } catch {
      return undefined;
    }
  }
}
