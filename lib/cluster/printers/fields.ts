// Safe readers for the loosely typed JSON objects we print. The objects come from the store as
// the external v1 JSON; Go's zero values (0, "", nil) are what upstream sees for absent fields.
import type { KObject } from "../api/types";

export type JSONMap = Record<string, unknown>;

export function isMap(v: unknown): v is JSONMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** obj.a.b.c, or undefined when any step is missing. */
export function get(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function str(obj: unknown, ...path: string[]): string {
  const v = get(obj, ...path);
  return typeof v === "string" ? v : "";
}

export function num(obj: unknown, ...path: string[]): number {
  const v = get(obj, ...path);
  return typeof v === "number" ? v : 0;
}

export function optNum(obj: unknown, ...path: string[]): number | undefined {
  const v = get(obj, ...path);
  return typeof v === "number" ? v : undefined;
}

export function bool(obj: unknown, ...path: string[]): boolean {
  return get(obj, ...path) === true;
}

export function optBool(obj: unknown, ...path: string[]): boolean | undefined {
  const v = get(obj, ...path);
  return typeof v === "boolean" ? v : undefined;
}

export function arr(obj: unknown, ...path: string[]): unknown[] {
  const v = get(obj, ...path);
  return Array.isArray(v) ? v : [];
}

export function map(obj: unknown, ...path: string[]): JSONMap {
  const v = get(obj, ...path);
  return isMap(v) ? v : Object.create(null);
}

export function name(obj: KObject): string {
  return obj.metadata?.name ?? "";
}

export function creationTimestamp(obj: KObject): string | undefined {
  return obj.metadata?.creationTimestamp;
}

/** Counts the keys of a map-valued field (Secret.data, ConfigMap.data). */
export function keyCount(obj: unknown, ...path: string[]): number {
  return Object.keys(map(obj, ...path)).length;
}

/** upstream: intstr.IntOrString.String(). */
export function intOrString(v: unknown): string {
  if (typeof v === "number") return String(Math.trunc(v));
  if (typeof v === "string") return v;
  return "0";
}

/**
 * upstream: resource.Quantity.String(). Quantities are stored canonical by the API server, so
 * the stored string is printed as is; a missing (zero) quantity prints "0".
 */
export function quantity(v: unknown): string {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return "0";
}

/** upstream: (*resource.Quantity)(nil).String() prints "<nil>". */
export function quantityPtr(v: unknown): string {
  if (v === undefined || v === null) return "<nil>";
  return quantity(v);
}

/** upstream: printBoolPtr. */
export function printBoolPtr(v: unknown): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  return "<unset>";
}

/** upstream: sets.NewString(...).List(): unique and sorted (Go byte order). */
export function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(compareGo);
}

/** Go's string comparison: byte-wise, not locale-aware. */
export function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
