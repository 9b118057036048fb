// Partial object assertions, in the spirit of Kyverno Chainsaw's assertion trees
// (kyverno/chainsaw pkg/checks): only the fields written are compared, lists are matched by
// content, and keys in parentheses are operators applied to the value found at that place.
// The syntax is documented in docs/authoring.md ("match").
import { cmpQuantity, parseQuantity, type Quantity } from "../cluster/meta/quantity.js";

export interface Mismatch {
  path: string;
  reason: string;
}

export const OPERATORS = ["==", "!=", ">", ">=", "<", "<=", "len", "matches", "glob", "contains", "in", "exists", "not", "all", "none", "exact", "base64"] as const;
type Op = (typeof OPERATORS)[number];
const OP_KEY = /^\((.+)\)$/;

function opOf(key: string): string | undefined {
  return OP_KEY.exec(key)?.[1];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** An expression node: a map whose keys are all operators. */
function isExpression(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => opOf(k) !== undefined);
}

function join(path: string, seg: string | number): string {
  return typeof seg === "number" ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg;
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}

/** Problems with the tree itself (unknown operators, bad operands), with their paths. */
export function validateTree(expected: unknown, path: (string | number)[] = []): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (Array.isArray(expected)) expected.forEach((e, i) => out.push(...validateTree(e, [...path, i])));
  else if (isPlainObject(expected)) {
    const keys = Object.keys(expected);
    const ops = keys.filter((k) => opOf(k) !== undefined);
    if (ops.length && ops.length !== keys.length) out.push({ path, message: "operators like (==) cannot be mixed with field names in one map" });
    for (const k of keys) {
      const op = opOf(k);
      const v = expected[k];
      const at = [...path, k];
      if (op === undefined) {
        out.push(...validateTree(v, at));
        continue;
      }
      if (!(OPERATORS as readonly string[]).includes(op)) out.push({ path: at, message: `unknown operator (${op}); known: ${OPERATORS.map((o) => `(${o})`).join(" ")}` });
      else if ((op === "matches" || op === "glob" || op === "contains") && typeof v !== "string") out.push({ path: at, message: `(${op}) needs a string` });
      else if (op === "matches") {
        try {
          new RegExp(v as string);
        } catch {
          out.push({ path: at, message: `(matches) is not a valid regular expression` });
        }
      } else if (op === "in" && !Array.isArray(v)) out.push({ path: at, message: "(in) needs a list" });
      else if (op === "exists" && typeof v !== "boolean") out.push({ path: at, message: "(exists) needs true or false" });
      else if ([">", ">=", "<", "<="].includes(op) && typeof v !== "number" && !(typeof v === "string" && toQuantity(v))) out.push({ path: at, message: `(${op}) needs a number or a quantity` });
      else if (["len", "not", "all", "none", "exact", "base64"].includes(op)) out.push(...validateTree(v, at));
    }
  }
  return out;
}

function toQuantity(v: unknown): Quantity | undefined {
  if (typeof v !== "string" && typeof v !== "number") return undefined;
  try {
    return parseQuantity(String(v));
  } catch {
    return undefined;
  }
}

/** Compares numbers as numbers, and a string that is a Kubernetes quantity as a quantity
 * ("1Gi" == "1024Mi"); otherwise undefined (not comparable). */
function compare(actual: unknown, expected: unknown): number | undefined {
  if (typeof actual === "number" && typeof expected === "number") return actual - expected;
  if (typeof actual === "string" || typeof expected === "string") {
    const a = toQuantity(actual);
    const e = toQuantity(expected);
    if (a && e) return cmpQuantity(a, e);
  }
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

function applyOp(op: Op, operand: unknown, actual: unknown, path: string): Mismatch | null {
  const fail = (reason: string): Mismatch => ({ path, reason });
  switch (op) {
    case "exists":
      return (actual !== undefined) === operand ? null : fail(operand ? "is missing" : `should not be set, got ${show(actual)}`);
    case "not":
      return matchTree(operand, actual, path) ? null : fail(`matches what it should not: ${show(actual)}`);
    case "none": {
      if (actual === undefined) return null;
      if (!Array.isArray(actual)) return fail(`expected a list, got ${show(actual)}`);
      const i = actual.findIndex((a, j) => !matchTree(operand, a, join(path, j)));
      return i < 0 ? null : fail(`element [${i}] matches what no element should: ${show(actual[i])}`);
    }
    case "!=": {
      const c = compare(actual, operand);
      return (c === undefined ? !deepEqual(actual, operand) : c !== 0) ? null : fail(`should differ from ${show(operand)}`);
    }
  }
  if (op === "in" && actual === undefined) return (operand as unknown[]).includes(null) ? null : fail("is missing");
  if (actual === undefined) return fail("is missing");
  switch (op) {
    case "==": {
      const c = compare(actual, operand);
      return (c === undefined ? deepEqual(actual, operand) : c === 0) ? null : fail(`got ${show(actual)}`);
    }
    case ">":
    case ">=":
    case "<":
    case "<=": {
      const c = compare(actual, operand);
      if (c === undefined) return fail(`got ${show(actual)}, which is not a number or quantity`);
      const ok = op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "<" ? c < 0 : c <= 0;
      return ok ? null : fail(`got ${show(actual)}, not ${op} ${show(operand)}`);
    }
    case "len": {
      const n = Array.isArray(actual) || typeof actual === "string" ? actual.length : isPlainObject(actual) ? Object.keys(actual).length : undefined;
      if (n === undefined) return fail(`has no length: ${show(actual)}`);
      const m = matchTree(operand, n, `${path}(len)`);
      return m;
    }
    case "matches":
      return typeof actual === "string" || typeof actual === "number" ? (new RegExp(operand as string).test(String(actual)) ? null : fail(`got ${show(actual)}`)) : fail(`expected text, got ${show(actual)}`);
    case "glob":
      return typeof actual === "string" && globToRegExp(operand as string).test(actual) ? null : fail(`got ${show(actual)}`);
    case "contains":
      return typeof actual === "string" && actual.includes(operand as string) ? null : fail(`got ${show(actual)}`);
    case "in":
      return (operand as unknown[]).some((o) => deepEqual(o, actual) || compare(actual, o) === 0) ? null : fail(`got ${show(actual)}`);
    case "all": {
      if (!Array.isArray(actual)) return fail(`expected a list, got ${show(actual)}`);
      for (let i = 0; i < actual.length; i++) {
        const m = matchTree(operand, actual[i], join(path, i));
        if (m) return m;
      }
      return null;
    }
    case "exact":
      return deepEqual(actual, operand) ? null : fail(`got ${show(actual)}`);
    case "base64": {
      if (typeof actual !== "string") return fail(`expected base64 text, got ${show(actual)}`);
      return matchTree(operand, Buffer.from(actual, "base64").toString("utf8"), `${path}(base64)`);
    }
  }
  return fail(`unknown operator (${op})`);
}

/** Lists match by content: every expected element must match a different actual element, in
 * any order (a small backtracking search; lists in exercises are short). */
function matchList(expected: unknown[], actual: unknown[], path: string): Mismatch | null {
  const used = new Array<boolean>(actual.length).fill(false);
  const candidates = expected.map((e) => actual.map((a, j) => matchTree(e, a, join(path, j)) === null));
  const assign = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used[j] || !candidates[i][j]) continue;
      used[j] = true;
      if (assign(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  if (assign(0)) return null;
  const lonely = candidates.findIndex((row) => !row.some(Boolean));
  if (lonely >= 0) {
    // The most useful detail: why the closest element differs, when the list has one element.
    if (actual.length === 1) return matchTree(expected[lonely], actual[0], join(path, 0));
    return { path, reason: `no element matches ${show(expected[lonely])}` };
  }
  return { path, reason: `the expected elements need ${expected.length} different elements, got ${actual.length}` };
}

/** Null when actual satisfies expected; otherwise the first mismatch found. */
export function matchTree(expected: unknown, actual: unknown, path = ""): Mismatch | null {
  if (isExpression(expected)) {
    for (const [k, v] of Object.entries(expected)) {
      const m = applyOp(opOf(k) as Op, v, actual, path);
      if (m) return m;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, reason: actual === undefined ? "is missing" : `expected a list, got ${show(actual)}` };
    return matchList(expected, actual, path);
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { path, reason: actual === undefined ? "is missing" : `expected an object, got ${show(actual)}` };
    for (const [k, v] of Object.entries(expected)) {
      const m = matchTree(v, Object.hasOwn(actual, k) ? actual[k] : undefined, join(path, k));
      if (m) return m;
    }
    return null;
  }
  if (expected === null) return actual === null || actual === undefined ? null : { path, reason: `expected no value, got ${show(actual)}` };
  if (actual === undefined) return { path, reason: "is missing" };
  return actual === expected ? null : { path, reason: `got ${show(actual)}` };
}

export function formatMismatch(m: Mismatch): string {
  return `${m.path || "(object)"}: ${m.reason}`;
}
