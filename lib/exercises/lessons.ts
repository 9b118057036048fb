// The lessons on disk: lessons/<domain>/<NN-id>/{lesson.yaml, en.md, ko.md}, loaded and checked
// against each other and against the exercise catalog, every problem a file:line:col diagnostic.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Lesson, LESSON_FILE } from "./lesson-schema.js";
import { issuesToDiagnostics, parseYaml, pathString, type Diagnostic, type Path, type SourceMap } from "./load.js";

const HANGUL = /[\uac00-\ud7a3]/;

export interface LessonEntry {
  file: string;
  lesson: Lesson;
  source: SourceMap;
  /** The Markdown bodies, read from en.md and ko.md. */
  body: { en: string; ko: string };
}

export interface LessonSet {
  entries: LessonEntry[];
  diagnostics: Diagnostic[];
}

/** lesson.yaml files two levels below root (root/<domain>/<NN-id>/lesson.yaml), sorted. */
export function findLessonFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const domain of readdirSync(root).sort()) {
    const d = path.join(root, domain);
    if (domain.startsWith(".") || !statSync(d).isDirectory()) continue;
    for (const name of readdirSync(d).sort()) {
      const f = path.join(d, name, LESSON_FILE);
      if (existsSync(f)) out.push(f);
    }
  }
  return out;
}

function readBody(file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    diagnostics.push({ file, line: 1, col: 1, message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
}

/** The first line of a body must be the lesson's title as a level-1 heading, so the page and the
 * catalog never disagree; the Korean body must be Korean. */
function lintBody(file: string, text: string, title: string, korean: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = text.split("\n", 1)[0];
  if (first !== `# ${title}`) out.push({ file, line: 1, col: 1, message: `must start with the heading "# ${title}" (the title in lesson.yaml)` });
  if (korean && !HANGUL.test(text)) out.push({ file, line: 1, col: 1, message: "has no Korean text" });
  return out;
}

/** Links of the form [text](exercise:ID) open an exercise in the lab; each must name one. */
function lintExerciseLinks(file: string, text: string, exerciseIds: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/\]\(exercise:([^)\s]*)\)/g)) {
      if (!exerciseIds.has(m[1])) out.push({ file, line: i + 1, col: (m.index ?? 0) + 3, message: `links to the unknown exercise "${m[1]}"` });
    }
  });
  return out;
}

/**
 * Loads every lesson under root. exerciseIds is the catalog's id set: a lesson may only link to
 * exercises that exist. Entries come back in course order.
 */
export function loadLessons(root: string, exerciseIds: ReadonlySet<string>): LessonSet {
  const entries: LessonEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of findLessonFiles(root)) {
    const text = readBody(file, diagnostics);
    if (text === undefined) continue;
    const y = parseYaml(text, file);
    diagnostics.push(...y.diagnostics);
    if (!y.source) continue;
    const r = Lesson.safeParse(y.data);
    if (!r.success) {
      diagnostics.push(...issuesToDiagnostics(r.error.issues, file, y.source, y.data));
      continue;
    }
    const lesson = r.data;
    const src = y.source;
    const at = (p: Path, message: string) => diagnostics.push({ file, ...src.locate(p), message: `${pathString(p)}: ${message}` });

    const dir = path.dirname(file);
    const want = `${String(lesson.order).padStart(2, "0")}-${lesson.id}`;
    if (path.basename(dir) !== want) at(["id"], `the directory must be named "${want}" (order-id), not "${path.basename(dir)}"`);
    const domainDir = path.basename(path.dirname(dir));
    if (lesson.domain !== domainDir) at(["domain"], `must equal its parent directory "${domainDir}"`);
    lesson.exercises.forEach((id, i) => {
      if (!exerciseIds.has(id)) at(["exercises", i], `no exercise has the id "${id}"`);
      else if (lesson.exercises.indexOf(id) !== i) at(["exercises", i], `"${id}" is listed twice`);
    });

    const body = { en: "", ko: "" };
    for (const lang of ["en", "ko"] as const) {
      const f = path.join(dir, `${lang}.md`);
      const t = existsSync(f) ? readBody(f, diagnostics) : undefined;
      if (t === undefined) {
        if (!existsSync(f)) diagnostics.push({ file, line: 1, col: 1, message: `${lang}.md is missing beside ${LESSON_FILE}` });
        continue;
      }
      diagnostics.push(...lintBody(f, t, lesson.title[lang], lang === "ko"), ...lintExerciseLinks(f, t, exerciseIds));
      body[lang] = t;
    }
    entries.push({ file, lesson, source: src, body });
  }
  diagnostics.push(...lintLessonSet(entries));
  entries.sort((a, b) => a.lesson.order - b.lesson.order);
  return { entries, diagnostics };
}

/** Rules across lessons: unique ids and orders; prerequisites exist and come earlier (which also
 * rules out cycles). */
function lintLessonSet(entries: readonly LessonEntry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, LessonEntry>();
  const byOrder = new Map<number, LessonEntry>();
  for (const e of entries) {
    const loc = (p: Path) => ({ file: e.file, ...e.source.locate(p) });
    const dupId = byId.get(e.lesson.id);
    if (dupId) out.push({ ...loc(["id"]), message: `id: "${e.lesson.id}" is already the id of ${dupId.file}` });
    else byId.set(e.lesson.id, e);
    const dupOrder = byOrder.get(e.lesson.order);
    if (dupOrder) out.push({ ...loc(["order"]), message: `order: ${e.lesson.order} is already the order of ${dupOrder.file}` });
    else byOrder.set(e.lesson.order, e);
  }
  for (const e of entries) {
    e.lesson.prerequisites.forEach((id, i) => {
      const p = ["prerequisites", i];
      const pre = byId.get(id);
      if (!pre) out.push({ file: e.file, ...e.source.locate(p), message: `${pathString(p)}: no lesson has the id "${id}"` });
      else if (pre.lesson.order >= e.lesson.order) {
        out.push({ file: e.file, ...e.source.locate(p), message: `${pathString(p)}: "${id}" (order ${pre.lesson.order}) must come before this lesson (order ${e.lesson.order})` });
      }
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
