// The text expectations shared by jsonpath, http, dns, file and command checks.
import type { TextExpect } from "../exercises/schema.js";

/** Null when the (trimmed) text satisfies every field of the expectation, else why not. */
export function checkText(what: string, text: string, e: TextExpect): string | null {
  const t = text.trim();
  const shown = t.length > 200 ? JSON.stringify(t.slice(0, 197) + "...") : JSON.stringify(t);
  if (e.equals !== undefined && t !== e.equals.trim()) return `${what} is ${shown}, expected ${JSON.stringify(e.equals.trim())}`;
  if (e.contains !== undefined && !t.includes(e.contains)) return `${what} ${shown} does not contain ${JSON.stringify(e.contains)}`;
  if (e.notContains !== undefined && t.includes(e.notContains)) return `${what} ${shown} contains ${JSON.stringify(e.notContains)}`;
  if (e.matches !== undefined && !new RegExp(e.matches, "m").test(t)) return `${what} ${shown} does not match /${e.matches}/`;
  return null;
}
