// Mock exams: a timed attempt over a list of tasks, flags, submission and the score report.
import type { Db } from "../db/client";
import { newId } from "../auth/session-token";
import { assertCan, type Viewer } from "../roles";
import type { ExamReport } from "../grading";
import type { WebExercise } from "../exercises";
import type { ExamTaskContext } from "../mock-exams";

/** What a course exam (exams/<id>.yaml) fixes beyond the task list: its title, pass mark, and
 *  each task's points and context. A quick exam (pickTasks) has none. */
export interface ExamPlan {
  title: string;
  passPercent: number;
  tasks: { exerciseId: string; points: number; context: ExamTaskContext }[];
}

/** The CKA's length. */
export const EXAM_DURATION_MS = 2 * 3600 * 1000;
/** Minutes left at which the page alerts. */
export const EXAM_ALERTS_MIN = [30, 15, 5] as const;
/** Tasks in a full mock exam (the CKA has 15-20). */
export const EXAM_TASKS = 17;

export interface ExamState {
  tasks: string[];
  flags: string[];
  plan?: ExamPlan;
  report?: ExamReport;
}

export interface ExamView {
  id: string;
  examId: string;
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  score: number | null;
  passed: boolean | null;
  state: ExamState;
}

function parseState(s: string): ExamState {
  try {
    const o = JSON.parse(s) as ExamState;
    const st: ExamState = { tasks: Array.isArray(o.tasks) ? o.tasks : [], flags: Array.isArray(o.flags) ? o.flags : [] };
    if (o.plan && Array.isArray(o.plan.tasks)) st.plan = o.plan;
    if (o.report) st.report = o.report;
    return st;
  } catch {
    return { tasks: [], flags: [] };
  }
}

const toView = (e: { id: string; examId: string; startedAt: Date; deadline: Date; submittedAt: Date | null; score: number | null; passed: boolean | null; state: string }): ExamView => ({
  ...e,
  state: parseState(e.state),
});

/** Picks the exam's tasks: round-robin over the domains so each is represented. */
export function pickTasks(exercises: WebExercise[], n = EXAM_TASKS): string[] {
  const byDomain = new Map<string, string[]>();
  for (const e of exercises) if (e.checks.length) byDomain.set(e.domain, [...(byDomain.get(e.domain) ?? []), e.id]);
  const lists = [...byDomain.values()];
  const out: string[] = [];
  for (let i = 0; out.length < n && lists.some((l) => l.length > i); i++) for (const l of lists) if (l[i] && out.length < n) out.push(l[i]);
  return out;
}

export async function startExam(db: Db, viewer: Viewer, examId: string, tasks: string[], now = new Date(), durationMs = EXAM_DURATION_MS, plan?: ExamPlan): Promise<ExamView> {
  assertCan(viewer, "lab:own");
  const open = await db.examAttempt.findFirst({ where: { userId: viewer.id, submittedAt: null, deadline: { gt: now } } });
  if (open) return toView(open);
  const e = await db.examAttempt.create({ data: { id: newId(), userId: viewer.id, examId, startedAt: now, deadline: new Date(now.getTime() + durationMs), state: JSON.stringify((plan ? { tasks, flags: [], plan } : { tasks, flags: [] }) satisfies ExamState) } });
  return toView(e);
}

export async function getExam(db: Db, viewer: Viewer, id: string): Promise<ExamView | undefined> {
  assertCan(viewer, "lab:own");
  const e = await db.examAttempt.findFirst({ where: { id, userId: viewer.id } });
  return e ? toView(e) : undefined;
}

export async function toggleFlag(db: Db, viewer: Viewer, id: string, taskId: string): Promise<string[]> {
  const e = await getExam(db, viewer, id);
  if (!e || e.submittedAt || !e.state.tasks.includes(taskId)) return e?.state.flags ?? [];
  const flags = e.state.flags.includes(taskId) ? e.state.flags.filter((f) => f !== taskId) : [...e.state.flags, taskId];
  await db.examAttempt.update({ where: { id }, data: { state: JSON.stringify({ ...e.state, flags }) } });
  return flags;
}

export async function submitExam(db: Db, viewer: Viewer, id: string, report: ExamReport, now = new Date()): Promise<ExamView | undefined> {
  const e = await getExam(db, viewer, id);
  if (!e || e.submittedAt) return e;
  const u = await db.examAttempt.update({ where: { id }, data: { submittedAt: now, score: report.percent, passed: report.passed, state: JSON.stringify({ ...e.state, report }) } });
  return toView(u);
}

export async function examHistory(db: Db, viewer: Viewer): Promise<ExamView[]> {
  assertCan(viewer, "lab:own");
  return (await db.examAttempt.findMany({ where: { userId: viewer.id }, orderBy: { startedAt: "desc" }, take: 50 })).map(toView);
}
