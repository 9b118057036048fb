// Test helpers shared by the printer tests (not used at run time).
import type { KObject } from "../api/types";
import type { KindPrinter } from "./types";

/** The fixed "now" of every printer test. */
export const NOW = new Date("2024-06-01T12:00:00Z");

const DAY = 24 * 3600 * 1000;

/** An RFC3339 timestamp `ms` milliseconds before NOW (negative = in the future). */
export function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString();
}
export const daysAgo = (d: number) => ago(d * DAY);
export const YEARS_10 = 10 * 365 * DAY;

/**
 * Upstream's tests call print functions with Wide: false; the API server always prints wide
 * and kubectl drops priority-1 columns. Projecting our (wide) row onto the priority-0 columns
 * gives exactly upstream's non-wide row.
 */
export function nonWide(printer: KindPrinter, obj: KObject): unknown[] {
  const cells = printer.print(obj, NOW);
  return cells.filter((_, i) => printer.columns[i]?.priority === 0);
}

export function wide(printer: KindPrinter, obj: KObject): unknown[] {
  return printer.print(obj, NOW);
}

/** `n` empty containers (upstream: make([]api.Container, n)). */
export const containers = (n: number) => Array.from({ length: n }, () => ({}));
