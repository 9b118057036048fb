// The StatefulSet controller (pkg/controller/statefulset: stateful_set.go, stateful_set_control.go,
// stateful_pod_control.go, v1.32): pods <set>-<ordinal> with their claims, OrderedReady (one at a
// time, each Running and Ready before the next; scale-down from the highest ordinal) or Parallel,
// RollingUpdate from the highest ordinal down to the partition, OnDelete, ControllerRevisions,
// persistentVolumeClaimRetentionPolicy, and status.
import type { KObject } from "../../api/types.js";
import { goJSON } from "../../bootstrap/hash.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector } from "../../meta/labels.js";
import type { EventRecorder } from "../../runtime/events.js";
import { keyOf, splitKey, WorkQueue } from "../../runtime/workqueue.js";
import type { Controller, ControllerFactory } from "../types.js";
import { applyRevision, claimsFor, newRevision, newStatefulSetPod, ordinalOf, REVISION_LABEL, type STS } from "./identity.js";
import { controllerRef, isControlledBy, isPodAvailable, isPodReady, isTerminating, podPhase } from "./pod-util.js";

const revisionOf = (p: KObject) => p.metadata?.labels?.[REVISION_LABEL] ?? "";
const isCreated = (p: KObject) => podPhase(p) !== "";
const isRunningAndReady = (p: KObject) => podPhase(p) === "Running" && isPodReady(p);

export const statefulSetController: ControllerFactory = (ctx) => {
  const { client, time } = ctx;
  const recorder: EventRecorder = ctx.recorder("statefulset-controller");
  const cancels: (() => void)[] = [];
  const queue = new WorkQueue(time, sync, { onError: (k, e) => ctx.log(`E "Error syncing StatefulSet" key="${k}" err="${(e as Error).message}"`) });

  function enqueueOwner(p: KObject) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller && r.kind === "StatefulSet");
    if (ref) queue.add(`${p.metadata?.namespace}/${ref.name}`);
  }

  async function podEvent(set: STS, verb: "Create" | "Delete", pod: string, f: () => Promise<unknown>) {
    try {
      await f();
      recorder.event(set, "Normal", `Successful${verb}`, `${verb.toLowerCase()} Pod ${pod} in StatefulSet ${set.metadata!.name} successful`);
    } catch (e) {
      recorder.event(set, "Warning", `Failed${verb}`, `${verb.toLowerCase()} Pod ${pod} in StatefulSet ${set.metadata!.name} failed error: ${(e as Error).message}`);
      throw e;
    }
  }

  // getStatefulSetRevisions: the current and update revisions, creating the update one.
  async function revisions(set: STS): Promise<{ current: KObject; update: KObject; all: KObject[] }> {
    const ns = set.metadata!.namespace!;
    const all = client.list(GR.controllerrevisions, ns).filter((r) => isControlledBy(r, set.metadata?.uid)).sort((a, b) => (a.revision as number) - (b.revision as number));
    const max = all.length ? (all[all.length - 1].revision as number) : 0;
    const want = newRevision(set, max + 1, set.status?.collisionCount ?? 0);
    let update = all.find((r) => goJSON(r.data) === goJSON(want.data));
    if (update && (update.revision as number) < max) update = await client.update(GR.controllerrevisions, { ...structuredClone(update), revision: max + 1 });
    if (!update) {
      const clash = client.get(GR.controllerrevisions, ns, want.metadata!.name!);
      update = clash ? clash : await client.create(GR.controllerrevisions, want);
    }
    const current = all.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
    return { current, update, all: [...all.filter((r) => r.metadata?.name !== update!.metadata?.name), update] };
  }

  async function createClaims(set: STS, pod: KObject, ordinal: number) {
    const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
    for (const c of claimsFor(set, ordinal)) {
      if (client.get(GR.persistentvolumeclaims, c.metadata!.namespace!, c.metadata!.name!)) continue;
      if (policy.whenDeleted === "Delete") c.metadata!.ownerReferences = [{ ...controllerRef(set, "StatefulSet"), controller: true }];
      try {
        await client.create(GR.persistentvolumeclaims, c);
        recorder.event(set, "Normal", "SuccessfulCreate", `create Claim ${c.metadata!.name} Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} success`);
      } catch (e) {
        recorder.event(set, "Warning", "FailedCreate", `create Claim ${c.metadata!.name} for Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${(e as Error).message}`);
        throw e;
      }
    }
  }

  // whenScaled: Delete: a condemned pod's claims become owned by the pod, to go with it.
  async function claimsToPod(set: STS, pod: KObject, ordinal: number) {
    if (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== "Delete") return;
    for (const c of claimsFor(set, ordinal)) {
      const cur = client.get(GR.persistentvolumeclaims, c.metadata!.namespace!, c.metadata!.name!);
      if (!cur || cur.metadata?.ownerReferences?.some((r) => r.uid === pod.metadata?.uid)) continue;
      const ref = { apiVersion: "v1", kind: "Pod", name: pod.metadata!.name!, uid: pod.metadata!.uid!, controller: false, blockOwnerDeletion: true };
      await client.update(GR.persistentvolumeclaims, { ...structuredClone(cur), metadata: { ...cur.metadata, ownerReferences: [...(cur.metadata?.ownerReferences ?? []), ref] } });
    }
  }

  async function sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const set = client.get(GR.statefulsets, namespace, name) as STS | undefined;
    if (!set || set.metadata?.deletionTimestamp) return;
    let selector;
    try {
      selector = labelSelectorAsSelector(set.spec.selector as never);
    } catch {
      return;
    }
    const { current, update, all } = await revisions(set);
    const currentSet = applyRevision(set, current);
    const updateSet = applyRevision(set, update);
    const replicaCount = set.spec.replicas ?? 1;
    const start = set.spec.ordinals?.start ?? 0;
    const monotonic = (set.spec.podManagementPolicy ?? "OrderedReady") !== "Parallel";
    const minReady = set.spec.minReadySeconds ?? 0;
    const partition = set.spec.updateStrategy?.type === "OnDelete" ? undefined : (set.spec.updateStrategy?.rollingUpdate?.partition ?? 0);
    const pods = client.list(GR.pods, namespace).filter((p) => isControlledBy(p, set.metadata?.uid) && selector.matches(p.metadata?.labels ?? {}) && ordinalOf(p.metadata!.name!, name) >= 0);

    const replicas: (KObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: KObject[] = [];
    for (const p of pods) {
      const ord = ordinalOf(p.metadata!.name!, name);
      if (ord >= start && ord < start + replicaCount) replicas[ord - start] = p;
      else condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(b.metadata!.name!, name) - ordinalOf(a.metadata!.name!, name));
    const currentReplicas = (set.status?.currentReplicas as number | undefined) ?? 0;
    const versioned = (ord: number) => {
      const useCurrent = set.spec.updateStrategy?.type !== "OnDelete" && (partition ? ord < partition : ord - start < currentReplicas) && current !== update;
      return useCurrent ? newStatefulSetPod(currentSet, current.metadata!.name!, ord) : newStatefulSetPod(updateSet, update.metadata!.name!, ord);
    };

    await (async () => {
      // Replicas in order: create missing pods (and claims), replace failed ones, wait on the unready.
      for (let i = 0; i < replicaCount; i++) {
        const ord = start + i;
        let pod = replicas[i];
        if (pod && (podPhase(pod) === "Failed" || podPhase(pod) === "Succeeded") && !isTerminating(pod)) {
          await podEvent(set, "Delete", pod.metadata!.name!, () => client.delete(GR.pods, namespace, pod!.metadata!.name!));
          if (monotonic) return;
          continue;
        }
        if (!pod) {
          const fresh = versioned(ord);
          await createClaims(set, fresh, ord);
          await podEvent(set, "Create", fresh.metadata!.name!, () => client.create(GR.pods, fresh));
          if (monotonic) return;
          continue;
        }
        if (isTerminating(pod)) {
          if (monotonic) return;
          continue;
        }
        if (!isRunningAndReady(pod) || !isPodAvailable(pod, minReady, time.now())) {
          if (monotonic) return;
        }
        pod = undefined;
      }
      // Condemned pods, highest ordinal first.
      for (const target of condemned) {
        if (isTerminating(target)) {
          if (monotonic) return;
          continue;
        }
        if (monotonic && !isRunningAndReady(target) && replicas.concat(condemned).some((p) => p && p !== target && !isRunningAndReady(p) && ordinalOf(p.metadata!.name!, name) > ordinalOf(target.metadata!.name!, name))) return;
        await claimsToPod(set, target, ordinalOf(target.metadata!.name!, name));
        await podEvent(set, "Delete", target.metadata!.name!, () => client.delete(GR.pods, namespace, target.metadata!.name!));
        if (monotonic) return;
      }
      if (partition === undefined) return;
      // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
      for (let i = replicaCount - 1; i >= Math.max(0, partition - start); i--) {
        const pod = replicas[i];
        if (!pod) return;
        if (revisionOf(pod) !== update.metadata!.name && !isTerminating(pod)) {
          await podEvent(set, "Delete", pod.metadata!.name!, () => client.delete(GR.pods, namespace, pod.metadata!.name!));
          return;
        }
        if (!isRunningAndReady(pod) || isTerminating(pod)) return;
      }
    })();

    await updateStatus(set, current, update, minReady);
    await cleanupHistory(set, all, current, update);
    const now = time.now();
    if (minReady && pods.some((p) => isPodReady(p) && !isPodAvailable(p, minReady, now))) queue.addAfter(key, minReady * 1000);
  }

  async function updateStatus(set: STS, current: KObject, update: KObject, minReady: number) {
    const pods = client.list(GR.pods, set.metadata!.namespace!).filter((p) => isControlledBy(p, set.metadata?.uid) && ordinalOf(p.metadata!.name!, set.metadata!.name!) >= 0);
    const now = time.now();
    let replicas = 0, ready = 0, available = 0, cur = 0, upd = 0;
    for (const p of pods) {
      if (isCreated(p)) replicas++;
      if (isRunningAndReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
      }
      if (isCreated(p) && !isTerminating(p)) {
        if (revisionOf(p) === current.metadata!.name) cur++;
        if (revisionOf(p) === update.metadata!.name) upd++;
      }
    }
    let currentRevision = current.metadata!.name!;
    // completeRollingUpdate: once every replica is updated and ready, the update becomes current.
    if (set.spec.updateStrategy?.type !== "OnDelete" && upd === replicas && ready === replicas) {
      cur = upd;
      currentRevision = update.metadata!.name!;
    }
    const status: Record<string, unknown> = { observedGeneration: set.metadata?.generation, replicas };
    if (ready) status.readyReplicas = ready;
    if (cur) status.currentReplicas = cur;
    if (upd) status.updatedReplicas = upd;
    status.currentRevision = currentRevision;
    status.updateRevision = update.metadata!.name;
    status.collisionCount = set.status?.collisionCount ?? 0;
    status.availableReplicas = available;
    const latest = client.get(GR.statefulsets, set.metadata!.namespace!, set.metadata!.name!) ?? set;
    if (goJSON(latest.status ?? {}) === goJSON(status)) return;
    await client.update(GR.statefulsets, { ...structuredClone(latest), status }, { subresource: "status" });
  }

  async function cleanupHistory(set: STS, all: KObject[], current: KObject, update: KObject) {
    const live = new Set(client.list(GR.pods, set.metadata!.namespace!).filter((p) => isControlledBy(p, set.metadata?.uid)).map(revisionOf));
    const keep = new Set([current.metadata!.name, update.metadata!.name]);
    const old = all.filter((r) => !keep.has(r.metadata!.name!) && !live.has(r.metadata!.name!));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    for (const r of old.slice(0, Math.max(0, old.length - limit))) await client.delete(GR.controllerrevisions, r.metadata!.namespace!, r.metadata!.name!);
  }

  return {
    name: "statefulset",
    start() {
      cancels.push(client.watch(GR.statefulsets, (_t, o) => queue.add(keyOf(o))));
      cancels.push(client.watch(GR.pods, (_t, o) => enqueueOwner(o)));
      for (const s of client.list(GR.statefulsets)) queue.add(keyOf(s));
    },
    stop() {
      for (const c of cancels.splice(0)) c();
      queue.stop();
    },
  } satisfies Controller;
};
