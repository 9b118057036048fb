import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Domain } from "./curriculum.js";
import { examDomainPoints, loadExams, parseExam, taskContextLines } from "./exams.js";
import { formatDiagnostic } from "./load.js";

// A catalog of 20 exercises: t1..t6 troubleshooting, a1..a4 architecture, n1..n4 networking,
// w1..w3 workloads, s1..s3 storage.
const counts: [string, Domain, number][] = [["t", "troubleshooting", 6], ["a", "cluster-architecture", 4], ["n", "services-networking", 4], ["w", "workloads-scheduling", 3], ["s", "storage", 3]];
const catalog = new Map<string, { domain: Domain }>();
for (const [p, domain, n] of counts) for (let i = 1; i <= n; i++) catalog.set(`${p}${i}`, { domain });

// 17 tasks, 100 points, at the CKA's weights: t 30, a 25, n 20, w 15, s 10. Line 7 is t1's id.
const tasks: [string, number][] = [["t1", 6], ["t2", 6], ["t3", 6], ["t4", 6], ["t5", 6], ["a1", 7], ["a2", 6], ["a3", 6], ["a4", 6], ["n1", 7], ["n2", 7], ["n3", 6], ["w1", 5], ["w2", 5], ["w3", 5], ["s1", 5], ["s2", 5]];
function exam(list = tasks, extra = ""): string {
  const lines = ["id: mock", "title: {en: Mock, ko: 모의고사}", "durationMinutes: 120", "tasks:"];
  for (const [id, points] of list) lines.push(`  - exercise: ${id}`, `    points: ${points}`, "    context: {host: controlplane, namespace: default}");
  return lines.join("\n") + "\n" + extra;
}

describe("parseExam", () => {
  it("accepts a weighted exam and fills defaults", () => {
    const r = parseExam(exam(), "mock.yaml", catalog);
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ id: "mock", durationMinutes: 120, passingScore: 66, tasks: expect.any(Array) });
    expect(r.value!.tasks[0]).toEqual({ exercise: "t1", points: 6, context: { host: "controlplane", namespace: "default" } });
    expect(examDomainPoints(r.value!, catalog)).toEqual({ "cluster-architecture": 25, "workloads-scheduling": 15, "services-networking": 20, storage: 10, troubleshooting: 30 });
  });

  const swap = (i: number, id: string): [string, number][] => tasks.map((t, j) => (j === i ? [id, t[1]] : t));
  const cases: { name: string; text: string; file?: string; want: string[] }[] = [
    { name: "an unknown exercise id, at its position", text: exam(swap(0, "nope")), want: ['mock.yaml:5:15: tasks[0].exercise: no exercise has the id "nope"'] },
    { name: "the same exercise twice", text: exam(swap(1, "t1")), want: ['mock.yaml:8:15: tasks[1].exercise: "t1" is already tasks[0]'] },
    { name: "points that do not add up to 100", text: exam(tasks.map(([id]) => [id, 5])), want: ["mock.yaml:5:3: tasks: points add up to 85, not 100"] },
    {
      name: "a domain far from its CKA weight",
      text: exam(tasks.map(([id, p]) => [id, id === "t1" ? 14 : id.startsWith("s") ? 1 : p])),
      want: ["mock.yaml:5:3: tasks: storage has 2 points; the CKA weighs it 10 (±5)", "mock.yaml:5:3: tasks: troubleshooting has 38 points; the CKA weighs it 30 (±5)"],
    },
    { name: "too few tasks", text: exam(tasks.slice(0, 3)), want: ["mock.yaml:5:3: tasks: needs at least 15 tasks", "mock.yaml:5:3: tasks: points add up to 18, not 100"] },
    { name: "an unknown field", text: exam(tasks, "timeLimit: 2h\n"), want: ['mock.yaml:56:1: unknown field "timeLimit"'] },
    { name: "an id that differs from the file name", text: exam(), file: "other.yaml", want: ['other.yaml:1:5: id: must equal the file name "other"'] },
  ];
  it.each(cases)("$name", ({ text, file, want }) => {
    const r = parseExam(text, file ?? "mock.yaml", catalog);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(want);
  });
});

describe("loadExams", () => {
  it("loads every yaml file of a directory and reports duplicate ids", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "exams-"));
    writeFileSync(path.join(dir, "mock.yaml"), exam());
    writeFileSync(path.join(dir, "README.md"), "not an exam");
    const r = loadExams(dir, catalog);
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => e.exam.id)).toEqual(["mock"]);
  });
});

describe("taskContextLines", () => {
  it.each([
    { name: "host only, English", context: { host: "controlplane" }, lang: "en" as const, want: ["You must connect to the correct host.", "Failure to do so may result in a zero score.", "[candidate@base] $ ssh controlplane"] },
    {
      name: "context and namespace, Korean",
      context: { host: "node01", kubectlContext: "k8s", namespace: "dev" },
      lang: "ko" as const,
      want: ["올바른 호스트에 접속해야 합니다. 그렇지 않으면 0점 처리될 수 있습니다.", "[candidate@base] $ ssh node01", "[candidate@node01] $ kubectl config use-context k8s", "네임스페이스: dev"],
    },
  ])("$name", ({ context, lang, want }) => {
    expect(taskContextLines({ context }, lang)).toEqual(want);
  });
});
