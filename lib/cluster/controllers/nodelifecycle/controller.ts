// The node lifecycle controller of kube-controller-manager, following
// pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth,
// tryUpdateNodeHealth, doNoScheduleTaintingPass, processTaintBaseEviction) and the taint eviction
// controller it hands NoExecute taints to (pkg/controller/tainteviction/taint_eviction.go): a node
// whose kubelet has not renewed its Lease or posted status for node-monitor-grace-period gets
// Unknown conditions and the unreachable taints; its pods are marked not ready, and pods that do
// not tolerate the NoExecute taint long enough are deleted.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import type { EventRecorder } from "../../runtime/events.js";
import type { Controller, ControllerContext, ControllerFactory } from "../types.js";
import { controllerTaint, minTolerationSeconds, noScheduleTaints, TAINT_NOT_READY, TAINT_UNREACHABLE, type Taint, type Toleration } from "./taints.js";

/** --node-monitor-period and --node-monitor-grace-period defaults in v1.32. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
/** nodeStartupGracePeriod: a node that never posted status gets this long. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

const CONDITIONS = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

type Cond = { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string };
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function parseDuration(s: string | undefined, dflt: number): number {
  if (!s) return dflt;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (!m || s === "") return dflt;
  return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
}

export const nodeLifecycleController: ControllerFactory = (ctx: ControllerContext): Controller => {
  const { client, time } = ctx;
  const grace = parseDuration(ctx.flags.get("node-monitor-grace-period"), NODE_MONITOR_GRACE_PERIOD_MS);
  const period = parseDuration(ctx.flags.get("node-monitor-period"), NODE_MONITOR_PERIOD_MS);
  const startupGrace = parseDuration(ctx.flags.get("node-startup-grace-period"), NODE_STARTUP_GRACE_PERIOD_MS);
  const nodeRecorder: EventRecorder = ctx.recorder("node-controller");
  const evictRecorder: EventRecorder = ctx.recorder("taint-eviction-controller");
  /** nodeHealthMap: the last time we saw the node alive, by our clock. */
  const health = new Map<string, { probe: number; readyStatus?: string; leaseRenew?: string; heartbeat?: string }>();
  const known = new Set<string>();
  const pendingDeletes = new Map<string, () => void>();
  const cancels: (() => void)[] = [];
  let stopped = false;
  let busy = false;

  function observe(node: KObject): void {
    const name = node.metadata!.name!;
    const now = time.now().getTime();
    const ready = ((node.status as { conditions?: Cond[] })?.conditions ?? []).find((c) => c.type === "Ready");
    const lease = client.get(GR.leases, "kube-node-lease", name);
    const renew = (lease?.spec as { renewTime?: string })?.renewTime;
    let h = health.get(name);
    if (!h) {
      const created = Date.parse(node.metadata?.creationTimestamp ?? "") || now;
      h = { probe: ready ? now : Math.min(now, created), heartbeat: ready?.lastHeartbeatTime, leaseRenew: renew };
      health.set(name, h);
      return;
    }
    // Anything the kubelet renewed counts as a sign of life, measured on our clock.
    if (ready?.lastHeartbeatTime !== h.heartbeat || (ready && ready.status !== "Unknown" && ready.status !== h.readyStatus)) {
      h.heartbeat = ready?.lastHeartbeatTime;
      h.probe = now;
    }
    if (renew && renew !== h.leaseRenew) {
      h.leaseRenew = renew;
      h.probe = now;
    }
  }

  async function monitor(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      for (const node of client.list(GR.nodes)) {
        const name = node.metadata!.name!;
        if (!known.has(name)) {
          known.add(name);
          nodeRecorder.event(node, "Normal", "RegisteredNode", `Node ${name} event: Registered Node ${name} in Controller`);
        }
        observe(node);
        await updateHealth(node);
      }
      for (const name of [...health.keys()]) if (!client.get(GR.nodes, "", name)) health.delete(name);
    } catch (e) {
      ctx.log(`node lifecycle: ${(e as Error).message}`);
    } finally {
      busy = false;
    }
  }

  async function updateHealth(node: KObject): Promise<void> {
    const name = node.metadata!.name!;
    const h = health.get(name)!;
    const now = time.now();
    const conds = ((node.status as { conditions?: Cond[] })?.conditions ?? []) as Cond[];
    const ready = conds.find((c) => c.type === "Ready");
    const limit = ready ? grace : startupGrace;
    let current = node;
    if (now.getTime() > h.probe + limit) {
      const next = structuredClone(node);
      const st = (next.status ??= {}) as { conditions?: Cond[] };
      const list = (st.conditions ??= []);
      let changed = false;
      for (const type of CONDITIONS) {
        const c = list.find((x) => x.type === type);
        if (!c) {
          list.push({ type, status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status.", lastHeartbeatTime: rfc3339(new Date(Date.parse(node.metadata?.creationTimestamp ?? "") || now.getTime())), lastTransitionTime: rfc3339(now) });
          changed = true;
        } else if (c.status !== "Unknown") {
          c.status = "Unknown";
          c.reason = "NodeStatusUnknown";
          c.message = "Kubelet stopped posting node status.";
          c.lastTransitionTime = rfc3339(now);
          changed = true;
        }
      }
      if (changed) {
        current = await client.update(GR.nodes, next, { subresource: "status" });
        h.heartbeat = (((current.status as { conditions?: Cond[] }).conditions ?? []).find((c) => c.type === "Ready"))?.lastHeartbeatTime;
      }
    }
    const readyNow = (((current.status as { conditions?: Cond[] })?.conditions ?? []).find((c) => c.type === "Ready"))?.status;
    if (h.readyStatus === "True" && readyNow !== "True") {
      nodeRecorder.event(current, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
      await markPodsNotReady(name);
    }
    h.readyStatus = readyNow;
    current = await reconcileTaints(current, readyNow);
    scheduleEvictions(current);
  }

  async function markPodsNotReady(nodeName: string): Promise<void> {
    for (const pod of client.list(GR.pods)) {
      if ((pod.spec as { nodeName?: string }).nodeName !== nodeName) continue;
      const next = structuredClone(pod);
      const conds = ((next.status as { conditions?: Cond[] })?.conditions ?? []) as Cond[];
      const ready = conds.find((c) => c.type === "Ready");
      if (!ready || ready.status === "False") continue;
      ready.status = "False";
      ready.lastTransitionTime = rfc3339(time.now());
      try {
        await client.update(GR.pods, next, { subresource: "status" });
        nodeRecorder.event(pod, "Warning", "NodeNotReady", "Node is not ready");
      } catch (e) {
        ctx.log(`Failed to update status for pod ${pod.metadata?.namespace}/${pod.metadata?.name}: ${(e as Error).message}`);
      }
    }
  }

  /**
   * doNoScheduleTaintingPass (the NoSchedule taints of node conditions and of spec.unschedulable)
   * + the NoExecute taints of processTaintBaseEviction. Like SwapNodeControllerTaint, every taint
   * the controller adds carries timeAdded.
   */
  async function reconcileTaints(node: KObject, ready: string | undefined): Promise<KObject> {
    const spec = (node.spec ?? {}) as { taints?: Taint[]; unschedulable?: boolean };
    const taints = spec.taints ?? [];
    const conds = ((node.status as { conditions?: Cond[] })?.conditions ?? []) as Cond[];
    const want = noScheduleTaints(conds, !!spec.unschedulable);
    const key = ready === "False" ? TAINT_NOT_READY : ready === "Unknown" || ready === undefined ? TAINT_UNREACHABLE : undefined;
    if (key) want.push({ key, effect: "NoExecute" });
    if (ready === undefined && !want.some((t) => t.key === TAINT_UNREACHABLE && t.effect === "NoSchedule")) want.unshift({ key: TAINT_UNREACHABLE, effect: "NoSchedule" });
    const kept = taints.filter((t) => !controllerTaint(t));
    const nowStamp = rfc3339(time.now());
    const next = [
      ...kept,
      ...want.map((w) => taints.find((t) => t.key === w.key && t.effect === w.effect) ?? { ...w, timeAdded: nowStamp }),
    ];
    const same = next.length === taints.length && next.every((t) => taints.some((o) => o.key === t.key && o.effect === t.effect));
    if (same) return node;
    const upd = structuredClone(node);
    (upd.spec as { taints?: Taint[] }) = { ...(upd.spec as object), taints: next.length ? next : undefined } as { taints?: Taint[] };
    if (!next.length) delete (upd.spec as { taints?: Taint[] }).taints;
    return client.update(GR.nodes, upd);
  }

  function scheduleEvictions(node: KObject): void {
    const name = node.metadata!.name!;
    const noExec = (((node.spec as { taints?: Taint[] })?.taints ?? []) as Taint[]).filter((t) => t.effect === "NoExecute");
    for (const pod of client.list(GR.pods)) {
      if ((pod.spec as { nodeName?: string }).nodeName !== name || pod.metadata?.deletionTimestamp) continue;
      const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
      if (!noExec.length) {
        pendingDeletes.get(key)?.();
        pendingDeletes.delete(key);
        continue;
      }
      if (pendingDeletes.has(key)) continue;
      const secs = minTolerationSeconds(((pod.spec as { tolerations?: Toleration[] }).tolerations ?? []) as Toleration[], noExec);
      if (secs < 0) continue;
      const added = Math.min(...noExec.map((t) => Date.parse(t.timeAdded ?? "") || time.now().getTime()));
      const delay = Math.max(0, added + secs * 1000 - time.now().getTime());
      const cancel = time.after(delay, () => {
        pendingDeletes.delete(key);
        void evict(pod.metadata!.namespace!, pod.metadata!.name!, pod.metadata!.uid!);
      });
      pendingDeletes.set(key, cancel);
    }
  }

  async function evict(ns: string, name: string, uid: string): Promise<void> {
    const pod = client.get(GR.pods, ns, name);
    if (!pod || pod.metadata?.uid !== uid || pod.metadata.deletionTimestamp) return;
    evictRecorder.event(pod, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${ns}/${name}`);
    try {
      const next = structuredClone(pod);
      const st = (next.status ??= {}) as { conditions?: Cond[] };
      const conds = (st.conditions ??= []);
      if (!conds.some((c) => c.type === "DisruptionTarget")) {
        conds.push({ type: "DisruptionTarget", status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint", lastTransitionTime: rfc3339(time.now()) });
        await client.update(GR.pods, next, { subresource: "status" });
      }
      await client.delete(GR.pods, ns, name, { preconditions: { uid } });
    } catch (e) {
      ctx.log(`taint eviction of ${ns}/${name}: ${(e as Error).message}`);
    }
  }

  const syncing = new Set<string>();
  async function syncNode(name: string): Promise<void> {
    if (syncing.has(name)) return;
    syncing.add(name);
    try {
      const node = client.get(GR.nodes, "", name);
      if (!node || !health.has(name)) return;
      const ready = (((node.status as { conditions?: Cond[] })?.conditions ?? []).find((c) => c.type === "Ready"))?.status;
      scheduleEvictions(await reconcileTaints(node, ready));
    } catch (e) {
      ctx.log(`node lifecycle: ${(e as Error).message}`);
    } finally {
      syncing.delete(name);
    }
  }

  function tick(): void {
    if (stopped) return;
    void monitor().finally(() => {
      if (!stopped) cancels.push(time.after(period, tick));
    });
  }

  return {
    name: "node-lifecycle",
    start() {
      // Lease renewals are signs of life between status posts: note them as they come.
      cancels.push(
        client.watch(GR.leases, (type, obj) => {
          if (type === "DELETED" || obj.metadata?.namespace !== "kube-node-lease") return;
          const node = client.get(GR.nodes, "", obj.metadata!.name!);
          if (node && health.has(obj.metadata!.name!)) observe(node);
        }),
      );
      // nodeUpdateQueue: a node's spec or conditions changed (cordon, a new taint): the
      // NoSchedule tainting pass and the taint eviction controller react at once, not at the
      // next monitor period.
      cancels.push(
        client.watch(GR.nodes, (type, obj) => {
          if (type === "DELETED" || stopped) return;
          void syncNode(obj.metadata!.name!);
        }),
      );
      tick();
    },
    stop() {
      stopped = true;
      for (const c of cancels) c();
      for (const c of pendingDeletes.values()) c();
      pendingDeletes.clear();
    },
  };
};
