// Exercise attempts and their check results.
import type { Db } from "../db/client";
import { newId } from "../auth/session-token";
import { assertCan, type Viewer } from "../roles";
import type { CheckOutcome } from "../grading";

async function attemptFor(db: Db, viewer: Viewer, exerciseId: string, examAttemptId: string | null) {
  const a = await db.attempt.findFirst({ where: { userId: viewer.id, exerciseId, examAttemptId }, orderBy: { startedAt: "desc" } });
  return a ?? db.attempt.create({ data: { id: newId(), userId: viewer.id, exerciseId, examAttemptId } });
}

export async function recordCheck(db: Db, viewer: Viewer, exerciseId: string, outcomes: CheckOutcome[], examAttemptId: string | null = null, now = new Date()) {
  assertCan(viewer, "lab:own");
  const a = await attemptFor(db, viewer, exerciseId, examAttemptId);
  const run = a.checkCount + 1;
  const passed = outcomes.length > 0 && outcomes.every((o) => o.passed);
  await db.$transaction([
    db.checkResult.createMany({ data: outcomes.map((o) => ({ id: newId(), attemptId: a.id, run, checkId: o.id, passed: o.passed, message: o.message, weight: o.weight, createdAt: now })) }),
    db.attempt.update({ where: { id: a.id }, data: { checkCount: run, lastCheckedAt: now, passed: a.passed || passed, passedAt: a.passedAt ?? (passed ? now : null) } }),
  ]);
  return { run, passed };
}

export async function recordSolutionShown(db: Db, viewer: Viewer, exerciseId: string) {
  assertCan(viewer, "lab:own");
  const a = await attemptFor(db, viewer, exerciseId, null);
  await db.attempt.update({ where: { id: a.id }, data: { solutionShown: true } });
}

export async function recordHint(db: Db, viewer: Viewer, exerciseId: string, shown: number) {
  assertCan(viewer, "lab:own");
  const a = await attemptFor(db, viewer, exerciseId, null);
  if (shown > a.hintsShown) await db.attempt.update({ where: { id: a.id }, data: { hintsShown: shown } });
}

export interface Progress {
  passed: boolean;
  checks: number;
  solutionShown: boolean;
  hintsShown: number;
}

/** The viewer's progress per exercise (practice attempts only, not exam tasks). */
export async function progress(db: Db, viewer: Viewer): Promise<Map<string, Progress>> {
  const rows = await db.attempt.findMany({ where: { userId: viewer.id, examAttemptId: null } });
  return new Map(rows.map((r) => [r.exerciseId, { passed: r.passed, checks: r.checkCount, solutionShown: r.solutionShown, hintsShown: r.hintsShown }]));
}

export async function lastResults(db: Db, viewer: Viewer, exerciseId: string): Promise<{ checkId: string; passed: boolean; message: string }[]> {
  const a = await db.attempt.findFirst({ where: { userId: viewer.id, exerciseId, examAttemptId: null }, orderBy: { startedAt: "desc" } });
  if (!a || a.checkCount === 0) return [];
  return db.checkResult.findMany({ where: { attemptId: a.id, run: a.checkCount }, select: { checkId: true, passed: true, message: true }, orderBy: { createdAt: "asc" } });
}
