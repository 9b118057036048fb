import { describe, expect, it } from "vitest";
import { Exercise } from "../exercises/schema.js";
import { runChecks } from "./engine.js";
import type { ExecResult, LabAccess } from "./lab-access.js";

const K = "kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=10s";

function exercise(checks: Record<string, unknown>[]): Exercise {
  const l = (s: string) => ({ en: s, ko: s });
  return Exercise.parse({
    id: "demo",
    title: l("Demo"),
    domain: "storage",
    competency: "Manage persistent volumes and persistent volume claims",
    difficulty: "easy",
    points: 7,
    timeEstimateMinutes: 3,
    prompt: l("Do it"),
    checks: checks.map((c) => ({ message: { en: `${c.id} is wrong`, ko: `${c.id} 틀림` }, ...c })),
    solution: { script: "true" },
    explanation: l("Because"),
  });
}

/** A lab whose answers change over (fake) time: answer(script, now). */
function timedLab(answer: (script: string, now: number) => Partial<ExecResult>, clock: { t: number }): LabAccess {
  return { exec: async (_node, script) => ({ stdout: "", stderr: "", code: 0, ...answer(script, clock.t) }) };
}

describe("runChecks", () => {
  it("weighs passed checks, reports failures with the student's message and hint", async () => {
    const ex = exercise([
      { id: "pv", type: "exists", resource: "pv", name: "data", weight: 2 },
      { id: "pvc", type: "exists", resource: "pvc", name: "data", namespace: "app", weight: 1, hint: { en: "look at the PVC", ko: "PVC를 보세요" } },
    ]);
    const clock = { t: 0 };
    const lab = timedLab((s) => (s.includes("'pv' 'data'") ? { stdout: "persistentvolume/data\n" } : { code: 1, stderr: 'Error from server (NotFound): persistentvolumeclaims "data" not found\n' }), clock);
    const report = await runChecks(lab, ex, { lang: "ko", now: () => clock.t });
    expect(report).toEqual({
      exercise: "demo",
      results: [
        { id: "pv", type: "exists", status: "pass", passed: true, weight: 2, message: "", detail: "persistentvolume/data exists", attempts: 1, durationMs: 0 },
        { id: "pvc", type: "exists", status: "fail", passed: false, weight: 1, message: "pvc 틀림", hint: "PVC를 보세요", detail: 'Error from server (NotFound): persistentvolumeclaims "data" not found', attempts: 1, durationMs: 0 },
      ],
      score: 2,
      total: 3,
      points: 4.6,
      passed: false,
      errors: 0,
    });
  });

  it("retries an eventually consistent check until it passes", async () => {
    const ex = exercise([{ id: "ready", type: "jsonpath", resource: "deploy", name: "web", path: "{.status.readyReplicas}", equals: "2", retry: { timeoutSeconds: 30, intervalSeconds: 5 } }]);
    const clock = { t: 0 };
    const lab = timedLab((_s, now) => ({ stdout: now >= 10_000 ? "2" : "1" }), clock);
    const report = await runChecks(lab, ex, { now: () => clock.t, sleep: async (ms) => void (clock.t += ms) });
    expect(report.results[0]).toMatchObject({ status: "pass", attempts: 3, durationMs: 10_000 });
  });

  it("gives up at the retry deadline", async () => {
    const ex = exercise([{ id: "ready", type: "jsonpath", resource: "deploy", name: "web", path: "{.status.readyReplicas}", equals: "2", retry: { timeoutSeconds: 12, intervalSeconds: 5 } }]);
    const clock = { t: 0 };
    const lab = timedLab(() => ({ stdout: "1" }), clock);
    const report = await runChecks(lab, ex, { now: () => clock.t, sleep: async (ms) => void (clock.t += ms) });
    expect(report.results[0]).toMatchObject({ status: "fail", attempts: 3, durationMs: 10_000, detail: '{.status.readyReplicas} of deploy/web is "1", expected "2"' });
  });

  it("maxRetrySeconds: 0 checks once", async () => {
    const ex = exercise([{ id: "ready", type: "jsonpath", resource: "deploy", name: "web", path: "{.status.readyReplicas}", equals: "2", retry: { timeoutSeconds: 60 } }]);
    const clock = { t: 0 };
    const report = await runChecks(timedLab(() => ({ stdout: "1" }), clock), ex, { maxRetrySeconds: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) });
    expect(report.results[0].attempts).toBe(1);
  });

  it("a broken check or a lost lab is an error of the exercise, not the student's failure", async () => {
    const ex = exercise([
      { id: "typo", type: "exists", resource: "rolez", name: "x" },
      { id: "gone", type: "file", path: "/x" },
    ]);
    const lab: LabAccess = {
      exec: async (_n, script) => {
        if (script.startsWith(K)) return { stdout: "", stderr: 'error: the server doesn\'t have a resource type "rolez"\n', code: 1 };
        throw new Error('lab "l" not found');
      },
    };
    const report = await runChecks(lab, ex, { now: () => 0 });
    expect(report.results.map((r) => [r.id, r.status, r.detail])).toEqual([
      ["typo", "error", `the check is broken: kubectl get 'rolez' 'x' -o name: error: the server doesn't have a resource type "rolez"`],
      ["gone", "error", 'the check could not run: lab "l" not found'],
    ]);
    expect(report.errors).toBe(2);
  });

  it("only: a subset of checks", async () => {
    const ex = exercise([
      { id: "a", type: "command", run: "true" },
      { id: "b", type: "command", run: "false" },
    ]);
    const report = await runChecks(timedLab((s) => ({ code: s === "true" ? 0 : 1 }), { t: 0 }), ex, { only: ["a"], now: () => 0 });
    expect(report).toMatchObject({ score: 1, total: 1, points: 7, passed: true });
  });
});
