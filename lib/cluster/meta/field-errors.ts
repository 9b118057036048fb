// Field errors as k8s.io/apimachinery/pkg/util/validation/field (errors.go, path.go) and the
// aggregate text of k8s.io/apimachinery/pkg/util/errors: the exact strings kube-apiserver prints.
import type { FieldError } from "../api/types";
import { GoLiteral, goFloat, goQuote, goSharpV } from "./go-format";

/** Marks a value as omitted (upstream: field.OmitValueType): the body prints the type only. */
export const OMIT_VALUE = new GoLiteral("<omitted>");

const TYPE_TEXT: Record<FieldError["type"], string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

/** ErrorType.String(): "Invalid value", "Required value", ... */
export function errorTypeText(type: FieldError["type"]): string {
  return TYPE_TEXT[type];
}

/**
 * The bad value as Error.ErrorBody prints it: ints, floats and bools with %v, strings with %q,
 * null as "null", anything else with %#v (string slices as `[]string{"a", "b"}`).
 */
export function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof GoLiteral) return value.text;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : goFloat(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return goQuote(value);
  return goSharpV(value);
}

/** field.Error.ErrorBody(): the text after "<field>: ", also a cause's message. */
export function fieldErrorBody(e: FieldError): string {
  if (e.message !== undefined) return e.message;
  let s: string;
  switch (e.type) {
    case "FieldValueRequired":
    case "FieldValueForbidden":
    case "FieldValueTooLong":
    case "InternalError":
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = e.badValue === OMIT_VALUE ? TYPE_TEXT[e.type] : `${TYPE_TEXT[e.type]}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): "<field>: <body>". */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * utilerrors.NewAggregate(...).Error(): one message alone, several as "[a, b]", duplicates
 * dropped. Returns undefined for an empty list (a nil aggregate).
 */
export function aggregateMessage(messages: string[]): string | undefined {
  if (messages.length === 0) return undefined;
  if (messages.length === 1) return messages[0];
  const seen = new Set<string>();
  for (const m of messages) seen.add(m);
  const joined = [...seen].join(", ");
  return seen.size === 1 ? joined : `[${joined}]`;
}

/** ErrorList.ToAggregate().Error(): drops errors whose text repeats, then aggregates. */
export function fieldErrorsMessage(errs: FieldError[]): string | undefined {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const m = fieldErrorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  return aggregateMessage(msgs);
}

// Constructors, named as upstream's field.Invalid, field.Required, ...

export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: "FieldValueInvalid", field, badValue, detail };
}
export function typeInvalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: "FieldValueTypeInvalid", field, badValue, detail };
}
export function required(field: string, detail = ""): FieldError {
  return { type: "FieldValueRequired", field, detail };
}
export function forbidden(field: string, detail: string): FieldError {
  return { type: "FieldValueForbidden", field, detail };
}
export function duplicate(field: string, badValue: unknown): FieldError {
  return { type: "FieldValueDuplicate", field, badValue, detail: "" };
}
export function notFound(field: string, badValue: unknown): FieldError {
  return { type: "FieldValueNotFound", field, badValue, detail: "" };
}
/** field.NotSupported: detail `supported values: "a", "b"`. */
export function notSupported(field: string, badValue: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? "supported values: " + validValues.map((v) => goQuote(v)).join(", ") : "";
  return { type: "FieldValueNotSupported", field, badValue, detail };
}
/** field.TooLong: the value is never printed. */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : "value is too long";
  return { type: "FieldValueTooLong", field, badValue: "<value omitted>", detail };
}
export function tooMany(field: string, actualQuantity: number, maxQuantity: number): FieldError {
  const detail = maxQuantity >= 0 ? `must have at most ${maxQuantity} items` : "has too many items";
  return { type: "FieldValueTooMany", field, badValue: actualQuantity >= 0 ? actualQuantity : OMIT_VALUE, detail };
}
export function internalError(field: string, message: string): FieldError {
  return { type: "InternalError", field, badValue: null, detail: message };
}

// Paths, as field.Path.String() spells them.

/** path.Child(name): "spec" + "replicas" = "spec.replicas"; the root has no dot. */
export function child(path: string, ...names: string[]): string {
  let p = path;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
}
/** path.Index(i): "spec.containers[0]". */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}
/** path.Key(k): "metadata.labels[app]". */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
