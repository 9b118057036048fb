// Classes, invite codes and the instructor's dashboard. Instructors see only their own classes;
// admins see every class.
import { randomInt } from "node:crypto";
import type { Db } from "../db/client";
import { newId } from "../auth/session-token";
import { assertCan, can, ForbiddenError, type Viewer } from "../roles";

/** No 0/O, 1/I/L: codes are read aloud in class. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function inviteCode(rand: (n: number) => number = randomInt): string {
  return Array.from({ length: 8 }, () => ALPHABET[rand(ALPHABET.length)]).join("");
}

export async function createClass(db: Db, viewer: Viewer, name: string) {
  assertCan(viewer, "class:create");
  return db.class.create({ data: { id: newId(), name: name.trim().slice(0, 100) || "Class", inviteCode: inviteCode(), ownerId: viewer.id } });
}

export async function joinClass(db: Db, viewer: Viewer, code: string): Promise<boolean> {
  assertCan(viewer, "lab:own");
  const c = await db.class.findUnique({ where: { inviteCode: code.trim().toUpperCase() } });
  if (!c) return false;
  await db.membership.upsert({ where: { classId_userId: { classId: c.id, userId: viewer.id } }, create: { id: newId(), classId: c.id, userId: viewer.id }, update: {} });
  return true;
}

export async function listClasses(db: Db, viewer: Viewer) {
  if (can(viewer, "dashboard:any")) return db.class.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { members: true } } } });
  if (can(viewer, "class:view")) return db.class.findMany({ where: { ownerId: viewer.id }, orderBy: { createdAt: "desc" }, include: { _count: { select: { members: true } } } });
  return db.class.findMany({ where: { members: { some: { userId: viewer.id } } }, include: { _count: { select: { members: true } } } });
}

export interface DashboardCell {
  status: "passed" | "tried" | "none";
  checks: number;
  solutionShown: boolean;
  minutes: number;
}
export interface Dashboard {
  className: string;
  exerciseIds: string[];
  rows: { userId: string; name: string; email: string; cells: DashboardCell[]; bestExam: number | null }[];
}

export async function dashboard(db: Db, viewer: Viewer, classId: string, exerciseIds: string[]): Promise<Dashboard> {
  assertCan(viewer, "class:view");
  const c = await db.class.findUnique({ where: { id: classId }, include: { members: { include: { user: true } } } });
  if (!c || (c.ownerId !== viewer.id && !can(viewer, "dashboard:any"))) throw new ForbiddenError("not your class");
  const userIds = c.members.map((m) => m.userId);
  const attempts = await db.attempt.findMany({ where: { userId: { in: userIds }, examAttemptId: null } });
  const exams = await db.examAttempt.findMany({ where: { userId: { in: userIds }, submittedAt: { not: null } } });
  const rows = c.members.map((m) => {
    const cells = exerciseIds.map((ex): DashboardCell => {
      const a = attempts.find((x) => x.userId === m.userId && x.exerciseId === ex);
      if (!a) return { status: "none", checks: 0, solutionShown: false, minutes: 0 };
      const end = a.passedAt ?? a.lastCheckedAt ?? a.startedAt;
      return { status: a.passed ? "passed" : "tried", checks: a.checkCount, solutionShown: a.solutionShown, minutes: Math.round((end.getTime() - a.startedAt.getTime()) / 60000) };
    });
    const scores = exams.filter((e) => e.userId === m.userId && e.score !== null).map((e) => e.score!);
    return { userId: m.userId, name: m.user.name, email: m.user.email, cells, bestExam: scores.length ? Math.max(...scores) : null };
  });
  return { className: c.name, exerciseIds, rows };
}

/** RFC 4180 CSV; cells starting with = + - @ are prefixed with ' so spreadsheets do not run them. */
export function dashboardCsv(d: Dashboard): string {
  const esc = (v: string | number | null) => {
    let s = v === null ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const head = ["student", "email", ...d.exerciseIds.flatMap((id) => [`${id} status`, `${id} checks`, `${id} minutes`]), "best exam %"];
  const lines = [head.map(esc).join(",")];
  for (const r of d.rows) lines.push([r.name, r.email, ...r.cells.flatMap((c) => [c.status + (c.solutionShown ? " (solution shown)" : ""), c.checks, c.minutes]), r.bestExam].map(esc).join(","));
  return lines.join("\r\n") + "\r\n";
}
