// The Deployment controller, pkg/controller/deployment: deployment_controller.go (informers,
// syncDeployment), sync.go (new ReplicaSet, scaling, status, cleanup), rolling.go, recreate.go and
// progress.go (Progressing condition and the progress deadline). Rollback is not here: kubectl
// v1.32 rolls back client-side by patching the template, and the controller then finds the old
// ReplicaSet as the "new" one and gives it the next revision.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector, type LabelSelector } from "../../meta/labels.js";
import type { EventRecorder } from "../../runtime/events.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isAlreadyExists, isNotFound, QueueController } from "../util/base.js";
import { claimObjects, getControllerOf, newControllerRef } from "../util/owner.js";
import { phaseOf } from "../util/pods.js";
import {
  calculateStatus, DEFAULT_POD_TEMPLATE_HASH_LABEL, deploymentComplete, deploymentProgressing, deploymentTimedOut, dReplicas, dSpec, dStatus,
  equalIgnoreHash, FailedRSCreateReason, filterActive, findNewReplicaSet, FoundNewRSReason, getCondition, getProportion, hasProgressDeadline,
  isRollingUpdate, isSaturated, maxRevision, maxSurge, maxUnavailable, newCondition, NewReplicaSetReason, NewRSAvailableReason, newRSNewReplicas,
  omitEmpty, PausedDeployReason, podTemplateHash, removeCondition, ReplicaSetUpdatedReason, REVISION_ANNOTATION, revisionOf, rsReplicas, rsStatus,
  ResumedDeployReason, setCondition, setNewReplicaSetAnnotations, setReplicasAnnotations, sortByCreation, sortByRevision, sortBySizeNewer,
  sortBySizeOlder, sumAvailable, sumSpec, TimedOutReason, type DeploymentCondition, type DeploymentStatus,
} from "./util.js";
import { statusEqual } from "../replicaset/status.js";

const APPS_V1 = "apps/v1";

export class DeploymentController extends QueueController {
  readonly name = "deployment";
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx, 5);
    this.recorder = ctx.recorder("deployment-controller");
  }

  start(): void {
    this.watch(GR.deployments, (_t, d) => this.queue.add(keyOf(d)));
    this.watch(GR.replicasets, (type, rs, old) => {
      const ref = getControllerOf(rs);
      if (old && type === "MODIFIED") {
        const oldRef = getControllerOf(old);
        if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(old);
      }
      if (ref) this.enqueueOwner(rs);
      else if (type !== "DELETED") for (const d of this.deploymentsFor(rs)) this.queue.add(keyOf(d));
    });
    // Recreate waits for the old pods to be gone: their deletion wakes the Deployment.
    this.watch(GR.pods, (type, pod) => {
      if (type !== "DELETED") return;
      const rsRef = getControllerOf(pod);
      if (!rsRef || rsRef.kind !== "ReplicaSet") return;
      const rs = this.ctx.client.get(GR.replicasets, pod.metadata!.namespace!, rsRef.name);
      if (rs) this.enqueueOwner(rs);
    });
    for (const d of this.ctx.client.list(GR.deployments)) this.queue.add(keyOf(d));
  }

  private enqueueOwner(rs: KObject): void {
    const ref = getControllerOf(rs);
    if (!ref || ref.kind !== "Deployment") return;
    const d = this.ctx.client.get(GR.deployments, rs.metadata!.namespace!, ref.name);
    if (d && d.metadata?.uid === ref.uid) this.queue.add(keyOf(d));
  }

  private deploymentsFor(rs: KObject): KObject[] {
    return this.ctx.client.list(GR.deployments, rs.metadata!.namespace).filter((d) => {
      const sel = labelSelectorAsSelector(dSpec(d).selector as LabelSelector);
      return !sel.empty() && sel.matches(rs.metadata?.labels ?? {});
    });
  }

  private get now(): Date {
    return this.ctx.time.now();
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.ctx.client.get(GR.deployments, namespace, name);
    if (!cached) return;
    let d = structuredClone(cached);
    const selector = labelSelectorAsSelector(dSpec(d).selector as LabelSelector);
    if (selector.empty()) {
      this.recorder.event(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      if ((dStatus(d).observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        await this.ctx.client.update(GR.deployments, { ...d, status: { ...dStatus(d), observedGeneration: d.metadata?.generation } }, { subresource: "status" });
      }
      return;
    }
    const ref = newControllerRef(d, APPS_V1, "Deployment");
    const rsList = await claimObjects(this.ctx.client, GR.replicasets, d, ref, selector, this.ctx.client.list(GR.replicasets, namespace), () => {
      const fresh = this.ctx.client.get(GR.deployments, namespace, name);
      return !!fresh && fresh.metadata?.uid === d.metadata?.uid && !fresh.metadata?.deletionTimestamp;
    });
    const st = { d, rsList };
    if (d.metadata?.deletionTimestamp) return this.syncStatusOnly(st);
    await this.checkPausedConditions(st);
    d = st.d;
    if (dSpec(d).paused) return this.syncScale(st);
    if (this.isScalingEvent(st)) return this.syncScale(st);
    if (isRollingUpdate(d)) return this.rolloutRolling(st);
    return this.rolloutRecreate(st);
  }

  // ---- sync.go ----

  private async updateStatus(st: State, status: DeploymentStatus): Promise<void> {
    st.d = await this.ctx.client.update(GR.deployments, { ...st.d, status: omitEmpty(status) }, { subresource: "status" });
    st.d = structuredClone(st.d);
  }

  private async checkPausedConditions(st: State): Promise<void> {
    const d = st.d;
    if (!hasProgressDeadline(d)) return;
    const s = structuredClone(dStatus(d));
    const cond = getCondition(s, "Progressing");
    if (cond?.reason === TimedOutReason) return;
    const pausedCond = cond?.reason === PausedDeployReason;
    let needs = false;
    if (dSpec(d).paused && !pausedCond) {
      setCondition(s, newCondition("Progressing", "Unknown", PausedDeployReason, "Deployment is paused", this.now));
      needs = true;
    } else if (!dSpec(d).paused && pausedCond) {
      setCondition(s, newCondition("Progressing", "Unknown", ResumedDeployReason, "Deployment is resumed", this.now));
      needs = true;
    }
    if (needs) await this.updateStatus(st, s);
  }

  private oldReplicaSets(st: State, newRS?: KObject): KObject[] {
    return st.rsList.filter((rs) => rs.metadata!.uid !== newRS?.metadata!.uid);
  }

  /** getAllReplicaSetsAndSyncRevision. */
  private async getAll(st: State, create: boolean): Promise<{ newRS?: KObject; oldRSs: KObject[] }> {
    const existing = findNewReplicaSet(st.d, st.rsList);
    const oldRSs = this.oldReplicaSets(st, existing);
    const newRS = await this.getNewReplicaSet(st, existing, oldRSs, create);
    return { newRS, oldRSs: this.oldReplicaSets(st, newRS) };
  }

  private replaceRS(st: State, rs: KObject): KObject {
    const copy = structuredClone(rs);
    st.rsList = st.rsList.map((x) => (x.metadata!.uid === rs.metadata!.uid ? copy : x));
    if (!st.rsList.some((x) => x.metadata!.uid === rs.metadata!.uid)) st.rsList.push(copy);
    return copy;
  }

  private async getNewReplicaSet(st: State, existing: KObject | undefined, oldRSs: KObject[], create: boolean): Promise<KObject | undefined> {
    const d = st.d;
    const newRevision = String(maxRevision(oldRSs) + 1);
    if (existing) {
      const rsCopy = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const mrs = dSpec(d).minReadySeconds ?? 0;
      const mrsNeedsUpdate = ((rsCopy.spec as { minReadySeconds?: number }).minReadySeconds ?? 0) !== mrs;
      let rs = rsCopy;
      if (annotationsUpdated || mrsNeedsUpdate) {
        (rsCopy.spec as { minReadySeconds?: number }).minReadySeconds = mrs || undefined;
        rs = this.replaceRS(st, await this.ctx.client.update(GR.replicasets, rsCopy));
      }
      const s = structuredClone(dStatus(st.d));
      let needs = this.setDeploymentRevision(st, rs.metadata!.annotations![REVISION_ANNOTATION]);
      if (hasProgressDeadline(d) && !getCondition(s, "Progressing")) {
        setCondition(s, newCondition("Progressing", "True", FoundNewRSReason, `Found new replica set "${rs.metadata!.name}"`, this.now));
        needs = true;
      }
      if (needs) await this.updateDeploymentAndStatus(st, s);
      return rs;
    }
    if (!create) return undefined;
    const hash = podTemplateHash(d);
    const tpl = structuredClone(dSpec(d).template ?? {});
    tpl.metadata ??= {};
    tpl.metadata.labels = { ...(tpl.metadata.labels ?? {}), [DEFAULT_POD_TEMPLATE_HASH_LABEL]: hash };
    const sel = structuredClone(dSpec(d).selector ?? {});
    sel.matchLabels = { ...(sel.matchLabels ?? {}), [DEFAULT_POD_TEMPLATE_HASH_LABEL]: hash };
    const newRS: KObject = {
      apiVersion: APPS_V1,
      kind: "ReplicaSet",
      metadata: { name: `${d.metadata!.name}-${hash}`, namespace: d.metadata!.namespace, ownerReferences: [newControllerRef(d, APPS_V1, "Deployment")], labels: { ...tpl.metadata.labels } },
      spec: { replicas: 0, ...(dSpec(d).minReadySeconds ? { minReadySeconds: dSpec(d).minReadySeconds } : {}), selector: sel, template: tpl },
    };
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    (newRS.spec as { replicas: number }).replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: KObject;
    let alreadyExists = false;
    try {
      created = await this.ctx.client.create(GR.replicasets, newRS);
    } catch (e) {
      if (isAlreadyExists(e)) {
        const rs = this.ctx.client.get(GR.replicasets, d.metadata!.namespace!, newRS.metadata!.name!);
        if (rs && getControllerOf(rs)?.uid === d.metadata!.uid && equalIgnoreHash((rs.spec as { template?: unknown }).template, dSpec(d).template)) {
          created = rs;
          alreadyExists = true;
        } else {
          // A hash collision: bump collisionCount so the next sync hashes differently.
          const s = structuredClone(dStatus(d));
          s.collisionCount = (s.collisionCount ?? 0) + 1;
          await this.updateStatus(st, s);
          throw e;
        }
      } else {
        const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${(e as Error).message}`;
        if (hasProgressDeadline(d)) {
          const s = structuredClone(dStatus(d));
          setCondition(s, newCondition("Progressing", "False", FailedRSCreateReason, msg, this.now));
          await this.updateStatus(st, s).catch(() => {});
        }
        this.recorder.event(d, "Warning", FailedRSCreateReason, msg);
        throw e;
      }
    }
    created = this.replaceRS(st, created);
    if (!alreadyExists && count > 0) this.recorder.event(st.d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${created.metadata!.name} from 0 to ${count}`);
    const s = structuredClone(dStatus(st.d));
    let needs = this.setDeploymentRevision(st, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition(s, newCondition("Progressing", "True", NewReplicaSetReason, `Created new replica set "${created.metadata!.name}"`, this.now));
      needs = true;
    }
    if (needs) await this.updateDeploymentAndStatus(st, s);
    return created;
  }

  private setDeploymentRevision(st: State, revision: string | undefined): boolean {
    if (revision === undefined || st.d.metadata?.annotations?.[REVISION_ANNOTATION] === revision) return false;
    st.d.metadata!.annotations = { ...(st.d.metadata!.annotations ?? {}), [REVISION_ANNOTATION]: revision };
    st.revisionDirty = true;
    return true;
  }

  /**
   * Upstream writes the revision annotation through UpdateStatus (the Deployment status strategy
   * keeps metadata changes); we write it with a plain update first so any store honouring only
   * status on the subresource gets it too.
   */
  private async updateDeploymentAndStatus(st: State, s: DeploymentStatus): Promise<void> {
    if (st.revisionDirty) {
      const annotations = st.d.metadata!.annotations;
      const fresh = structuredClone(this.ctx.client.get(GR.deployments, st.d.metadata!.namespace!, st.d.metadata!.name!)!);
      fresh.metadata!.annotations = annotations;
      st.d = structuredClone(await this.ctx.client.update(GR.deployments, fresh));
      st.revisionDirty = false;
    }
    await this.updateStatus(st, s);
  }

  private isScalingEvent(st: State): boolean {
    const existing = findNewReplicaSet(st.d, st.rsList);
    for (const rs of filterActive([...this.oldReplicaSets(st, existing), existing])) {
      const desired = rs.metadata?.annotations?.["deployment.kubernetes.io/desired-replicas"];
      if (desired === undefined || !Number.isInteger(Number(desired))) continue;
      if (Number(desired) !== dReplicas(st.d)) return true;
    }
    return false;
  }

  /** sync(): scaling (and cleanup when paused) without a rollout. */
  private async syncScale(st: State): Promise<void> {
    const { newRS, oldRSs } = await this.getAll(st, false);
    await this.scale(st, newRS, oldRSs);
    if (dSpec(st.d).paused) await this.cleanupDeployment(st, this.oldReplicaSets(st, newRS));
    await this.syncDeploymentStatus(st, newRS);
  }

  private async syncStatusOnly(st: State): Promise<void> {
    const { newRS } = await this.getAll(st, false);
    await this.syncDeploymentStatus(st, newRS);
  }

  private async syncDeploymentStatus(st: State, newRS: KObject | undefined): Promise<void> {
    const all = this.all(st, newRS);
    const s = omitEmpty(calculateStatus(all, newRS, st.d, this.now));
    if (statusEqual(omitEmpty(dStatus(st.d)), s)) return;
    await this.updateStatus(st, s);
  }

  private all(st: State, newRS?: KObject): KObject[] {
    const cur = newRS ? st.rsList.find((x) => x.metadata!.uid === newRS.metadata!.uid) : undefined;
    return [...this.oldReplicaSets(st, cur), ...(cur ? [cur] : [])];
  }

  private cur(st: State, rs: KObject | undefined): KObject | undefined {
    return rs ? st.rsList.find((x) => x.metadata!.uid === rs.metadata!.uid) : undefined;
  }

  private async scale(st: State, newRSIn: KObject | undefined, oldRSsIn: KObject[]): Promise<void> {
    const d = st.d;
    const newRS = this.cur(st, newRSIn);
    const oldRSs = oldRSsIn.map((r) => this.cur(st, r)!).filter(Boolean);
    const active = findActiveOrLatest(newRS, oldRSs);
    if (active) {
      if (rsReplicas(active) === dReplicas(d)) return;
      await this.scaleAndRecord(st, active, dReplicas(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) await this.scaleAndRecord(st, old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    let all = filterActive([...oldRSs, newRS]);
    const allowed = dReplicas(d) > 0 ? dReplicas(d) + maxSurge(d) : 0;
    const toAdd = allowed - sumSpec(all);
    let op = "";
    if (toAdd > 0) {
      all = sortBySizeNewer(all);
      op = "up";
    } else if (toAdd < 0) {
      all = sortBySizeOlder(all);
      op = "down";
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = getProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata!.name!, rsReplicas(rs) + p);
        added += p;
      } else sizes.set(rs.metadata!.name!, rsReplicas(rs));
    }
    if (added !== toAdd && all.length) {
      const first = all[0].metadata!.name!;
      sizes.set(first, Math.max(0, sizes.get(first)! + (toAdd - added)));
    }
    for (const rs of all) await this.scaleReplicaSet(st, rs, sizes.get(rs.metadata!.name!)!, op);
  }

  /** scaleReplicaSetAndRecordEvent: false when already at that size. */
  private async scaleAndRecord(st: State, rs: KObject, newScale: number): Promise<boolean> {
    if (rsReplicas(rs) === newScale) return false;
    await this.scaleReplicaSet(st, rs, newScale, rsReplicas(rs) > newScale ? "down" : "up");
    return true;
  }

  private async scaleReplicaSet(st: State, rsIn: KObject, newScale: number, op: string): Promise<void> {
    const rs = this.cur(st, rsIn) ?? rsIn;
    const d = st.d;
    const sizeNeeds = rsReplicas(rs) !== newScale;
    const copy = structuredClone(rs);
    const annNeeds = setReplicasAnnotations(copy, dReplicas(d), dReplicas(d) + maxSurge(d));
    if (!sizeNeeds && !annNeeds) return;
    const oldScale = rsReplicas(rs);
    (copy.spec as { replicas: number }).replicas = newScale;
    const updated = this.replaceRS(st, await this.ctx.client.update(GR.replicasets, copy));
    if (sizeNeeds) this.recorder.event(d, "Normal", "ScalingReplicaSet", `Scaled ${op} replica set ${updated.metadata!.name} from ${oldScale} to ${newScale}`);
  }

  private async cleanupDeployment(st: State, oldRSs: KObject[]): Promise<void> {
    const limit = dSpec(st.d).revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    const sorted = sortByRevision(cleanable);
    for (let i = 0; i < diff; i++) {
      const rs = sorted[i];
      if ((rsStatus(rs).replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rsStatus(rs).observedGeneration ?? 0) || rs.metadata?.deletionTimestamp) continue;
      try {
        await this.ctx.client.delete(GR.replicasets, rs.metadata!.namespace!, rs.metadata!.name!);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  // ---- rolling.go ----

  private async rolloutRolling(st: State): Promise<void> {
    const { newRS: created, oldRSs } = await this.getAll(st, true);
    const newRS = this.cur(st, created)!;
    if (await this.reconcileNewReplicaSet(st, newRS)) return this.syncRolloutStatus(st, newRS);
    if (await this.reconcileOldReplicaSets(st, filterActive(oldRSs.map((r) => this.cur(st, r))), newRS)) return this.syncRolloutStatus(st, newRS);
    if (deploymentComplete(st.d, dStatus(st.d))) await this.cleanupDeployment(st, this.oldReplicaSets(st, newRS));
    return this.syncRolloutStatus(st, newRS);
  }

  private async reconcileNewReplicaSet(st: State, newRS: KObject): Promise<boolean> {
    const d = st.d;
    if (rsReplicas(newRS) === dReplicas(d)) return false;
    if (rsReplicas(newRS) > dReplicas(d)) return this.scaleAndRecord(st, newRS, dReplicas(d));
    return this.scaleAndRecord(st, newRS, newRSNewReplicas(d, this.all(st, newRS), newRS));
  }

  private async reconcileOldReplicaSets(st: State, oldRSs: KObject[], newRS: KObject): Promise<boolean> {
    const d = st.d;
    if (sumSpec(oldRSs) === 0) return false;
    const allPods = sumSpec(this.all(st, newRS));
    const minAvailable = dReplicas(d) - maxUnavailable(d);
    const cur = this.cur(st, newRS)!;
    const newUnavailable = rsReplicas(cur) - (rsStatus(cur).availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    const cleanup = await this.cleanupUnhealthyReplicas(st, oldRSs, maxScaledDown);
    const scaledDown = await this.scaleDownOldForRollingUpdate(st, oldRSs.map((r) => this.cur(st, r)!), newRS);
    return cleanup + scaledDown > 0;
  }

  private async cleanupUnhealthyReplicas(st: State, oldRSs: KObject[], maxCleanup: number): Promise<number> {
    let total = 0;
    for (const rs of sortByCreation(oldRSs)) {
      if (total >= maxCleanup) break;
      if (rsReplicas(rs) === 0 || rsReplicas(rs) === (rsStatus(rs).availableReplicas ?? 0)) continue;
      const n = Math.min(maxCleanup - total, rsReplicas(rs) - (rsStatus(rs).availableReplicas ?? 0));
      await this.scaleAndRecord(st, rs, rsReplicas(rs) - n);
      total += n;
    }
    return total;
  }

  private async scaleDownOldForRollingUpdate(st: State, oldRSs: KObject[], newRS: KObject): Promise<number> {
    const d = st.d;
    const minAvailable = dReplicas(d) - maxUnavailable(d);
    const available = sumAvailable(this.all(st, newRS));
    if (available <= minAvailable) return 0;
    const target = available - minAvailable;
    let total = 0;
    for (const rs of sortByCreation(oldRSs)) {
      if (total >= target) break;
      if (rsReplicas(rs) === 0) continue;
      const n = Math.min(rsReplicas(rs), target - total);
      await this.scaleAndRecord(st, rs, rsReplicas(rs) - n);
      total += n;
    }
    return total;
  }

  // ---- recreate.go ----

  private async rolloutRecreate(st: State): Promise<void> {
    let { newRS, oldRSs } = await this.getAll(st, false);
    let scaledDown = false;
    for (const rs of filterActive(oldRSs.map((r) => this.cur(st, r)))) if (await this.scaleAndRecord(st, rs, 0)) scaledDown = true;
    if (scaledDown) return this.syncRolloutStatus(st, newRS);
    if (this.oldPodsRunning(st, newRS)) return this.syncRolloutStatus(st, newRS);
    if (!newRS) ({ newRS, oldRSs } = await this.getAll(st, true));
    await this.scaleAndRecord(st, this.cur(st, newRS)!, dReplicas(st.d));
    if (deploymentComplete(st.d, dStatus(st.d))) await this.cleanupDeployment(st, this.oldReplicaSets(st, newRS));
    return this.syncRolloutStatus(st, newRS);
  }

  private oldPodsRunning(st: State, newRS: KObject | undefined): boolean {
    const olds = this.oldReplicaSets(st, newRS);
    if (olds.reduce((n, rs) => n + (rsStatus(rs).replicas ?? 0), 0) > 0) return true;
    const uids = new Set(olds.map((r) => r.metadata!.uid));
    return this.ctx.client
      .list(GR.pods, st.d.metadata!.namespace)
      .some((p) => uids.has(getControllerOf(p)?.uid ?? "") && phaseOf(p) !== "Failed" && phaseOf(p) !== "Succeeded");
  }

  // ---- progress.go ----

  private async syncRolloutStatus(st: State, newRSIn: KObject | undefined): Promise<void> {
    const d = st.d;
    const newRS = this.cur(st, newRSIn);
    const all = this.all(st, newRS);
    const s = calculateStatus(all, newRS, d, this.now);
    if (!hasProgressDeadline(d)) removeCondition(s, "Progressing");
    const currentCond = getCondition(dStatus(d), "Progressing");
    const isComplete = s.replicas === s.updatedReplicas && currentCond?.reason === NewRSAvailableReason;
    if (hasProgressDeadline(d) && !isComplete) {
      const who = newRS ? `ReplicaSet "${newRS.metadata!.name}"` : `Deployment "${d.metadata!.name}"`;
      if (deploymentComplete(d, s)) {
        setCondition(s, newCondition("Progressing", "True", NewRSAvailableReason, `${who} has successfully progressed.`, this.now));
      } else if (deploymentProgressing(d, s)) {
        const c = newCondition("Progressing", "True", ReplicaSetUpdatedReason, `${who} is progressing.`, this.now);
        if (currentCond) {
          if (currentCond.status === "True") c.lastTransitionTime = currentCond.lastTransitionTime;
          removeCondition(s, "Progressing");
        }
        setCondition(s, c);
      } else if (deploymentTimedOut(d, s, this.now)) {
        setCondition(s, newCondition("Progressing", "False", TimedOutReason, `${who} has timed out progressing.`, this.now));
      }
    }
    const failures = replicaFailures(all, newRS);
    if (failures.length) setCondition(s, failures[0]);
    else removeCondition(s, "ReplicaFailure");
    const next = omitEmpty(s);
    if (statusEqual(omitEmpty(dStatus(d)), next)) {
      this.requeueStuckDeployment(d, next);
      return;
    }
    await this.updateStatus(st, next);
  }

  private requeueStuckDeployment(d: KObject, s: DeploymentStatus): void {
    const c = getCondition(s, "Progressing");
    if (!hasProgressDeadline(d) || !c) return;
    if (deploymentComplete(d, s) || c.reason === TimedOutReason) return;
    const at = Date.parse(c.lastUpdateTime ?? "") + dSpec(d).progressDeadlineSeconds! * 1000;
    const after = at - this.now.getTime();
    if (after < 1000) this.queue.addRateLimited(keyOf(d));
    else this.queue.addAfter(keyOf(d), after + 1000);
  }
}

interface State {
  d: KObject;
  rsList: KObject[];
  /** The revision annotation changed and must be written with the status. */
  revisionDirty?: boolean;
}

/** FindActiveOrLatest: the one ReplicaSet with replicas, or the newest when none has any. */
function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const olds = sortByCreation(oldRSs).reverse();
  const active = filterActive([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** getReplicaFailures: ReplicaFailure conditions of the ReplicaSets, the new one first. */
function replicaFailures(all: KObject[], newRS: KObject | undefined): DeploymentCondition[] {
  const order = newRS ? [newRS, ...all.filter((r) => r !== newRS)] : all;
  const out: DeploymentCondition[] = [];
  for (const rs of order) {
    for (const c of rsStatus(rs).conditions ?? []) {
      if (c.type !== "ReplicaFailure") continue;
      out.push({ type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message });
    }
  }
  return out;
}

export { revisionOf };
export const newDeploymentController = (ctx: ControllerContext) => new DeploymentController(ctx);
