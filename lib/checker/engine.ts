// Grading: run every check of an exercise against a lab, read-only, with retries for checks
// marked eventually consistent, and weigh the results. One engine for the CLI's self-test, the
// web app and exam grading.
import type { Check, Exercise, Localized } from "../exercises/schema.js";
import { evaluate } from "./checks/index.js";
import { CheckError } from "./checks/types.js";
import type { LabAccess } from "./lab-access.js";

export type Lang = keyof Localized;

export interface CheckResult {
  id: string;
  type: Check["type"];
  /** error: the check itself failed (a bug of the exercise or of the lab runtime), not the student. */
  status: "pass" | "fail" | "error";
  passed: boolean;
  weight: number;
  /** The student-facing message (in the requested language); empty when passed. */
  message: string;
  hint?: string;
  /** What was found, for instructors and authors. */
  detail: string;
  attempts: number;
  durationMs: number;
}

export interface CheckReport {
  exercise: string;
  results: CheckResult[];
  /** Sum of the weights of passed checks, and of all checks. */
  score: number;
  total: number;
  /** The exercise's points scaled by score/total, rounded down to a tenth of a point. */
  points: number;
  passed: boolean;
  errors: number;
}

export interface RunOptions {
  lang?: Lang;
  /** Only these check ids. */
  only?: readonly string[];
  /** Caps every check's retry.timeoutSeconds (e.g. 0 for a quick "did it fail?" pass). */
  maxRetrySeconds?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function runOne(lab: LabAccess, check: Check, opts: RunOptions): Promise<CheckResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const lang = opts.lang ?? "en";
  const start = now();
  const timeoutMs = Math.min(check.retry?.timeoutSeconds ?? 0, opts.maxRetrySeconds ?? Infinity) * 1000;
  const intervalMs = (check.retry?.intervalSeconds ?? 2) * 1000;
  let attempts = 0;
  let status: CheckResult["status"];
  let detail: string;
  for (;;) {
    attempts++;
    try {
      const o = await evaluate(check, lab);
      status = o.passed ? "pass" : "fail";
      detail = o.detail;
    } catch (e) {
      status = "error";
      detail = e instanceof CheckError ? `the check is broken: ${e.message}` : `the check could not run: ${(e as Error).message}`;
    }
    if (status !== "fail" || now() - start + intervalMs > timeoutMs) break;
    await sleep(intervalMs);
  }
  return {
    id: check.id,
    type: check.type,
    status,
    passed: status === "pass",
    weight: check.weight,
    message: status === "pass" ? "" : check.message[lang],
    ...(check.hint && status !== "pass" ? { hint: check.hint[lang] } : {}),
    detail,
    attempts,
    durationMs: now() - start,
  };
}

/** Runs the exercise's checks one after another (the lab is small; order is the author's). */
export async function runChecks(lab: LabAccess, exercise: Exercise, opts: RunOptions = {}): Promise<CheckReport> {
  const checks = opts.only ? exercise.checks.filter((c) => opts.only!.includes(c.id)) : exercise.checks;
  const results: CheckResult[] = [];
  for (const c of checks) results.push(await runOne(lab, c, opts));
  const total = results.reduce((s, r) => s + r.weight, 0);
  const score = results.reduce((s, r) => s + (r.passed ? r.weight : 0), 0);
  return {
    exercise: exercise.id,
    results,
    score,
    total,
    points: total ? Math.floor((exercise.points * score * 10) / total) / 10 : 0,
    passed: results.every((r) => r.passed),
    errors: results.filter((r) => r.status === "error").length,
  };
}
