// The catalogue's view of exercises: lib/exercises loads and validates exercises/<domain>/<id>/
// exercise.yaml; this module picks the UI locale's texts and keeps the parsed exercise for the
// checker (lib/checker's runChecks grades `source`). Pages and actions only see `WebExercise`.
import path from "node:path";
import { loadCatalog } from "../exercises/catalog";
import { formatDiagnostic } from "../exercises/load";
import { DOMAINS as CURRICULUM } from "../exercises/curriculum";
import { missingFeatures } from "../exercises/features";
import type { Exercise } from "../exercises/schema";
import { manifestsScript } from "../checker/selftest";
import type { Locale } from "./i18n";

export interface WebExercise {
  id: string;
  title: string;
  domain: string;
  /** The curriculum competency it practises. */
  topic: string;
  difficulty: string;
  minutes: number;
  prompt: string;
  hints: string[];
  solution: string;
  explanation: string;
  /** For reports when the checks could not run at all. */
  checks: { id: string; weight: number }[];
  /** Where the task is done: the exam shows it per question, with the `ssh NODE` to run first. */
  context: TaskContext;
  /** Exam weight of the whole task: the exercise's points. */
  weight: number;
  source: Exercise;
}

export interface TaskContext {
  /** The host the task is done on (the exercise's setup node, else its solution's). */
  node: string;
  /** The one namespace all of the task's namespaced checks read, when there is exactly one. */
  namespace?: string;
  /** Only course exams set one (exams/<id>.yaml). */
  kubectlContext?: string;
}

/** Where a task is done. Exercises do not declare a namespace; the checks say where they look,
 *  and a task whose checks all look in one namespace is a task in that namespace. */
export function taskContext(ex: Exercise): TaskContext {
  const namespaces = new Set<string>();
  for (const c of ex.checks) {
    const ns = "namespace" in c && typeof c.namespace === "string" ? c.namespace : "from" in c && "namespace" in c.from ? c.from.namespace : undefined;
    if (ns && ns !== "*") namespaces.add(ns);
  }
  const node = ex.setup?.node ?? ex.solution.node;
  return namespaces.size === 1 ? { node, namespace: [...namespaces][0] } : { node };
}

export const DOMAINS: Record<string, string> = Object.fromEntries(Object.entries(CURRICULUM).map(([k, v]) => [k, v.title]));

export function toWebExercise(ex: Exercise, locale: Locale): WebExercise {
  return {
    id: ex.id,
    title: ex.title[locale],
    domain: ex.domain,
    topic: ex.competency,
    difficulty: ex.difficulty,
    minutes: ex.timeEstimateMinutes,
    prompt: ex.prompt[locale],
    hints: ex.hints.map((h) => h[locale]),
    solution: ex.solution.script,
    explanation: ex.explanation[locale],
    checks: ex.checks.map((c) => ({ id: c.id, weight: c.weight })),
    context: taskContext(ex),
    weight: ex.points,
    source: ex,
  };
}

/** The scripts that prepare a lab for the exercise, in order (manifests, then the script), as
 *  lib/checker's self-test applies them. */
export function setupScripts(ex: Exercise): { node: string; script: string }[] {
  if (!ex.setup) return [];
  const out: { node: string; script: string }[] = [];
  if (ex.setup.manifests) out.push({ node: ex.setup.node, script: manifestsScript(ex.setup.manifests) });
  if (ex.setup.script) out.push({ node: ex.setup.node, script: ex.setup.script });
  return out;
}

export interface Catalogue {
  exercises: WebExercise[];
  byId: Map<string, WebExercise>;
  /** Problems found while loading, "file:line:col: message" (for the operator's log). */
  errors: string[];
}

/** Loads a directory's exercises in one locale. Exercises that need simulator features this
 *  checkout does not have yet (`requires:`) are left out: they could not be done or graded. */
export function loadCatalogue(dir: string, locale: Locale): Catalogue {
  const cat = loadCatalog([dir]);
  const exercises = cat.entries.filter((e) => missingFeatures(e.exercise.requires).length === 0).map((e) => toWebExercise(e.exercise, locale));
  return { exercises, byId: new Map(exercises.map((e) => [e.id, e])), errors: cat.diagnostics.map(formatDiagnostic) };
}

const cache = new Map<Locale, { at: number; cat: Catalogue }>();
/** The catalogue of the project's exercises/ dir (DRYDOCK_EXERCISES overrides), re-read at most
 *  every 10 s so an author's edit shows without a restart. */
export function catalogue(locale: Locale = "en"): Catalogue {
  const dir = process.env.DRYDOCK_EXERCISES ?? path.join(process.env.DRYDOCK_ROOT ?? process.cwd(), "exercises");
  const now = Date.now();
  const hit = cache.get(locale);
  if (hit && now - hit.at <= 10_000) return hit.cat;
  const cat = loadCatalogue(dir, locale);
  if (cat.errors.length && !hit) console.warn(`drydock: exercise problems in ${dir}:\n  ${cat.errors.join("\n  ")}`);
  cache.set(locale, { at: now, cat });
  return cat;
}

export function groupByDomain(list: WebExercise[]): { domain: string; title: string; exercises: WebExercise[] }[] {
  const groups = new Map<string, WebExercise[]>();
  for (const ex of list) groups.set(ex.domain, [...(groups.get(ex.domain) ?? []), ex]);
  const order = Object.keys(DOMAINS);
  return [...groups.entries()]
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b))
    .map(([domain, exercises]) => ({ domain, title: DOMAINS[domain] ?? domain, exercises }));
}
