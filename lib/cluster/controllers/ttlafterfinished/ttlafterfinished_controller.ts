// The TTL-after-finished controller, pkg/controller/ttlafterfinished: a finished Job with
// spec.ttlSecondsAfterFinished is deleted (Foreground propagation, uid precondition) that many
// seconds after its Complete or Failed condition turned True.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, parseTime, QueueController } from "../util/base.js";
import { isJobFinished, jobSpec, jobStatus } from "../job/util.js";

/** jobFinishTime: the lastTransitionTime of the True Complete or Failed condition. */
export function jobFinishTime(job: KObject): number | undefined {
  const c = (jobStatus(job).conditions ?? []).find((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  return parseTime(c?.lastTransitionTime);
}

export class TTLAfterFinishedController extends QueueController {
  readonly name = "ttl-after-finished";

  start(): void {
    this.watch(GR.jobs, (type, job) => {
      if (type !== "DELETED" && needsCleanup(job)) this.queue.add(keyOf(job));
    });
    for (const j of this.ctx.client.list(GR.jobs)) if (needsCleanup(j)) this.queue.add(keyOf(j));
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const job = this.ctx.client.get(GR.jobs, namespace, name);
    if (!job || !needsCleanup(job)) return;
    const finished = jobFinishTime(job);
    if (finished === undefined) return;
    const expireAt = finished + jobSpec(job).ttlSecondsAfterFinished! * 1000;
    const now = this.ctx.time.now().getTime();
    if (now < expireAt) {
      this.queue.addAfter(key, expireAt - now);
      return;
    }
    this.ctx.log(`Cleaning up Job ${key}`);
    try {
      await this.ctx.client.delete(GR.jobs, namespace, name, { propagationPolicy: "Foreground", preconditions: { uid: job.metadata!.uid } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function needsCleanup(job: KObject): boolean {
  return jobSpec(job).ttlSecondsAfterFinished !== undefined && !job.metadata?.deletionTimestamp && isJobFinished(job);
}

export const newTTLAfterFinishedController = (ctx: ControllerContext) => new TTLAfterFinishedController(ctx);
