// The subset of k8s.io/client-go/util/jsonpath that CRD additionalPrinterColumns use ("simple
// JSONPath" per apiextensions validation): .field, ['field'], [n], [*], ..field and filters
// [?(@.path op literal)] / [?(@.path)]. Missing keys yield no result (AllowMissingKeys(true)).
import { isMap } from "./fields";

type Step =
  | { kind: "field"; name: string }
  | { kind: "recursive"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" }
  | { kind: "filter"; path: Step[]; op?: string; value?: unknown };

const MAX_PATH_LENGTH = 1024;

export class JSONPathError extends Error {}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  if (t === "true") return true;
  if (t === "false") return false;
  const n = Number(t);
  if (t !== "" && !Number.isNaN(n)) return n;
  throw new JSONPathError(`unrecognized filter value ${JSON.stringify(text)}`);
}

function readFieldName(src: string, i: number): [string, number] {
  let out = "";
  while (i < src.length && src[i] !== "." && src[i] !== "[") {
    if (src[i] === "\\" && i + 1 < src.length) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    out += src[i++];
  }
  return [out, i];
}

/** Parses a path like `.status.conditions[?(@.type=="Ready")].status` (optionally `{...}`, `$`). */
export function parseJSONPath(input: string): Step[] {
  if (input.length > MAX_PATH_LENGTH) throw new JSONPathError("path too long");
  let src = input.trim();
  if (src.startsWith("{") && src.endsWith("}")) src = src.slice(1, -1).trim();
  if (src.startsWith("$")) src = src.slice(1);
  if (src.startsWith("@")) src = src.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < src.length) {
    if (src.startsWith("..", i)) {
      const [n, next] = readFieldName(src, i + 2);
      if (n === "") throw new JSONPathError(`invalid path ${input}`);
      steps.push({ kind: "recursive", name: n });
      i = next;
    } else if (src[i] === ".") {
      const [n, next] = readFieldName(src, i + 1);
      if (n === "*") steps.push({ kind: "wildcard" });
      else if (n !== "") steps.push({ kind: "field", name: n });
      i = next;
    } else if (src[i] === "[") {
      const close = findClose(src, i);
      const body = src.slice(i + 1, close).trim();
      i = close + 1;
      if (body === "*") steps.push({ kind: "wildcard" });
      else if (/^-?\d+$/.test(body)) steps.push({ kind: "index", index: Number(body) });
      else if (/^'.*'$|^".*"$/.test(body)) steps.push({ kind: "field", name: body.slice(1, -1) });
      else if (body.startsWith("?(") && body.endsWith(")")) steps.push(parseFilter(body.slice(2, -1)));
      else throw new JSONPathError(`unsupported bracket expression [${body}]`);
    } else {
      throw new JSONPathError(`unexpected ${JSON.stringify(src[i])} in ${input}`);
    }
  }
  return steps;
}

function findClose(src: string, open: number): number {
  let depth = 0;
  let quote = "";
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") {
      depth--;
      if (depth === 0 && c === "]") return i;
    }
  }
  throw new JSONPathError("unclosed [");
}

function parseFilter(expr: string): Step {
  const m = /^\s*(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*$/.exec(expr);
  if (m) return { kind: "filter", path: parseJSONPath(m[1]), op: m[2], value: parseLiteral(m[3]) };
  const e = expr.trim();
  if (e.startsWith("@")) return { kind: "filter", path: parseJSONPath(e) };
  throw new JSONPathError(`unsupported filter ${expr}`);
}

function compare(left: unknown, op: string, right: unknown): boolean {
  switch (op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
  }
  if (typeof left !== typeof right || (typeof left !== "number" && typeof left !== "string")) return false;
  const l = left as number | string;
  const r = right as number | string;
  return op === "<" ? l < r : op === ">" ? l > r : op === "<=" ? l <= r : l >= r;
}

function recurse(value: unknown, fieldName: string, out: unknown[]): void {
  if (isMap(value)) {
    if (Object.prototype.hasOwnProperty.call(value, fieldName)) out.push(value[fieldName]);
    for (const v of Object.values(value)) recurse(v, fieldName, out);
  } else if (Array.isArray(value)) {
    for (const v of value) recurse(v, fieldName, out);
  }
}

function applyStep(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (step.kind) {
      case "field":
        if (isMap(v) && Object.prototype.hasOwnProperty.call(v, step.name)) out.push(v[step.name]);
        break;
      case "recursive":
        recurse(v, step.name, out);
        break;
      case "index":
        if (Array.isArray(v)) {
          const idx = step.index < 0 ? v.length + step.index : step.index;
          if (idx >= 0 && idx < v.length) out.push(v[idx]);
        }
        break;
      case "wildcard":
        if (Array.isArray(v)) out.push(...v);
        else if (isMap(v)) out.push(...Object.keys(v).sort().map((k) => v[k]));
        break;
      case "filter":
        if (Array.isArray(v)) {
          for (const item of v) {
            const found = evaluate(step.path, item);
            if (step.op === undefined ? found.length > 0 : found.some((f) => compare(f, step.op!, step.value))) out.push(item);
          }
        }
        break;
    }
  }
  return out;
}

/** All values the path selects in `data`, in order. */
export function evaluate(steps: Step[], data: unknown): unknown[] {
  let values: unknown[] = [data];
  for (const step of steps) values = applyStep(values, step);
  return values;
}

export type { Step as JSONPathStep };
