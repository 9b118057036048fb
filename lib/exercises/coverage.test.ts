import { describe, expect, it } from "vitest";
import { curriculumMap, MAP_BEGIN, MAP_END, replaceMap } from "./coverage.js";
import type { Exam } from "./exam-schema.js";
import type { Lesson } from "./lesson-schema.js";

const lesson = (order: number, id: string, exercises: string[]): Lesson => ({
  id,
  title: { en: `Lesson ${id}`, ko: `레슨 ${id}` },
  domain: "storage",
  order,
  estimatedMinutes: 20,
  exercises,
  prerequisites: [],
});

describe("curriculumMap", () => {
  const exercises = [
    { id: "pv-b", domain: "storage", competency: "Manage persistent volumes and persistent volume claims" },
    { id: "pv-a", domain: "storage", competency: "Manage persistent volumes and persistent volume claims" },
    { id: "sc-a", domain: "storage", competency: "Implement storage classes and dynamic volume provisioning" },
  ] as const;
  const exam = { id: "mock-1", title: { en: "M", ko: "모" }, durationMinutes: 120, passingScore: 66, tasks: [{ exercise: "pv-a", points: 100, context: { host: "controlplane" } }] } as Exam;
  const map = curriculumMap(exercises, [lesson(11, "storage", ["pv-a", "pv-b"]), lesson(3, "intro", ["pv-b"])], [exam]);

  const cases: { name: string; line: string }[] = [
    { name: "counts the whole course", line: "3 exercises, 2 lessons, 1 mock exams." },
    { name: "titles a domain with its weight and count", line: "### Storage (10%, 3 exercises)" },
    { name: "sorts a competency's exercises and lists the lessons in order", line: "| Manage persistent volumes and persistent volume claims | `pv-a`, `pv-b` | 3, 11 |" },
    { name: "shows an exercise no lesson practises with a dash", line: "| Implement storage classes and dynamic volume provisioning | `sc-a` | — |" },
    { name: "shows a competency without exercises with dashes", line: "| Configure volume types, access modes and reclaim policies | — | — |" },
    { name: "lists lessons by order", line: "| 3 | Lesson intro (`intro`) | storage | 20 | 1 |" },
    { name: "gives each exam's points per domain", line: "| `mock-1` | 1 | 0 | 0 | 0 | 0 | 100 |" },
  ];
  for (const c of cases) it(c.name, () => expect(map.split("\n")).toContain(c.line));

  it("names the thin competencies", () => {
    expect(map).toContain("Competencies with fewer than 3 exercises: Manage role based access control (RBAC) (0);");
    expect(map).toContain("Implement storage classes and dynamic volume provisioning (1); Configure volume types, access modes and reclaim policies (0); Manage persistent volumes and persistent volume claims (2);");
  });
});

describe("replaceMap", () => {
  it("replaces only what lies between the markers", () => {
    expect(replaceMap(`# Doc\n${MAP_BEGIN}\nold\n${MAP_END}\ntail\n`, "new\n")).toBe(`# Doc\n${MAP_BEGIN}\n\nnew\n\n${MAP_END}\ntail\n`);
  });
  it("refuses a document without markers", () => {
    expect(replaceMap("# Doc\n", "new\n")).toBeUndefined();
  });
});
