// The course's mock exams (exams/<id>.yaml, loaded and checked by lib/exercises) as the web app
// runs them: each task is an exercise of the catalogue with the exam's own points and the context
// the CKA prints above a task (the host to ssh into, the kubectl context, the namespace). Tasks
// whose exercise this checkout cannot offer yet (`requires:`) are left out, and the exam is
// scored over the points that remain.
import path from "node:path";
import { loadCatalog } from "../exercises/catalog";
import { loadExams } from "../exercises/exams";
import { formatDiagnostic } from "../exercises/load";
import type { Exam } from "../exercises/exam-schema";
import type { Locale } from "./i18n";
import type { TaskContext } from "./exercises";

/** Where a task is done; the exam's `host` is our node. */
export type ExamTaskContext = TaskContext;

export interface MockExam {
  id: string;
  title: string;
  description: string;
  minutes: number;
  passPercent: number;
  tasks: { exerciseId: string; points: number; context: ExamTaskContext }[];
  /** Tasks of the exam left out because their exercise is not available. */
  unavailable: number;
}

export function toMockExam(exam: Exam, available: ReadonlySet<string>, locale: Locale): MockExam {
  const tasks = exam.tasks
    .filter((t) => available.has(t.exercise))
    .map((t) => {
      const c = t.context;
      const context: ExamTaskContext = { node: c.host };
      if (c.namespace) context.namespace = c.namespace;
      if (c.kubectlContext) context.kubectlContext = c.kubectlContext;
      return { exerciseId: t.exercise, points: t.points, context };
    });
  return { id: exam.id, title: exam.title[locale], description: exam.description?.[locale] ?? "", minutes: exam.durationMinutes, passPercent: exam.passingScore, tasks, unavailable: exam.tasks.length - tasks.length };
}

/** The commands a student runs before a task, as the exam prints them. */
export function contextCommands(c: ExamTaskContext): string[] {
  return [`ssh ${c.node}`, ...(c.kubectlContext ? [`kubectl config use-context ${c.kubectlContext}`] : [])];
}

export interface MockExamCatalogue {
  exams: MockExam[];
  byId: Map<string, MockExam>;
  errors: string[];
}

export function loadMockExams(dir: string, exercisesDir: string, available: ReadonlySet<string>, locale: Locale): MockExamCatalogue {
  const exercises = new Map(loadCatalog([exercisesDir]).entries.map((e) => [e.exercise.id, e.exercise]));
  const set = loadExams(dir, exercises);
  const exams = set.entries.map((e) => toMockExam(e.exam, available, locale));
  return { exams, byId: new Map(exams.map((e) => [e.id, e])), errors: set.diagnostics.map(formatDiagnostic) };
}

const cache = new Map<string, { at: number; cat: MockExamCatalogue }>();
/** The project's exams/ (DRYDOCK_EXAMS overrides), re-read at most every 10 s. */
export function mockExams(locale: Locale, available: ReadonlySet<string>): MockExamCatalogue {
  const root = process.env.DRYDOCK_ROOT ?? process.cwd();
  const dir = process.env.DRYDOCK_EXAMS ?? path.join(root, "exams");
  const exercises = process.env.DRYDOCK_EXERCISES ?? path.join(root, "exercises");
  const key = `${locale}\0${[...available].sort().join(",")}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at <= 10_000) return hit.cat;
  const cat = loadMockExams(dir, exercises, available, locale);
  if (cat.errors.length && !hit) console.warn(`drydock: mock exam problems in ${dir}:\n  ${cat.errors.join("\n  ")}`);
  cache.set(key, { at: now, cat });
  if (cache.size > 8) cache.delete(cache.keys().next().value!);
  return cat;
}
