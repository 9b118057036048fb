import Link from "next/link";
import { db } from "../../lib/web/db/client";
import { examHistory, pickTasks } from "../../lib/web/data/exams";
import { catalogue } from "../../lib/web/exercises";
import { PASS_PERCENT } from "../../lib/web/grading";
import { startExamAction } from "../_lib/actions";
import { requireViewer, getT } from "../_lib/session";

export default async function Exams() {
  const v = await requireViewer("/exams");
  const { t, locale } = await getT(v);
  const history = await examHistory(await db(), v);
  const n = pickTasks(catalogue(locale).exercises).length;
  return (
    <main className="wide">
      <h1>{t("exam.title")}</h1>
      <p>{t("exam.duration", { minutes: Number(process.env.DRYDOCK_EXAM_MINUTES) || 120, tasks: n, pass: PASS_PERCENT })}</p>
      <form action={startExamAction}>
        <button className="primary" type="submit" disabled={n === 0}>
          {t("exam.start")}
        </button>
      </form>
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
