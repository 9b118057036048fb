import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "./load.js";
import { loadLessons } from "./lessons.js";

const EXERCISES = new Set(["etcd-snapshot-save", "pod-basics"]);

interface Spec {
  domain?: string;
  dir?: string;
  yaml: string;
  en?: string | null;
  ko?: string | null;
}

function lessonYaml(id: string, order: number, extra = ""): string {
  return `id: ${id}\ntitle: {en: Title ${id}, ko: 제목 ${id}}\ndomain: cluster-architecture\norder: ${order}\nestimatedMinutes: 20\nexercises: [etcd-snapshot-save]\n${extra}`;
}

/** Writes lessons into a fresh tree and loads it; paths in diagnostics are relative to the tree. */
function load(specs: Spec[]) {
  const root = mkdtempSync(path.join(tmpdir(), "lessons-"));
  for (const s of specs) {
    const id = /^id: (\S+)/.exec(s.yaml)?.[1] ?? "x";
    const order = /order: (\d+)/.exec(s.yaml)?.[1] ?? "1";
    const dir = path.join(root, s.domain ?? "cluster-architecture", s.dir ?? `${order.padStart(2, "0")}-${id}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "lesson.yaml"), s.yaml);
    if (s.en !== null) writeFileSync(path.join(dir, "en.md"), s.en ?? `# Title ${id}\n\nText.\n`);
    if (s.ko !== null) writeFileSync(path.join(dir, "ko.md"), s.ko ?? `# 제목 ${id}\n\n본문.\n`);
  }
  const r = loadLessons(root, EXERCISES);
  return { ...r, messages: r.diagnostics.map((d) => formatDiagnostic({ ...d, file: path.relative(root, d.file) })) };
}

describe("loadLessons", () => {
  it("loads lessons in course order with their bodies and defaults", () => {
    const r = load([{ yaml: lessonYaml("second", 2, "prerequisites: [first]\n") }, { yaml: lessonYaml("first", 1) }]);
    expect(r.messages).toEqual([]);
    expect(r.entries.map((e) => e.lesson.id)).toEqual(["first", "second"]);
    expect(r.entries[0].lesson).toEqual({
      id: "first",
      title: { en: "Title first", ko: "제목 first" },
      domain: "cluster-architecture",
      order: 1,
      estimatedMinutes: 20,
      exercises: ["etcd-snapshot-save"],
      prerequisites: [],
    });
    expect(r.entries[0].body).toEqual({ en: "# Title first\n\nText.\n", ko: "# 제목 first\n\n본문.\n" });
  });

  const A = "cluster-architecture/01-a";
  const cases: { name: string; specs: Spec[]; want: string[] }[] = [
    { name: "an unknown exercise id, at its position", specs: [{ yaml: lessonYaml("a", 1).replace("[etcd-snapshot-save]", "[etcd-snapshot-save, nope]") }], want: [`${A}/lesson.yaml:6:33: exercises[1]: no exercise has the id "nope"`] },
    { name: "an unknown field", specs: [{ yaml: lessonYaml("a", 1, "author: me\n") }], want: [`${A}/lesson.yaml:7:1: unknown field "author"`] },
    { name: "a directory that is not NN-id", specs: [{ yaml: lessonYaml("a", 1), dir: "1-a" }], want: ['cluster-architecture/1-a/lesson.yaml:1:5: id: the directory must be named "01-a" (order-id), not "1-a"'] },
    { name: "a domain other than the parent directory", specs: [{ yaml: lessonYaml("a", 1), domain: "storage" }], want: ['storage/01-a/lesson.yaml:3:9: domain: must equal its parent directory "storage"'] },
    { name: "a missing ko.md", specs: [{ yaml: lessonYaml("a", 1), ko: null }], want: [`${A}/lesson.yaml:1:1: ko.md is missing beside lesson.yaml`] },
    { name: "a body whose heading is not the title", specs: [{ yaml: lessonYaml("a", 1), en: "# Other\n" }], want: [`${A}/en.md:1:1: must start with the heading "# Title a" (the title in lesson.yaml)`] },
    { name: "a Korean body without Korean", specs: [{ yaml: lessonYaml("a", 1).replace("제목 a", "Title a"), ko: "# Title a\n" }], want: [`${A}/ko.md:1:1: has no Korean text`] },
    {
      name: "a prerequisite that comes later",
      specs: [{ yaml: lessonYaml("a", 1, "prerequisites: [b]\n") }, { yaml: lessonYaml("b", 2) }],
      want: [`${A}/lesson.yaml:7:17: prerequisites[0]: "b" (order 2) must come before this lesson (order 1)`],
    },
    { name: "a body linking to an unknown exercise", specs: [{ yaml: lessonYaml("a", 1), en: "# Title a\n\nTry [it](exercise:pod-basics) and [that](exercise:gone).\n" }], want: [`${A}/en.md:3:42: links to the unknown exercise "gone"`] },
    { name: "an unknown prerequisite", specs: [{ yaml: lessonYaml("a", 1, "prerequisites: [zz]\n") }], want: [`${A}/lesson.yaml:7:17: prerequisites[0]: no lesson has the id "zz"`] },
    {
      name: "two lessons with one order",
      specs: [{ yaml: lessonYaml("a", 1) }, { yaml: lessonYaml("b", 1).replace("domain: cluster-architecture", "domain: storage"), domain: "storage" }],
      want: [expect.stringMatching(/^storage\/01-b\/lesson\.yaml:4:8: order: 1 is already the order of .*01-a\/lesson\.yaml$/)] as unknown as string[],
    },
  ];
  it.each(cases)("$name", ({ specs, want }) => {
    const r = load(specs);
    expect(r.messages).toEqual(want);
  });
});
