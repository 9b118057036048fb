import { describe, it, expect } from "vitest";
import { gradeExercise, unchecked, scoreTask, examReport } from "./grading";
import { toWebExercise } from "./exercises";
import { Exercise } from "../exercises/schema";
import type { LabAccess } from "../checker/lab-access";

// Command checks run their script as written, so a scripted lab can answer them.
const ex = Exercise.parse({
  id: "e2e-answer",
  title: { en: "Answer", ko: "답" },
  domain: "troubleshooting",
  competency: "Troubleshoot clusters and nodes",
  difficulty: "easy",
  points: 4,
  timeEstimateMinutes: 2,
  prompt: { en: "Write 42.", ko: "42를 쓰세요." },
  checks: [
    { id: "answer", type: "command", run: "cat /root/answer", stdout: { equals: "42" }, weight: 3, message: { en: "The answer is wrong.", ko: "답이 틀렸습니다." }, hint: { en: "Think.", ko: "생각하세요." } },
    { id: "on-node01", type: "command", node: "node01", run: "true", message: { en: "node01 failed", ko: "node01 실패" } },
  ],
  solution: { script: "echo 42 > /root/answer" },
  explanation: { en: "42.", ko: "42." },
});

function lab(answers: Record<string, { stdout?: string; code?: number } | Error>): LabAccess & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async exec(node, script) {
      calls.push(`${node}: ${script}`);
      const a = answers[`${node}: ${script}`];
      if (a instanceof Error) throw a;
      return { stdout: a?.stdout ?? "", stderr: "", code: a?.code ?? 0 };
    },
  };
}

describe("gradeExercise (lib/checker's runChecks over a LabAccess)", () => {
  const cases = [
    {
      name: "all pass",
      locale: "en" as const,
      answers: { "controlplane: cat /root/answer": { stdout: "42\n" }, "node01: true": {} },
      want: [
        { id: "answer", description: "answer", passed: true, message: "OK", weight: 3 },
        { id: "on-node01", description: "on-node01", passed: true, message: "OK", weight: 1 },
      ],
    },
    {
      name: "a wrong answer shows the author's message and hint, in Korean",
      locale: "ko" as const,
      answers: { "controlplane: cat /root/answer": { stdout: "41" }, "node01: true": {} },
      want: [
        { id: "answer", description: "answer", passed: false, message: "답이 틀렸습니다. (생각하세요.)", weight: 3 },
        { id: "on-node01", description: "on-node01", passed: true, message: "OK", weight: 1 },
      ],
    },
    {
      name: "a check that cannot run fails with its message, not the error",
      locale: "en" as const,
      answers: { "controlplane: cat /root/answer": { stdout: "42" }, "node01: true": new Error("lab gone") },
      want: [
        { id: "answer", description: "answer", passed: true, message: "OK", weight: 3 },
        { id: "on-node01", description: "on-node01", passed: false, message: "node01 failed", weight: 1 },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const l = lab(c.answers);
      expect(await gradeExercise(l, toWebExercise(ex, c.locale), c.locale)).toEqual(c.want);
      expect(l.calls).toEqual(["controlplane: cat /root/answer", "node01: true"]);
    });
  }
  it("without a lab every check fails with the reason", () =>
    expect(unchecked(toWebExercise(ex, "en"), "No lab.")).toEqual([
      { id: "answer", description: "answer", passed: false, message: "No lab.", weight: 3 },
      { id: "on-node01", description: "on-node01", passed: false, message: "No lab.", weight: 1 },
    ]));
});

describe("scoring", () => {
  it("gives partial credit by check weight and applies the 66% pass mark", () => {
    const t1 = scoreTask({ id: "a", title: "A", weight: 4 }, [{ id: "1", description: "", passed: true, message: "OK", weight: 1 }, { id: "2", description: "", passed: false, message: "no", weight: 3 }]);
    const t2 = scoreTask({ id: "b", title: "B", weight: 6 }, [{ id: "1", description: "", passed: true, message: "OK", weight: 1 }]);
    expect(t1.earned).toBe(1);
    expect(examReport([t1, t2])).toEqual({ tasks: [t1, t2], total: 10, earned: 7, percent: 70, passed: true, passPercent: 66 });
    expect(examReport([t1]).passed).toBe(false);
  });
  it("two of three equal tasks is 66.7%: a pass", () => {
    const ok = [{ id: "c", description: "c", passed: true, message: "OK", weight: 1 }];
    const no = [{ ...ok[0], passed: false }];
    const r = examReport([scoreTask({ id: "a", title: "A", weight: 4 }, ok), scoreTask({ id: "b", title: "B", weight: 4 }, ok), scoreTask({ id: "c", title: "C", weight: 4 }, no)]);
    expect([r.percent, r.passed]).toEqual([66.7, true]);
    const r2 = examReport([scoreTask({ id: "a", title: "A", weight: 13 }, ok), scoreTask({ id: "b", title: "B", weight: 7 }, no)]);
    expect([r2.percent, r2.passed]).toEqual([65, false]);
  });
  it("a course exam's own pass mark", () => {
    const ok = [{ id: "c", description: "c", passed: true, message: "OK", weight: 1 }];
    const no = [{ ...ok[0], passed: false }];
    const tasks = [scoreTask({ id: "a", title: "A", weight: 7 }, ok), scoreTask({ id: "b", title: "B", weight: 3 }, no)];
    expect([examReport(tasks, 75).passed, examReport(tasks, 70).passed, examReport(tasks, 70).passPercent]).toEqual([false, true, 70]);
  });
});
