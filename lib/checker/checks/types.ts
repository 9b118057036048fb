// What one check's evaluation returns, and the error that marks a check (not the student) as
// broken: a report shows it as an error of the exercise, never as the student's failure.
import type { CheckOf, CheckType } from "../../exercises/schema.js";
import type { LabAccess } from "../lab-access.js";

export interface Outcome {
  passed: boolean;
  /** For instructors and authors: what was found. Students see the check's message instead. */
  detail: string;
}

export class CheckError extends Error {}

export type Evaluator<T extends CheckType> = (check: CheckOf<T>, lab: LabAccess) => Promise<Outcome>;

export const pass = (detail: string): Outcome => ({ passed: true, detail });
export const fail = (detail: string): Outcome => ({ passed: false, detail });
