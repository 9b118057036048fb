// The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go, v1.32): one pod
// per node that should run it (nodeSelector/affinity, taints against the pod's tolerations plus
// the daemon tolerations), pinned by node affinity and bound by the scheduler; ControllerRevisions
// with controller-revision-hash; RollingUpdate (maxUnavailable, maxSurge) and OnDelete; status.
import type { KObject } from "../../api/types.js";
import { computeHash, goJSON } from "../../bootstrap/hash.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector } from "../../meta/labels.js";
import { keyOf, splitKey, WorkQueue } from "../../runtime/workqueue.js";
import { podMatchesNodeSelectorAndAffinityTerms } from "../../scheduler/node-selector.js";
import { findMatchingUntoleratedTaint } from "../../scheduler/tolerations.js";
import type { Node, Pod, Taint } from "../../scheduler/types.js";
import { controllerRef, isControlledBy, isPodAvailable, isPodReady, isTerminating, podPhase } from "../statefulset/pod-util.js";
import type { Controller, ControllerFactory } from "../types.js";
import { daemonPodTolerations, replaceNodeNameAffinity, targetNodeName } from "./util.js";

type DS = KObject & {
  spec: {
    selector?: unknown;
    template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Pod["spec"] };
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: Record<string, unknown> & { collisionCount?: number };
};

export const HASH_LABEL = "controller-revision-hash";
export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";

/** The pod the DaemonSet would run on a node (NewPod plus the daemon tolerations). */
function newPodSpec(ds: DS, node: string): Pod["spec"] {
  const spec = structuredClone(ds.spec.template.spec);
  spec.tolerations = daemonPodTolerations(spec.tolerations, !!spec.hostNetwork);
  spec.affinity = replaceNodeNameAffinity(spec.affinity as never, node) as Pod["spec"]["affinity"];
  return spec;
}

/** NodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning). */
export function nodeShouldRunDaemonPod(node: Node, ds: DS): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const template = ds.spec.template.spec;
  const pod = { spec: { ...template, tolerations: daemonPodTolerations(template.tolerations, !!template.hostNetwork) } } as Pod;
  if (template.nodeName && template.nodeName !== node.metadata?.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!podMatchesNodeSelectorAndAffinityTerms(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  const untolerated = findMatchingUntoleratedTaint(taints, pod.spec.tolerations, (t: Taint) => t.effect === "NoSchedule" || t.effect === "NoExecute");
  const noExecute = findMatchingUntoleratedTaint(taints, pod.spec.tolerations, (t: Taint) => t.effect === "NoExecute");
  return { shouldRun: !untolerated, shouldContinueRunning: !noExecute };
}

/** intstr.GetScaledValueFromIntOrPercent against the number of nodes (rounding up, as daemon/util). */
export function scaled(v: number | string | undefined, total: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

export const daemonSetController: ControllerFactory = (ctx) => {
  const { client, time } = ctx;
  const recorder = ctx.recorder("daemonset-controller");
  const cancels: (() => void)[] = [];
  const queue = new WorkQueue(time, sync, { onError: (k, e) => ctx.log(`E "Error syncing daemon set" daemonset="${k}" err="${(e as Error).message}"`) });

  const enqueueAll = () => client.list(GR.daemonsets).forEach((d) => queue.add(keyOf(d)));
  function enqueueOwner(p: KObject) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller && r.kind === "DaemonSet");
    if (ref) queue.add(`${p.metadata?.namespace}/${ref.name}`);
  }

  function templateGeneration(ds: DS): string | undefined {
    return ds.metadata?.annotations?.["deprecated.daemonset.template.generation"] ?? (ds.metadata?.generation !== undefined ? String(ds.metadata.generation) : undefined);
  }

  // constructHistory: the current revision (created when missing, renumbered when reused).
  async function constructHistory(ds: DS): Promise<string> {
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const ns = ds.metadata!.namespace!;
    const mine = client.list(GR.controllerrevisions, ns).filter((r) => isControlledBy(r, ds.metadata?.uid));
    const maxRev = Math.max(0, ...mine.map((r) => (r.revision as number) ?? 0));
    const cur = mine.find((r) => r.metadata?.labels?.[HASH_LABEL] === hash);
    if (cur) {
      if ((cur.revision as number) < maxRev) await client.update(GR.controllerrevisions, { ...structuredClone(cur), revision: maxRev + 1 });
    } else {
      const data = JSON.parse(goJSON({ spec: { template: { ...ds.spec.template, $patch: "replace" } } }));
      await client.create(GR.controllerrevisions, {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name: `${ds.metadata!.name}-${hash}`,
          namespace: ns,
          labels: { ...(ds.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
          annotations: ds.metadata?.annotations,
          ownerReferences: [controllerRef(ds, "DaemonSet")],
        },
        data,
        revision: maxRev + 1,
      });
    }
    // cleanupHistory: old revisions no pod uses, beyond revisionHistoryLimit.
    const limit = ds.spec.revisionHistoryLimit ?? 10;
    const used = new Set(client.list(GR.pods, ns).filter((p) => isControlledBy(p, ds.metadata?.uid)).map((p) => p.metadata?.labels?.[HASH_LABEL]));
    const old = client
      .list(GR.controllerrevisions, ns)
      .filter((r) => isControlledBy(r, ds.metadata?.uid) && r.metadata?.labels?.[HASH_LABEL] !== hash && !used.has(r.metadata?.labels?.[HASH_LABEL]))
      .sort((a, b) => (a.revision as number) - (b.revision as number));
    for (const r of old.slice(0, Math.max(0, old.length - limit))) await client.delete(GR.controllerrevisions, ns, r.metadata!.name!);
    return hash;
  }

  async function createPod(ds: DS, node: string, hash: string): Promise<void> {
    const gen = templateGeneration(ds);
    const labels: Record<string, string> = { ...(ds.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
    if (gen !== undefined) labels[TEMPLATE_GENERATION_LABEL] = gen;
    const pod: KObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { generateName: `${ds.metadata!.name}-`, namespace: ds.metadata!.namespace, labels, annotations: ds.spec.template.metadata?.annotations, ownerReferences: [controllerRef(ds, "DaemonSet")] },
      spec: newPodSpec(ds, node),
    };
    if (!pod.metadata!.annotations) delete pod.metadata!.annotations;
    try {
      const created = await client.create(GR.pods, pod);
      recorder.event(ds, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name}`);
    } catch (e) {
      recorder.event(ds, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
      throw e;
    }
  }

  async function deletePod(ds: DS, p: KObject): Promise<void> {
    await client.delete(GR.pods, p.metadata!.namespace!, p.metadata!.name!);
    recorder.event(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata?.name}`);
  }

  async function sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const ds = client.get(GR.daemonsets, namespace, name) as DS | undefined;
    if (!ds || ds.metadata?.deletionTimestamp) return;
    let selector;
    try {
      selector = labelSelectorAsSelector(ds.spec.selector as never);
    } catch {
      return;
    }
    const nodes = client.list(GR.nodes) as Node[];
    const hash = await constructHistory(ds);
    const minReady = ds.spec.minReadySeconds ?? 0;
    const now = time.now();
    const pods = client.list(GR.pods, namespace).filter((p) => isControlledBy(p, ds.metadata?.uid) && selector.matches(p.metadata?.labels ?? {}));
    const byNode = new Map<string, Pod[]>();
    for (const p of pods as Pod[]) {
      const n = targetNodeName(p);
      if (!n) continue;
      if (!byNode.has(n)) byNode.set(n, []);
      byNode.get(n)!.push(p);
    }
    const onNode = (n: string) => (byNode.get(n) ?? []).filter((p) => !isTerminating(p)).sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
    const isUpdated = (p: Pod) => p.metadata?.labels?.[HASH_LABEL] === hash;
    const rolling = (ds.spec.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate";
    const ru = ds.spec.updateStrategy?.rollingUpdate ?? {};
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
    const maxSurge = rolling ? scaled(ru.maxSurge, desired, 0) : 0;
    const maxUnavailable = rolling ? scaled(ru.maxUnavailable, desired, maxSurge ? 0 : 1) : 0;

    // manage: podsShouldBeOnNode for every node.
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata!.name!;
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const daemonPods = onNode(nodeName);
      if (shouldRun && daemonPods.length === 0) toCreate.push(nodeName);
      else if (shouldContinueRunning) {
        const running: Pod[] = [];
        for (const p of daemonPods) {
          if (podPhase(p) === "Failed") {
            recorder.event(ds, "Warning", "FailedDaemonPod", `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${nodeName}, will try to kill it`);
            toDelete.push(p);
          } else if (podPhase(p) !== "Succeeded") running.push(p);
        }
        if (running.length > 1) {
          // Keep the oldest pod of the current revision, or the oldest; with surge, one old may stay.
          const keep = running.find(isUpdated) ?? running[0];
          for (const p of running) if (p !== keep && !(maxSurge && rolling && !isUpdated(p) && isUpdated(keep))) toDelete.push(p);
        }
      } else if (!shouldContinueRunning) toDelete.push(...daemonPods);
    }
    for (const p of toDelete) await deletePod(ds, p);
    for (const n of toCreate) await createPod(ds, n, hash);

    if (rolling && toCreate.length === 0 && toDelete.length === 0) await rollingUpdate(ds, nodes, onNode, isUpdated, hash, maxSurge, maxUnavailable, minReady);
    await updateStatus(ds, nodes, onNode, isUpdated, minReady);
    // Availability after minReadySeconds needs a later look.
    if (minReady && pods.some((p) => isPodReady(p) && !isPodAvailable(p, minReady, now))) queue.addAfter(key, minReady * 1000);
  }

  // update.go rollingUpdate: replace old pods node by node within the budgets.
  async function rollingUpdate(ds: DS, nodes: Node[], onNode: (n: string) => Pod[], isUpdated: (p: Pod) => boolean, hash: string, maxSurge: number, maxUnavailable: number, minReady: number) {
    const now = time.now();
    const avail = (p: Pod) => isPodAvailable(p, minReady, now);
    let numUnavailable = 0;
    const oldToDelete: Pod[] = [];
    const candidates: Pod[] = [];
    const surgeNodes: string[] = [];
    for (const node of nodes) {
      const name = node.metadata!.name!;
      if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
      const pods = onNode(name);
      const fresh = pods.find(isUpdated);
      const old = pods.find((p) => !isUpdated(p));
      if (!old) {
        if (!fresh || !avail(fresh)) numUnavailable++;
        continue;
      }
      if (maxSurge) {
        if (fresh) {
          if (avail(fresh)) oldToDelete.push(old);
          else numUnavailable++;
        } else if (!avail(old)) oldToDelete.push(old);
        else surgeNodes.push(name);
        continue;
      }
      if (!avail(old)) {
        numUnavailable++;
        oldToDelete.push(old);
      } else candidates.push(old);
    }
    if (maxSurge) {
      const budget = Math.max(0, maxSurge - numUnavailable);
      for (const n of surgeNodes.slice(0, budget)) await createPod(ds, n, hash);
    } else oldToDelete.push(...candidates.slice(0, Math.max(0, maxUnavailable - numUnavailable)));
    for (const p of oldToDelete) await deletePod(ds, p);
  }

  async function updateStatus(ds: DS, nodes: Node[], onNode: (n: string) => Pod[], isUpdated: (p: Pod) => boolean, minReady: number) {
    const now = time.now();
    let desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = onNode(node.metadata!.name!);
      const scheduled = pods.length > 0;
      if (shouldRun) {
        desired++;
        if (!scheduled) continue;
        current++;
        const p = pods.find(isUpdated) ?? pods[0];
        if (isPodReady(p)) {
          ready++;
          if (isPodAvailable(p, minReady, now)) available++;
        }
        if (pods.some(isUpdated)) updated++;
      } else if (scheduled) misscheduled++;
    }
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation,
    };
    if (available) status.numberAvailable = available;
    if (desired - available) status.numberUnavailable = desired - available;
    if (updated) status.updatedNumberScheduled = updated;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    if (ds.status?.conditions) status.conditions = ds.status.conditions;
    const cur = client.get(GR.daemonsets, ds.metadata!.namespace!, ds.metadata!.name!) ?? ds;
    if (goJSON(cur.status ?? {}) === goJSON(status)) return;
    await client.update(GR.daemonsets, { ...structuredClone(cur), status }, { subresource: "status" });
  }

  return {
    name: "daemonset",
    start() {
      cancels.push(client.watch(GR.daemonsets, (_t, o) => queue.add(keyOf(o))));
      cancels.push(client.watch(GR.pods, (_t, o, old) => {
        enqueueOwner(o);
        if (old && old.metadata?.ownerReferences !== o.metadata?.ownerReferences) enqueueOwner(old);
      }));
      cancels.push(client.watch(GR.nodes, (t, o, old) => {
        if (t !== "MODIFIED" || !old) return enqueueAll();
        const changed = goJSON([o.metadata?.labels, (o.spec as { taints?: unknown })?.taints]) !== goJSON([old.metadata?.labels, (old.spec as { taints?: unknown })?.taints]);
        if (changed) enqueueAll();
      }));
      enqueueAll();
    },
    stop() {
      for (const c of cancels.splice(0)) c();
      queue.stop();
    },
  } satisfies Controller;
};
