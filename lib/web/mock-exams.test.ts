import { describe, it, expect } from "vitest";
import path from "node:path";
import { toMockExam, contextCommands, loadMockExams } from "./mock-exams";
import { Exam } from "../exercises/exam-schema";
import { loadCatalog } from "../exercises/catalog";

// An exam as exams/<id>.yaml gives it (the format's limits: 15-20 tasks, 100 points).
const exam = Exam.parse({
  id: "mock-x",
  title: { en: "Mock X", ko: "모의 X" },
  description: { en: "Two hours.", ko: "두 시간." },
  durationMinutes: 120,
  passingScore: 66,
  tasks: Array.from({ length: 15 }, (_, i) => ({
    exercise: `ex-${i}`,
    points: i < 10 ? 7 : 6,
    context: i === 0 ? { host: "node01", namespace: "web", kubectlContext: "k8s" } : i === 1 ? { namespace: "db" } : undefined,
  })),
});

describe("toMockExam", () => {
  it("keeps the exam's points and contexts, in the locale", () => {
    const m = toMockExam(exam, new Set(exam.tasks.map((t) => t.exercise)), "ko");
    expect({ ...m, tasks: m.tasks.slice(0, 3) }).toEqual({
      id: "mock-x",
      title: "모의 X",
      description: "두 시간.",
      minutes: 120,
      passPercent: 66,
      tasks: [
        { exerciseId: "ex-0", points: 7, context: { node: "node01", namespace: "web", kubectlContext: "k8s" } },
        { exerciseId: "ex-1", points: 7, context: { node: "controlplane", namespace: "db" } },
        { exerciseId: "ex-2", points: 7, context: { node: "controlplane" } },
      ],
      unavailable: 0,
    });
  });
  it("leaves out tasks whose exercise is not available, and counts them", () => {
    const m = toMockExam(exam, new Set(["ex-3", "ex-12"]), "en");
    expect([m.tasks.map((t) => [t.exerciseId, t.points]), m.unavailable]).toEqual([[["ex-3", 7], ["ex-12", 6]], 13]);
  });
});

describe("contextCommands", () => {
  const cases = [
    { name: "a host", c: { node: "node01" }, want: ["ssh node01"] },
    { name: "a host and a kubectl context", c: { node: "controlplane", kubectlContext: "k8s" }, want: ["ssh controlplane", "kubectl config use-context k8s"] },
    { name: "a namespace is told, not switched to", c: { node: "controlplane", namespace: "web" }, want: ["ssh controlplane"] },
  ];
  for (const c of cases) it(c.name, () => expect(contextCommands(c.c)).toEqual(c.want));
});

describe("loadMockExams (the course's exams/)", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  it("loads each exams/*.yaml whose tasks the catalogue offers", () => {
    const all = new Set(loadCatalog([path.join(root, "exercises")]).entries.map((e) => e.exercise.id));
    const cat = loadMockExams(path.join(root, "exams"), path.join(root, "exercises"), all, "en");
    expect(cat.errors).toEqual([]);
    for (const e of cat.exams) {
      expect(e.unavailable).toBe(0);
      expect(e.tasks.reduce((s, t) => s + t.points, 0)).toBe(100);
    }
  });
});
