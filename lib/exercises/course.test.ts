// The shipped course: lessons/ and exams/ validate against the shipped catalog, cover the whole
// curriculum, and every exercise is practised by some lesson.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.js";
import { DOMAIN_NAMES } from "./curriculum.js";
import { examDomainPoints, loadExams } from "./exams.js";
import { loadLessons } from "./lessons.js";
import { formatDiagnostic } from "./load.js";
import { curriculumMap, replaceMap } from "./coverage.js";

const root = path.resolve(import.meta.dirname, "../..");
const catalog = loadCatalog([path.join(root, "exercises")]);
const byId = new Map(catalog.entries.map((e) => [e.exercise.id, e.exercise]));
const lessons = loadLessons(path.join(root, "lessons"), new Set(byId.keys()));
const exams = loadExams(path.join(root, "exams"), byId);

describe("lessons/", () => {
  it("validates without a diagnostic", () => {
    expect(lessons.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it("has at least 20 lessons over every domain", () => {
    expect(lessons.entries.length).toBeGreaterThanOrEqual(20);
    expect([...new Set(lessons.entries.map((e) => e.lesson.domain))].sort()).toEqual([...DOMAIN_NAMES].sort());
  });

  it("links every exercise of the catalog from some lesson", () => {
    const linked = new Set(lessons.entries.flatMap((e) => e.lesson.exercises));
    expect([...byId.keys()].filter((id) => !linked.has(id))).toEqual([]);
  });
});

describe("exams/", () => {
  it("validates without a diagnostic", () => {
    expect(exams.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it("has at least 3 mock exams, each with points summing to 100 at the CKA weights", () => {
    expect(exams.entries.length).toBeGreaterThanOrEqual(3);
    for (const { exam } of exams.entries) {
      const points = examDomainPoints(exam, byId);
      expect({ id: exam.id, total: Object.values(points).reduce((a, b) => a + b, 0) }).toEqual({ id: exam.id, total: 100 });
    }
  });
});

describe("docs/course.md", () => {
  it("holds the current curriculum map (drydock exercises coverage --write)", () => {
    const doc = readFileSync(path.join(root, "docs/course.md"), "utf8");
    const map = curriculumMap([...byId.values()], lessons.entries.map((e) => e.lesson), exams.entries.map((e) => e.exam));
    expect(replaceMap(doc, map)).toBe(doc);
  });
});
