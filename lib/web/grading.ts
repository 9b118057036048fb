// Grading: lib/checker's runChecks against a lab, turned into the web app's per-check outcomes
// (what the exercise page, the attempt history and the exam report store and show), and the exam
// score with the CKA's pass mark.
import { runChecks } from "../checker/engine";
import type { LabAccess } from "../checker/lab-access";
import type { WebExercise } from "./exercises";
import type { Locale } from "./i18n";

export interface CheckOutcome {
  id: string;
  description: string;
  passed: boolean;
  /** The exercise's student-facing message (with its hint) when failed; "OK" when passed. */
  message: string;
  weight: number;
}

/** The CKA's pass mark. */
export const PASS_PERCENT = 66;

/** Runs the exercise's checks in the lab; the messages are in the viewer's locale. A check that
 *  could not run counts as failed: the student is shown its message, not our internals. */
export async function gradeExercise(lab: LabAccess, ex: WebExercise, locale: Locale): Promise<CheckOutcome[]> {
  const report = await runChecks(lab, ex.source, { lang: locale });
  return report.results.map((r) => ({
    id: r.id,
    description: r.id,
    passed: r.passed,
    message: r.passed ? "OK" : r.hint ? `${r.message} (${r.hint})` : r.message,
    weight: r.weight,
  }));
}

/** The outcomes when there was no lab to check: every check fails with that reason. */
export function unchecked(ex: WebExercise, reason: string): CheckOutcome[] {
  return ex.checks.map((c) => ({ id: c.id, description: c.id, passed: false, message: reason, weight: c.weight }));
}

export interface TaskScore {
  exerciseId: string;
  title: string;
  weight: number;
  earned: number;
  checks: CheckOutcome[];
}

export interface ExamReport {
  tasks: TaskScore[];
  total: number;
  earned: number;
  percent: number;
  passed: boolean;
  /** The pass mark it was judged by (reports stored before it was kept: PASS_PERCENT). */
  passPercent?: number;
}

/** A task earns its weight in proportion to the weight of its checks that passed (the CKA gives
 *  partial credit per task). */
export function scoreTask(ex: Pick<WebExercise, "id" | "title" | "weight">, checks: CheckOutcome[]): TaskScore {
  const all = checks.reduce((s, c) => s + c.weight, 0);
  const ok = checks.filter((c) => c.passed).reduce((s, c) => s + c.weight, 0);
  const earned = all === 0 ? 0 : Math.round(((ex.weight * ok) / all) * 100) / 100;
  return { exerciseId: ex.id, title: ex.title, weight: ex.weight, earned, checks };
}

/** The score over the tasks' weights; a course exam may set its own pass mark. */
export function examReport(tasks: TaskScore[], passPercent = PASS_PERCENT): ExamReport {
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  const earned = Math.round(tasks.reduce((s, t) => s + t.earned, 0) * 100) / 100;
  const percent = total === 0 ? 0 : Math.round((earned / total) * 1000) / 10;
  return { tasks, total, earned, percent, passed: percent >= passPercent, passPercent };
}
