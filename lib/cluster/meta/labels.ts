// Label selectors as k8s.io/apimachinery/pkg/labels/selector.go (string syntax: lexer, parser,
// Requirement) and pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector), with upstream's
// error texts. The API server answers a bad labelSelector with 400 BadRequest and the bare text.
import type { FieldError, StatusError } from "../api/types";
import { child, fieldErrorsMessage, forbidden, index, invalid, key, notSupported, required } from "./field-errors";
import { newBadRequest } from "./errors";
import { goQuote } from "./go-format";
import { isQualifiedName, isValidLabelValue } from "./names";

/** selection.Operator values. */
export type Operator = "!" | "=" | "==" | "in" | "!=" | "notin" | "exists" | "gt" | "lt";

const binaryOperators: Operator[] = ["in", "notin", "=", "==", "!=", "gt", "lt"];
const unaryOperators: Operator[] = ["exists", "!"];
const validRequirementOperators = [...binaryOperators, ...unaryOperators];

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** An error whose message is the upstream error's Error() text. */
export class SelectorParseError extends Error {}

export type Labels = Record<string, string> | ReadonlyMap<string, string>;

function has(ls: Labels, k: string): boolean {
  return ls instanceof Map ? ls.has(k) : Object.prototype.hasOwnProperty.call(ls, k);
}
function get(ls: Labels, k: string): string {
  return (ls instanceof Map ? ls.get(k) : (ls as Record<string, string>)[k]) ?? "";
}

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64.
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v >= -(2n ** 63n) && v < 2n ** 63n ? v : undefined;
}

// A null path stands for upstream's nil *field.Path, whose String() is "<nil>".
type Path = string | null;
const childOf = (p: Path, name: string) => (p === null ? name : child(p, name));
const pathString = (p: Path) => (p === null ? "<nil>" : p);

function validateLabelKey(k: string, path: string): FieldError | undefined {
  const errs = isQualifiedName(k);
  return errs.length ? invalid(path, k, errs.join("; ")) : undefined;
}
function validateLabelValue(k: string, v: string, path: string): FieldError | undefined {
  const errs = isValidLabelValue(v);
  return errs.length ? invalid(key(path, k), v, errs.join("; ")) : undefined;
}

/** NewRequirement's checks; returns the field errors (empty when valid). */
export function requirementErrors(k: string, op: string, vals: string[], path: Path = null): FieldError[] {
  const errs: FieldError[] = [];
  const keyErr = validateLabelKey(k, childOf(path, "key"));
  if (keyErr) errs.push(keyErr);
  const valuePath = childOf(path, "values");
  switch (op) {
    case "in":
    case "notin":
      if (vals.length === 0) errs.push(invalid(valuePath, vals, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "=":
    case "==":
    case "!=":
      if (vals.length !== 1) errs.push(invalid(valuePath, vals, "exact-match compatibility requires one single value"));
      break;
    case "exists":
    case "!":
      if (vals.length !== 0) errs.push(invalid(valuePath, vals, "values set must be empty for exists and does not exist"));
      break;
    case "gt":
    case "lt":
      if (vals.length !== 1) errs.push(invalid(valuePath, vals, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(index(valuePath, i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(childOf(path, "operator"), op, validRequirementOperators));
  }
  vals.forEach((v, i) => {
    const e = validateLabelValue(k, v, index(valuePath, i));
    if (e) errs.push(e);
  });
  return errs;
}

/** labels.NewRequirement: throws SelectorParseError with the aggregate text. */
export function newRequirement(k: string, op: Operator, vals: string[], path: Path = null): Requirement {
  const msg = fieldErrorsMessage(requirementErrors(k, op, vals, path));
  if (msg !== undefined) throw new SelectorParseError(msg);
  return { key: k, operator: op, values: vals };
}

export function requirementMatches(r: Requirement, ls: Labels): boolean {
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return has(ls, r.key) && r.values.includes(get(ls, r.key));
    case "notin":
    case "!=":
      return !has(ls, r.key) || !r.values.includes(get(ls, r.key));
    case "exists":
      return has(ls, r.key);
    case "!":
      return !has(ls, r.key);
    case "gt":
    case "lt": {
      if (!has(ls, r.key) || r.values.length !== 1) return false;
      const lv = parseInt64(get(ls, r.key));
      const rv = parseInt64(r.values[0]);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === "gt" ? lv > rv : lv < rv;
    }
  }
  return false;
}

const OP_TEXT: Record<Operator, string> = {
  "=": "=", "==": "==", "!=": "!=", in: " in ", notin: " notin ", gt: ">", lt: "<", exists: "", "!": "",
};

export function requirementString(r: Requirement): string {
  let s = (r.operator === "!" ? "!" : "") + r.key;
  if (r.operator === "exists" || r.operator === "!") return s;
  s += OP_TEXT[r.operator];
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(",");
  return r.operator === "in" || r.operator === "notin" ? `${s}(${vals})` : s + vals;
}

/** labels.Selector: requirements ANDed, kept sorted by key; `nothing` matches no object. */
export class Selector {
  constructor(readonly requirements: Requirement[], readonly nothing = false) {}

  matches(ls: Labels): boolean {
    if (this.nothing) return false;
    return this.requirements.every((r) => requirementMatches(r, ls));
  }
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }
  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
  add(...reqs: Requirement[]): Selector {
    return new Selector(sortByKey([...this.requirements, ...reqs]));
  }
  /** The single value the selector demands for a label (=, == or in with one value). */
  requiresExactMatch(label: string): string | undefined {
    const r = this.requirements.find((x) => x.key === label);
    if (!r) return undefined;
    if ((r.operator === "=" || r.operator === "==" || r.operator === "in") && r.values.length === 1) return r.values[0];
    return undefined;
  }
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function everything(): Selector {
  return new Selector([]);
}
export function nothing(): Selector {
  return new Selector([], true);
}

/** SelectorFromSet: key=value for each label, unvalidated. */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  return new Selector(sortByKey(Object.entries(set ?? {}).map(([k, v]) => ({ key: k, operator: "=" as Operator, values: [v] }))));
}

// ---- lexer (bytes in upstream, characters here; the texts echoed back are the same) ----

type Tok = "error" | "eos" | ")" | "," | "!" | "==" | "=" | ">" | "id" | "in" | "<" | "!=" | "notin" | "(";
interface Item {
  tok: Tok;
  lit: string;
}
const string2token: Record<string, Tok> = Object.assign(Object.create(null), {
  ")": ")", ",": ",", "!": "!", "==": "==", "=": "=", ">": ">", in: "in", "<": "<", "!=": "!=", notin: "notin", "(": "(",
});
const isWhitespace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isSpecial = (c: string) => "=!(),><".includes(c) && c !== "";

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  // A NUL ends the input, as the upstream lexer's read() returns 0 at the end.
  const read = () => (pos < s.length && s[pos] !== "\0" ? s[pos++] : (pos < s.length && pos++, ""));
  for (;;) {
    let ch = read();
    while (ch !== "" && isWhitespace(ch)) ch = read();
    if (ch === "") {
      items.push({ tok: "eos", lit: "" });
      return items;
    }
    pos--;
    if (isSpecial(ch)) {
      let buf = "";
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === "") break;
        if (isSpecial(c)) {
          buf += c;
          const t = string2token[buf];
          if (t) last = { tok: t, lit: buf };
          else if (last) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: "error", lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = "";
      for (;;) {
        const c = read();
        if (c === "") break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buf += c;
      }
      items.push({ tok: string2token[buf] ?? "id", lit: buf });
    }
  }
}

// ---- parser ----

class Parser {
  private position = 0;
  constructor(private readonly items: Item[], private readonly path: Path) {}

  // In the Values context the keywords in/notin are plain identifiers.
  private lookahead(values: boolean): Item {
    const it = this.items[this.position];
    return values && (it.tok === "in" || it.tok === "notin") ? { tok: "id", lit: it.lit } : it;
  }
  private consume(values: boolean): Item {
    const it = this.lookahead(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === "id" || tok === "!") {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const t = this.consume(true);
        if (t.tok === "eos") return reqs;
        if (t.tok === ",") {
          const t2 = this.lookahead(true);
          if (t2.tok !== "id" && t2.tok !== "!") throw new SelectorParseError(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new SelectorParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === "eos") {
        return reqs;
      } else {
        throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key: k, operator } = this.parseKeyAndInferOperator();
    if (operator === "exists" || operator === "!") return newRequirement(k, operator, [], this.path);
    const op = this.parseOperator();
    const values = op === "in" || op === "notin" ? this.parseValues() : this.parseExactValue();
    // sets.String.List(): unique and sorted.
    return newRequirement(k, op, [...values].sort(), this.path);
  }

  private parseKeyAndInferOperator(): { key: string; operator?: Operator } {
    let operator: Operator | undefined;
    let it = this.consume(true);
    if (it.tok === "!") {
      operator = "!";
      it = this.consume(true);
    }
    if (it.tok !== "id") throw new SelectorParseError(`found '${it.lit}', expected: identifier`);
    const err = validateLabelKey(it.lit, pathString(this.path));
    if (err) throw new SelectorParseError(fieldErrorsMessage([err])!);
    const next = this.lookahead(true).tok;
    if ((next === "eos" || next === ",") && operator !== "!") operator = "exists";
    return { key: it.lit, operator };
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(false);
    const ops: Partial<Record<Tok, Operator>> = { in: "in", "=": "=", "==": "==", ">": "gt", "<": "lt", notin: "notin", "!=": "!=" };
    const op = ops[tok];
    if (!op) throw new SelectorParseError(`found '${lit}', expected: ${binaryOperators.join(", ")}`);
    return op;
  }

  private parseValues(): Set<string> {
    let it = this.consume(true);
    if (it.tok !== "(") throw new SelectorParseError(`found '${it.lit}' expected: '('`);
    it = this.lookahead(true);
    if (it.tok === "id" || it.tok === ",") {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== ")") throw new SelectorParseError(`found '${it.lit}', expected: ')'`);
      return s;
    }
    if (it.tok === ")") {
      this.consume(true);
      return new Set([""]);
    }
    throw new SelectorParseError(`found '${it.lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const it = this.consume(true);
      if (it.tok === "id") {
        s.add(it.lit);
        const it2 = this.lookahead(true);
        if (it2.tok === ",") continue;
        if (it2.tok === ")") return s;
        throw new SelectorParseError(`found '${it2.lit}', expected: ',' or ')'`);
      } else if (it.tok === ",") {
        if (s.size === 0) s.add(""); // "(,"
        const t2 = this.lookahead(true).tok;
        if (t2 === ")") {
          s.add(""); // ",)"
          return s;
        }
        if (t2 === ",") {
          this.consume(true);
          s.add(""); // ",,"
        }
      } else {
        throw new SelectorParseError(`found '${it.lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(true).tok;
    if (t === "eos" || t === ",") return new Set([""]);
    const it = this.consume(true);
    if (it.tok === "id") return new Set([it.lit]);
    throw new SelectorParseError(`found '${it.lit}', expected: identifier`);
  }
}

/** labels.Parse: throws SelectorParseError with upstream's text. */
export function parseSelector(selector: string): Selector {
  return new Selector(sortByKey(new Parser(lex(selector), null).parse()));
}

/** The labelSelector query parameter as the API server treats it: a bad one is a 400. */
export function parseLabelSelectorParam(selector: string): Selector | StatusError {
  try {
    return parseSelector(selector);
  } catch (e) {
    if (e instanceof SelectorParseError) return newBadRequest(e.message);
    throw e;
  }
}

// ---- metav1.LabelSelector ----

export interface LabelSelectorRequirement {
  key: string;
  operator: string; // In, NotIn, Exists, DoesNotExist
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const API_OPS: Record<string, Operator> = Object.assign(Object.create(null), {
  In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!",
});

/** metav1.LabelSelectorAsSelector: undefined/null selects nothing, {} everything. Throws SelectorParseError. */
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): Selector {
  if (!ps) return nothing();
  const ml = Object.entries(ps.matchLabels ?? {});
  const me = ps.matchExpressions ?? [];
  if (ml.length + me.length === 0) return everything();
  const reqs: Requirement[] = ml.map(([k, v]) => newRequirement(k, "=", [v]));
  for (const expr of me) {
    const op = API_OPS[expr.operator];
    if (!op) throw new SelectorParseError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])]));
  }
  return new Selector(sortByKey(reqs));
}

export interface LabelSelectorValidationOptions {
  allowInvalidLabelValueInSelector?: boolean;
}

/** metav1validation.ValidateLabelSelector (spec.selector of workloads, etc.). */
export function validateLabelSelector(ps: LabelSelector | null | undefined, opts: LabelSelectorValidationOptions, fldPath: string): FieldError[] {
  if (!ps) return [];
  const errs: FieldError[] = [];
  const mlPath = child(fldPath, "matchLabels");
  for (const [k, v] of Object.entries(ps.matchLabels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(mlPath, k, m));
    for (const m of isValidLabelValue(v)) errs.push(invalid(mlPath, v, m));
  }
  (ps.matchExpressions ?? []).forEach((sr, i) => {
    const p = index(child(fldPath, "matchExpressions"), i);
    const values = sr.values ?? [];
    switch (sr.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) errs.push(required(child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) errs.push(forbidden(child(p, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(child(p, "operator"), sr.operator, "not a valid selector operator"));
    }
    for (const m of isQualifiedName(sr.key)) errs.push(invalid(child(p, "key"), sr.key, m));
    if (!opts.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => {
        for (const m of isValidLabelValue(v)) errs.push(invalid(index(child(p, "values"), j), v, m));
      });
    }
  });
  return errs;
}
