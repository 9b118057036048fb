import { notFound } from "next/navigation";
import { db } from "../../../lib/web/db/client";
import { getExam } from "../../../lib/web/data/exams";
import { currentLab } from "../../../lib/web/data/labs";
import { catalogue } from "../../../lib/web/exercises";
import { PASS_PERCENT } from "../../../lib/web/grading";
import { requireViewer, getT } from "../../_lib/session";
import { contextLine } from "../../_lib/labels";
import { contextCommands } from "../../../lib/web/mock-exams";
import Markdown from "../../_components/Markdown";
import ExamClient from "../../_components/ExamClient";

export default async function ExamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const v = await requireViewer(`/exams/${id}`);
  const { t, locale } = await getT(v);
  const d = await db();
  const e = await getExam(d, v, id);
  if (!e) notFound();
  const cat = catalogue(locale);
  const tasks = e.state.tasks.map((tid) => cat.byId.get(tid)).filter((x) => !!x);
  const md = (s: string) => <Markdown source={s} copyLabel={t("exercise.copy")} copiedLabel={t("exercise.copied")} />;

  if (e.submittedAt && e.state.report) {
    const r = e.state.report;
    return (
      <main className="wide">
        <h1>{t("exam.report")}</h1>
        <p className={r.passed ? "pass big" : "fail big"} data-testid="exam-score">
          {t("exam.score")}: {r.percent}% — {r.passed ? t("exam.passed") : t("exam.failed")} ({r.passPercent ?? PASS_PERCENT}%)
        </p>
        {r.tasks.map((task, i) => {
          const ex = cat.byId.get(task.exerciseId);
          return (
            <section key={task.exerciseId} className="report-task">
              <h2>
                {t("exam.task")} {i + 1}: {task.title} — {task.earned}/{task.weight}
              </h2>
              <ul>
                {task.checks.map((c) => (
                  <li key={c.id} className={c.passed ? "pass" : "fail"}>
                    {c.passed ? "✔" : "✘"} {c.description} ({t("exam.weight")} {c.weight}){!c.passed && <div className="msg">{c.message}</div>}
                  </li>
                ))}
              </ul>
              {ex?.solution && (
                <details>
                  <summary>{t("exercise.showSolution")}</summary>
                  <pre>{ex.solution}</pre>
                  {ex.explanation && md(ex.explanation)}
                </details>
              )}
            </section>
          );
        })}
      </main>
    );
  }
  const lab = await currentLab(d, v, { examAttemptId: e.id });
  return (
    <main className="wide">
      <ExamClient
        examId={e.id}
        deadline={e.deadline.toISOString()}
        tasks={tasks.map((x) => {
          // A course exam says where each task is done; a quick exam goes by the exercise.
          const c = e.state.plan?.tasks.find((p) => p.exerciseId === x.id)?.context ?? x.context;
          return {
            id: x.id,
            title: x.title,
            context: contextLine(t, c),
            connect: t("exam.connect", { node: c.node }),
            // The exam prints the commands that reach the task's host (and context) above it.
            commands: contextCommands(c),
          };
        })}
        prompts={tasks.map((x) => md(x.prompt))}
        flags={e.state.flags}
        initialLab={lab}
        labels={{
          timeLeft: t("exam.timeLeft"),
          alert: t("exam.alert"),
          flag: t("exam.flag"),
          unflag: t("exam.unflag"),
          submit: t("exam.submit"),
          submitConfirm: t("exam.submitConfirm"),
          task: t("exam.task"),
          start: t("exercise.start"),
          starting: t("exercise.starting"),
          labFailed: t("exercise.labFailed"),
          newTab: t("terminal.newTab"),
          connecting: t("terminal.connecting"),
          reconnecting: t("terminal.reconnecting"),
          idle: t("terminal.idleWarning"),
          closed: t("terminal.closed"),
          copy: t("exercise.copy"),
          copied: t("exercise.copied"),
        }}
      />
    </main>
  );
}
