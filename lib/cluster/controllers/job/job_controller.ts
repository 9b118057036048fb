// The Job controller, pkg/controller/job/job_controller.go (v1.32: pod tracking with the
// batch.kubernetes.io/job-tracking finalizer and uncountedTerminatedPods, the interim
// SuccessCriteriaMet / FailureTarget conditions before Complete / Failed, pod failure backoff,
// activeDeadlineSeconds, suspend, Indexed completion mode and a basic podFailurePolicy).
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector, type LabelSelector } from "../../meta/labels.js";
import type { EventRecorder } from "../../runtime/events.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, parseTime, QueueController, rfc3339 } from "../util/base.js";
import { Expectations } from "../util/expectations.js";
import { claimObjects, getControllerOf, newControllerRef } from "../util/owner.js";
import { isPodActive, isPodReady, isPodTerminal, phaseOf, podsToDelete } from "../util/pods.js";
import {
  backoffRemaining, ensureCondition, findCondition, formatIndexes, isJobFinished, JOB_COMPLETION_INDEX_ANNOTATION, JOB_INDEX_LABEL, JOB_TRACKING_FINALIZER,
  jobSpec, jobStatus, matchPodFailurePolicy, MSG, newCondition, parseIndexes, podIndex, type JobCondition, type JobStatus,
} from "./util.js";

/** syncJobBatchPeriod: pod updates are batched for a second before the Job syncs. */
const SYNC_JOB_BATCH_PERIOD_MS = 1000;

export class JobController extends QueueController {
  readonly name = "job";
  private readonly recorder: EventRecorder;
  private readonly expectations: Expectations;

  constructor(ctx: ControllerContext) {
    super(ctx, 5);
    this.recorder = ctx.recorder("job-controller");
    this.expectations = new Expectations(ctx.time);
  }

  start(): void {
    this.watch(GR.jobs, (type, job) => {
      if (type === "DELETED") this.expectations.delete(keyOf(job));
      else this.queue.add(keyOf(job));
    });
    this.watch(GR.pods, (type, pod) => {
      const ref = getControllerOf(pod);
      if (!ref || ref.kind !== "Job") return;
      const key = `${pod.metadata!.namespace}/${ref.name}`;
      if (type === "ADDED") this.expectations.creationObserved(key);
      this.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
    });
    for (const j of this.ctx.client.list(GR.jobs)) this.queue.add(keyOf(j));
  }

  private get now(): Date {
    return this.ctx.time.now();
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.ctx.client.get(GR.jobs, namespace, name);
    if (!cached) return;
    const job = structuredClone(cached);
    const spec = jobSpec(job);
    const selector = labelSelectorAsSelector(spec.selector as LabelSelector);
    const pods = await claimObjects(this.ctx.client, GR.pods, job, newControllerRef(job, "batch/v1", "Job"), selector, this.ctx.client.list(GR.pods, namespace), () => !job.metadata?.deletionTimestamp);
    if (isJobFinished(job)) {
      await this.removeTrackingFinalizers(pods.filter((p) => p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) && (isPodTerminal(p) || p.metadata?.deletionTimestamp)));
      return;
    }
    const now = this.now;
    const status: JobStatus = structuredClone(jobStatus(job));
    const suspended = !!spec.suspend;
    if (!status.startTime && !suspended) status.startTime = rfc3339(now);

    // Pods finished since the last count, still holding our finalizer.
    const uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
    const seen = new Set([...uncounted.succeeded, ...uncounted.failed]);
    const tracked = (p: KObject) => p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) && !seen.has(p.metadata!.uid!);
    const newSucceeded = pods.filter((p) => phaseOf(p) === "Succeeded" && tracked(p));
    let newFailed = pods.filter((p) => phaseOf(p) === "Failed" && tracked(p));
    // isPodFailed: a pod deleted before it finished counts as failed, unless pods are only
    // replaced once Failed (podReplacementPolicy Failed); pods we delete to finish or suspend the
    // Job are not failures, they just lose the finalizer.
    const replaceOnlyFailed = (spec.podReplacementPolicy ?? (spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed")) === "Failed";
    const deletingTracked = pods.filter((p) => p.metadata?.deletionTimestamp && !isPodTerminal(p) && tracked(p));
    const wasFinishing = [findCondition(status, "FailureTarget"), findCondition(status, "SuccessCriteriaMet")].some((c) => c?.status === "True");
    const ignored: KObject[] = [];
    if (!suspended && !wasFinishing && !replaceOnlyFailed) newFailed.push(...deletingTracked);
    else if (suspended || wasFinishing) ignored.push(...deletingTracked);
    let failJob: string | undefined;
    const rules = spec.podFailurePolicy?.rules ?? [];
    if (rules.length) {
      newFailed = newFailed.filter((p) => {
        const m = matchPodFailurePolicy(rules, p);
        if (m?.action === "Ignore") {
          ignored.push(p);
          return false;
        }
        if (m?.action === "FailJob") failJob ??= m.message;
        return true;
      });
    }
    const indexed = spec.completionMode === "Indexed";
    const completed = parseIndexes(status.completedIndexes);
    if (indexed) for (const p of pods) if (phaseOf(p) === "Succeeded" && podIndex(p) !== undefined) completed.add(podIndex(p)!);
    const succeeded = indexed ? completed.size : (status.succeeded ?? 0) + uncounted.succeeded.length + newSucceeded.length;
    const failed = (status.failed ?? 0) + uncounted.failed.length + newFailed.length;
    let active = pods.filter(isPodActive);

    // The interim condition that decides how the Job ends.
    let finishing = [findCondition(status, "FailureTarget"), findCondition(status, "SuccessCriteriaMet")].find((c) => c?.status === "True");
    if (!finishing) {
      const completions = spec.completions ?? null;
      const deadline = spec.activeDeadlineSeconds !== undefined && status.startTime ? (parseTime(status.startTime) ?? 0) + spec.activeDeadlineSeconds * 1000 : undefined;
      if (failJob) finishing = newCondition("FailureTarget", "PodFailurePolicy", failJob, now);
      else if (failed > (spec.backoffLimit ?? 6)) finishing = newCondition("FailureTarget", ...MSG.backoff, now);
      else if (deadline !== undefined && now.getTime() >= deadline) finishing = newCondition("FailureTarget", ...MSG.deadline, now);
      else if (completions === null ? succeeded > 0 && active.length === 0 : succeeded >= completions) finishing = newCondition("SuccessCriteriaMet", ...MSG.completions, now);
      if (finishing) ensureCondition(status, finishing);
      else if (deadline !== undefined) this.queue.addAfter(key, deadline - now.getTime());
    }

    if (finishing || suspended) {
      await this.deletePods(job, active);
      ignored.push(...active);
    } else if (this.expectations.satisfied(key)) await this.manageActive(key, job, pods, active, completed, failed);

    // Suspend / resume, after manageJob as upstream (its pod deletions come first).
    if (!finishing) {
      if (suspended) {
        if (ensureCondition(status, newCondition("Suspended", "JobSuspended", "Job suspended", now))) this.recorder.event(job, "Normal", "Suspended", "Job suspended");
      } else if (ensureCondition(status, newCondition("Suspended", "JobResumed", "Job resumed", now, "False"))) {
        this.recorder.event(job, "Normal", "Resumed", "Job resumed");
        status.startTime = rfc3339(now);
      }
    }

    // Count the newly finished pods: first recorded as uncounted, then their finalizers go.
    const finished = [...newSucceeded, ...newFailed];
    if (finished.length) {
      uncounted.succeeded.push(...newSucceeded.map((p) => p.metadata!.uid!));
      uncounted.failed.push(...newFailed.map((p) => p.metadata!.uid!));
      await this.writeStatus(job, { ...status, uncountedTerminatedPods: uncounted });
      await this.removeTrackingFinalizers(finished);
    }
    await this.removeTrackingFinalizers(ignored);
    status.uncountedTerminatedPods = {};
    if (indexed) {
      status.succeeded = completed.size || undefined;
      status.completedIndexes = formatIndexes(completed);
    } else status.succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length || undefined;
    status.failed = (status.failed ?? 0) + uncounted.failed.length || undefined;

    const owned = this.ctx.client.list(GR.pods, namespace).filter((p) => getControllerOf(p)?.uid === job.metadata!.uid);
    active = owned.filter(isPodActive);
    const terminating = owned.filter((p) => p.metadata?.deletionTimestamp && !isPodTerminal(p));
    status.active = active.length || undefined;
    status.ready = active.filter(isPodReady).length;
    status.terminating = terminating.length;
    if (finishing && !active.length && !terminating.length) this.finish(job, status, finishing, now);
    await this.writeStatus(job, status);
  }

  /** The terminal condition, once no pod of the Job runs any more (delayTerminalCondition). */
  private finish(job: KObject, status: JobStatus, finishing: JobCondition, now: Date): void {
    const type = finishing.type === "SuccessCriteriaMet" ? "Complete" : "Failed";
    ensureCondition(status, newCondition(type, finishing.reason!, finishing.message!, now));
    if (type === "Complete") {
      status.completionTime = rfc3339(now);
      this.recorder.event(job, "Normal", "Completed", "Job completed");
    } else this.recorder.event(job, "Warning", finishing.reason!, finishing.message!);
  }

  private async writeStatus(job: KObject, status: JobStatus): Promise<void> {
    const latest = this.ctx.client.get(GR.jobs, job.metadata!.namespace!, job.metadata!.name!);
    if (!latest || JSON.stringify(latest.status ?? {}) === JSON.stringify(clean(status))) return;
    await this.ctx.client.update(GR.jobs, { ...structuredClone(latest), status: clean(status) }, { subresource: "status" });
  }

  private async manageActive(key: string, job: KObject, pods: KObject[], active: KObject[], completed: Set<number>, failed: number): Promise<void> {
    const spec = jobSpec(job);
    const parallelism = spec.parallelism ?? 1;
    const completions = spec.completions ?? null;
    const succeededPods = pods.filter((p) => phaseOf(p) === "Succeeded");
    const succeeded = spec.completionMode === "Indexed" ? completed.size : (jobStatus(job).succeeded ?? 0) + succeededPods.filter((p) => p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)).length;
    let want: number;
    if (completions === null) want = succeeded > 0 ? active.length : parallelism;
    else want = Math.max(0, Math.min(completions - succeeded, parallelism));
    if (active.length > want) {
      await this.deletePods(job, podsToDelete(active, active, active.length - want, this.now));
      return;
    }
    // With a podFailurePolicy (replacement policy Failed) terminating pods still hold their slot.
    const terminating = pods.filter((p) => p.metadata?.deletionTimestamp && !isPodTerminal(p));
    const held = (spec.podReplacementPolicy ?? (spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed")) === "Failed" ? terminating.length : 0;
    let diff = want - active.length - held;
    if (diff <= 0) return;
    if (failed > 0) {
      const wait = backoffRemaining(pods.filter((p) => phaseOf(p) === "Failed"), succeededPods, this.now);
      if (wait > 0) {
        this.queue.addAfter(key, wait);
        return;
      }
    }
    let indexes: (number | undefined)[] = Array.from({ length: diff }, () => undefined);
    if (spec.completionMode === "Indexed") {
      const busy = new Set(active.map(podIndex));
      indexes = [];
      for (let i = 0; i < (completions ?? 0) && indexes.length < diff; i++) if (!completed.has(i) && !busy.has(i)) indexes.push(i);
      diff = indexes.length;
    }
    this.expectations.expectCreations(key, diff);
    for (const index of indexes) {
      try {
        const pod = await this.ctx.client.create(GR.pods, podFromTemplate(job, index));
        this.recorder.event(job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata!.name}`);
      } catch (e) {
        this.expectations.creationFailed(key);
        this.recorder.event(job, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
        throw e;
      }
    }
  }

  private async deletePods(job: KObject, pods: KObject[]): Promise<void> {
    for (const p of pods) {
      try {
        await this.ctx.client.delete(GR.pods, p.metadata!.namespace!, p.metadata!.name!);
        this.recorder.event(job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata!.name}`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private async removeTrackingFinalizers(pods: KObject[]): Promise<void> {
    for (const p of pods) {
      const cur = this.ctx.client.get(GR.pods, p.metadata!.namespace!, p.metadata!.name!);
      if (!cur?.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
      const fins = cur.metadata.finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
      try {
        await this.ctx.client.patch(GR.pods, p.metadata!.namespace!, p.metadata!.name!, "application/merge-patch+json", { metadata: { finalizers: fins.length ? fins : null } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }
}

/** The pod of a Job (getPodsWithFinalizer / addCompletionIndexEnvVariables for Indexed Jobs). */
export function podFromTemplate(job: KObject, index?: number): KObject {
  const tpl = jobSpec(job).template ?? {};
  const name = job.metadata!.name!;
  const labels: Record<string, string> = { ...(tpl.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(tpl.metadata?.annotations ?? {}) };
  const spec = structuredClone(tpl.spec ?? {}) as { hostname?: string; containers?: { env?: unknown[] }[]; initContainers?: { env?: unknown[] }[] };
  if (index !== undefined) {
    annotations[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
    labels[JOB_INDEX_LABEL] = String(index);
    spec.hostname ??= `${name}-${index}`;
    const env = { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } } };
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) c.env = [...(c.env ?? []), env];
  }
  const meta: KObject["metadata"] = {
    generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
    namespace: job.metadata!.namespace,
    labels,
    finalizers: [JOB_TRACKING_FINALIZER],
    ownerReferences: [newControllerRef(job, "batch/v1", "Job")],
  };
  if (Object.keys(annotations).length) meta.annotations = annotations;
  return { apiVersion: "v1", kind: "Pod", metadata: meta, spec };
}

/** omitempty of JobStatus: zero counts and empty strings go; ready, terminating and uncountedTerminatedPods stay. */
function clean(s: JobStatus): JobStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
    if (v === 0 && k !== "ready" && k !== "terminating") continue;
    out[k] = v;
  }
  const u = s.uncountedTerminatedPods ?? {};
  out.uncountedTerminatedPods = { ...(u.succeeded?.length ? { succeeded: u.succeeded } : {}), ...(u.failed?.length ? { failed: u.failed } : {}) };
  return out as JobStatus;
}

export const newJobController = (ctx: ControllerContext) => new JobController(ctx);
