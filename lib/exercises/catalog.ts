// The exercise catalog on disk: exercises/<domain>/<id>/exercise.yaml, loaded, validated and
// linted in one pass.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { lintCatalog, lintExercise } from "./lint.js";
import { loadExerciseFile, type Diagnostic, type SourceMap } from "./load.js";
import type { Exercise } from "./schema.js";

export const EXERCISE_FILE = "exercise.yaml";

export interface CatalogEntry {
  file: string;
  exercise: Exercise;
  source: SourceMap;
}

export interface Catalog {
  entries: CatalogEntry[];
  diagnostics: Diagnostic[];
}

/** The exercise files under each path (a file, an exercise directory or a tree), sorted. */
export function findExerciseFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (p: string, depth: number) => {
    if (!existsSync(p)) return;
    if (statSync(p).isFile()) return void (path.basename(p) === EXERCISE_FILE || depth === 0 ? out.add(p) : undefined);
    if (depth > 4) return;
    for (const name of readdirSync(p).sort()) if (!name.startsWith(".")) walk(path.join(p, name), depth + 1);
  };
  for (const p of paths) walk(p, 0);
  return [...out].sort();
}

export function loadCatalog(paths: readonly string[]): Catalog {
  const entries: CatalogEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of findExerciseFiles(paths)) {
    const r = loadExerciseFile(file);
    diagnostics.push(...r.diagnostics);
    if (r.value && r.source) {
      diagnostics.push(...lintExercise(r.value, file, r.source));
      entries.push({ file, exercise: r.value, source: r.source });
    }
  }
  diagnostics.push(...lintCatalog(entries));
  return { entries, diagnostics };
}
