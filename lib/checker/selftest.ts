// An exercise's self-test (issue 8, `drydock exercises test`), as the acceptance tasks are run:
// setup → the checks, at least one of which must fail → the solution → every check must pass.
// The caller gives a fresh lab and deletes it afterwards.
import type { Exercise } from "../exercises/schema.js";
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
  const solErr = await applySolution(lab, ex);
  if (solErr) return done(false, solErr, before);
  const after = await runChecks(lab, ex);
  const bad = after.results.find((r) => !r.passed);
  if (bad) return done(false, `after the solution, check ${bad.id} ${bad.status === "error" ? "is broken" : "fails"}: ${bad.detail}`, before, after);
  const early = before.results.filter((r) => r.passed).map((r) => r.id);
  return done(true, early.length ? `ok (already passing before the solution: ${early.join(", ")})` : "ok", before, after);
}
