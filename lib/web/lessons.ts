// The course's lessons as the web app shows them: lib/exercises loads and checks
// lessons/<domain>/<NN-id>/{lesson.yaml,en.md,ko.md}; this module picks the UI locale's texts and
// works out a student's progress through each lesson's exercises.
import path from "node:path";
import { loadCatalog } from "../exercises/catalog";
import { loadLessons } from "../exercises/lessons";
import { formatDiagnostic } from "../exercises/load";
import type { Locale } from "./i18n";

export interface WebLesson {
  id: string;
  title: string;
  domain: string;
  order: number;
  minutes: number;
  /** Exercise ids that practise it, in the order to try them. */
  exercises: string[];
  prerequisites: string[];
  /** The Markdown body without its first line (the "# Title" heading the page prints itself). */
  body: string;
}

export interface LessonCatalogue {
  lessons: WebLesson[];
  byId: Map<string, WebLesson>;
  errors: string[];
}

/** Loads the lessons of `dir` in one locale; `exercisesDir` is the catalogue the lessons link to. */
export function loadLessonCatalogue(dir: string, exercisesDir: string, locale: Locale): LessonCatalogue {
  const ids = new Set(loadCatalog([exercisesDir]).entries.map((e) => e.exercise.id));
  const set = loadLessons(dir, ids);
  const lessons = set.entries.map(
    ({ lesson, body }): WebLesson => ({
      id: lesson.id,
      title: lesson.title[locale],
      domain: lesson.domain,
      order: lesson.order,
      minutes: lesson.estimatedMinutes,
      exercises: lesson.exercises,
      prerequisites: lesson.prerequisites,
      body: body[locale].replace(/^# [^\n]*\n?/, ""),
    }),
  );
  return { lessons, byId: new Map(lessons.map((l) => [l.id, l])), errors: set.diagnostics.map(formatDiagnostic) };
}

/** How far a student is through a lesson: its exercises passed, of those the catalogue offers. */
export function lessonProgress(lesson: WebLesson, available: ReadonlySet<string>, passed: ReadonlySet<string>): { passed: number; total: number } {
  const offered = lesson.exercises.filter((id) => available.has(id));
  return { passed: offered.filter((id) => passed.has(id)).length, total: offered.length };
}

const cache = new Map<Locale, { at: number; cat: LessonCatalogue }>();
/** The project's lessons/ (DRYDOCK_LESSONS overrides), re-read at most every 10 s like the
 *  exercise catalogue. */
export function lessonCatalogue(locale: Locale = "en"): LessonCatalogue {
  const root = process.env.DRYDOCK_ROOT ?? process.cwd();
  const dir = process.env.DRYDOCK_LESSONS ?? path.join(root, "lessons");
  const exercises = process.env.DRYDOCK_EXERCISES ?? path.join(root, "exercises");
  const now = Date.now();
  const hit = cache.get(locale);
  if (hit && now - hit.at <= 10_000) return hit.cat;
  const cat = loadLessonCatalogue(dir, exercises, locale);
  if (cat.errors.length && !hit) console.warn(`drydock: lesson problems in ${dir}:\n  ${cat.errors.join("\n  ")}`);
  cache.set(locale, { at: now, cat });
  return cat;
}
