// One pod's life on this node, as the kubelet's pod worker runs it (pkg/kubelet/pod_workers.go,
// kubelet.go SyncPod/SyncTerminatingPod, kuberuntime_manager.go computePodActions/SyncPod):
// sandbox, volumes, image pulls, init containers in order, containers with restart policy and
// CrashLoopBackOff, probes, status posts, graceful termination. Syncs are serialised per pod and
// triggered by pod updates, container events (the PLEG), and timers.
import { connect as tlsConnect } from "node:tls";
import type { Duplex } from "node:stream";
import { mkdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import type { KObject } from "../../cluster/api/types.js";
import { GR } from "../../cluster/client/types.js";
import { Backoff, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS, IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS } from "../../cluster/kubelet/backoff.js";
import { podDNS } from "../../cluster/kubelet/dns.js";
import { goDuration } from "../../cluster/kubelet/duration.js";
import { EnvError, expandCommandAndArgs, makeEnvironmentVariables } from "../../cluster/kubelet/env.js";
import { httpDialError, httpProbeOutcome, ProbeState, probeKillMessage, resolveProbePort, tcpDialError, unhealthyMessage, type ProbeType } from "../../cluster/kubelet/probe.js";
import { generatePodStatus, type ContainerRun, type ContainerView } from "../../cluster/kubelet/status.js";
import { formatPod, type Container, type Pod, type Probe } from "../../cluster/kubelet/types.js";
import { effectiveSecurity, type EffectiveSecurity } from "../../cluster/kubelet/security.js";
import { checkHostPathType, failedMountMessage, MountError, podVolumeDir, projectVolume } from "../../cluster/kubelet/volumes.js";
import { ImagePullError, type ContainerConfig, type ContainerStatus, type Mount, type PodSandboxConfig } from "../cri/types.js";
import { adoptionPlan } from "./adopt.js";

/** CRI's linux.security_context rides along until the shared ContainerConfig has it (see lib/node/containers/identity.ts). */
type ContainerConfigWithSecurity = ContainerConfig & { securityContext?: EffectiveSecurity };
import { isResumable } from "../cri/restore.js";
import type { KubeletContext } from "./context.js";

interface Slot {
  view: ContainerView;
  containerId?: string;
  probes: Map<ProbeType, ProbeState>;
  probeTimers: (() => void)[];
}

/** kubelet types.go: the stable backoff key of a container. */
const backoffKey = (pod: Pod, c: Container) => `${pod.metadata?.name}_${pod.metadata?.namespace}_${pod.metadata?.uid}_${c.name}`;
const ref = (c: string, init: boolean) => (init ? `spec.initContainers{${c}}` : `spec.containers{${c}}`);

export class PodWorker {
  private sandboxId?: string;
  private podIP?: string;
  private slots = new Map<string, Slot>();
  private running = false;
  private again = false;
  private terminated = false;
  /** Whether the runtime's containers of this pod were looked for (once, at the first sync). */
  private adopted = false;
  private lastStatus = "";
  private startTime?: Date;
  private wake?: () => void;
  private mountsCache?: Mount[];
  rejected = false;
  readonly crashBackoff: Backoff;
  readonly imageBackoff: Backoff;

  constructor(
    private readonly k: KubeletContext,
    public pod: Pod,
    /** For static pods: the pod as the API shows it is the mirror. */
    readonly isStatic: boolean,
  ) {
    this.crashBackoff = new Backoff(k.time, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS);
    this.imageBackoff = new Backoff(k.time, IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS);
  }

  get uid(): string {
    return this.pod.metadata!.uid!;
  }
  get key(): string {
    return `${this.pod.metadata!.namespace}/${this.pod.metadata!.name}`;
  }

  /** The API object events and status go to (the mirror pod for static pods). */
  private apiPod(): KObject | undefined {
    const cur = this.k.client.get(GR.pods, this.pod.metadata!.namespace!, this.pod.metadata!.name!);
    if (!cur) return undefined;
    if (!this.isStatic && cur.metadata?.uid !== this.uid) return undefined;
    return cur;
  }

  private event(type: "Normal" | "Warning", reason: string, message: string, fieldPath?: string) {
    const target = this.apiPod() ?? this.pod;
    this.k.recorder.event({ ...target, apiVersion: "v1", kind: "Pod" }, type, reason, message, fieldPath);
  }

  hasContainer(id: string): boolean {
    return [...this.slots.values()].some((s) => s.containerId === id);
  }

  slot(name: string): Slot | undefined {
    return this.slots.get(name);
  }

  /** Pod updates matter only when what the kubelet runs changed (config.go checkAndUpdatePod ignores status-only writes). */
  update(pod: Pod): void {
    const meaning = (p: Pod) => JSON.stringify([p.spec, p.metadata?.labels, p.metadata?.annotations, p.metadata?.deletionTimestamp, p.metadata?.deletionGracePeriodSeconds]);
    const changed = meaning(pod) !== meaning(this.pod);
    this.pod = pod;
    if (changed) this.kick();
  }

  /** Schedules a sync; syncs never overlap. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void (async () => {
      try {
        do {
          this.again = false;
          await this.sync();
        } while (this.again);
      } catch (e) {
        this.k.log("E", "pod_workers.go:1301", "Error syncing pod, skipping", [["err", (e as Error).message], ["pod", this.key], ["podUID", this.uid]]);
      } finally {
        this.running = false;
      }
    })();
  }

  private wakeIn(ms: number): void {
    this.wake?.();
    this.wake = this.k.time.after(Math.max(ms, 0), () => {
      this.wake = undefined;
      this.kick();
    });
  }

  private viewOf(c: Container): Slot {
    let s = this.slots.get(c.name);
    if (!s) {
      s = { view: { name: c.name, specImage: c.image ?? "", restartCount: 0, ready: false, started: false }, probes: new Map(), probeTimers: [] };
      this.slots.set(c.name, s);
    }
    return s;
  }

  private runOf(st: ContainerStatus): ContainerRun {
    return {
      containerID: `containerd://${st.id}`,
      image: st.imageRef,
      imageID: st.imageId,
      state: st.state === "CONTAINER_RUNNING" ? "running" : st.state === "CONTAINER_EXITED" ? "exited" : "created",
      startedAt: st.startedAt,
      finishedAt: st.finishedAt,
      exitCode: st.exitCode,
      reason: st.reason,
      message: st.message,
    };
  }

  /** Refreshes each slot's current run from the runtime. */
  private observe(): void {
    for (const s of this.slots.values()) {
      if (!s.containerId) continue;
      const st = this.k.runtime.containerStatus(s.containerId);
      if (!st) continue;
      const prevState = s.view.current?.state;
      s.view.current = this.runOf(st);
      if (s.view.current.state !== "running") {
        s.view.ready = false;
        s.view.started = false;
        if (prevState === "running") this.stopProbes(s);
      }
    }
  }

  /** generateSandboxConfig (kuberuntime_sandbox.go) for this pod. */
  private sandboxConfig(dns: { servers: string[]; searches: string[]; options: string[] }): PodSandboxConfig {
    const m = this.pod.metadata!;
    const spec = this.pod.spec;
    return {
      uid: m.uid!,
      name: m.name!,
      namespace: m.namespace!,
      attempt: 0,
      hostname: spec.hostname ?? m.name!,
      logDirectory: `/var/log/pods/${m.namespace}_${m.name}_${m.uid}`,
      labels: { ...(m.labels ?? {}), "io.kubernetes.pod.name": m.name!, "io.kubernetes.pod.namespace": m.namespace!, "io.kubernetes.pod.uid": m.uid! },
      annotations: { ...(m.annotations ?? {}) },
      hostNetwork: !!spec.hostNetwork,
      dns: { servers: dns.servers, searches: dns.searches, options: dns.options },
      hostsEntries: (spec.hostAliases ?? []).map((h) => `${h.ip}\t${(h.hostnames ?? []).join("\t")}`),
    };
  }

  /**
   * A kubelet that starts finds the pod's sandbox and containers in the runtime (after its own
   * restart, or containerd's restored state in a fresh lab) and carries on with them: no new
   * sandbox, no Pulled/Created/Started events, the same ids, start times and restart counts.
   */
  private async adopt(): Promise<void> {
    const api = this.apiPod();
    const all = [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers];
    const plan = adoptionPlan(this.uid, all, this.k.runtime.listPodSandboxes(), this.k.runtime.listContainers(), api?.status as never);
    if (!plan) return;
    const rt = this.k.runtime;
    this.sandboxId = plan.sandbox.id;
    this.podIP = plan.sandbox.ip;
    if (plan.startTime) this.startTime = plan.startTime;
    if (isResumable(rt) && rt.needsResume(plan.sandbox.id)) await rt.resumePodSandbox(plan.sandbox.id, this.sandboxConfig(podDNS(this.pod, this.k.dns())));
    for (const c of all) {
      const a = plan.containers.get(c.name);
      if (!a) continue;
      const s = this.viewOf(c);
      s.containerId = a.current.id;
      s.view.current = this.runOf(a.current);
      if (a.previous) s.view.previous = this.runOf(a.previous);
      s.view.restartCount = a.restartCount;
      s.view.started = a.started;
      s.view.ready = a.ready;
      const set = (type: ProbeType, probe: Probe | undefined, ok: boolean) => {
        if (!probe || !ok) return;
        const st = new ProbeState(type, probe);
        st.reported = "success";
        s.probes.set(type, st);
      };
      set("startup", c.startupProbe, a.started);
      set("readiness", c.readinessProbe, a.ready);
      if (isResumable(rt) && rt.needsResume(a.current.id)) {
        const mounts = this.mountVolumes();
        let env: { name: string; value: string }[] = [];
        try {
          env = makeEnvironmentVariables(this.pod, c, this.k.envSources(this.pod, this.podIP ?? ""));
        } catch (e) {
          if (!(e instanceof EnvError)) throw e;
        }
        await rt.resumeContainer(a.current.id, this.containerConfig(c, a.restartCount, c.image ?? "", env, mounts instanceof Error ? [] : mounts));
        s.view.current = this.runOf(rt.containerStatus(a.current.id) ?? a.current);
      }
    }
  }

  private async sync(): Promise<void> {
    if (this.terminated) return;
    if (!this.adopted) {
      this.adopted = true;
      if (!this.pod.metadata?.deletionTimestamp) await this.adopt();
    }
    this.observe();
    if (this.pod.metadata?.deletionTimestamp) return this.terminate(this.pod.metadata.deletionGracePeriodSeconds ?? 30, true);
    if (this.rejected) return;
    const spec = this.pod.spec;
    this.startTime ??= this.k.time.now();

    if (!this.sandboxId) {
      const dns = podDNS(this.pod, this.k.dns());
      if (dns.fallbackWarning) this.event("Warning", "MissingClusterDNS", dns.fallbackWarning);
      try {
        this.sandboxId = await this.k.runtime.runPodSandbox(this.sandboxConfig(dns));
        this.podIP = this.k.runtime.listPodSandboxes().find((s) => s.id === this.sandboxId)?.ip;
      } catch (e) {
        this.event("Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: ${(e as Error).message}`);
        await this.postStatus();
        return this.wakeIn(10_000);
      }
    }

    const mounts = this.mountVolumes();
    if (mounts instanceof Error) {
      await this.postStatus();
      return this.wakeIn(10_000);
    }

    // Init containers, one at a time, in order.
    const inits = spec.initContainers ?? [];
    for (const c of inits) {
      const s = this.viewOf(c);
      if (c.restartPolicy === "Always") {
        // A sidecar (restartable init container): the next container starts once it has
        // started, i.e. it runs and its startup probe (if any) succeeded; it is probed like a
        // regular container (kuberuntime_container.go computeInitContainerActions).
        if (s.view.current?.state !== "running") {
          await this.ensureStarted(c, s, true, mounts);
          await this.postStatus();
          return;
        }
        s.view.waiting = undefined;
        if (!c.startupProbe) s.view.started = true;
        this.startProbes(c, s);
        if (!s.view.started) {
          await this.postStatus();
          return;
        }
        continue;
      }
      const cur = s.view.current;
      if (cur?.state === "exited" && cur.exitCode === 0) {
        s.view.ready = true;
        continue;
      }
      if (cur?.state === "running") {
        await this.postStatus();
        return;
      }
      if (cur?.state === "exited" && (spec.restartPolicy ?? "Always") === "Never") {
        await this.postStatus();
        return;
      }
      await this.ensureStarted(c, s, true, mounts);
      for (const rc of spec.containers) {
        const v = this.viewOf(rc).view;
        v.waiting = { reason: "PodInitializing" };
      }
      await this.postStatus();
      return;
    }

    for (const c of spec.containers) {
      const s = this.viewOf(c);
      const cur = s.view.current;
      if (cur?.state === "running") {
        s.view.waiting = undefined;
        if (!c.startupProbe) s.view.started = true;
        this.startProbes(c, s);
        continue;
      }
      if (cur?.state === "exited") {
        const policy = spec.restartPolicy ?? "Always";
        if (policy === "Never" || (policy === "OnFailure" && cur.exitCode === 0)) {
          s.view.waiting = undefined;
          continue;
        }
      }
      await this.ensureStarted(c, s, false, mounts);
    }
    await this.postStatus();
  }

  /** Starts (or restarts) one container, honouring CrashLoopBackOff and image pull policy. */
  private async ensureStarted(c: Container, s: Slot, init: boolean, mounts: Mount[]): Promise<void> {
    const cur = s.view.current;
    const key = backoffKey(this.pod, c);
    if (cur?.state === "exited" && cur.finishedAt) {
      if (this.crashBackoff.isInBackOffSince(key, cur.finishedAt)) {
        const wait = goDuration(this.crashBackoff.get(key));
        s.view.waiting = { reason: "CrashLoopBackOff", message: `back-off ${wait} restarting failed container=${c.name} pod=${formatPod(this.pod)}` };
        this.event("Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${formatPod(this.pod)}`, ref(c.name, init));
        this.wakeIn(this.crashBackoff.remainingMs(key, cur.finishedAt));
        return;
      }
      this.crashBackoff.next(key, cur.finishedAt);
    }
    const image = c.image ?? "";
    const pulled = await this.ensureImage(c, s, init);
    if (!pulled) return;
    let env: { name: string; value: string }[];
    try {
      env = makeEnvironmentVariables(this.pod, c, this.k.envSources(this.pod, this.podIP ?? ""));
    } catch (e) {
      if (!(e instanceof EnvError)) throw e;
      s.view.waiting = { reason: "CreateContainerConfigError", message: e.message };
      this.event("Warning", "Failed", `Error: ${e.message}`, ref(c.name, init));
      this.wakeIn(10_000);
      return;
    }
    const attempt = cur ? s.view.restartCount + 1 : 0;
    try {
      const id = await this.k.runtime.createContainer(this.sandboxId!, this.containerConfig(c, attempt, pulled, env, mounts));
      this.event("Normal", "Created", `Created container: ${c.name}`, ref(c.name, init));
      // Known before it starts: the runtime's start event (PLEG) must find this worker, and a
      // container that fails to start is an exited one (StartError) that backs off like a crash.
      if (cur) s.view.previous = cur.state === "exited" ? cur : s.view.previous;
      s.containerId = id;
      s.view.restartCount += cur ? 1 : 0;
      await this.k.runtime.startContainer(id);
      this.event("Normal", "Started", `Started container ${c.name}`, ref(c.name, init));
      s.view.waiting = undefined;
      for (const p of s.probes.values()) p.reset();
      this.observe();
    } catch (e) {
      this.observe();
      s.view.waiting = { reason: "RunContainerError", message: (e as Error).message };
      this.event("Warning", "Failed", `Error: ${(e as Error).message}`, ref(c.name, init));
      this.wakeIn(10_000);
    }
    void image;
  }

  /** generateContainerConfig (kuberuntime_container.go) for one attempt of a container. */
  private containerConfig(c: Container, attempt: number, image: string, env: { name: string; value: string }[], mounts: Mount[]): ContainerConfigWithSecurity {
    const { command, args } = expandCommandAndArgs(c, env);
    const m = this.pod.metadata!;
    const containerMounts: Mount[] = [];
    for (const vm of c.volumeMounts ?? []) {
      const src = mounts.find((x) => (x as Mount & { name?: string }).name === vm.name);
      if (src) containerMounts.push({ ...src, containerPath: vm.mountPath, readonly: !!vm.readOnly || src.readonly, subPath: vm.subPath });
    }
    return {
      name: c.name,
      attempt,
      image,
      command,
      args,
      env: env.map((e) => ({ name: e.name, value: e.value })),
      workingDir: c.workingDir,
      mounts: containerMounts,
      tty: !!c.tty,
      stdin: !!c.stdin,
      logPath: `${c.name}/${attempt}.log`,
      labels: { "io.kubernetes.container.name": c.name, "io.kubernetes.pod.name": m.name!, "io.kubernetes.pod.namespace": m.namespace!, "io.kubernetes.pod.uid": m.uid! },
      annotations: { "io.kubernetes.container.restartCount": String(attempt) },
      memoryLimitBytes: 0,
      securityContext: effectiveSecurity(this.pod, c as { securityContext?: { runAsUser?: number; runAsGroup?: number; readOnlyRootFilesystem?: boolean; privileged?: boolean } }),
    };
  }

  /** EnsureImageExists (pkg/kubelet/images/image_manager.go). Returns the image to run or undefined. */
  private async ensureImage(c: Container, s: Slot, init: boolean): Promise<string | undefined> {
    const image = c.image ?? "";
    const policy = c.imagePullPolicy ?? (/:latest$/.test(image) || !/:[^/]+$/.test(image.split("@")[0]) ? "Always" : "IfNotPresent");
    const present = this.k.runtime.imageStatus(image);
    const fp = ref(c.name, init);
    if (policy === "Never" && !present) {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      s.view.waiting = { reason: "ErrImageNeverPull", message: msg };
      this.event("Warning", "ErrImageNeverPull", msg, fp);
      this.event("Warning", "Failed", "Error: ErrImageNeverPull", fp);
      this.wakeIn(10_000);
      return undefined;
    }
    if (present && policy !== "Always") {
      this.event("Normal", "Pulled", `Container image "${image}" already present on machine`, fp);
      return image;
    }
    const key = `${this.uid}_${image}`;
    const now = this.k.time.now();
    if (this.imageBackoff.isInBackOffSinceUpdate(key, now)) {
      s.view.waiting = { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"` };
      this.event("Normal", "BackOff", `Back-off pulling image "${image}"`, fp);
      this.wakeIn(this.imageBackoff.remainingMs(key, now) + 1);
      return undefined;
    }
    this.event("Normal", "Pulling", `Pulling image "${image}"`, fp);
    s.view.waiting = { reason: "ContainerCreating" };
    const started = this.k.time.now().getTime();
    try {
      const info = await this.k.runtime.pullImage(image);
      const took = goDuration(this.k.time.now().getTime() - started);
      this.event("Normal", "Pulled", `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${info.size} bytes.`, fp);
      return image;
    } catch (e) {
      const msg = e instanceof ImagePullError ? e.message : (e as Error).message;
      this.imageBackoff.next(key, this.k.time.now());
      s.view.waiting = { reason: "ErrImagePull", message: msg };
      this.event("Warning", "Failed", `Failed to pull image "${image}": ${msg}`, fp);
      this.event("Warning", "Failed", "Error: ErrImagePull", fp);
      this.wakeIn(this.imageBackoff.get(key) / 2);
      return undefined;
    }
  }

  /** The volume manager: every volume of the pod becomes a CRI mount source (name kept for lookup). */
  private mountVolumes(): (Mount & { name: string })[] | Error {
    if (this.mountsCache) return this.mountsCache as (Mount & { name: string })[];
    const out: (Mount & { name: string })[] = [];
    const src = { ...this.k.envSources(this.pod, this.podIP ?? ""), token: (aud: string | undefined, exp: number) => this.k.token(this.pod, aud, exp) };
    for (const v of this.pod.spec.volumes ?? []) {
      try {
        const files = projectVolume(this.pod, v, src);
        if (files) {
          out.push({ name: v.name, containerPath: "", files, readonly: true });
          continue;
        }
        if (v.emptyDir) {
          const dir = podVolumeDir(this.uid, "empty-dir", v.name);
          mkdirSync(this.k.nodePath(dir), { recursive: true });
          out.push({ name: v.name, containerPath: "", hostPath: dir });
        } else if (v.hostPath) {
          const p = v.hostPath.path;
          const host = this.k.nodePath(p);
          let info = { exists: false, isDir: false, isFile: false, isSocket: false };
          try {
            const st = statSync(host);
            info = { exists: true, isDir: st.isDirectory(), isFile: st.isFile(), isSocket: st.isSocket() };
          } catch {
            /* missing */
          }
          const r = checkHostPathType(p, v.hostPath.type, info);
          if (r instanceof MountError) throw r;
          if (r === "create-dir") mkdirSync(host, { recursive: true, mode: 0o755 });
          if (r === "create-file") {
            mkdirSync(dirname(host), { recursive: true });
            if (!existsSync(host)) writeFileSync(host, "", { mode: 0o644 });
          }
          out.push({ name: v.name, containerPath: "", hostPath: p });
        } else if (v.persistentVolumeClaim) {
          const pvc = this.k.client.get(GR.persistentvolumeclaims, this.pod.metadata!.namespace!, v.persistentVolumeClaim.claimName);
          if (!pvc) throw new MountError(`persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" not found`);
          const pvName = (pvc.spec as { volumeName?: string }).volumeName;
          const pv = pvName ? this.k.client.get(GR.persistentvolumes, "", pvName) : undefined;
          const pvSpec = (pv?.spec ?? {}) as { hostPath?: { path: string }; local?: { path: string } };
          const path = pvSpec.hostPath?.path ?? pvSpec.local?.path;
          if (!path) throw new MountError(`unbound immediate PersistentVolumeClaims`);
          mkdirSync(this.k.nodePath(path), { recursive: true });
          out.push({ name: v.name, containerPath: "", hostPath: path, readonly: v.persistentVolumeClaim.readOnly });
        }
      } catch (e) {
        const msg = e instanceof MountError || e instanceof EnvError ? e.message : (e as Error).message;
        this.event("Warning", "FailedMount", failedMountMessage(v.name, msg));
        for (const c of this.pod.spec.containers) {
          const s = this.viewOf(c);
          if (!s.view.current) s.view.waiting = { reason: "ContainerCreating" };
        }
        return new Error(msg);
      }
    }
    this.mountsCache = out;
    return out;
  }

  private startProbes(c: Container, s: Slot): void {
    if (s.probeTimers.length || !s.containerId) return;
    const types: [ProbeType, Probe | undefined][] = [
      ["startup", c.startupProbe],
      ["liveness", c.livenessProbe],
      ["readiness", c.readinessProbe],
    ];
    if (!c.readinessProbe) s.view.ready = !c.startupProbe || s.view.started;
    for (const [type, probe] of types) {
      if (!probe) continue;
      let st = s.probes.get(type);
      if (!st) s.probes.set(type, (st = new ProbeState(type, probe)));
      const period = (probe.periodSeconds ?? 10) * 1000;
      // The initial delay counts from the container's start (prober/worker.go), so an adopted
      // container that has run for a while is probed at once.
      const since = s.view.current?.startedAt ? this.k.time.now().getTime() - s.view.current.startedAt.getTime() : 0;
      const delay = Math.max(0, (probe.initialDelaySeconds ?? 0) * 1000 - since);
      const tick = () => {
        if (!s.containerId || s.view.current?.state !== "running") return;
        void this.runProbe(c, s, type, st!).finally(() => {
          if (s.view.current?.state === "running") s.probeTimers.push(this.k.time.after(period, tick));
        });
      };
      s.probeTimers.push(this.k.time.after(delay, tick));
    }
  }

  private stopProbes(s: Slot): void {
    for (const c of s.probeTimers) c();
    s.probeTimers = [];
  }

  private async runProbe(c: Container, s: Slot, type: ProbeType, st: ProbeState): Promise<void> {
    if (type !== "startup" && c.startupProbe && !s.view.started) return;
    if (type === "startup" && s.view.started) return;
    if (st.onHold) return;
    const { result, output } = await this.probeOnce(c, s, st.probe);
    if (result === "failure") this.event("Warning", "Unhealthy", unhealthyMessage(type, output), ref(c.name, false));
    const reported = st.observe(result);
    if (!reported) return;
    if (type === "readiness") s.view.ready = reported === "success";
    if (type === "startup" && reported === "success") {
      s.view.started = true;
      if (!c.readinessProbe) s.view.ready = true;
    }
    if ((type === "liveness" || type === "startup") && reported === "failure" && s.containerId) {
      this.event("Normal", "Killing", probeKillMessage(type, c.name), ref(c.name, false));
      await this.k.runtime.stopContainer(s.containerId, this.pod.spec.terminationGracePeriodSeconds ?? 30);
    }
    this.kick();
  }

  private async probeOnce(c: Container, s: Slot, p: Probe): Promise<{ result: "success" | "failure"; output: string }> {
    const timeout = p.timeoutSeconds ?? 1;
    if (p.exec) {
      const r = await this.k.runtime.execSync(s.containerId!, p.exec.command ?? [], timeout);
      return { result: r.exitCode === 0 ? "success" : "failure", output: Buffer.concat([r.stdout, r.stderr]).toString() };
    }
    const target = p.httpGet ?? p.tcpSocket;
    if (!target) return { result: "success", output: "" };
    const port = resolveProbePort(target.port, c.ports);
    if (port instanceof Error) return { result: "failure", output: port.message };
    const ip = target.host || this.podIP || "";
    if (p.tcpSocket) {
      const conn = this.k.runtime.connect(ip, port);
      if (conn === "refused") return { result: "failure", output: tcpDialError(ip, port, "refused") };
      conn.destroy();
      return { result: "success", output: "" };
    }
    const h = p.httpGet!;
    const path = h.path ?? "/";
    const url = `${(h.scheme ?? "HTTP").toLowerCase()}://${ip}:${port}${path.startsWith("/") ? path : "/" + path}`;
    const raw = this.k.runtime.connect(ip, port);
    if (raw === "refused") return { result: "failure", output: httpDialError(url, ip, port, "refused") };
    // HTTPS probes do not verify the certificate (prober/http.go InsecureSkipVerify).
    const conn: Duplex = (h.scheme ?? "HTTP").toUpperCase() === "HTTPS" ? tlsConnect({ socket: raw, rejectUnauthorized: false, servername: undefined }) : raw;
    const status = await new Promise<number | undefined>((resolve) => {
      let buf = "";
      const cancel = this.k.time.after(timeout * 1000, () => resolve(undefined));
      conn.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /^HTTP\/\d\.\d (\d{3})/.exec(buf);
        if (m) {
          cancel();
          resolve(Number(m[1]));
        }
      });
      conn.on("error", () => resolve(undefined));
      conn.write(`GET ${path} HTTP/1.1\r\nHost: ${ip}:${port}\r\nUser-Agent: kube-probe/1.32\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
    });
    conn.destroy();
    if (status === undefined) return { result: "failure", output: httpDialError(url, ip, port, "timeout") };
    const o = httpProbeOutcome(status);
    return { result: o.result === "success" ? "success" : "failure", output: o.output };
  }

  /** The kubelet stops: timers end, the containers keep running (containerd keeps them). */
  detach(): void {
    this.terminated = true;
    this.wake?.();
    for (const s of this.slots.values()) this.stopProbes(s);
  }

  /** Stops every container with the grace period, then the sandbox; deletes the API pod when asked. */
  async terminate(graceSeconds: number, deleteFromApi: boolean): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    this.wake?.();
    const all = [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers];
    await Promise.all(
      all.map(async (c) => {
        const s = this.slots.get(c.name);
        if (!s) return;
        this.stopProbes(s);
        if (s.containerId && s.view.current?.state === "running") {
          this.event("Normal", "Killing", `Stopping container ${c.name}`, ref(c.name, false));
          await this.k.runtime.stopContainer(s.containerId, graceSeconds);
        }
      }),
    );
    this.observe();
    if (this.sandboxId) await this.k.runtime.stopPodSandbox(this.sandboxId);
    this.sandboxId = undefined;
    if (deleteFromApi) {
      await this.postStatus(true);
      try {
        await this.k.client.delete(GR.pods, this.pod.metadata!.namespace!, this.pod.metadata!.name!, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
      } catch {
        /* already gone */
      }
    }
  }

  /** Posts the pod status when it changed (the status manager). */
  async postStatus(terminal = false): Promise<void> {
    const cur = this.apiPod();
    if (!cur) return;
    const init = (this.pod.spec.initContainers ?? []).map((c) => this.viewOf(c).view);
    const containers = this.pod.spec.containers.map((c) => this.viewOf(c).view);
    const status = generatePodStatus({
      pod: { ...(cur as Pod), spec: this.pod.spec },
      init,
      containers,
      sandboxReady: !!this.sandboxId,
      hostIP: this.k.nodeIP,
      podIP: this.podIP,
      startTime: this.startTime,
      podIsTerminal: terminal,
      now: this.k.time.now(),
    });
    await this.writeStatus(cur, status);
  }

  async writeStatus(cur: KObject, status: Record<string, unknown>): Promise<void> {
    const text = JSON.stringify(status, (k, v) => (k === "lastTransitionTime" ? undefined : v));
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    try {
      await this.k.client.update(GR.pods, { ...cur, status }, { subresource: "status" });
    } catch (e) {
      this.lastStatus = "";
      this.k.log("E", "status_manager.go:919", "Failed to update status for pod", [["pod", this.key], ["err", (e as Error).message]]);
    }
  }
}
