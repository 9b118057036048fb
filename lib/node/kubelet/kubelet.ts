// The running kubelet after startup (pkg/kubelet/kubelet.go Run): registers and heartbeats the
// Node (kubelet_node_status.go), renews its Lease (pkg/kubelet/nodelease via component-helpers
// lease controller), reads static pods from staticPodPath (pkg/kubelet/config/file.go, with
// inotify approximated by fs.watch plus the fileCheckFrequency rescan), watches the pods bound to
// it and runs one PodWorker per pod.
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import type { KObject, Random } from "../../cluster/api/types.js";
import { StatusError } from "../../cluster/api/types.js";
import type { ClusterClient } from "../../cluster/client/types.js";
import { GR } from "../../cluster/client/types.js";
import { admitPod, rejectedStatus } from "../../cluster/kubelet/admission.js";
import type { KubeletConfig } from "../../cluster/kubelet/config.js";
import { parseResolvConf, type ClusterDNS } from "../../cluster/kubelet/dns.js";
import type { EnvSources } from "../../cluster/kubelet/env.js";
import type { Severity } from "../../cluster/kubelet/klog.js";
import { conditionEvents, initialNode, nodeStatus, type Machine } from "../../cluster/kubelet/node-status.js";
import { decodeStaticPod, isManifestFile, isMirrorPod, mirrorHash, mirrorPod, ManifestDecodeError, CONFIG_HASH } from "../../cluster/kubelet/static-pod.js";
import { rfc3339Micro, type Pod } from "../../cluster/kubelet/types.js";
import { legacyRecorder, type EventRecorder } from "../../cluster/runtime/events.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type { ExecStreams, RuntimeService } from "../cri/types.js";
import type { KubeletContext } from "./context.js";
import { badRequest, logStream, type LogOptions } from "./logs.js";
import { PodWorker } from "./pod-worker.js";

export interface KubeletOptions {
  nodeName: string;
  nodeIP: string;
  config: KubeletConfig;
  client: ClusterClient;
  runtime: RuntimeService;
  time: Time;
  random: Random;
  machine: Machine;
  nodePath(p: string): string;
  log(sev: Severity, source: string, msg: string, kv?: [string, unknown][]): void;
  /** Records no start-up events (the lab's first kubelet run continues one that already ran). */
  quietStart?: boolean;
}

/** kubelet.go housekeepingPeriod. */
const HOUSEKEEPING_PERIOD_MS = 2_000;

export class Kubelet {
  private workers = new Map<string, PodWorker>();
  /** Static pods by manifest file. */
  private staticByFile = new Map<string, Pod>();
  private cancels: (() => void)[] = [];
  private watcher?: FSWatcher;
  private stopped = false;
  private lastNodeStatus = "";
  private lastReport = 0;
  private prevConditions: unknown;
  private recorder: EventRecorder;
  private ctx: KubeletContext;

  constructor(private readonly o: KubeletOptions) {
    this.recorder = legacyRecorder(o.client, o.time, { component: "kubelet", host: o.nodeName });
    const self = this;
    this.ctx = {
      nodeName: o.nodeName,
      nodeIP: o.nodeIP,
      client: o.client,
      runtime: o.runtime,
      time: o.time,
      random: o.random,
      recorder: this.recorder,
      nodePath: o.nodePath,
      log: o.log,
      dns: () => self.clusterDNS(),
      envSources: (pod, podIP) => self.envSources(pod, podIP),
      token: (pod, aud, exp) => self.token(pod, aud, exp),
    };
  }

  private nodeRef(): KObject {
    // The kubelet's events about its node use the node name as uid (kubelet.go nodeRef).
    return { kind: "Node", metadata: { name: this.o.nodeName, uid: this.o.nodeName } };
  }

  async start(): Promise<void> {
    const { log } = this.o;
    if (!this.o.quietStart) this.recorder.event(this.nodeRef(), "Normal", "Starting", "Starting kubelet.");
    this.cancels.push(this.o.runtime.onContainerEvent((id) => this.onContainerEvent(id)));
    // Static pods do not wait for the API server: on a control-plane node they are what brings
    // it up. Registration retries in the background (kubelet_node_status.go registerWithAPIServer).
    this.startStaticPods();
    this.cancels.push(this.o.client.watch(GR.pods, (type, obj) => this.onPod(type, obj)));
    for (const p of this.o.client.list(GR.pods)) this.onPod("ADDED", p);
    void this.registerNode().then(() => {
      if (this.stopped) return;
      if (!this.o.quietStart) this.recorder.event(this.nodeRef(), "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
      this.statusLoop();
    });
    this.leaseLoop();
    this.housekeepingLoop();
    log("I", "kubelet.go:2388", "Starting kubelet main sync loop");
  }

  /** The kubelet process ends; its pods' containers keep running in containerd. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.cancels) c();
    this.watcher?.close();
    for (const w of this.workers.values()) w.detach();
  }

  // ---- Node ----

  private async registerNode(): Promise<void> {
    const { client, nodeName, log } = this.o;
    for (;;) {
      if (this.stopped) return;
      log("I", "kubelet_node_status.go:75", "Attempting to register node", [["node", nodeName]]);
      try {
        if (!client.get(GR.nodes, "", nodeName)) {
          await client.create(GR.nodes, initialNode(nodeName, {}, this.o.config.registerWithTaints as unknown as KObject[]));
        }
        log("I", "kubelet_node_status.go:78", "Successfully registered node", [["node", nodeName]]);
        await this.updateNodeStatus(true);
        return;
      } catch (e) {
        log("E", "kubelet_node_status.go:97", "Unable to register node with API server", [["err", (e as Error).message], ["node", nodeName]]);
        await new Promise<void>((r) => this.o.time.after(7_000, r));
      }
    }
  }

  private async updateNodeStatus(force = false): Promise<void> {
    const { client, nodeName, time } = this.o;
    const node = client.get(GR.nodes, "", nodeName);
    if (!node) return;
    const prev = (node.status as { conditions?: never[] })?.conditions;
    const status = nodeStatus(this.o.machine, this.o.config, { nodeIP: this.o.nodeIP, hostname: nodeName, images: this.o.runtime.listImages(), prevConditions: prev }, time.now());
    const comparable = JSON.stringify(status, (k, v) => (k === "lastHeartbeatTime" ? undefined : v));
    const now = time.now().getTime();
    if (!force && comparable === this.lastNodeStatus && now - this.lastReport < this.o.config.nodeStatusReportFrequencyMs) return;
    const updated = await client.update(GR.nodes, { ...structuredClone(node), status: { ...(node.status as object), ...status } }, { subresource: "status" });
    this.lastNodeStatus = comparable;
    this.lastReport = now;
    for (const reason of conditionEvents(prev, (updated.status as { conditions: never[] }).conditions)) {
      this.recorder.event(this.nodeRef(), "Normal", reason, `Node ${nodeName} status is now: ${reason}`);
    }
    this.prevConditions = prev;
  }

  private statusLoop(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.updateNodeStatus()
        .catch((e) => this.o.log("E", "kubelet_node_status.go:535", "Error updating node status, will retry", [["err", (e as Error).message]]))
        .finally(() => {
          if (!this.stopped) this.cancels.push(this.o.time.after(this.o.config.nodeStatusUpdateFrequencyMs, tick));
        });
    };
    this.cancels.push(this.o.time.after(this.o.config.nodeStatusUpdateFrequencyMs, tick));
  }

  /** The node lease: renewInterval = 0.25 × leaseDuration (10s for 40s). */
  private leaseLoop(): void {
    const { client, nodeName, time, config } = this.o;
    const tick = async () => {
      if (this.stopped) return;
      try {
        const cur = client.get(GR.leases, "kube-node-lease", nodeName);
        const node = client.get(GR.nodes, "", nodeName);
        const spec = { holderIdentity: nodeName, leaseDurationSeconds: config.nodeLeaseDurationSeconds, renewTime: rfc3339Micro(time.now()) };
        if (!cur) {
          const meta: Record<string, unknown> = { name: nodeName, namespace: "kube-node-lease" };
          if (node) meta.ownerReferences = [{ apiVersion: "v1", kind: "Node", name: nodeName, uid: node.metadata!.uid }];
          await client.create(GR.leases, { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: meta, spec });
        } else {
          await client.update(GR.leases, { ...structuredClone(cur), spec: { ...(cur.spec as object), ...spec } });
        }
      } catch (e) {
        this.o.log("E", "controller.go:145", "Failed to ensure lease exists, will retry", [["err", (e as Error).message], ["interval", "7s"]]);
      }
      if (!this.stopped) this.cancels.push(time.after(config.nodeLeaseDurationSeconds * 250, () => void tick()));
    };
    void tick();
  }

  // ---- Pods ----

  /**
   * HandlePodCleanups (kubelet_pods.go), every housekeeping period: sandboxes of pods this kubelet
   * no longer runs (deleted while it was down) are stopped. Skipped until the pod cache has
   * something, so an unsynced informer never looks like "every pod was deleted".
   */
  private housekeepingLoop(): void {
    const tick = () => {
      if (this.stopped) return;
      const pods = this.o.client.list(GR.pods);
      if (pods.length) {
        const live = new Set<string>([...this.workers.keys()]);
        for (const p of pods) if ((p.spec as { nodeName?: string })?.nodeName === this.o.nodeName) live.add(mirrorHash(p as Pod) || p.metadata!.uid!);
        for (const s of this.o.runtime.listPodSandboxes()) {
          if (s.state !== "SANDBOX_READY" || live.has(s.config.uid)) continue;
          this.o.log("I", "kubelet_pods.go:1230", "Killing unwanted pod", [["podName", s.config.name]]);
          void this.o.runtime.stopPodSandbox(s.id).catch(() => undefined);
        }
      }
      this.cancels.push(this.o.time.after(HOUSEKEEPING_PERIOD_MS, tick));
    };
    this.cancels.push(this.o.time.after(HOUSEKEEPING_PERIOD_MS, tick));
  }

  private onPod(type: string, obj: KObject): void {
    const pod = obj as Pod;
    if (pod.spec?.nodeName !== this.o.nodeName || isMirrorPod(pod)) {
      if (isMirrorPod(pod) && pod.spec?.nodeName === this.o.nodeName) this.onMirrorPod(type, pod);
      return;
    }
    const uid = pod.metadata!.uid!;
    const w = this.workers.get(uid);
    if (type === "DELETED") {
      if (w) void w.terminate(0, false);
      this.workers.delete(uid);
      return;
    }
    if (w) return w.update(pod);
    const phase = (pod.status as { phase?: string })?.phase;
    if (phase === "Succeeded" || phase === "Failed") return;
    const worker = new PodWorker(this.ctx, pod, false);
    const node = this.o.client.get(GR.nodes, "", this.o.nodeName);
    const admitted = [...this.workers.values()].filter((x) => !x.rejected).map((x) => x.pod);
    const rejection = node && !pod.metadata?.deletionTimestamp ? admitPod(pod, admitted, node) : undefined;
    this.workers.set(uid, worker);
    if (rejection) {
      worker.rejected = true;
      this.recorder.event({ ...pod, kind: "Pod" }, "Warning", rejection.reason, rejection.message);
      void worker.writeStatus(pod, rejectedStatus(pod, rejection));
      return;
    }
    worker.kick();
  }

  /** A mirror pod deleted or changed by a user is recreated from the static pod (mirror_client.go). */
  private onMirrorPod(type: string, pod: Pod): void {
    const hash = mirrorHash(pod);
    const w = hash ? this.workers.get(hash) : undefined;
    if (!w) {
      // An orphaned mirror pod: its manifest is gone.
      if (type !== "DELETED") void this.o.client.delete(GR.pods, pod.metadata!.namespace!, pod.metadata!.name!, { gracePeriodSeconds: 0 }).catch(() => {});
      return;
    }
    // `kubectl delete` of a mirror pod only marks it (graceful deletion): SyncPod sees the
    // deletionTimestamp, deletes it at once and creates it again.
    if (type === "DELETED" || pod.metadata?.deletionTimestamp) void this.ensureMirror(w);
    else if (type === "ADDED") w.kick();
  }

  private readonly mirrorsInFlight = new Set<PodWorker>();

  /** SyncPod's mirror pod step (kubelet.go): a missing, terminating or stale mirror pod is replaced. */
  private async ensureMirror(w: PodWorker): Promise<void> {
    if (this.mirrorsInFlight.has(w)) return;
    const { client, nodeName } = this.o;
    const m = w.pod.metadata!;
    const cur = client.get(GR.pods, m.namespace!, m.name!);
    if (cur && !cur.metadata?.deletionTimestamp && mirrorHash(cur) === m.annotations?.[CONFIG_HASH]) return;
    this.mirrorsInFlight.add(w);
    try {
      if (cur) {
        // mirror_client.go DeleteMirrorPod: grace period 0, only the pod we saw (UID precondition).
        this.o.log("I", "kubelet.go:1933", "Trying to delete pod", [["pod", `${m.namespace}/${m.name}`], ["podUID", cur.metadata!.uid!]]);
        await client.delete(GR.pods, m.namespace!, m.name!, { gracePeriodSeconds: 0, preconditions: { uid: cur.metadata!.uid! } }).catch((e: { code?: number }) => {
          if (e.code !== 404 && e.code !== 409) throw e;
        });
      }
      const node = client.get(GR.nodes, "", nodeName);
      await client.create(GR.pods, mirrorPod(w.pod, { name: nodeName, uid: node?.metadata?.uid ?? "" }));
      w.kick();
    } catch (e) {
      this.o.log("E", "kubelet.go:1942", "Failed creating a mirror pod", [["pod", `${m.namespace}/${m.name}`], ["err", (e as Error).message]]);
    } finally {
      this.mirrorsInFlight.delete(w);
    }
  }

  // ---- Static pods ----

  private startStaticPods(): void {
    const dir = this.o.config.staticPodPath;
    if (!dir) return;
    const scan = () => {
      if (this.stopped) return;
      this.scanStaticPods(dir);
      this.cancels.push(this.o.time.after(this.o.config.fileCheckFrequencyMs, scan));
    };
    scan();
    try {
      this.watcher = watch(this.o.nodePath(dir), () => this.scanStaticPods(dir));
    } catch {
      /* the rescan still catches changes */
    }
  }

  private scanStaticPods(dir: string): void {
    const host = this.o.nodePath(dir);
    let names: string[];
    try {
      if (!statSync(host).isDirectory()) throw new Error("not a dir");
      names = readdirSync(host).filter(isManifestFile).sort();
    } catch {
      this.o.log("I", "file.go:189", "Unable to read config path", [["err", "path does not exist, ignoring"], ["path", dir]]);
      names = [];
    }
    const seen = new Set<string>();
    for (const name of names) {
      const file = join(dir, name);
      let text: string;
      try {
        if (!statSync(join(host, name)).isFile()) continue;
        text = readFileSync(join(host, name), "utf8");
      } catch {
        continue;
      }
      let pod: Pod;
      try {
        pod = decodeStaticPod(text, file, this.o.nodeName, this.o.time.now());
      } catch (e) {
        if (!(e instanceof ManifestDecodeError)) throw e;
        this.o.log("E", "file.go:187", "Could not process manifest file", [["err", e.message], ["path", file]]);
        continue;
      }
      seen.add(file);
      const old = this.staticByFile.get(file);
      if (old && old.metadata!.uid === pod.metadata!.uid) continue;
      if (old) void this.removeStatic(old, true);
      this.staticByFile.set(file, pod);
      const w = new PodWorker(this.ctx, pod, true);
      this.workers.set(pod.metadata!.uid!, w);
      void this.ensureMirror(w);
      w.kick();
    }
    for (const [file, pod] of [...this.staticByFile]) {
      if (seen.has(file)) continue;
      this.staticByFile.delete(file);
      void this.removeStatic(pod, false);
    }
  }

  private async removeStatic(pod: Pod, replaced: boolean): Promise<void> {
    const w = this.workers.get(pod.metadata!.uid!);
    if (!w) return;
    this.workers.delete(pod.metadata!.uid!);
    await w.terminate(pod.spec.terminationGracePeriodSeconds ?? 30, false);
    if (!replaced) {
      const cur = this.o.client.get(GR.pods, pod.metadata!.namespace!, pod.metadata!.name!);
      if (cur && mirrorHash(cur) === pod.metadata!.uid) await this.o.client.delete(GR.pods, pod.metadata!.namespace!, pod.metadata!.name!, { gracePeriodSeconds: 0 }).catch(() => {});
    }
  }

  // ---- Helpers for workers ----

  private onContainerEvent(id: string): void {
    for (const w of this.workers.values()) if (w.hasContainer(id)) w.kick();
  }

  private clusterDNS(): ClusterDNS {
    let host = { servers: [] as string[], searches: [] as string[], options: [] as string[] };
    try {
      host = parseResolvConf(readFileSync(this.o.nodePath(this.o.config.resolvConf), "utf8"));
    } catch {
      /* no resolv.conf: an empty host config, as upstream logs and continues */
    }
    return { clusterDNS: this.o.config.clusterDNS, clusterDomain: this.o.config.clusterDomain, host };
  }

  private envSources(pod: Pod, podIP: string): EnvSources {
    const { client } = this.o;
    const ns = pod.metadata!.namespace!;
    const services = [...client.list(GR.services, ns), ...(ns === "default" ? [] : client.list(GR.services, "default").filter((s) => s.metadata?.name === "kubernetes"))];
    const node = client.get(GR.nodes, "", this.o.nodeName);
    return {
      configMap: (n, name) => client.get(GR.configmaps, n, name),
      secret: (n, name) => client.get(GR.secrets, n, name),
      services,
      hostIP: this.o.nodeIP,
      podIP,
      nodeAllocatable: ((node?.status as { allocatable?: Record<string, string> })?.allocatable ?? {}) as Record<string, string>,
    };
  }

  /** The projected token: a TokenRequest is async, so the worker gets the last issued token and a refresh is started. */
  private tokens = new Map<string, string>();
  private token(pod: Pod, audience: string | undefined, expirationSeconds: number): string {
    const sa = pod.spec.serviceAccountName ?? "default";
    const key = `${pod.metadata!.uid}/${audience ?? ""}`;
    if (!this.tokens.has(key)) {
      this.tokens.set(key, "");
      void this.o.client
        .createSubresource(GR.serviceaccounts, pod.metadata!.namespace!, sa, "token", {
          apiVersion: "authentication.k8s.io/v1",
          kind: "TokenRequest",
          spec: { audiences: audience ? [audience] : [], expirationSeconds, boundObjectRef: { apiVersion: "v1", kind: "Pod", name: pod.metadata!.name, uid: pod.metadata!.uid } },
        })
        .then((tr) => this.tokens.set(key, ((tr.status as { token?: string })?.token as string) ?? ""))
        .catch((e) => this.o.log("E", "token_manager.go:121", "Couldn't get token for pod", [["pod", `${pod.metadata!.namespace}/${pod.metadata!.name}`], ["err", (e as Error).message]]));
    }
    return this.tokens.get(key) ?? "";
  }

  // ---- kubectl logs / exec ----

  private workerFor(namespace: string, name: string): PodWorker | undefined {
    return [...this.workers.values()].find((w) => w.pod.metadata?.namespace === namespace && w.pod.metadata?.name === name);
  }

  containerLogs(namespace: string, pod: string, container: string, opts: LogOptions): NodeJS.ReadableStream | StatusError {
    const w = this.workerFor(namespace, pod);
    if (!w) return new StatusError(404, "NotFound", `pod "${pod}" not found`);
    const s = w.slot(container);
    const names = [...(w.pod.spec.initContainers ?? []), ...w.pod.spec.containers].map((c) => c.name);
    if (!names.includes(container)) return badRequest(`container ${container} is not valid for pod ${pod}`);
    const v = s?.view;
    if (opts.previous) {
      const prev = v?.current?.state === "exited" && v.waiting ? v.current : v?.previous;
      if (!prev) return badRequest(`previous terminated container "${container}" in pod "${pod}" not found`);
      const id = prev.containerID.replace("containerd://", "");
      return logStream(() => this.o.runtime.readLog(id), { ...opts, follow: false }, () => this.o.time.now(), () => false, this.o.time.after.bind(this.o.time));
    }
    if (!v?.current || !s?.containerId) return badRequest(`container "${container}" in pod "${pod}" is waiting to start: ${v?.waiting?.reason ?? "ContainerCreating"}`);
    const id = s.containerId;
    return logStream(
      () => this.o.runtime.readLog(id),
      opts,
      () => this.o.time.now(),
      () => this.o.runtime.containerStatus(id)?.state === "CONTAINER_RUNNING",
      this.o.time.after.bind(this.o.time),
    );
  }

  async exec(namespace: string, pod: string, container: string, cmd: string[], streams: ExecStreams): Promise<number | StatusError> {
    const w = this.workerFor(namespace, pod);
    const s = w?.slot(container);
    if (!w || !s?.containerId || s.view.current?.state !== "running") return badRequest(`container not found ("${container}")`);
    return this.o.runtime.exec(s.containerId, cmd, streams);
  }
}
