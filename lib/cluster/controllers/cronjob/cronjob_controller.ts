// The CronJob controller, pkg/controller/cronjob/cronjob_controllerv2.go: at each scheduled time
// (spec.schedule in spec.timeZone) a Job "<cronjob>-<minutes since epoch>" from the jobTemplate,
// subject to suspend, startingDeadlineSeconds and concurrencyPolicy; status.active,
// lastScheduleTime and lastSuccessfulTime; finished Jobs beyond the history limits deleted.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import type { EventRecorder } from "../../runtime/events.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isAlreadyExists, isNotFound, parseTime, QueueController, rfc3339 } from "../util/base.js";
import { getControllerOf, newControllerRef } from "../util/owner.js";
import { isJobFinished, jobStatus } from "../job/util.js";
import { jobName, MAX_MISSED_START_TIMES, parseSchedule, rfc1123z, rfc3339InZone, type Schedule } from "./schedule.js";

export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
  suspend?: boolean;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}
interface ObjectReference {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
}
interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export class CronJobController extends QueueController {
  readonly name = "cronjob";
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx, 5);
    this.recorder = ctx.recorder("cronjob-controller");
  }

  start(): void {
    this.watch(GR.cronjobs, (type, cj) => {
      if (type !== "DELETED") this.queue.add(keyOf(cj));
    });
    this.watch(GR.jobs, (_t, job) => {
      const ref = getControllerOf(job);
      if (ref?.kind === "CronJob") this.queue.add(`${job.metadata!.namespace}/${ref.name}`);
    });
    for (const cj of this.ctx.client.list(GR.cronjobs)) this.queue.add(keyOf(cj));
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.ctx.client.get(GR.cronjobs, namespace, name);
    if (!cached) return;
    const cj = structuredClone(cached);
    const spec = cj.spec as CronJobSpec;
    const status: CronJobStatus = structuredClone((cj.status ?? {}) as CronJobStatus);
    const now = this.ctx.time.now().getTime();
    const jobs = this.ctx.client.list(GR.jobs, namespace).filter((j) => getControllerOf(j)?.uid === cj.metadata!.uid);
    const before = JSON.stringify(status);

    // Reconcile status.active with the Jobs that exist.
    const active = status.active ?? [];
    for (const ref of [...active]) {
      if (!jobs.some((j) => j.metadata!.uid === ref.uid)) {
        this.recorder.event(cj, "Warning", "MissingJob", `Active job went missing: ${ref.name}`);
        active.splice(active.indexOf(ref), 1);
      }
    }
    for (const j of jobs) {
      const i = active.findIndex((r) => r.uid === j.metadata!.uid);
      if (i >= 0 && isJobFinished(j)) {
        const cond = (jobStatus(j).conditions ?? []).find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True")!;
        this.recorder.event(cj, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata!.name}, condition: ${cond.type}`);
        active.splice(i, 1);
        const done = parseTime(jobStatus(j).completionTime);
        if (cond.type === "Complete" && done !== undefined && (parseTime(status.lastSuccessfulTime) ?? 0) < done) status.lastSuccessfulTime = rfc3339(new Date(done));
      }
    }
    status.active = active.length ? active : undefined;

    await this.cleanupFinishedJobs(cj, jobs, spec);
    if (cj.metadata?.deletionTimestamp) return this.writeStatus(cj, status, before);

    const tz = spec.timeZone ?? "UTC";
    let sched: Schedule;
    try {
      if (spec.timeZone && !validTimeZone(spec.timeZone)) {
        this.recorder.event(cj, "Warning", "UnknownTimeZone", `invalid timeZone: "${spec.timeZone}": unknown time zone ${spec.timeZone}`);
        return this.writeStatus(cj, status, before);
      }
      sched = parseSchedule(spec.schedule, tz);
    } catch (e) {
      this.recorder.event(cj, "Warning", "UnparseableSchedule", `unparseable schedule: "${spec.schedule}" : ${(e as Error).message}`);
      return this.writeStatus(cj, status, before);
    }
    if (spec.suspend) return this.writeStatus(cj, status, before);

    let earliest = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata?.creationTimestamp) ?? now;
    if (spec.startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
    const times = sched.between(earliest, now, MAX_MISSED_START_TIMES);
    const requeue = () => this.queue.addAfter(key, sched.next(now) - now + 100);
    if (times.length > MAX_MISSED_START_TIMES) {
      this.recorder.event(cj, "Warning", "TooManyMissedTimes", `too many missed start times: ${times.length}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    const scheduled = times.at(-1);
    if (scheduled === undefined) {
      requeue();
      return this.writeStatus(cj, status, before);
    }
    if (spec.startingDeadlineSeconds !== undefined && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
      this.recorder.event(cj, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      requeue();
      return this.writeStatus(cj, status, before);
    }
    const jname = jobName(name, scheduled);
    if ((status.active ?? []).some((r) => r.name === jname) || parseTime(status.lastScheduleTime) === scheduled) {
      requeue();
      return this.writeStatus(cj, status, before);
    }
    const policy = spec.concurrencyPolicy ?? "Allow";
    if (policy === "Forbid" && status.active?.length) {
      this.recorder.event(cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
      requeue();
      return this.writeStatus(cj, status, before);
    }
    if (policy === "Replace") {
      for (const ref of [...(status.active ?? [])]) {
        try {
          await this.ctx.client.delete(GR.jobs, namespace, ref.name, { propagationPolicy: "Background" });
          this.recorder.event(cj, "Normal", "SuccessfulDelete", `Deleted job ${ref.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      status.active = undefined;
    }
    const tpl = spec.jobTemplate ?? {};
    const job: KObject = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: jname,
        namespace,
        labels: { ...(tpl.metadata?.labels ?? {}) },
        annotations: { ...(tpl.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339InZone(scheduled, tz) },
        ownerReferences: [newControllerRef(cj, "batch/v1", "CronJob")],
      },
      spec: structuredClone(tpl.spec ?? {}),
    };
    if (!Object.keys(job.metadata!.labels!).length) delete job.metadata!.labels;
    let created: KObject;
    try {
      created = await this.ctx.client.create(GR.jobs, job);
      this.recorder.event(cj, "Normal", "SuccessfulCreate", `Created job ${jname}`);
    } catch (e) {
      if (!isAlreadyExists(e)) {
        this.recorder.event(cj, "Warning", "FailedCreate", `Error creating job: ${(e as Error).message}`);
        throw e;
      }
      created = this.ctx.client.get(GR.jobs, namespace, jname)!;
      if (!created || getControllerOf(created)?.uid !== cj.metadata!.uid) return this.writeStatus(cj, status, before);
    }
    status.active = [
      ...(status.active ?? []),
      { kind: "Job", namespace, name: jname, uid: created.metadata!.uid!, apiVersion: "batch/v1", resourceVersion: created.metadata!.resourceVersion },
    ];
    status.lastScheduleTime = rfc3339(new Date(scheduled));
    requeue();
    return this.writeStatus(cj, status, before);
  }

  private async writeStatus(cj: KObject, status: CronJobStatus, before: string): Promise<void> {
    if (JSON.stringify(status) === before) return;
    const latest = this.ctx.client.get(GR.cronjobs, cj.metadata!.namespace!, cj.metadata!.name!);
    if (!latest) return;
    const clean = JSON.parse(JSON.stringify(status)) as CronJobStatus;
    await this.ctx.client.update(GR.cronjobs, { ...structuredClone(latest), status: clean }, { subresource: "status" });
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond each history limit go. */
  private async cleanupFinishedJobs(cj: KObject, jobs: KObject[], spec: CronJobSpec): Promise<void> {
    const finished = (type: string) =>
      jobs
        .filter((j) => (jobStatus(j).conditions ?? []).some((c) => c.type === type && c.status === "True") && !j.metadata?.deletionTimestamp)
        .sort((a, b) => (parseTime(jobStatus(a).startTime) ?? 0) - (parseTime(jobStatus(b).startTime) ?? 0));
    for (const [type, limit] of [["Complete", spec.successfulJobsHistoryLimit ?? 3], ["Failed", spec.failedJobsHistoryLimit ?? 1]] as const) {
      const list = finished(type);
      for (const j of list.slice(0, Math.max(0, list.length - limit))) {
        try {
          await this.ctx.client.delete(GR.jobs, j.metadata!.namespace!, j.metadata!.name!, { propagationPolicy: "Background" });
          this.recorder.event(cj, "Normal", "SuccessfulDelete", `Deleted job ${j.metadata!.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
  }
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const newCronJobController = (ctx: ControllerContext) => new CronJobController(ctx);
