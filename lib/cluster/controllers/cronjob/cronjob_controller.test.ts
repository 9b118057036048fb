import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { events, harness, names, quiesce, type Harness } from "../util/testing.js";
import { newCronJobController } from "./cronjob_controller.js";
import { jobName, parseSchedule, rfc1123z, rfc3339InZone } from "./schedule.js";

function cronjob(spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "backup", namespace: "default" },
    spec: {
      schedule: "*/5 * * * *",
      concurrencyPolicy: "Allow",
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { app: "backup" } }, spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "b", image: "busybox" }] } } } },
      ...spec,
    },
  };
}

async function start(h: Harness, cj: KObject) {
  h.client.seed(GR.cronjobs, cj);
  newCronJobController(h.ctx).start();
  await quiesce(h);
}

/** What the Job controller writes when a Job ends. */
async function complete(h: Harness, name: string, type = "Complete") {
  const j = structuredClone(h.client.get(GR.jobs, "default", name)!);
  const t = h.time.now().toISOString().replace(".000", "");
  j.status = { startTime: t, ...(type === "Complete" ? { completionTime: t } : {}), conditions: [{ type, status: "True", lastTransitionTime: t }] };
  await h.client.update(GR.jobs, j, { subresource: "status" });
  await quiesce(h);
}

const status = (h: Harness) => h.client.get(GR.cronjobs, "default", "backup")!.status as Record<string, unknown>;

describe("schedule helpers", () => {
  it.each([
    { name: "job name is minutes since the epoch", got: jobName("backup", Date.UTC(2026, 0, 1, 0, 5)), want: "backup-29453765" },
    { name: "scheduled timestamp in UTC", got: rfc3339InZone(Date.UTC(2026, 0, 1, 0, 5), "UTC"), want: "2026-01-01T00:05:00Z" },
    { name: "scheduled timestamp in a zone", got: rfc3339InZone(Date.UTC(2026, 0, 1, 0, 5), "Europe/Berlin"), want: "2026-01-01T01:05:00+01:00" },
    { name: "RFC1123Z", got: rfc1123z(Date.UTC(2026, 0, 1, 0, 5)), want: "Thu, 01 Jan 2026 00:05:00 +0000" },
    { name: "@hourly", got: new Date(parseSchedule("@hourly").next(Date.UTC(2026, 0, 1, 0, 5))).toISOString(), want: "2026-01-01T01:00:00.000Z" },
    { name: "timeZone shifts the schedule", got: new Date(parseSchedule("0 9 * * *", "Asia/Tokyo").next(Date.UTC(2026, 0, 1))).toISOString(), want: "2026-01-02T00:00:00.000Z" },
  ])("$name", ({ got, want }) => expect(got).toBe(want));
});

describe("CronJob controller", () => {
  it("creates the Job at the scheduled time, tracks it in active, then sees it complete", async () => {
    const h = harness();
    await start(h, cronjob());
    expect(h.client.list(GR.jobs)).toEqual([]);
    await h.time.advance(5 * 60_000 + 1000);
    await quiesce(h);
    const [job] = h.client.list(GR.jobs);
    expect(job.metadata).toMatchObject({
      name: "backup-29453765",
      labels: { app: "backup" },
      annotations: { "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-01-01T00:05:00Z" },
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "backup", controller: true, blockOwnerDeletion: true }],
    });
    expect(status(h)).toEqual({
      active: [{ kind: "Job", namespace: "default", name: "backup-29453765", uid: job.metadata!.uid, apiVersion: "batch/v1", resourceVersion: job.metadata!.resourceVersion }],
      lastScheduleTime: "2026-01-01T00:05:00Z",
    });
    await h.time.advance(30_000);
    await complete(h, "backup-29453765");
    expect(status(h)).toEqual({ lastScheduleTime: "2026-01-01T00:05:00Z", lastSuccessfulTime: "2026-01-01T00:05:31Z" });
    expect(events(h.client, { kind: "CronJob" })).toEqual(["SuccessfulCreate: Created job backup-29453765", "SawCompletedJob: Saw completed job: backup-29453765, condition: Complete"]);
  });

  it.each([
    { policy: "Forbid", jobs: ["backup-29453765"], last: "JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid" },
    { policy: "Replace", jobs: ["backup-29453770"], last: "SuccessfulCreate: Created job backup-29453770" },
    { policy: "Allow", jobs: ["backup-29453765", "backup-29453770"], last: "SuccessfulCreate: Created job backup-29453770" },
  ])("concurrencyPolicy $policy with the previous run still active", async ({ policy, jobs, last }) => {
    const h = harness();
    await start(h, cronjob({ concurrencyPolicy: policy }));
    await h.time.advance(10 * 60_000 + 1000);
    await quiesce(h);
    expect(names(h.client.list(GR.jobs))).toEqual(jobs);
    expect(events(h.client, { kind: "CronJob" }).at(-1)).toBe(last);
  });

  it("suspend stops new Jobs", async () => {
    const h = harness();
    await start(h, cronjob({ suspend: true }));
    await h.time.advance(10 * 60_000 + 1000);
    expect(h.client.list(GR.jobs)).toEqual([]);
  });

  it("keeps failedJobsHistoryLimit failed Jobs, deleting the oldest", async () => {
    const h = harness();
    await start(h, cronjob());
    await h.time.advance(5 * 60_000 + 1000);
    await quiesce(h);
    await complete(h, "backup-29453765", "Failed");
    await h.time.advance(5 * 60_000 + 1000);
    await quiesce(h);
    await complete(h, "backup-29453770", "Failed");
    expect(names(h.client.list(GR.jobs))).toEqual(["backup-29453770"]);
    expect(events(h.client, { kind: "CronJob" }).at(-1)).toBe("SuccessfulDelete: Deleted job backup-29453765");
  });
});
