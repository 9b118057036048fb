"use server";
// Server actions: each re-checks origin and session, validates its input, and goes through the
// data-access layer (lib/web/data), which checks the role. They return values, never throw
// internals at the client.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { db } from "../../lib/web/db/client";
import { SignInInput, SignUpInput, signIn, signOut, signUp, setLocale } from "../../lib/web/data/accounts";
import { currentLab, startLab, endLabs, ownReadyLab, LabStartError, type LabView } from "../../lib/web/data/labs";
import { recordCheck, recordSolutionShown, recordHint } from "../../lib/web/data/attempts";
import { startExam, toggleFlag, submitExam, getExam, pickTasks } from "../../lib/web/data/exams";
import { createClass, joinClass } from "../../lib/web/data/classes";
import { setUserRole, RoleChangeError } from "../../lib/web/data/users";
import { catalogue, setupScripts } from "../../lib/web/exercises";
import { gradeExercise, unchecked, scoreTask, examReport, type CheckOutcome } from "../../lib/web/grading";
import { runner } from "../../lib/web/runner";
import { mockExams } from "../../lib/web/mock-exams";
import { rateLimiterFor, RULES } from "../../lib/web/rate-limit";
import { translator, isLocale } from "../../lib/web/i18n";
import { SESSION_COOKIE } from "../../lib/web/auth/session-token";
import { assertSameOrigin, assertFormToken, getSession, setSessionCookie, clearSessionCookie, getLocale, clientIp, LOCALE_COOKIE } from "./session";
import { can, type Viewer } from "../../lib/web/roles";

export type FormState = { error?: string } | undefined;

function safeNext(n: FormDataEntryValue | null): string {
  const s = typeof n === "string" ? n : "";
  return s.startsWith("/") && !s.startsWith("//") ? s : "/exercises";
}

async function viewerOrThrow(): Promise<Viewer> {
  await assertSameOrigin();
  const s = await getSession();
  if (!s) throw new Error("sign in first");
  return s.viewer;
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const t = translator(await getLocale());
  const ip = await clientIp();
  const rl = await rateLimiterFor(await db()).hit(`signup:${ip}`, RULES.signUpPerIp);
  if (!rl.ok) return { error: t("auth.rateLimited", { seconds: rl.retryAfterSeconds }) };
  const p = SignUpInput.safeParse({ email: form.get("email"), name: form.get("name"), password: form.get("password") });
  if (!p.success) return { error: t("auth.invalid", { detail: p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }) };
  const r = await signUp(await db(), p.data);
  if (!r.ok) return { error: t("auth.emailTaken") };
  await setSessionCookie(r.token);
  redirect(safeNext(form.get("next")));
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const t = translator(await getLocale());
  const p = SignInInput.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!p.success) return { error: t("auth.badCredentials") };
  const ip = await clientIp();
  const limiter = rateLimiterFor(await db());
  for (const [key, rule] of [[`signin:${ip}:${p.data.email}`, RULES.signIn], [`signin:${ip}`, RULES.signInPerIp]] as const) {
    const rl = await limiter.hit(key, rule);
    if (!rl.ok) return { error: t("auth.rateLimited", { seconds: rl.retryAfterSeconds }) };
  }
  const r = await signIn(await db(), p.data);
  if (!r.ok) return { error: t("auth.badCredentials") };
  await limiter.reset(`signin:${ip}:${p.data.email}`);
  await setSessionCookie(r.token);
  redirect(safeNext(form.get("next")));
}

export async function signOutAction(form: FormData): Promise<void> {
  await assertFormToken(form);
  await signOut(await db(), (await cookies()).get(SESSION_COOKIE)?.value);
  await clearSessionCookie();
  redirect("/");
}

export async function setLocaleAction(locale: string): Promise<void> {
  await assertSameOrigin();
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  const s = await getSession();
  if (s) await setLocale(await db(), s.viewer, locale);
}

/** The viewer's UI locale picks the catalogue's language (prompts, hints, check messages). */
async function catalogueFor(v: Viewer) {
  return catalogue(await getLocale(v));
}

async function exerciseOrThrow(v: Viewer, id: string) {
  const ex = (await catalogueFor(v)).byId.get(z.string().max(200).parse(id));
  if (!ex) throw new Error(`no exercise "${id}"`);
  return ex;
}

export type LabResult = { lab?: LabView; error?: string };

export async function startLabAction(exerciseId: string): Promise<LabResult> {
  const v = await viewerOrThrow();
  const ex = await exerciseOrThrow(v, exerciseId);
  try {
    const lab = await startLab(await db(), v, runner(), { exerciseId: ex.id }, setupScripts(ex.source));
    return { lab };
  } catch (e) {
    return { error: e instanceof LabStartError ? e.message : `the lab could not start: ${(e as Error).message}` };
  }
}

export async function checkAction(exerciseId: string, labName: string): Promise<{ results?: CheckOutcome[]; error?: string }> {
  const v = await viewerOrThrow();
  const ex = await exerciseOrThrow(v, exerciseId);
  const d = await db();
  const lab = await ownReadyLab(d, v, String(labName));
  if (!lab) return { error: "this lab is not yours or is not running" };
  const results = await gradeExercise(runner().labAccess(lab.labName), ex, await getLocale(v));
  await recordCheck(d, v, ex.id, results);
  return { results };
}

export async function revealSolutionAction(exerciseId: string): Promise<{ solution: string; explanation?: string }> {
  const v = await viewerOrThrow();
  const ex = await exerciseOrThrow(v, exerciseId);
  await recordSolutionShown(await db(), v, ex.id);
  return { solution: ex.solution, explanation: ex.explanation };
}

export async function hintAction(exerciseId: string, n: number): Promise<{ hint?: string }> {
  const v = await viewerOrThrow();
  const ex = await exerciseOrThrow(v, exerciseId);
  const i = z.number().int().min(1).max(50).parse(n);
  if (i > ex.hints.length) return {};
  await recordHint(await db(), v, ex.id, i);
  return { hint: ex.hints[i - 1] };
}

/** Starts a course exam (exams/<id>.yaml, the form's "exam" field) or, without one, a quick exam
 *  over the catalogue. DRYDOCK_EXAM_MINUTES shortens either (the e2e tests). */
export async function startExamAction(form?: FormData): Promise<void> {
  const v = await viewerOrThrow();
  const cat = await catalogueFor(v);
  const examId = z.string().max(100).safeParse(form?.get("exam")).data ?? "";
  const course = examId ? mockExams(await getLocale(v), new Set(cat.exercises.map((x) => x.id))).byId.get(examId) : undefined;
  if (examId && !course) throw new Error(`no mock exam "${examId}"`);
  const tasks = course ? course.tasks.map((x) => x.exerciseId) : pickTasks(cat.exercises);
  if (!tasks.length) throw new Error("no exercises with checks are installed");
  const minutes = Number(process.env.DRYDOCK_EXAM_MINUTES) || course?.minutes || 120;
  const plan = course && { title: course.title, passPercent: course.passPercent, tasks: course.tasks };
  const e = await startExam(await db(), v, course?.id ?? "mock", tasks, new Date(), minutes * 60_000, plan);
  redirect(`/exams/${e.id}`);
}

export async function startExamLabAction(examId: string): Promise<LabResult> {
  const v = await viewerOrThrow();
  const d = await db();
  const e = await getExam(d, v, String(examId));
  if (!e || e.submittedAt) return { error: "this exam is not open" };
  const cat = await catalogueFor(v);
  const setups = e.state.tasks.flatMap((id) => {
    const ex = cat.byId.get(id);
    return ex ? setupScripts(ex.source) : [];
  });
  try {
    const existing = await currentLab(d, v, { examAttemptId: e.id });
    if (existing?.status === "ready") return { lab: existing };
    return { lab: await startLab(d, v, runner(), { examAttemptId: e.id }, setups) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export async function flagAction(examId: string, taskId: string): Promise<string[]> {
  const v = await viewerOrThrow();
  return toggleFlag(await db(), v, String(examId), String(taskId));
}

export async function submitExamAction(examId: string): Promise<void> {
  const v = await viewerOrThrow();
  const d = await db();
  const e = await getExam(d, v, String(examId));
  if (!e) throw new Error("no such exam");
  if (!e.submittedAt) {
    const lab = await currentLab(d, v, { examAttemptId: e.id });
    const locale = await getLocale(v);
    const cat = catalogue(locale);
    const access = lab?.status === "ready" ? runner().labAccess(lab.labName) : undefined;
    const tasks = [];
    for (const id of e.state.tasks) {
      const ex = cat.byId.get(id);
      if (!ex) continue;
      // Without a lab nothing was done: every check fails with that reason.
      const checks = access ? await gradeExercise(access, ex, locale) : unchecked(ex, translator(locale)("exam.noLab"));
      await recordCheck(d, v, ex.id, checks, e.id);
      // A course exam weighs its tasks itself; a quick exam by the exercises' points.
      const points = e.state.plan?.tasks.find((x) => x.exerciseId === ex.id)?.points;
      tasks.push(scoreTask(points === undefined ? ex : { ...ex, weight: points }, checks));
    }
    await submitExam(d, v, e.id, examReport(tasks, e.state.plan?.passPercent));
    await endLabs(d, v, runner());
  }
  redirect(`/exams/${e.id}`);
}

export async function createClassAction(form: FormData): Promise<void> {
  const s = await assertFormToken(form);
  const c = await createClass(await db(), s.viewer, String(form.get("name") ?? ""));
  redirect(`/classes/${c.id}`);
}

export async function joinClassAction(_prev: FormState, form: FormData): Promise<FormState> {
  const s = await assertFormToken(form);
  const ok = await joinClass(await db(), s.viewer, String(form.get("code") ?? "").slice(0, 20));
  if (!ok) return { error: translator(await getLocale(s.viewer))("class.notFound") };
  redirect("/classes");
}

export type RoleFormState = { error?: string; saved?: boolean } | undefined;

/** The admin page's role change. The data layer checks the role again; this first check only
 *  keeps a non-admin's request from reaching it at all. */
export async function setRoleAction(_prev: RoleFormState, form: FormData): Promise<RoleFormState> {
  const s = await assertFormToken(form);
  const t = translator(await getLocale(s.viewer));
  if (!can(s.viewer, "user:role")) return { error: t("error.forbidden") };
  const userId = z.string().min(1).max(100).safeParse(form.get("userId"));
  if (!userId.success) return { error: t("error.forbidden") };
  try {
    await setUserRole(await db(), s.viewer, userId.data, String(form.get("role") ?? ""));
  } catch (e) {
    if (e instanceof RoleChangeError) return { error: e.message.startsWith("the last admin") ? t("admin.lastAdmin") : e.message };
    return { error: t("error.forbidden") };
  }
  revalidatePath("/admin");
  return { saved: true };
}
