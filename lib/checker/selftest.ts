// An exercise's self-test (issue 8, `drydock exercises test`), as the acceptance tasks are run:
// setup → the checks, at least one of which must fail → each plausible wrong answer (it must fail
// the checks it names, then is undone) → the solution → every check must pass.
// The caller gives a fresh lab and deletes it afterwards.
import type { Exercise, WrongAnswer } from "../exercises/schema.js";
import { runChecks, type CheckReport } from "./engine.js";
import type { LabAccess } from "./lab-access.js";
import { heredocDelimiter, KUBECTL } from "./shell.js";

/** Setup and solution scripts may take a while (they wait for the state they produce). */
export const SCRIPT_TIMEOUT_MS = 300_000;

export interface SelfTestResult {
  id: string;
  passed: boolean;
  /** Why not, in one line. */
  reason: string;
  before?: CheckReport;
  /** The checks after each wrong answer, by its id. */
  wrong?: { id: string; report: CheckReport }[];
  after?: CheckReport;
  durationMs: number;
}

export function manifestsScript(manifests: string): string {
  const d = heredocDelimiter(manifests);
  return `${KUBECTL} apply -f - <<'${d}'\n${manifests}\n${d}`;
}

async function runScript(lab: LabAccess, node: string, script: string, what: string): Promise<string | undefined> {
  const r = await lab.exec(node, script, { timeoutMs: SCRIPT_TIMEOUT_MS });
  if (r.code === 0) return undefined;
  const err = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | ");
  return `${what} exited ${r.code}: ${err}`;
}

/** Applies the exercise's setup (manifests first, then the script). Undefined when it succeeded. */
export async function applySetup(lab: LabAccess, ex: Exercise): Promise<string | undefined> {
  if (!ex.setup) return undefined;
  const node = ex.setup.node;
  if (ex.setup.manifests) {
    const e = await runScript(lab, node, manifestsScript(ex.setup.manifests), "setup manifests");
    if (e) return e;
  }
  if (ex.setup.script) return runScript(lab, node, ex.setup.script, "setup script");
  return undefined;
}

export function applySolution(lab: LabAccess, ex: Exercise): Promise<string | undefined> {
  return runScript(lab, ex.solution.node, ex.solution.script, "solution");
}

/** Types one wrong answer, grades it and undoes it. Undefined when the checks it names failed. */
export async function tryWrongAnswer(lab: LabAccess, ex: Exercise, w: WrongAnswer): Promise<{ error?: string; report?: CheckReport }> {
  const err = await runScript(lab, w.node, w.script, `wrong answer ${w.id}`);
  if (err) return { error: err };
  // Not retried: the script waited for its state, and a failing check would only wait out its time.
  const report = await runChecks(lab, ex, { maxRetrySeconds: 0 });
  const byId = new Map(report.results.map((r) => [r.id, r]));
  const problems = w.fails.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [`names no check ${id}`];
    if (r.status === "error") return [`check ${id} is broken: ${r.detail}`];
    return r.status === "pass" ? [`check ${id} passes`] : [];
  });
  if (w.undo) {
    const undoErr = await runScript(lab, w.node, w.undo, `undo of wrong answer ${w.id}`);
    if (undoErr) problems.push(undoErr);
  }
  return { report, error: problems.length ? `wrong answer ${w.id} (${w.description}): ${problems.join("; ")}` : undefined };
}

export async function selfTest(lab: LabAccess, ex: Exercise, now: () => number = Date.now): Promise<SelfTestResult> {
  const start = now();
  const done = (passed: boolean, reason: string, before?: CheckReport, after?: CheckReport): SelfTestResult => ({ id: ex.id, passed, reason, before, after, durationMs: now() - start });
  const setupErr = await applySetup(lab, ex);
  if (setupErr) return done(false, setupErr);
  // Before the solution nothing is waited for: a check that would only pass later is a failure.
  const before = await runChecks(lab, ex, { maxRetrySeconds: 0 });
  const brokenBefore = before.results.filter((r) => r.status === "error");
  if (brokenBefore.length) return done(false, `check ${brokenBefore[0].id} is broken: ${brokenBefore[0].detail}`, before);
  if (before.passed) return done(false, "every check already passes after setup, before the solution", before);
  const wrong: { id: string; report: CheckReport }[] = [];
  for (const w of ex.wrongAnswers) {
    const r = await tryWrongAnswer(lab, ex, w);
    if (r.report) wrong.push({ id: w.id, report: r.report });
    if (r.error) return { ...done(false, r.error, before), wrong };
  }
  const solErr = await applySolution(lab, ex);
  if (solErr) return { ...done(false, solErr, before), wrong };
  const after = await runChecks(lab, ex);
  const bad = after.results.find((r) => !r.passed);
  if (bad) return { ...done(false, `after the solution, check ${bad.id} ${bad.status === "error" ? "is broken" : "fails"}: ${bad.detail}`, before, after), wrong };
  const early = before.results.filter((r) => r.passed).map((r) => r.id);
  const notes = [
    ...(wrong.length ? [`${wrong.length} wrong answer${wrong.length === 1 ? "" : "s"} rejected`] : []),
    ...(early.length ? [`already passing before the solution: ${early.join(", ")}`] : []),
  ];
  return { ...done(true, notes.length ? `ok (${notes.join("; ")})` : "ok", before, after), wrong };
}
