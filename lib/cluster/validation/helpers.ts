// Shared pieces of kube-apiserver's per-kind validation (pkg/apis/core/validation/validation.go
// and k8s.io/apimachinery/pkg/api/validation): JSON accessors, Go literals for the bad values
// that upstream prints with %#v, and the small checks every group reuses.
import type { FieldError } from "../api/types";
import { child, invalid, required } from "../meta/field-errors";
import { GoLiteral, goQuote, goSharpV } from "../meta/go-format";
import { FIELD_IMMUTABLE_ERROR_MSG, IS_NEGATIVE_ERROR_MSG } from "../meta/object-meta";
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from "../meta/names";
import { parseQuantity, type Quantity } from "../meta/quantity";

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const objOf = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objs = (v: unknown): Obj[] => arr(v).map((x) => (isObj(x) ? x : {}));
export const str = (v: unknown): string => (typeof v === "string" ? v : "");
export const int = (v: unknown): number => (typeof v === "number" ? v : 0);
export const strMap = (v: unknown): Array<[string, string]> =>
  isObj(v) ? Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : String(x)] as [string, string]) : [];

export const IS_NOT_POSITIVE_ERROR_MSG = "must be greater than 0";
export const IS_NOT_INTEGER_ERROR_MSG = "must be an integer";
export { FIELD_IMMUTABLE_ERROR_MSG, IS_NEGATIVE_ERROR_MSG };

/** JSON deep equality, as apiequality.Semantic.DeepEqual sees two decoded objects (null = absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
function canonical(v: unknown): string {
  return JSON.stringify(normalize(v));
}
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalize);
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize(v[k]);
      if (n !== undefined && n !== null) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null ? undefined : v;
}

/** ValidateImmutableField: the new value printed as badValue with "field is immutable". */
export function validateImmutableField(newVal: unknown, oldVal: unknown, fldPath: string, badValue: unknown = newVal): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(fldPath, badValue ?? null, FIELD_IMMUTABLE_ERROR_MSG)];
}

export function validateNonnegativeField(value: unknown, fldPath: string): FieldError[] {
  return typeof value === "number" && value < 0 ? [invalid(fldPath, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validateDNS1123Label(value: string, fldPath: string): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(fldPath, value, m));
}
export function validateDNS1123Subdomain(value: string, fldPath: string): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(fldPath, value, m));
}
export function validateQualifiedName(value: string, fldPath: string): FieldError[] {
  return isQualifiedName(value).map((m) => invalid(fldPath, value, m));
}

/** Quantities that reached validation decoded already; an unparsable one yields undefined. */
export function quantity(v: unknown): Quantity | undefined {
  if (typeof v === "number") v = String(v);
  if (typeof v !== "string") return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

// ---- Go literals of typed values (%#v), as they appear in "Invalid value: ..." ----

function goStringMapOrNil(m: unknown): string {
  if (!isObj(m)) return "map[string]string(nil)";
  return goSharpV(Object.fromEntries(strMap(m)));
}

/** %#v of a metav1.LabelSelector (upstream dereferences the pointer before printing). */
export function labelSelectorLiteral(sel: unknown): GoLiteral {
  const s = objOf(sel) ?? {};
  const exprs = objs(s.matchExpressions);
  const exprText = exprs.length === 0
    ? "[]v1.LabelSelectorRequirement(nil)"
    : "[]v1.LabelSelectorRequirement{" + exprs.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(str(e.key))}, Operator:${goQuote(str(e.operator))}, Values:${Array.isArray(e.values) ? goSharpV(e.values.map(String)) : "[]string(nil)"}}`).join(", ") + "}";
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${goStringMapOrNil(s.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** %#v of an intstr.IntOrString value (its String() has a pointer receiver, so %#v applies). */
export function intOrStringLiteral(v: unknown): GoLiteral {
  if (typeof v === "string") return new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${typeof v === "number" ? v : 0}, StrVal:""}`);
}

/** A struct we print as upstream's type name with its JSON: the value is rarely read. */
export function structLiteral(type: string, v: unknown): GoLiteral {
  const o = objOf(v) ?? {};
  const fields = Object.keys(o).map((k) => `${k[0].toUpperCase()}${k.slice(1)}:${goSharpV(o[k])}`);
  return new GoLiteral(`${type}{${fields.join(", ")}}`);
}

// ---- IP addresses (k8s.io/apimachinery/pkg/util/validation/ip.go) ----

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}
export function isIPv6(s: string): boolean {
  if (!s.includes(":") || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split("::");
  if (dbl.length > 2) return false;
  const groups = (p: string) => (p === "" ? [] : p.split(":"));
  let parts = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let want = 8;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.includes(".")) {
    if (!isIPv4(last)) return false;
    parts = parts.slice(0, -1);
    want = 6;
  }
  if (parts.some((p) => !/^[0-9a-fA-F]{1,4}$/.test(p))) return false;
  return dbl.length === 2 ? parts.length < want : parts.length === want;
}
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}
/** validation.IsValidIP. */
export function validateIP(fldPath: string, value: string): FieldError[] {
  return isIP(value) ? [] : [invalid(fldPath, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")];
}

export function requiredIfEmpty(value: unknown, fldPath: string): FieldError[] {
  return value === undefined || value === null || value === "" ? [required(fldPath, "")] : [];
}

export { child };
