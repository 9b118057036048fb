// The pod status the kubelet posts, as pkg/kubelet/kubelet_pods.go generateAPIPodStatus (getPhase,
// convertToAPIContainerStatuses) and pkg/kubelet/status/generate.go (the conditions), plus the
// status manager's rule that a condition keeps its lastTransitionTime while its status holds.
import type { Container, Pod, PodCondition } from "./types.js";
import { rfc3339 } from "./types.js";
import { qosClass } from "./qos.js";

/** One attempt of a container as the runtime reports it. */
export interface ContainerRun {
  /** "containerd://<id>" */
  containerID: string;
  image: string;
  imageID: string;
  state: "created" | "running" | "exited";
  startedAt?: Date;
  finishedAt?: Date;
  exitCode?: number;
  reason?: string;
  message?: string;
}

/** What the kubelet knows of one container of the pod. */
export interface ContainerView {
  name: string;
  /** spec image: shown until the runtime has a container. */
  specImage: string;
  current?: ContainerRun;
  /** The attempt before current (lastState). */
  previous?: ContainerRun;
  restartCount: number;
  /** Set while the container is not running: ContainerCreating, PodInitializing, CrashLoopBackOff, ErrImagePull ... */
  waiting?: { reason: string; message?: string };
  ready: boolean;
  started: boolean;
}

type Json = Record<string, unknown>;

function terminated(run: ContainerRun): Json {
  const t: Json = {
    containerID: run.containerID,
    exitCode: run.exitCode ?? 0,
    finishedAt: run.finishedAt ? rfc3339(run.finishedAt) : null,
    reason: run.reason ?? (run.exitCode ? "Error" : "Completed"),
    startedAt: run.startedAt ? rfc3339(run.startedAt) : null,
  };
  if (run.message) t.message = run.message;
  return t;
}

/** convertToAPIContainerStatuses for one container. */
export function containerStatus(v: ContainerView, spec: Container): Json {
  const cur = v.current;
  let state: Json;
  let last: Json = {};
  if (v.waiting) {
    state = { waiting: v.waiting.message ? { message: v.waiting.message, reason: v.waiting.reason } : { reason: v.waiting.reason } };
    const lt = cur?.state === "exited" ? cur : v.previous;
    if (lt) last = { terminated: terminated(lt) };
  } else if (cur?.state === "running") {
    state = { running: { startedAt: cur.startedAt ? rfc3339(cur.startedAt) : null } };
    if (v.previous) last = { terminated: terminated(v.previous) };
  } else if (cur?.state === "exited") {
    state = { terminated: terminated(cur) };
    if (v.previous) last = { terminated: terminated(v.previous) };
  } else {
    state = { waiting: { reason: "ContainerCreating" } };
  }
  const out: Json = {
    image: cur?.image ?? v.specImage,
    imageID: cur?.imageID ?? "",
    lastState: last,
    name: v.name,
    ready: v.ready,
    restartCount: v.restartCount,
    started: v.started,
    state,
  };
  if (cur) out.containerID = cur.containerID;
  if (spec.volumeMounts?.length) {
    out.volumeMounts = spec.volumeMounts.map((m) => {
      const vm: Json = { mountPath: m.mountPath, name: m.name };
      if (m.readOnly) {
        vm.readOnly = true;
        vm.recursiveReadOnly = "Disabled";
      }
      return vm;
    });
  }
  return out;
}

type StatusLike = { name: string; state: Json; lastState: Json; ready: boolean; started?: boolean };

const isRestartable = (c: Container) => c.restartPolicy === "Always";

/** getPhase (kubelet_pods.go). podIsTerminal: the pod is being finished (deleted or all done). */
export function getPhase(pod: Pod, initStatuses: StatusLike[], statuses: StatusLike[], podIsTerminal = false): string {
  const spec = pod.spec;
  const restart = spec.restartPolicy ?? "Always";
  let pendingRestartable = 0;
  let pendingRegular = 0;
  let failedInit = 0;
  for (const c of spec.initContainers ?? []) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (isRestartable(c)) {
      if (!s || !s.state.running || !s.started) pendingRestartable++;
      continue;
    }
    if (!s) {
      pendingRegular++;
      continue;
    }
    if (s.state.running) pendingRegular++;
    else if (s.state.terminated) {
      if ((s.state.terminated as Json).exitCode !== 0) failedInit++;
    } else if (s.state.waiting) {
      const lt = s.lastState.terminated as Json | undefined;
      if (lt) {
        if (lt.exitCode !== 0) failedInit++;
      } else pendingRegular++;
    } else pendingRegular++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.containers) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if ((s.state.terminated as Json).exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && restart === "Never") return "Failed";
  if (pendingRegular > 0 || (pendingRestartable > 0 && running === 0)) return "Pending";
  if (waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && restart === "Always") return stopped === succeeded ? "Succeeded" : "Failed";
    if (restart === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (restart === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

const cond = (type: string, status: "True" | "False", reason?: string, message?: string): PodCondition => {
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: null };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
};

const goList = (xs: string[]) => `[${xs.join(" ")}]`;

export function containersReadyCondition(pod: Pod, statuses: StatusLike[], phase: string, type = "ContainersReady"): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of [...(pod.spec.initContainers ?? []).filter(isRestartable), ...pod.spec.containers]) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === "Succeeded" && unknown.length === 0) return cond(type, "False", "PodCompleted");
  if (phase === "Failed") return cond(type, "False", "PodFailed");
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
  if (msgs.length) return cond(type, "False", "ContainersNotReady", msgs.join(", "));
  return cond(type, "True");
}

export function podReadyCondition(pod: Pod, statuses: StatusLike[], phase: string, conditions: PodCondition[]): PodCondition {
  const cr = containersReadyCondition(pod, statuses, phase, "Ready");
  if (cr.status !== "True") return cr;
  const msgs: string[] = [];
  for (const rg of pod.spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === rg.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${rg.conditionType}" does not exist.`);
    else if (c.status !== "True") msgs.push(`the status of pod readiness gate "${rg.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length) return cond("Ready", "False", "ReadinessGatesNotReady", msgs.join(", "));
  return cond("Ready", "True");
}

export function initializedCondition(pod: Pod, initStatuses: StatusLike[], statuses: StatusLike[], phase: string): PodCondition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (isRestartable(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === "Succeeded" && unknown.length === 0) return cond("Initialized", "True", "PodCompleted");
  // A regular container that has started means initialization happened before.
  if (statuses.some((s) => s.state.running || s.state.terminated || s.lastState.terminated)) return cond("Initialized", "True");
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (msgs.length) return cond("Initialized", "False", "ContainersNotInitialized", msgs.join(", "));
  return cond("Initialized", "True");
}

export interface PodStatusInput {
  pod: Pod;
  init: ContainerView[];
  containers: ContainerView[];
  /** A sandbox with networking exists. */
  sandboxReady: boolean;
  hostIP: string;
  podIP?: string;
  startTime?: Date;
  podIsTerminal?: boolean;
  now: Date;
}

const KUBELET_CONDITIONS = new Set(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]);

/** generateAPIPodStatus + the status manager's lastTransitionTime bookkeeping. */
export function generatePodStatus(inp: PodStatusInput): Json {
  const { pod } = inp;
  const specOf = (list: Container[], name: string) => list.find((c) => c.name === name)!;
  const initStatuses = inp.init.map((v) => containerStatus(v, specOf(pod.spec.initContainers ?? [], v.name))) as unknown as StatusLike[];
  const statuses = inp.containers.map((v) => containerStatus(v, specOf(pod.spec.containers, v.name))) as unknown as StatusLike[];
  const phase = getPhase(pod, initStatuses, statuses, inp.podIsTerminal);
  const old = (pod.status ?? {}) as { conditions?: PodCondition[]; startTime?: string };
  const oldConds = old.conditions ?? [];
  const others = oldConds.filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const fresh = [
    cond("PodReadyToStartContainers", inp.sandboxReady ? "True" : "False"),
    initializedCondition(pod, initStatuses, statuses, phase),
    podReadyCondition(pod, statuses, phase, oldConds),
    containersReadyCondition(pod, statuses, phase),
    cond("PodScheduled", "True"),
  ];
  const stamp = rfc3339(inp.now);
  const conditions = [...others, ...fresh].map((c) => {
    const prev = oldConds.find((o) => o.type === c.type);
    if (prev && prev.status === c.status) return { ...c, lastTransitionTime: prev.lastTransitionTime ?? stamp, lastProbeTime: prev.lastProbeTime ?? null };
    return { ...c, lastTransitionTime: c.type === "DisruptionTarget" ? c.lastTransitionTime : stamp };
  });
  const status: Json = { conditions, hostIP: inp.hostIP, hostIPs: [{ ip: inp.hostIP }], phase };
  if (inp.podIP) {
    status.podIP = inp.podIP;
    status.podIPs = [{ ip: inp.podIP }];
  }
  const start = old.startTime ?? (inp.startTime ? rfc3339(inp.startTime) : undefined);
  if (start) status.startTime = start;
  status.qosClass = qosClass(pod.spec);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  return status;
}
