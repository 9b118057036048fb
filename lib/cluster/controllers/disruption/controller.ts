// The disruption controller (pkg/controller/disruption/disruption.go): a PodDisruptionBudget's
// status from the pods it selects and the scale of their controllers, which the eviction API
// (kubectl drain) reads to allow or refuse an eviction.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector } from "../../meta/labels.js";
import { WorkQueue, keyOf, splitKey } from "../../runtime/workqueue.js";
import type { Controller, ControllerContext } from "../types.js";

type IntOrString = number | string | undefined;

/** GetScaledValueFromIntOrPercent with rounding up. */
export function scaled(v: IntOrString, total: number): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  return Math.ceil((Number(m[1]) * total) / 100);
}

const isReady = (p: KObject) => ((p.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

export function disruptionController(ctx: ControllerContext): Controller {
  const { client, time } = ctx;
  const cancels: (() => void)[] = [];
  const queue = new WorkQueue(time, sync, { onError: (k, e) => ctx.log(`E "Error syncing PodDisruptionBudget" key="${k}" err="${(e as Error).message}"`) });

  /** The scale of the pods' controllers: Deployment (through its ReplicaSet), ReplicaSet, StatefulSet, RC. */
  function expectedFromControllers(pods: KObject[], ns: string): number {
    const seen = new Set<string>();
    let total = 0;
    for (const p of pods) {
      const ref = p.metadata?.ownerReferences?.find((o) => o.controller);
      if (!ref || seen.has(ref.uid)) continue;
      seen.add(ref.uid);
      let owner: KObject | undefined;
      if (ref.kind === "ReplicaSet") {
        owner = client.get(GR.replicasets, ns, ref.name);
        const dep = owner?.metadata?.ownerReferences?.find((o) => o.controller && o.kind === "Deployment");
        if (dep && !seen.has(dep.uid)) {
          seen.add(dep.uid);
          owner = client.get(GR.deployments, ns, dep.name) ?? owner;
        } else if (dep) continue;
      } else if (ref.kind === "StatefulSet") owner = client.get(GR.statefulsets, ns, ref.name);
      else if (ref.kind === "ReplicationController") owner = client.get(GR.replicationcontrollers, ns, ref.name);
      total += (owner?.spec as { replicas?: number })?.replicas ?? 0;
    }
    return total;
  }

  async function sync(key: string) {
    const { namespace, name } = splitKey(key);
    const pdb = client.get(GR.poddisruptionbudgets, namespace, name);
    if (!pdb) return;
    const spec = (pdb.spec ?? {}) as { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: unknown };
    const sel = labelSelectorAsSelector(spec.selector as never);
    const pods = client.list(GR.pods, namespace).filter((p) => sel.matches(p.metadata?.labels ?? {}));
    const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
    const currentHealthy = live.filter(isReady).length;
    let expectedPods: number;
    let desiredHealthy: number;
    if (spec.maxUnavailable !== undefined) {
      expectedPods = expectedFromControllers(pods, namespace);
      desiredHealthy = Math.max(0, expectedPods - scaled(spec.maxUnavailable, expectedPods));
    } else if (typeof spec.minAvailable === "string" && spec.minAvailable.endsWith("%")) {
      expectedPods = expectedFromControllers(pods, namespace);
      desiredHealthy = scaled(spec.minAvailable, expectedPods);
    } else {
      expectedPods = pods.length;
      desiredHealthy = scaled(spec.minAvailable ?? 1, expectedPods);
    }
    const old = (pdb.status ?? {}) as { disruptedPods?: Record<string, string>; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
    // Evictions the API granted count as disruptions until the pod is gone (or 2 minutes pass).
    const disrupted: Record<string, string> = {};
    for (const [pod, at] of Object.entries(old.disruptedPods ?? {})) {
      const p = pods.find((x) => x.metadata?.name === pod);
      if (p && !p.metadata?.deletionTimestamp && time.now().getTime() - new Date(at).getTime() < 120_000) disrupted[pod] = at;
    }
    const allowed = Math.max(0, currentHealthy - desiredHealthy - Object.keys(disrupted).length);
    const prevCond = old.conditions?.find((c) => c.type === "DisruptionAllowed");
    const condStatus = allowed > 0 ? "True" : "False";
    const condition = {
      type: "DisruptionAllowed",
      status: condStatus,
      observedGeneration: pdb.metadata?.generation ?? 1,
      lastTransitionTime: prevCond && prevCond.status === condStatus ? prevCond.lastTransitionTime : time.now().toISOString().replace(/\.\d{3}Z$/, "Z"),
      reason: allowed > 0 ? "SufficientPods" : "InsufficientPods",
      message: "",
    };
    const status: Record<string, unknown> = {
      observedGeneration: pdb.metadata?.generation ?? 1,
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: [condition],
    };
    if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
    if (JSON.stringify(status) === JSON.stringify(pdb.status)) return;
    await client.update(GR.poddisruptionbudgets, { ...pdb, status }, { subresource: "status" });
  }

  const enqueueFor = (pod: KObject) => {
    const ns = pod.metadata?.namespace ?? "";
    for (const pdb of client.list(GR.poddisruptionbudgets, ns)) {
      const sel = labelSelectorAsSelector((pdb.spec as { selector?: unknown })?.selector as never);
      if (sel.matches(pod.metadata?.labels ?? {})) queue.add(keyOf(pdb));
    }
  };

  return {
    name: "disruption",
    start() {
      cancels.push(client.watch(GR.poddisruptionbudgets, (t, o) => t !== "DELETED" && queue.add(keyOf(o))));
      cancels.push(
        client.watch(GR.pods, (_t, o, old) => {
          enqueueFor(o);
          if (old) enqueueFor(old);
        }),
      );
      for (const r of [GR.deployments, GR.replicasets, GR.statefulsets]) {
        cancels.push(client.watch(r, (_t, o) => client.list(GR.poddisruptionbudgets, o.metadata?.namespace).forEach((p) => queue.add(keyOf(p)))));
      }
      for (const p of client.list(GR.poddisruptionbudgets)) queue.add(keyOf(p));
    },
    stop() {
      for (const c of cancels.splice(0)) c();
      queue.stop();
    },
  };
}
