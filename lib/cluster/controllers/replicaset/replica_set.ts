// The ReplicaSet controller, pkg/controller/replicaset/replica_set.go: keeps spec.replicas active
// pods per ReplicaSet, created from its template and owned by it (controllerRef), adopting
// matching orphans and releasing pods that stop matching. The ReplicationController runs the same
// logic (pkg/controller/replication wraps it), with a map selector and its own component name.
import type { KObject } from "../../api/types.js";
import type { GroupResource } from "../../client/types.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector, nothing, selectorFromSet, type LabelSelector, type Selector } from "../../meta/labels.js";
import type { EventRecorder } from "../../runtime/events.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, QueueController } from "../util/base.js";
import { Expectations } from "../util/expectations.js";
import { claimObjects, getControllerOf, newControllerRef } from "../util/owner.js";
import { isPodActive, isPodReady, podsToDelete } from "../util/pods.js";
import { calculateStatus, statusEqual, type RSStatus } from "./status.js";

/** replicaset.BurstReplicas: the most pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface ReplicaSetKind {
  name: string; // --controllers name
  component: string; // event source
  gr: GroupResource;
  apiVersion: string;
  kind: string;
  selector(obj: KObject): Selector;
}

export const REPLICA_SET_KIND: ReplicaSetKind = {
  name: "replicaset",
  component: "replicaset-controller",
  gr: GR.replicasets,
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  selector: (rs) => labelSelectorAsSelector((rs.spec as { selector?: LabelSelector })?.selector),
};

export const REPLICATION_CONTROLLER_KIND: ReplicaSetKind = {
  name: "replicationcontroller",
  component: "replication-controller",
  gr: GR.replicationcontrollers,
  apiVersion: "v1",
  kind: "ReplicationController",
  selector: (rc) => {
    const sel = (rc.spec as { selector?: Record<string, string> })?.selector;
    // Defaulting fills an empty selector from the template labels; an empty one here selects nothing.
    return sel && Object.keys(sel).length ? selectorFromSet(sel) : nothing();
  },
};

interface Spec {
  replicas?: number;
  minReadySeconds?: number;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }; spec?: unknown };
}

export class ReplicaSetController extends QueueController {
  readonly name: string;
  private readonly expectations: Expectations;
  private readonly recorder: EventRecorder;

  constructor(
    ctx: ControllerContext,
    private readonly k: ReplicaSetKind = REPLICA_SET_KIND,
  ) {
    super(ctx, 5);
    this.name = k.name;
    this.expectations = new Expectations(ctx.time);
    this.recorder = ctx.recorder(k.component);
  }

  start(): void {
    this.watch(this.k.gr, (type, rs, old) => {
      if (type === "DELETED") this.expectations.delete(keyOf(rs));
      if (type === "MODIFIED" && old && (old.spec as Spec)?.replicas !== (rs.spec as Spec)?.replicas) {
        this.ctx.log(`${this.k.kind} ${keyOf(rs)} updated. Desired pod count change: old=${(old.spec as Spec).replicas}, new=${(rs.spec as Spec).replicas}`);
      }
      this.queue.add(keyOf(rs));
    });
    this.watch(GR.pods, (type, pod, old) => this.onPod(type, pod, old));
    for (const rs of this.ctx.client.list(this.k.gr)) this.queue.add(keyOf(rs));
  }

  private ownerKey(pod: KObject): string | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== this.k.kind || ref.apiVersion.split("/")[0] !== this.k.apiVersion.split("/")[0]) return undefined;
    const rs = this.ctx.client.get(this.k.gr, pod.metadata!.namespace!, ref.name);
    if (!rs || rs.metadata?.uid !== ref.uid) return undefined;
    return keyOf(rs);
  }

  /** Orphans wake every ReplicaSet whose selector matches (getPodReplicaSets). */
  private enqueueMatching(pod: KObject): void {
    for (const rs of this.ctx.client.list(this.k.gr, pod.metadata!.namespace)) {
      if (this.k.selector(rs).matches(pod.metadata?.labels ?? {})) this.queue.add(keyOf(rs));
    }
  }

  private onPod(type: string, pod: KObject, old?: KObject): void {
    if (type === "DELETED" || (type === "MODIFIED" && pod.metadata?.deletionTimestamp && !old?.metadata?.deletionTimestamp)) {
      const key = this.ownerKey(pod);
      if (key) {
        this.expectations.deletionObserved(key, pod.metadata!.uid!);
        this.queue.add(key);
      }
      return;
    }
    const key = this.ownerKey(pod);
    if (type === "ADDED") {
      if (pod.metadata?.deletionTimestamp) return;
      if (key) {
        this.expectations.creationObserved(key);
        this.queue.add(key);
      } else if (!getControllerOf(pod)) this.enqueueMatching(pod);
      return;
    }
    // MODIFIED
    if (old) {
      const oldKey = this.ownerKey(old);
      if (oldKey && oldKey !== key) this.queue.add(oldKey);
    }
    if (key) {
      this.queue.add(key);
      const rs = this.ctx.client.get(this.k.gr, ...(Object.values(splitKey(key)) as [string, string]));
      const mrs = (rs?.spec as Spec)?.minReadySeconds ?? 0;
      // A pod that just became ready turns available minReadySeconds later: look again then.
      if (old && !isPodReady(old) && isPodReady(pod) && mrs > 0) this.queue.addAfter(key, mrs * 1000 + 1000);
    } else if (!getControllerOf(pod)) this.enqueueMatching(pod);
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const rs = this.ctx.client.get(this.k.gr, namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const spec = (rs.spec ?? {}) as Spec;
    const selector = this.k.selector(rs);
    const needsSync = this.expectations.satisfied(key) && !rs.metadata?.deletionTimestamp;
    const candidates = this.ctx.client.list(GR.pods, namespace).filter(isPodActive);
    const ref = newControllerRef(rs, this.k.apiVersion, this.k.kind);
    const pods = await claimObjects(this.ctx.client, GR.pods, rs, ref, selector, candidates, () => {
      const fresh = this.ctx.client.get(this.k.gr, namespace, name);
      return !!fresh && fresh.metadata?.uid === rs.metadata?.uid && !fresh.metadata?.deletionTimestamp;
    });
    const desired = spec.replicas ?? 1;
    let manageErr: Error | undefined;
    if (needsSync) manageErr = await this.manageReplicas(key, pods, rs, desired);
    const now = this.ctx.time.now();
    const latest = this.ctx.client.get(this.k.gr, namespace, name);
    if (!latest) return;
    const newStatus = calculateStatus(latest, { replicas: desired, minReadySeconds: spec.minReadySeconds ?? 0, templateLabels: spec.template?.metadata?.labels ?? {} }, pods, manageErr, pods.length - desired, now);
    let updated = latest;
    if (!statusEqual(latest.status, newStatus)) {
      updated = await this.ctx.client.update(this.k.gr, { ...structuredClone(latest), status: newStatus }, { subresource: "status" });
    }
    const st = updated.status as RSStatus;
    const mrs = spec.minReadySeconds ?? 0;
    // Resync after minReadySeconds so availableReplicas catches up (upstream does the same).
    if (!manageErr && mrs > 0 && (st.readyReplicas ?? 0) === desired && (st.availableReplicas ?? 0) !== desired) this.queue.addAfter(key, mrs * 1000);
    if (manageErr) throw manageErr;
  }

  /** manageReplicas: create or delete the difference, in slow-start batches. */
  private async manageReplicas(key: string, pods: KObject[], rs: KObject, desired: number): Promise<Error | undefined> {
    let diff = pods.length - desired;
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, diff);
      const { successes, error } = await this.slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs));
      const skipped = diff - successes;
      if (error && skipped > 0) for (let i = 0; i < skipped; i++) this.expectations.creationFailed(key);
      return error;
    }
    if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const related = this.relatedPods(rs);
      const victims = podsToDelete(pods, related, diff, this.ctx.time.now());
      this.expectations.expectDeletions(key, victims.map((p) => p.metadata!.uid!));
      let firstErr: Error | undefined;
      await Promise.all(
        victims.map(async (p) => {
          try {
            await this.ctx.client.delete(GR.pods, p.metadata!.namespace!, p.metadata!.name!);
            this.recorder.event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata!.name}`);
          } catch (e) {
            this.expectations.deletionObserved(key, p.metadata!.uid!);
            if (isNotFound(e)) return;
            this.recorder.event(rs, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
            firstErr ??= e as Error;
          }
        }),
      );
      return firstErr;
    }
    return undefined;
  }

  /** Pods of every ReplicaSet sharing this one's controller (a Deployment's other revisions). */
  private relatedPods(rs: KObject): KObject[] {
    const owner = getControllerOf(rs);
    const siblings = owner
      ? this.ctx.client.list(this.k.gr, rs.metadata!.namespace).filter((o) => getControllerOf(o)?.uid === owner.uid)
      : [rs];
    const uids = new Set(siblings.map((s) => s.metadata!.uid));
    return this.ctx.client.list(GR.pods, rs.metadata!.namespace).filter((p) => uids.has(getControllerOf(p)?.uid ?? ""));
  }

  /** controller.slowStartBatch: batches of 1, 2, 4, ... stopping at the first failing batch. */
  private async slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<{ successes: number; error?: Error }> {
    let remaining = count, successes = 0;
    for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
      const results = await Promise.allSettled(Array.from({ length: batch }, fn));
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      successes += results.filter((r) => r.status === "fulfilled").length;
      if (failed) return { successes, error: failed.reason as Error };
      remaining -= batch;
    }
    return { successes };
  }

  private async createPod(rs: KObject): Promise<void> {
    const tpl = ((rs.spec as Spec).template ?? {}) as NonNullable<Spec["template"]>;
    const meta: KObject["metadata"] = {
      generateName: `${rs.metadata!.name}-`,
      namespace: rs.metadata!.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}) },
      ownerReferences: [newControllerRef(rs, this.k.apiVersion, this.k.kind)],
    };
    if (tpl.metadata?.annotations) meta.annotations = { ...tpl.metadata.annotations };
    if (tpl.metadata?.finalizers) meta.finalizers = [...tpl.metadata.finalizers];
    const pod: KObject = { apiVersion: "v1", kind: "Pod", metadata: meta, spec: structuredClone(tpl.spec ?? {}) };
    try {
      const created = await this.ctx.client.create(GR.pods, pod);
      this.recorder.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata!.name}`);
    } catch (e) {
      this.recorder.event(rs, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
      throw e;
    }
  }
}

export const newReplicaSetController = (ctx: ControllerContext) => new ReplicaSetController(ctx, REPLICA_SET_KIND);
export const newReplicationController = (ctx: ControllerContext) => new ReplicaSetController(ctx, REPLICATION_CONTROLLER_KIND);
