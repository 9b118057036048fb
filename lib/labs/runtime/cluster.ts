// The lab's cluster as a whole: the API server slot the components share, the kubelets the API
// server proxies logs and exec to, the lab network, the one-time seeding of etcd, and the
// controller set kube-controller-manager runs.
import { connect } from "node:net";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Duplex } from "node:stream";
import { StatusError, type KObject, type Random, type UserInfo } from "../../cluster/api/types.js";
import type { ClusterClient, GroupResource } from "../../cluster/client/types.js";
import type { Controller, ControllerContext, ControllerFactory } from "../../cluster/controllers/types.js";
import { legacyRecorder } from "../../cluster/runtime/events.js";
import type { ContainerProgramContext } from "../../node/containers/programs/types.js";
import { newIngressNginxController } from "../../cluster/network/ingress-controller.js";
import { newGatewayController } from "../../cluster/network/gateway-controller.js";
import { newLocalPathProvisioner } from "../../node/provisioner/local-path.js";
import { coreControllers } from "../../cluster/controllers/core.js";
import { daemonSetController } from "../../cluster/controllers/daemonset/daemonset-controller.js";
import { statefulSetController } from "../../cluster/controllers/statefulset/statefulset-controller.js";
import { nodeLifecycleController } from "../../cluster/controllers/nodelifecycle/controller.js";
import { resourceQuotaController } from "../../cluster/controllers/resourcequota/controller.js";
import { disruptionController } from "../../cluster/controllers/disruption/controller.js";
import { createScheduler } from "../../cluster/scheduler/index.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type { NodeConnector } from "../../apiserver/pod-streams.js";
import { KubeletRegistry } from "../../node/kubelet/index.js";
import { createLabNetwork, type LabNetwork } from "../../node/network/lab-network.js";
import { createEdgeProxy, type EdgeProxy } from "../../node/network/edge-proxy.js";
import { STORAGE_CONTROLLERS } from "../../cluster/controllers/persistentvolume/index.js";
import { EtcdStore } from "../../store/etcd.js";
import { ApiSlot, componentClient, DialError } from "./api-slot.js";
import { certificateIdentity, checkServerTrust, loadKubeconfig, serverAddress } from "./kubeconfig.js";
import { etcdClientSocket } from "./etcd.js";
import { seedStore } from "../seed.js";
import { resolveInNode } from "./node-fs.js";
import type { NodeHost } from "./node-host.js";
// [metrics hook] metrics-server, the HPA and the CSR controllers (issue 4).
import { RequestMeter } from "../../cluster/metrics/request-meter.js";
import { MetricsScraper } from "../../cluster/metrics/scraper.js";
import { podMetricsObject } from "../../cluster/metrics/objects.js";
import type { MetricsSource } from "../../apiserver/metrics-api.js";
import { horizontalPodAutoscalerController } from "../../cluster/controllers/podautoscaler/horizontal.js";
import { resourceMetricsClient } from "../../cluster/controllers/podautoscaler/metrics_client.js";
import { csrSigningController } from "../../cluster/controllers/certificates/signer.js";
import { csrApprovingController } from "../../cluster/controllers/certificates/approver.js";
import { csrCleanerController } from "../../cluster/controllers/certificates/cleaner.js";
import { labSignerLoader, certificateNotAfter } from "./csr-signer.js";

export interface LabClusterDeps {
  runDir: string;
  controlPlane: { name: string; ip: string; root: string };
  nodeIps: Map<string, string>;
  clusterCaPem: string;
  time: Time;
  random: Random;
  /** The fresh cluster's objects, written once into an empty etcd. */
  objects: KObject[];
  leaderIdentities: { "kube-controller-manager": string; "kube-scheduler": string };
  log(component: string, line: string): void;
}

const ADMIN: UserInfo = { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] };

export class LabCluster {
  readonly slot = new ApiSlot();
  readonly kubelets = new KubeletRegistry();
  readonly network: LabNetwork;
  readonly apiSocket: string;
  readonly hosts = new Map<string, NodeHost>();
  private seededPromise: Promise<void> | undefined;
  private resolveSeeded!: () => void;
  private readonly seededGate = new Promise<void>((r) => (this.resolveSeeded = r));
  private readonly identitiesUsed = new Set<string>();
  private readonly admin: ClusterClient & { close(): void };
  /** [metrics hook] Connections delivered to pod IPs (the load model's request load). */
  readonly requestMeter = new RequestMeter();
  /** [metrics hook] The scrape loop of the running metrics-server pod, if any. */
  private metricsScraper: MetricsScraper | undefined;
  readonly metricsSource: MetricsSource = { snapshot: () => this.metricsScraper?.snapshot() };

  constructor(private readonly deps: LabClusterDeps) {
    this.apiSocket = path.join(deps.runDir, "kube-apiserver.sock");
    const cpAddr = `${deps.controlPlane.ip}:6443`;
    this.admin = componentClient(this.slot, ADMIN, cpAddr);
    this.network = createLabNetwork({
      client: this.admin,
      dialPod: (ip, port) => this.dialPod(ip, port),
      nodeIps: deps.nodeIps,
      now: () => deps.time.now(),
    });
    // ingress-nginx and NGINX Gateway Fabric: their pods' ports are served by the edge proxy.
    this.edge = createEdgeProxy({ client: this.admin, network: this.network, now: () => deps.time.now() });
    this.network.setPodHandler(this.edge.handler);
    // [metrics hook] kube-apiserver's aggregation layer reaches metrics-server through this.
    this.slot.onChange((server) => server?.setMetricsSource(this.metricsSource));
  }

  private readonly edge: EdgeProxy;

  /** The API server's addresses as one node sees them (loopback only on the control plane). */
  private apiAddresses(node: string): Set<string> {
    const cp = this.deps.controlPlane;
    const out = new Set([`${cp.ip}:6443`]);
    if (node === cp.name) for (const a of ["127.0.0.1:6443", "localhost:6443"]) out.add(a);
    return out;
  }

  /** How a kubelet's kubeconfig reaches the API server from its node. */
  async connectApi(node: string, nodeRoot: string, kubeconfigPath: string): Promise<ClusterClient> {
    const creds = loadKubeconfig(kubeconfigPath, (p) => resolveInNode(nodeRoot, p));
    const address = serverAddress(creds.server);
    if (!this.apiAddresses(node).has(address)) return componentClient(new ApiSlot(), ADMIN, address);
    checkServerTrust(creds.caPem, this.deps.clusterCaPem);
    const user = certificateIdentity(creds.certPem ?? "", this.deps.clusterCaPem, this.deps.time.now());
    return componentClient(this.slot, user, address);
  }

  /** Whether host:port reaches the API server from a node. */
  reachesApi(node: string, address: string): boolean {
    return this.apiAddresses(node).has(address);
  }

  adminClient(): ClusterClient {
    return this.admin;
  }

  /** A client acting as an add-on's ServiceAccount (its pod's in-cluster credentials). */
  serviceAccountClient(namespace: string, name: string): ClusterClient & { close(): void } {
    const user: UserInfo = { username: `system:serviceaccount:${namespace}:${name}`, groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"] };
    return componentClient(this.slot, user, "10.96.0.1:443");
  }

  /** A TCP connection to a pod IP or a node's host network, as the node network carries it. */
  private async dialPod(ip: string, port: number): Promise<Duplex | "refused"> {
    const cp = this.deps.controlPlane;
    if (ip === cp.ip && (port === 6443 || port === 2379)) {
      const sock = port === 6443 ? this.apiSocket : etcdClientSocket(this.deps.runDir);
      return new Promise((resolve) => {
        const s = connect(sock);
        s.once("connect", () => resolve(s));
        s.once("error", () => resolve("refused"));
      });
    }
    this.requestMeter.record(ip, this.deps.time.now().getTime()); // [metrics hook]
    for (const host of this.hosts.values()) {
      const owns = host.runtime.listPodSandboxes().some((s) => s.ip === ip) || [...this.deps.nodeIps.values()].includes(ip);
      if (!owns) continue;
      const r = host.runtime.connect(ip, port);
      if (r !== "refused" || host.runtime.listPodSandboxes().some((s) => s.ip === ip)) return r;
    }
    return "refused";
  }

  /** pods/log and pods/exec reach the kubelet of the pod's node. */
  nodeConnector(): NodeConnector {
    const kubeletOf = (pod: KObject) => {
      const node = (pod.spec as { nodeName?: string })?.nodeName ?? "";
      const k = this.kubelets.get(node);
      if (!k) throw new StatusError(500, "InternalError", `Get "https://${this.deps.nodeIps.get(node) ?? node}:10250/containerLogs/${pod.metadata?.namespace}/${pod.metadata?.name}": dial tcp ${this.deps.nodeIps.get(node) ?? node}:10250: connect: connection refused`);
      return k;
    };
    return {
      async logs(pod, container, opts) {
        const r = kubeletOf(pod).containerLogs(pod.metadata!.namespace!, pod.metadata!.name!, container, opts);
        if (r instanceof StatusError) throw r;
        return r as unknown as import("node:stream").Readable;
      },
      attach: async (pod, container, io) => {
        // The container's output from its start (a late attach loses nothing), until it exits.
        const k = kubeletOf(pod);
        const r = k.containerLogs(pod.metadata!.namespace!, pod.metadata!.name!, container, { follow: true });
        if (r instanceof StatusError) throw r;
        await new Promise<void>((resolve) => {
          const s = r as NodeJS.ReadableStream;
          s.on("data", (d) => io.stdout.write(d));
          s.on("end", () => resolve());
          s.on("error", () => resolve());
          s.on("close", () => resolve());
        });
        // An attach has no exit status of its own (the stream ends): kubectl reads the pod's.
        return 0;
      },
      async exec(pod, container, command, io) {
        const r = await kubeletOf(pod).exec(pod.metadata!.namespace!, pod.metadata!.name!, container, command, {
          stdin: io.stdin,
          stdout: io.stdout,
          stderr: io.stderr,
          tty: io.tty,
          resize: (l) => io.onResize(l),
        });
        if (r instanceof StatusError) throw r;
        return r;
      },
    };
  }

  /** etcd is up: write the fresh cluster once (an etcd that already holds a cluster is kept). */
  onEtcdStarted(): void {
    if (this.seededPromise) return;
    this.seededPromise = this.seed().then(
      () => this.resolveSeeded(),
      (e) => {
        this.deps.log("drydock", `seeding etcd failed: ${(e as Error).message}`);
        this.seededPromise = undefined;
      },
    );
  }

  seeded(): Promise<void> {
    return this.seededGate;
  }

  private async seed(): Promise<void> {
    const pki = (p: string) => readFileSync(path.join(this.deps.controlPlane.root, "etc/kubernetes/pki", p));
    const store = new EtcdStore({ endpoints: [`unix://${etcdClientSocket(this.deps.runDir)}`], caPem: pki("etcd/ca.crt"), certPem: pki("apiserver-etcd-client.crt"), keyPem: pki("apiserver-etcd-client.key") });
    try {
      for (let i = 0; ; i++) {
        try {
          const existing = await store.get("/registry/namespaces/default");
          if (!existing) await seedStore(store, this.deps.objects);
          return;
        } catch (e) {
          if (i > 400) throw e;
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    } finally {
      await store.close().catch(() => undefined);
    }
  }

  /** The seeded identity for a component's first run; a new one for each restart (it waits out the old lease). */
  leaderIdentity(component: "kube-controller-manager" | "kube-scheduler"): string {
    const first = this.deps.leaderIdentities[component];
    if (!this.identitiesUsed.has(component)) {
      this.identitiesUsed.add(component);
      return first;
    }
    return `${this.deps.controlPlane.name}_${this.deps.random.uuid()}`;
  }

  controllers(): Map<string, ControllerFactory> {
    const served = () => this.slot.current?.servedResources() ?? [];
    const deletable = () => served().filter((r) => !r.virtual && r.verbs.includes("list") && r.verbs.includes("delete"));
    const core = coreControllers({
      resources: () => deletable().filter((r) => r.verbs.includes("watch")).map((r) => ({ group: r.group, resource: r.resource, kind: r.kind, namespaced: r.namespaced })),
      namespacedResources: () => deletable().filter((r) => r.namespaced).map((r): GroupResource => ({ group: r.group, resource: r.resource })),
      rootCA: () => this.deps.clusterCaPem,
    });
    return new Map<string, ControllerFactory>([
      ...core,
      ["daemonset", daemonSetController],
      ["statefulset", statefulSetController],
      ["node-lifecycle", nodeLifecycleController],
      ["resourcequota", resourceQuotaController],
      ["disruption", disruptionController],
      // [metrics hook] HPA reads metrics.k8s.io as its REST client would; the CSR controllers sign with the node's CA files.
      ["horizontal-pod-autoscaler", horizontalPodAutoscalerController(resourceMetricsClient((ns, selector) => this.listPodMetrics(ns, selector)))],
      ["certificatesigningrequest-signing", csrSigningController(labSignerLoader((p) => resolveInNode(this.deps.controlPlane.root, p)))],
      ["certificatesigningrequest-approving", csrApprovingController],
      ["certificatesigningrequest-cleaner", csrCleanerController(certificateNotAfter)],
      ...STORAGE_CONTROLLERS,
    ]);
  }

  /** [metrics hook] PodMetrics as GET /apis/metrics.k8s.io/v1beta1/namespaces/NS/pods?labelSelector= answers them. */
  private listPodMetrics(namespace: string, selector: { matches(l: Record<string, string>): boolean }): KObject[] {
    const snap = this.metricsScraper?.snapshot();
    if (!snap) throw new Error("the server is currently unable to handle the request (get pods.metrics.k8s.io)");
    const now = this.deps.time.now();
    return snap.pods.filter((p) => p.namespace === namespace && selector.matches(p.labels)).map((p) => podMetricsObject(p, now));
  }

  /** The add-ons' control loops, run while their controller pods run (see programs.ts). */
  addonControllers(nodeRoot: (node: string) => string) {
    const loop = (namespace: string, sa: string, make: (ctx: ControllerContext) => Controller) => (pctx: ContainerProgramContext) => {
      const client = this.serviceAccountClient(namespace, sa);
      const c = make({
        client,
        time: this.deps.time,
        random: this.deps.random,
        recorder: (component) => legacyRecorder(client, this.deps.time, { component }),
        log: (l) => pctx.stderr(l + "\n"),
        flags: new Map(),
      });
      c.start();
      return {
        stop: () => {
          c.stop();
          client.close();
        },
      };
    };
    return [
      {
        // [metrics hook] metrics-server: scrapes while its pod runs; the API serves what it scraped.
        repo: "metrics-server/metrics-server",
        start: () => {
          const client = this.serviceAccountClient("kube-system", "metrics-server");
          const scraper = new MetricsScraper({ client, time: this.deps.time, rates: this.requestMeter });
          this.metricsScraper?.stop();
          this.metricsScraper = scraper;
          scraper.start();
          return {
            stop: () => {
              scraper.stop();
              if (this.metricsScraper === scraper) this.metricsScraper = undefined;
              client.close();
            },
          };
        },
      },
      { repo: "ingress-nginx/controller", start: loop("ingress-nginx", "ingress-nginx", newIngressNginxController) },
      { repo: "nginx-gateway-fabric", start: loop("nginx-gateway", "nginx-gateway", newGatewayController) },
      {
        repo: "local-path-provisioner",
        start: loop("local-path-storage", "local-path-provisioner-service-account", (ctx) =>
          newLocalPathProvisioner({
            client: ctx.client,
            time: ctx.time,
            random: ctx.random,
            podName: "local-path-provisioner",
            mkdirOnNode: async (node, p) => void mkdirSync(path.join(nodeRoot(node), p), { recursive: true, mode: 0o777 }),
            rmOnNode: async (node, p) => rmSync(path.join(nodeRoot(node), p), { recursive: true, force: true }),
            log: ctx.log,
          }),
        ),
      },
    ];
  }

  schedulerFactory() {
    return createScheduler;
  }

  /** Resolves when the API server serves (or rejects after timeoutMs). */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.slot.current) {
      if (Date.now() > deadline) throw new Error("kube-apiserver did not become ready in time");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.edge.stop();
    this.admin.close();
    await this.network.stop().catch(() => undefined);
  }
}

export { DialError };
