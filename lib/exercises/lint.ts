// Rules beyond the schema, for `drydock exercises validate`: an exercise must be self-consistent
// (directory = id/domain, unique ids, Korean text that is Korean, valid assertion trees, needs
// declared) so that its self-test and its students see what the author meant.
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { validateTree } from "../checker/match.js";
import type { Feature } from "./features.js";
import type { Diagnostic, Path, SourceMap } from "./load.js";
import { pathString } from "./load.js";
import type { Check, Exercise, Localized } from "./schema.js";

const HANGUL = /[\uac00-\ud7a3]/;

/** What each kind of check needs of the simulator (features.ts). */
export function impliedFeatures(c: Check): Feature[] {
  switch (c.type) {
    case "can-i":
      return ["rbac"];
    case "http":
      return "node" in c.from ? ["network"] : ["network", "workloads", "pod-exec"];
    case "dns":
      return ["dns", "workloads", "pod-exec"];
    default:
      return [];
  }
}

export function lintExercise(ex: Exercise, file: string, src: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (p: Path, message: string, atKey = false) => out.push({ file, ...src.locate(p, atKey), message: `${pathString(p)}: ${message}` });

  const dir = path.basename(path.dirname(file));
  const domainDir = path.basename(path.dirname(path.dirname(file)));
  if (ex.id !== dir) at(["id"], `must equal its directory name "${dir}"`);
  if (ex.domain !== domainDir) at(["domain"], `must equal its parent directory "${domainDir}"`);

  const korean = (p: Path, l: Localized | undefined) => {
    if (l && !HANGUL.test(l.ko)) at([...p, "ko"], "has no Korean text");
  };
  korean(["title"], ex.title);
  korean(["prompt"], ex.prompt);
  korean(["explanation"], ex.explanation);
  ex.hints.forEach((h, i) => korean(["hints", i], h));

  const seen = new Map<string, number>();
  const needs = new Set<Feature>();
  ex.checks.forEach((c, i) => {
    korean(["checks", i, "message"], c.message);
    korean(["checks", i, "hint"], c.hint);
    if (seen.has(c.id)) at(["checks", i, "id"], `duplicates the id of checks[${seen.get(c.id)}]`);
    else seen.set(c.id, i);
    if (c.type === "match") for (const e of validateTree(c.expect)) at(["checks", i, "expect", ...e.path], e.message);
    for (const f of impliedFeatures(c)) {
      if (!ex.requires.includes(f) && !needs.has(f)) at(["checks", i, "type"], `a ${c.type} check needs "${f}" in requires`);
      needs.add(f);
    }
  });

  const wrongIds = new Map<string, number>();
  ex.wrongAnswers.forEach((w, i) => {
    if (wrongIds.has(w.id)) at(["wrongAnswers", i, "id"], `duplicates the id of wrongAnswers[${wrongIds.get(w.id)}]`);
    else wrongIds.set(w.id, i);
    w.fails.forEach((id, j) => {
      if (!seen.has(id)) at(["wrongAnswers", i, "fails", j], `names no check of this exercise: "${id}"`);
    });
  });

  if (ex.setup?.manifests) {
    const docs = parseAllDocuments(ex.setup.manifests);
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((d, i) => {
      if (d.errors.length) return at(["setup", "manifests"], `document ${i + 1}: ${d.errors[0].message.split("\n")[0]}`);
      const o = d.toJS() as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } | null;
      if (o === null) return;
      if (!o.apiVersion || !o.kind || !o.metadata?.name) at(["setup", "manifests"], `document ${i + 1} needs apiVersion, kind and metadata.name`);
    });
  }
  return out;
}

/** Ids must be unique across the catalog (they name labs, progress records and exam tasks). */
export function lintCatalog(entries: { file: string; exercise: Exercise; source: SourceMap }[]): Diagnostic[] {
  const first = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const e of entries) {
    const prev = first.get(e.exercise.id);
    if (prev) out.push({ file: e.file, ...e.source.locate(["id"]), message: `id: "${e.exercise.id}" is already the id of ${prev}` });
    else first.set(e.exercise.id, e.file);
  }
  return out;
}
