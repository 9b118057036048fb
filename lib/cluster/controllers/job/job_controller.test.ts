import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { events, harness, quiesce, setPodPhase, type Harness } from "../util/testing.js";
import { newJobController } from "./job_controller.js";

function job(spec: Record<string, unknown>): KObject {
  const labels = { "batch.kubernetes.io/controller-uid": "job-uid", "batch.kubernetes.io/job-name": "pi", "controller-uid": "job-uid", "job-name": "pi" };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi", namespace: "default", uid: "job-uid", generation: 1 },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "job-uid" } },
      template: { metadata: { labels }, spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "busybox" }] } },
      ...spec,
    },
  };
}

async function start(h: Harness, j: KObject) {
  h.client.seed(GR.jobs, j);
  newJobController(h.ctx).start();
  await quiesce(h);
}

const pods = (h: Harness) => h.client.list(GR.pods, "default");
const active = (h: Harness) => pods(h).filter((p) => !["Succeeded", "Failed"].includes((p.status as { phase?: string })?.phase ?? ""));
const status = (h: Harness) => h.client.get(GR.jobs, "default", "pi")!.status as Record<string, unknown>;
const conds = (h: Harness) => ((status(h).conditions ?? []) as { type: string; reason: string; message: string }[]).map((c) => `${c.type}/${c.reason}: ${c.message}`);

async function finish(h: Harness, phase: "Succeeded" | "Failed") {
  for (const p of active(h)) await setPodPhase(h, p, phase);
  await h.time.advance(1000);
  await quiesce(h);
}

describe("Job controller", () => {
  it("runs completions one at a time, then SuccessCriteriaMet and Complete", async () => {
    const h = harness();
    await start(h, job({ completions: 2 }));
    expect(pods(h)).toHaveLength(1);
    expect(pods(h)[0].metadata).toMatchObject({ generateName: "pi-", finalizers: ["batch.kubernetes.io/job-tracking"], ownerReferences: [{ kind: "Job", name: "pi", controller: true, blockOwnerDeletion: true }] });
    expect(status(h)).toEqual({ startTime: "2026-01-01T00:00:00Z", active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    await finish(h, "Succeeded");
    expect(pods(h)).toHaveLength(2);
    expect(pods(h)[0].metadata!.finalizers).toBeUndefined();
    await finish(h, "Succeeded");
    expect(conds(h)).toEqual(["SuccessCriteriaMet/CompletionsReached: Reached expected number of succeeded pods", "Complete/CompletionsReached: Reached expected number of succeeded pods"]);
    expect(status(h)).toMatchObject({ succeeded: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {}, completionTime: "2026-01-01T00:00:02Z" });
    expect(status(h).active).toBeUndefined();
    expect(events(h.client, { kind: "Job" })).toEqual([`SuccessfulCreate: Created pod: ${pods(h)[0].metadata!.name}`, `SuccessfulCreate: Created pod: ${pods(h)[1].metadata!.name}`, "Completed: Job completed"]);
  });

  it("backs off 10 s after a failure and fails with BackoffLimitExceeded past backoffLimit", async () => {
    const h = harness();
    await start(h, job({ backoffLimit: 1 }));
    await finish(h, "Failed"); // the pod failed at 0s; the Job saw it at 1s (batch period)
    expect(active(h)).toHaveLength(0);
    await h.time.advance(8000);
    expect(active(h)).toHaveLength(0);
    await h.time.advance(1000);
    expect(active(h)).toHaveLength(1);
    await finish(h, "Failed");
    expect(conds(h)).toEqual(["FailureTarget/BackoffLimitExceeded: Job has reached the specified backoff limit", "Failed/BackoffLimitExceeded: Job has reached the specified backoff limit"]);
    expect(status(h)).toMatchObject({ failed: 2, uncountedTerminatedPods: {} });
    expect(events(h.client, { kind: "Job" }).at(-1)).toBe("BackoffLimitExceeded: Job has reached the specified backoff limit");
  });

  it("fails with DeadlineExceeded after activeDeadlineSeconds, deleting the active pod", async () => {
    const h = harness();
    await start(h, job({ activeDeadlineSeconds: 30 }));
    await h.time.advance(30_000);
    await quiesce(h);
    expect(pods(h)).toEqual([]);
    expect(conds(h)).toEqual(["FailureTarget/DeadlineExceeded: Job was active longer than specified deadline", "Failed/DeadlineExceeded: Job was active longer than specified deadline"]);
  });

  it("Indexed: one pod per index with the index annotation, label, hostname and env", async () => {
    const h = harness();
    await start(h, job({ completionMode: "Indexed", completions: 3, parallelism: 2 }));
    const ps = pods(h);
    expect(ps.map((p) => [p.metadata!.generateName, p.metadata!.annotations, p.metadata!.labels!["batch.kubernetes.io/job-completion-index"], (p.spec as { hostname: string }).hostname])).toEqual([
      ["pi-0-", { "batch.kubernetes.io/job-completion-index": "0" }, "0", "pi-0"],
      ["pi-1-", { "batch.kubernetes.io/job-completion-index": "1" }, "1", "pi-1"],
    ]);
    expect((ps[0].spec as { containers: { env: unknown[] }[] }).containers[0].env).toEqual([
      { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    await finish(h, "Succeeded");
    expect(status(h)).toMatchObject({ completedIndexes: "0,1", succeeded: 2, active: 1 });
    await finish(h, "Succeeded");
    expect(status(h)).toMatchObject({ completedIndexes: "0-2", succeeded: 3 });
    expect(conds(h)[1]).toBe("Complete/CompletionsReached: Reached expected number of succeeded pods");
  });

  it("suspend deletes the active pods and sets Suspended; resume starts again", async () => {
    const h = harness();
    await start(h, job({}));
    const j = structuredClone(h.client.get(GR.jobs, "default", "pi")!);
    (j.spec as { suspend: boolean }).suspend = true;
    await h.client.update(GR.jobs, j);
    await quiesce(h);
    expect(pods(h)).toEqual([]);
    expect(conds(h)).toEqual(["Suspended/JobSuspended: Job suspended"]);
    const j2 = structuredClone(h.client.get(GR.jobs, "default", "pi")!);
    (j2.spec as { suspend: boolean }).suspend = false;
    await h.client.update(GR.jobs, j2);
    await quiesce(h);
    expect(active(h)).toHaveLength(1);
    expect(conds(h)).toEqual(["Suspended/JobResumed: Job resumed"]);
    expect(events(h.client, { kind: "Job" }).filter((e) => !e.startsWith("SuccessfulCreate"))).toEqual([
      `SuccessfulDelete: Deleted pod: ${h.client.writes.find((w) => w.verb === "delete")!.key.split("/")[1]}`,
      "Suspended: Job suspended",
      "Resumed: Job resumed",
    ]);
  });
});
