import { describe, it, expect } from "vitest";
import path from "node:path";
import { loadLessonCatalogue, lessonProgress, type WebLesson } from "./lessons";
import { parseMarkdown } from "./markdown";

const fixtures = path.resolve(import.meta.dirname, "../../test/e2e/fixtures");

describe("loadLessonCatalogue", () => {
  const cases = [
    { locale: "en" as const, title: "E2e lesson: ConfigMaps", firstLine: "## Ways to make one" },
    { locale: "ko" as const, title: "E2e 레슨: 컨피그맵", firstLine: "## 만드는 방법" },
  ];
  for (const c of cases) {
    it(c.locale, () => {
      const cat = loadLessonCatalogue(path.join(fixtures, "lessons"), path.join(fixtures, "exercises"), c.locale);
      expect(cat.errors).toEqual([]);
      const l = cat.byId.get("e2e-configmaps")!;
      expect({ ...l, body: l.body.split("\n", 2)[1] }).toEqual({ id: "e2e-configmaps", title: c.title, domain: "workloads-scheduling", order: 1, minutes: 5, exercises: ["e2e-configmap", "e2e-answer"], prerequisites: [], body: c.firstLine });
    });
  }
  it("the fixture's body has what the renderer must show: a table, a nested list, code in an item", () => {
    const l = loadLessonCatalogue(path.join(fixtures, "lessons"), path.join(fixtures, "exercises"), "en").byId.get("e2e-configmaps")!;
    expect(parseMarkdown(l.body).map((b) => b.k)).toEqual(["heading", "table", "list", "heading", "list"]);
  });
  it("reports links to unknown exercises", () => {
    const cat = loadLessonCatalogue(path.join(fixtures, "lessons"), path.join(fixtures, "nope"), "en");
    // Positions are lib/exercises' business; the file and the message are what the operator reads.
    expect(cat.errors.map((e) => e.replace(fixtures + "/lessons/workloads-scheduling/01-e2e-configmaps/", "").replace(/:\d+:\d+:/, ":"))).toEqual([
      'lesson.yaml: exercises[0]: no exercise has the id "e2e-configmap"',
      'lesson.yaml: exercises[1]: no exercise has the id "e2e-answer"',
      'en.md: links to the unknown exercise "e2e-configmap"',
      'ko.md: links to the unknown exercise "e2e-configmap"',
    ]);
  });
});

describe("lessonProgress", () => {
  const lesson = { exercises: ["a", "b", "c"] } as WebLesson;
  const cases = [
    { name: "nothing passed", available: ["a", "b", "c"], passed: [], want: { passed: 0, total: 3 } },
    { name: "some passed", available: ["a", "b", "c"], passed: ["b", "x"], want: { passed: 1, total: 3 } },
    { name: "exercises the catalogue does not offer do not count", available: ["a"], passed: ["a", "b"], want: { passed: 1, total: 1 } },
  ];
  for (const c of cases) it(c.name, () => expect(lessonProgress(lesson, new Set(c.available), new Set(c.passed))).toEqual(c.want));
});
