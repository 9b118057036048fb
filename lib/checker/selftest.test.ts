// The self-test's sequence, over a fake lab whose one object is a namespace with labels:
// setup → checks fail → wrong answers fail the checks they name → solution → checks pass.
import { describe, expect, it } from "vitest";
import { Exercise } from "../exercises/schema.js";
import type { LabAccess } from "./lab-access.js";
import { selfTest } from "./selftest.js";

/** `label K=V` sets a label, `unlabel K` removes it, `fail` exits 1; the check reads the labels. */
function labelLab(log: string[]): LabAccess {
  const labels: Record<string, string> = {};
  return {
    async exec(_node, script) {
      log.push(script.split("\n")[0]);
      const set = /^label (\w+)=(\w+)$/.exec(script);
      if (set) labels[set[1]] = set[2];
      const unset = /^unlabel (\w+)$/.exec(script);
      if (unset) delete labels[unset[1]];
      if (script === "fail") return { stdout: "", stderr: "boom", code: 1 };
      if (script.includes(" get 'namespace'")) return { stdout: JSON.stringify({ metadata: { labels } }), stderr: "", code: 0 };
      return { stdout: "", stderr: "", code: 0 };
    },
  };
}

const base = {
  id: "a",
  title: { en: "A", ko: "가" },
  domain: "storage",
  competency: "Manage persistent volumes and persistent volume claims",
  difficulty: "easy",
  points: 4,
  timeEstimateMinutes: 5,
  prompt: { en: "Label it.", ko: "레이블을 붙이세요." },
  setup: { script: "setup" },
  checks: [
    { id: "done", type: "match", resource: "namespace", name: "a", expect: { metadata: { labels: { done: "true" } } }, message: { en: "not done", ko: "안 됨" } },
    { id: "no-tier", type: "match", resource: "namespace", name: "a", expect: { metadata: { labels: { tier: null } } }, message: { en: "has a tier", ko: "tier 있음" } },
  ],
  solution: { script: "label done=true" },
  explanation: { en: "Because.", ko: "그래서." },
};

const exercise = (wrongAnswers: unknown[]) => Exercise.parse({ ...base, wrongAnswers });
const tick = () => 0;

describe("selfTest with wrong answers", () => {
  const cases: { name: string; wrong: unknown[]; passed: boolean; reason: string; log: string[] }[] = [
    {
      name: "a wrong answer that fails the check it names is undone before the solution",
      wrong: [{ id: "yes-not-true", description: "done=yes instead of done=true", script: "label done=yes", fails: ["done"], undo: "unlabel done" }],
      passed: true,
      reason: "ok (1 wrong answer rejected; already passing before the solution: no-tier)",
      log: ["setup", "label done=yes", "unlabel done", "label done=true"],
    },
    {
      name: "a wrong answer that passes the named check fails the self-test, before the solution",
      wrong: [{ id: "extra-tier", description: "a tier label too", script: "label done=true", fails: ["done"] }],
      passed: false,
      reason: "wrong answer extra-tier (a tier label too): check done passes",
      log: ["setup", "label done=true"],
    },
    {
      name: "a wrong answer whose script fails is reported with its output",
      wrong: [{ id: "broken", description: "a script that fails", script: "fail", fails: ["done"] }],
      passed: false,
      reason: "wrong answer broken exited 1: boom",
      log: ["setup", "fail"],
    },
    {
      name: "every wrong answer runs in order; the second one's failing check is enough",
      wrong: [
        { id: "w1", description: "done=no", script: "label done=no", fails: ["done"], undo: "unlabel done" },
        { id: "w2", description: "a tier label", script: "label tier=web", fails: ["no-tier", "done"], undo: "unlabel tier" },
      ],
      passed: true,
      reason: "ok (2 wrong answers rejected; already passing before the solution: no-tier)",
      log: ["setup", "label done=no", "unlabel done", "label tier=web", "unlabel tier", "label done=true"],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const log: string[] = [];
      const r = await selfTest(labelLab(log), exercise(c.wrong), tick);
      expect({ passed: r.passed, reason: r.reason }).toEqual({ passed: c.passed, reason: c.reason });
      expect(log.filter((s) => !s.startsWith("kubectl"))).toEqual(c.log);
    });
  }

  it("keeps the report of each wrong answer, with the student's messages", async () => {
    const r = await selfTest(labelLab([]), exercise([{ id: "w", description: "tier", script: "label tier=web", fails: ["no-tier"], undo: "unlabel tier" }]), tick);
    expect(r.wrong?.map((w) => ({ id: w.id, failed: w.report.results.filter((x) => !x.passed).map((x) => [x.id, x.message]) }))).toEqual([
      { id: "w", failed: [["done", "not done"], ["no-tier", "has a tier"]] },
    ]);
  });
});
