// Reading exercise.yaml: YAML with source positions, then the zod schema; every problem becomes
// a Diagnostic "file:line:col: path: message" pointing at the offending key or value.
import { readFileSync } from "node:fs";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { Exercise } from "./schema.js";

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

export type Path = readonly (string | number)[];

export function pathString(path: Path): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${p}` : p;
  return s || "(document)";
}

/** A parsed YAML document that can say where a path of its data is written. */
export class SourceMap {
  constructor(
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The position of the node at path; with atKey, of the key naming its last segment. A path
   * that does not exist resolves to its deepest existing ancestor. */
  locate(path: Path, atKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (atKey && i === path.length - 1) {
          offset = keyNode.range?.[0] ?? offset;
          break;
        }
        node = pair.value;
        offset = (pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      } else if (isSeq(node) && typeof seg === "number" && node.items[seg]) {
        node = node.items[seg];
        offset = (node as Node).range?.[0] ?? offset;
      } else break;
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** Turns zod's issues into diagnostics with positions and messages in the authors' terms. */
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], file: string, src: SourceMap, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ file, ...src.locate([...path, key], true), message: `${path.length ? pathString(path) + ": " : ""}unknown field "${key}"` });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === "invalid_union" && "discriminator" in issue && Array.isArray((issue as { options?: unknown }).options)) {
      message = `must be one of: ${((issue as { options: unknown[] }).options).join(", ")}`;
    } else if (issue.code === "invalid_type" && valueAt(data, path) === undefined) {
      message = "is required";
    } else if (issue.code === "invalid_value" && "values" in issue) {
      message = `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    out.push({ file, ...src.locate(path, issue.code === "invalid_type" && valueAt(data, path) === undefined), message: `${pathString(path)}: ${message}` });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

export interface Parsed<T> {
  value?: T;
  data?: unknown;
  source?: SourceMap;
  diagnostics: Diagnostic[];
}

/** Parses YAML text into data with a SourceMap; YAML errors (syntax, duplicate keys) are diagnostics. */
export function parseYaml(text: string, file: string): Parsed<unknown> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, message: e.message.split("\n")[0] };
  });
  if (diagnostics.length) return { diagnostics };
  return { data: doc.toJS(), source: new SourceMap(doc, lines), diagnostics };
}

export function parseExercise(text: string, file: string): Parsed<Exercise> {
  const y = parseYaml(text, file);
  if (!y.source) return y as Parsed<Exercise>;
  const r = Exercise.safeParse(y.data);
  if (!r.success) return { data: y.data, source: y.source, diagnostics: issuesToDiagnostics(r.error.issues, file, y.source, y.data) };
  return { value: r.data, data: y.data, source: y.source, diagnostics: [] };
}

export function loadExerciseFile(file: string): Parsed<Exercise> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { diagnostics: [{ file, line: 1, col: 1, message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseExercise(text, file);
}
