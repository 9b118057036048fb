import Link from "next/link";
import { db } from "../../lib/web/db/client";
import { examHistory, pickTasks } from "../../lib/web/data/exams";
import { catalogue } from "../../lib/web/exercises";
import { mockExams } from "../../lib/web/mock-exams";
import { PASS_PERCENT } from "../../lib/web/grading";
import { startExamAction } from "../_lib/actions";
import { requireViewer, getT } from "../_lib/session";

export default async function Exams() {
  const v = await requireViewer("/exams");
  const { t, locale } = await getT(v);
  const history = await examHistory(await db(), v);
  const cat = catalogue(locale);
  const course = mockExams(locale, new Set(cat.exercises.map((e) => e.id))).exams;
  const n = pickTasks(cat.exercises).length;
  const shortened = Number(process.env.DRYDOCK_EXAM_MINUTES) || undefined;
  const quick = (
    <section className="exam-choice" data-exam="quick">
      {course.length > 0 && <h2>{t("exam.quickTitle")}</h2>}
      <p>{t("exam.duration", { minutes: shortened ?? 120, tasks: n, pass: PASS_PERCENT })}</p>
      <form action={startExamAction}>
        <button className="primary" type="submit" disabled={n === 0}>
          {t("exam.start")}
        </button>
      </form>
    </section>
  );
  return (
    <main className="wide">
      <h1>{t("exam.title")}</h1>
      {course.map((e) => (
        <section key={e.id} className="exam-choice" data-exam={e.id}>
          <h2>{e.title}</h2>
          {e.description && <p>{e.description}</p>}
          <p>
            {t("exam.duration", { minutes: shortened ?? e.minutes, tasks: e.tasks.length, pass: e.passPercent })}
            {e.unavailable > 0 && ` ${t("exam.unavailable", { n: e.unavailable })}`}
          </p>
          <form action={startExamAction}>
            <input type="hidden" name="exam" value={e.id} />
            <button className="primary" type="submit" disabled={e.tasks.length === 0}>
              {t("exam.startNamed", { title: e.title })}
            </button>
          </form>
        </section>
      ))}
      {quick}
      <h2>{t("exam.history")}</h2>
      <table className="grid">
        <tbody>
          {history.map((e) => (
            <tr key={e.id}>
              <td>
                <Link href={`/exams/${e.id}`}>{e.startedAt.toISOString().slice(0, 16).replace("T", " ")}</Link>
              </td>
              <td>{e.score === null ? "…" : `${e.score}%`}</td>
              <td>{e.passed === null ? "" : e.passed ? t("exam.passed") : t("exam.failed")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
