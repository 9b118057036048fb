// kube-scheduler (pkg/scheduler/scheduler.go, schedule_one.go, eventhandlers.go, v1.32) with the
// default profile: pending pods of our schedulerName are queued, scheduled one at a time
// (the scheduling cycle is synchronous over a snapshot of the cache), assumed on their node, and
// bound asynchronously (the binding cycle: volumes first, then pods/binding).
import type { KObject } from "../api/types.js";
import type { ClusterClient } from "../client/types.js";
import { GR } from "../client/types.js";
import { eventsV1Recorder } from "../runtime/events.js";
import type { Time } from "../runtime/timers.js";
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage } from "./fit-error.js";
import { DEFAULT_PLUGINS, schedulePod } from "./framework.js";
import { podClaimsBound, podVolumesFor, SELECTED_NODE_ANNOTATION, type PodVolumes } from "./plugins/volume-binding.js";
import { podPriority, preempt } from "./preemption.js";
import { SchedulingQueue, type QueuedPodInfo } from "./queue.js";
import { addNominatedPods, buildSnapshot, isTerminal } from "./snapshot.js";
import type { ClusterEventKind, CycleContext, Pod, PodCondition } from "./types.js";

export interface SchedulerOptions {
  client: ClusterClient;
  time: Time;
  log(line: string): void;
  schedulerName?: string;
  /** reportingInstance of its events, e.g. "default-scheduler-controlplane". */
  instance: string;
}

export interface Scheduler {
  start(): void;
  stop(): void;
}

/** volumebinding's bindTimeoutSeconds default, and the poll period of its wait. */
export const BIND_TIMEOUT_MS = 600_000;
const BIND_POLL_MS = 1_000;
/** The message of a pod held by schedulingGates (schedulinggates plugin, PreEnqueue). */
export const SCHEDULING_GATED_MSG = "Scheduling is blocked due to non-empty scheduling gates";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function klog(time: Time, sev: "I" | "E", where: string, msg: string, kv: Record<string, string>): string {
  const d = time.now().toISOString();
  const head = `${sev}${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 23)}000       1 ${where}]`;
  return `${head} ${JSON.stringify(msg)}${Object.entries(kv).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join("")}`;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { client, time } = opts;
  const schedulerName = opts.schedulerName ?? "default-scheduler";
  const recorder = eventsV1Recorder(client, time, schedulerName, opts.instance, opts.log);
  const plugins = DEFAULT_PLUGINS;
  const pluginEvents = new Map(plugins.map((p) => [p.name, p.events]));
  /** Pods assumed on a node while their binding is in flight, by uid. */
  const assumed = new Map<string, Pod>();
  const cancels: (() => void)[] = [];
  let pumping = false;
  let stopped = false;
  let tie = 0;

  const queue = new SchedulingQueue(time, pluginEvents, () => schedulePump());

  const responsible = (p: Pod) => (p.spec?.schedulerName ?? "default-scheduler") === schedulerName;
  const pending = (p: Pod) => !p.spec?.nodeName && !isTerminal(p) && !p.metadata?.deletionTimestamp;
  const gated = (p: Pod) => (p.spec?.schedulingGates?.length ?? 0) > 0;

  function schedulePump(): void {
    if (pumping || stopped) return;
    pumping = true;
    void Promise.resolve().then(() => {
      pumping = false;
      for (let info = queue.pop(); info && !stopped; info = queue.pop()) scheduleOne(info);
    });
  }

  function cycleContext(pod: Pod): CycleContext {
    const allPods = client.list(GR.pods);
    const snap = buildSnapshot(client.list(GR.nodes), allPods, assumed);
    addNominatedPods(snap.byName, pod, allPods as Pod[], assumed);
    return {
      pod,
      nodes: snap.nodes,
      nodeByName: snap.byName,
      namespaceLabels: (ns) => client.get(GR.namespaces, "", ns)?.metadata?.labels ?? (client.get(GR.namespaces, "", ns) ? {} : undefined),
      get: (gr, ns, name) => client.get(gr, ns, name),
      list: (gr, ns) => client.list(gr, ns),
      state: new Map(),
    };
  }

  function scheduleOne(info: QueuedPodInfo): void {
    const cur = client.get(GR.pods, info.pod.metadata?.namespace ?? "", info.pod.metadata?.name ?? "") as Pod | undefined;
    if (!cur || cur.metadata?.uid !== info.uid || !pending(cur) || assumed.has(info.uid)) return;
    info.pod = cur;
    const c = cycleContext(cur);
    if (c.nodes.length === 0) return fail(info, c, ERR_NO_NODES_AVAILABLE, new Set());
    const result = schedulePod(c, plugins, (n) => tie++ % n);
    if ("node" in result) {
      const volumes = podVolumesFor(c, result.node);
      const pod = structuredClone(cur);
      pod.spec.nodeName = result.node;
      assumed.set(info.uid, pod);
      void bind(info, cur, result.node, volumes);
      return;
    }
    const d = result.diagnosis;
    let nominated: string | undefined;
    const pre = preempt(c, d, plugins);
    if (pre.message) d.postFilterMsg = pre.message;
    else if (pre.nominatedNode) {
      nominated = pre.nominatedNode;
      for (const v of pre.victims ?? []) void evict(v, cur, pre.nominatedNode);
    }
    fail(info, c, fitErrorMessage(c.nodes.length, d), d.unschedulablePlugins, nominated);
  }

  function fail(info: QueuedPodInfo, c: CycleContext, message: string, plugins: Set<string>, nominated?: string, error = false): void {
    recorder.event(c.pod, "Warning", "FailedScheduling", "Scheduling", message);
    queue.addUnschedulable(info, plugins, error);
    void updateCondition(c.pod, { type: "PodScheduled", status: "False", reason: "Unschedulable", message }, nominated);
  }

  // updatePod: PodScheduled=False with the message, and nominatedNodeName after preemption.
  async function updateCondition(pod: Pod, cond: PodCondition, nominated?: string): Promise<void> {
    const cur = client.get(GR.pods, pod.metadata?.namespace ?? "", pod.metadata?.name ?? "") as Pod | undefined;
    if (!cur || cur.metadata?.uid !== pod.metadata?.uid || cur.spec.nodeName) return;
    const next = structuredClone(cur);
    const status = (next.status ??= {});
    const conds = (status.conditions ??= []);
    const i = conds.findIndex((x) => x.type === cond.type);
    const old = i >= 0 ? conds[i] : undefined;
    const same = old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message;
    if (same && (nominated === undefined || status.nominatedNodeName === nominated)) return;
    const full: PodCondition = {
      type: cond.type,
      status: cond.status,
      lastProbeTime: null,
      lastTransitionTime: old && old.status === cond.status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(time.now()),
      reason: cond.reason,
      message: cond.message,
    };
    if (i >= 0) conds[i] = full;
    else conds.push(full);
    if (nominated !== undefined) status.nominatedNodeName = nominated;
    next.metadata = { ...next.metadata, resourceVersion: undefined };
    try {
      await client.update(GR.pods, next, { subresource: "status" });
    } catch (e) {
      opts.log(klog(time, "E", "schedule_one.go:1093", "Error updating pod", { err: (e as Error).message, pod: `${pod.metadata?.namespace}/${pod.metadata?.name}` }));
    }
  }

  async function evict(victim: Pod, preemptor: Pod, node: string): Promise<void> {
    const ns = victim.metadata?.namespace ?? "";
    const name = victim.metadata?.name ?? "";
    try {
      const next = structuredClone(victim);
      const status = (next.status ??= {});
      const conds = (status.conditions ??= []).filter((x) => x.type !== "DisruptionTarget");
      conds.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: rfc3339(time.now()), reason: "PreemptionByScheduler", message: `${schedulerName}: preempting to accommodate a higher priority pod` });
      status.conditions = conds;
      next.metadata = { ...next.metadata, resourceVersion: undefined };
      await client.update(GR.pods, next, { subresource: "status" });
      await client.delete(GR.pods, ns, name);
      recorder.event(victim, "Normal", "Preempted", "Preempting", `Preempted by pod ${preemptor.metadata?.uid} on node ${node}`);
    } catch (e) {
      opts.log(klog(time, "E", "preemption.go:197", "Error preempting pod", { err: (e as Error).message, pod: `${ns}/${name}` }));
    }
  }

  // The binding cycle: volumes (PreBind), then the Binding.
  async function bind(info: QueuedPodInfo, pod: Pod, node: string, volumes: PodVolumes | undefined): Promise<void> {
    const ns = pod.metadata?.namespace ?? "";
    const name = pod.metadata?.name ?? "";
    try {
      if (volumes) await bindVolumes(pod, node, volumes);
      await client.createSubresource(GR.pods, ns, name, "binding", {
        apiVersion: "v1",
        kind: "Binding",
        metadata: { name, namespace: ns, uid: pod.metadata?.uid },
        target: { kind: "Node", name: node },
      });
      assumed.delete(info.uid);
      recorder.event(pod, "Normal", "Scheduled", "Binding", `Successfully assigned ${ns}/${name} to ${node}`);
    } catch (e) {
      assumed.delete(info.uid);
      if (stopped) return;
      const msg = (e as Error).message;
      opts.log(klog(time, "E", "schedule_one.go:1055", "Error scheduling pod; retrying", { err: msg, pod: `${ns}/${name}` }));
      const cur = client.get(GR.pods, ns, name) as Pod | undefined;
      if (!cur || cur.metadata?.uid !== info.uid || !pending(cur)) return;
      fail(info, { ...cycleContext(cur) }, msg, new Set(), undefined, true);
      queue.onEvent("AssignedPodDelete");
    }
  }

  async function bindVolumes(pod: Pod, node: string, v: PodVolumes): Promise<void> {
    for (const { pvc, pv } of v.bindings) {
      const next = structuredClone(client.get(GR.persistentvolumes, "", pv.metadata!.name!) ?? pv) as KObject & { spec: Record<string, unknown> };
      next.spec.claimRef = { kind: "PersistentVolumeClaim", namespace: pvc.metadata?.namespace, name: pvc.metadata?.name, uid: pvc.metadata?.uid, apiVersion: "v1", resourceVersion: pvc.metadata?.resourceVersion };
      next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, "pv.kubernetes.io/bound-by-controller": "yes" } };
      await client.update(GR.persistentvolumes, next);
    }
    for (const pvc of v.provisions) {
      const cur = client.get(GR.persistentvolumeclaims, pvc.metadata?.namespace ?? "", pvc.metadata?.name ?? "") ?? pvc;
      if (cur.metadata?.annotations?.[SELECTED_NODE_ANNOTATION] === node) continue;
      const next = structuredClone(cur);
      next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, [SELECTED_NODE_ANNOTATION]: node } };
      await client.update(GR.persistentvolumeclaims, next);
    }
    const deadline = time.now().getTime() + BIND_TIMEOUT_MS;
    while (!podClaimsBound((gr, ns, n) => client.get(gr, ns, n), pod)) {
      if (stopped) throw new Error("scheduler stopped");
      if (time.now().getTime() >= deadline) throw new Error("binding volumes: context deadline exceeded");
      await new Promise<void>((resolve) => time.after(BIND_POLL_MS, resolve));
    }
  }

  // ---- event handlers (eventhandlers.go) ----
  function onPod(type: string, obj: KObject, old?: KObject): void {
    const pod = obj as Pod;
    const uid = pod.metadata?.uid ?? "";
    if (type === "DELETED") {
      queue.delete(uid);
      if (assumed.delete(uid) || pod.spec?.nodeName) queue.onEvent("AssignedPodDelete");
      return;
    }
    if (pod.spec?.nodeName) {
      queue.delete(uid);
      assumed.delete(uid);
      if (isTerminal(pod) && old && !isTerminal(old as Pod)) queue.onEvent("AssignedPodDelete");
      else if (!old || !(old as Pod).spec?.nodeName) queue.onEvent("AssignedPodAdd");
      else if (JSON.stringify(old.metadata?.labels) !== JSON.stringify(pod.metadata?.labels)) queue.onEvent("AssignedPodUpdate");
      return;
    }
    if (!responsible(pod) || !pending(pod)) {
      queue.delete(uid);
      return;
    }
    if (!queue.has(uid)) {
      enqueue(pod);
      return;
    }
    if (old && JSON.stringify(old.spec) === JSON.stringify(pod.spec) && JSON.stringify(old.metadata?.labels) === JSON.stringify(pod.metadata?.labels)) return;
    if (old && gated(old as Pod) && !gated(pod)) queue.add(pod, podPriority(client, pod));
    else queue.update(pod);
  }

  function enqueue(pod: Pod): void {
    const isGated = gated(pod);
    queue.add(pod, podPriority(client, pod), isGated);
    if (isGated) void updateCondition(pod, { type: "PodScheduled", status: "False", reason: "SchedulingGated", message: SCHEDULING_GATED_MSG });
  }

  function onNode(type: string, obj: KObject, old?: KObject): void {
    if (type === "ADDED") return queue.onEvent("NodeAdd");
    if (type !== "MODIFIED" || !old) return;
    const kinds: ClusterEventKind[] = [];
    const spec = (o: KObject) => (o.spec ?? {}) as { unschedulable?: boolean; taints?: unknown };
    const status = (o: KObject) => (o.status ?? {}) as { allocatable?: unknown };
    if (JSON.stringify(obj.metadata?.labels) !== JSON.stringify(old.metadata?.labels)) kinds.push("NodeLabel");
    if (JSON.stringify(spec(obj).taints) !== JSON.stringify(spec(old).taints)) kinds.push("NodeTaint");
    if (!!spec(obj).unschedulable !== !!spec(old).unschedulable) kinds.push("NodeSchedulable");
    if (JSON.stringify(status(obj).allocatable) !== JSON.stringify(status(old).allocatable)) kinds.push("NodeAllocatable");
    for (const k of kinds) queue.onEvent(k);
  }

  const on = (kind: ClusterEventKind) => (type: string) => {
    if (type !== "DELETED" || kind === "PV") queue.onEvent(kind);
  };

  return {
    start() {
      stopped = false;
      queue.start();
      cancels.push(client.watch(GR.pods, onPod));
      cancels.push(client.watch(GR.nodes, onNode));
      cancels.push(client.watch(GR.persistentvolumeclaims, on("PVC")));
      cancels.push(client.watch(GR.persistentvolumes, on("PV")));
      cancels.push(client.watch(GR.storageclasses, on("StorageClass")));
      cancels.push(client.watch(GR.namespaces, on("Namespace")));
      for (const p of client.list(GR.pods) as Pod[]) if (responsible(p) && pending(p)) enqueue(p);
    },
    stop() {
      stopped = true;
      for (const c of cancels.splice(0)) c();
      queue.close();
      assumed.clear();
    },
  };
}
