// Lab sessions: which lab belongs to whom. A student holds at most one lab at a time (the machine
// is small); starting another ends the first. Every function takes the viewer and only ever
// touches the viewer's own rows.
import type { Db } from "../db/client";
import { newId } from "../auth/session-token";
import { assertCan, type Viewer } from "../roles";
import { rateLimiterFor, RULES } from "../rate-limit";
import type { Runner } from "../runner";

export class LabStartError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface LabPurpose {
  exerciseId?: string;
  examAttemptId?: string;
}

export interface LabView {
  labName: string;
  status: string;
  error: string | null;
  exerciseId: string | null;
  examAttemptId: string | null;
}

const view = (l: LabView): LabView => ({ labName: l.labName, status: l.status, error: l.error, exerciseId: l.exerciseId, examAttemptId: l.examAttemptId });

/** The user who owns a live lab (the terminal's WebSocket upgrade asks this). */
export async function labOwner(db: Db, labName: string): Promise<string | undefined> {
  const l = await db.labSession.findUnique({ where: { labName } });
  return l && l.status === "ready" ? l.userId : undefined;
}

export async function currentLab(db: Db, viewer: Viewer, purpose: LabPurpose): Promise<LabView | undefined> {
  assertCan(viewer, "lab:own");
  const l = await db.labSession.findFirst({
    where: { userId: viewer.id, exerciseId: purpose.exerciseId ?? null, examAttemptId: purpose.examAttemptId ?? null, status: { in: ["creating", "ready", "failed"] } },
    orderBy: { createdAt: "desc" },
  });
  return l ? view(l) : undefined;
}

/** Ends the viewer's live labs (optionally all but one) in the runner and in the database. */
export async function endLabs(db: Db, viewer: Viewer, runner: Runner, except?: string): Promise<void> {
  const live = await db.labSession.findMany({ where: { userId: viewer.id, status: { in: ["creating", "ready", "failed"] } } });
  for (const l of live) {
    if (l.labName === except) continue;
    await runner.delete(l.labName).catch(() => undefined);
    await db.labSession.update({ where: { id: l.id }, data: { status: "ended", endedAt: new Date() } });
  }
}

/** Creates a lab for the viewer and runs the exercise setups in it. On failure the row keeps the
 *  runner's message, which the page shows as is. */
export async function startLab(db: Db, viewer: Viewer, runner: Runner, purpose: LabPurpose, setups: { node: string; script: string }[]): Promise<LabView> {
  assertCan(viewer, "lab:own");
  const rl = await rateLimiterFor(db).hit(`lab:${viewer.id}`, RULES.labCreate);
  if (!rl.ok) throw new LabStartError(`too many labs started; try again in ${rl.retryAfterSeconds} s`, rl.retryAfterSeconds);
  await endLabs(db, viewer, runner);
  const labName = `u-${newId().toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 10)}`;
  const row = await db.labSession.create({ data: { id: newId(), userId: viewer.id, labName, exerciseId: purpose.exerciseId ?? null, examAttemptId: purpose.examAttemptId ?? null, status: "creating" } });
  try {
    await runner.create(labName);
    for (const s of setups) {
      const r = await runner.exec(labName, s.node, s.script, 120_000);
      if (r.code !== 0) throw new Error(`the exercise setup failed (exit ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
    }
    const l = await db.labSession.update({ where: { id: row.id }, data: { status: "ready" } });
    return view(l);
  } catch (e) {
    await runner.delete(labName).catch(() => undefined);
    const l = await db.labSession.update({ where: { id: row.id }, data: { status: "failed", error: (e as Error).message.slice(0, 500) } });
    return view(l);
  }
}

/** The viewer's own ready lab by name, or undefined (never another user's). */
export async function ownReadyLab(db: Db, viewer: Viewer, labName: string): Promise<LabView | undefined> {
  assertCan(viewer, "lab:own");
  const l = await db.labSession.findFirst({ where: { labName, userId: viewer.id, status: "ready" } });
  return l ? view(l) : undefined;
}
