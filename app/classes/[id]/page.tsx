import { notFound } from "next/navigation";
import { db } from "../../../lib/web/db/client";
import { dashboard } from "../../../lib/web/data/classes";
import { catalogue } from "../../../lib/web/exercises";
import { ForbiddenError } from "../../../lib/web/roles";
import { requireViewer, getT } from "../../_lib/session";

export default async function ClassDashboard({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const v = await requireViewer(`/classes/${id}`);
  const { t } = await getT(v);
  const ids = catalogue().exercises.map((e) => e.id);
  let d;
  try {
    d = await dashboard(await db(), v, id, ids);
  } catch (e) {
    if (e instanceof ForbiddenError) notFound();
    throw e;
  }
  return (
    <main className="wide">
      <h1>{d.className}</h1>
      <p>
        <a href={`/classes/${id}/export`}>{t("class.export")}</a>
      </p>
      <div className="scroll">
        <table className="grid dashboard">
          <thead>
            <tr>
              <th>{t("class.student")}</th>
              {ids.map((x) => (
                <th key={x}>{x}</th>
              ))}
              <th>{t("exam.score")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.userId}>
                <td>
                  {r.name} <small>{r.email}</small>
                </td>
                {r.cells.map((c, i) => (
                  <td key={i} className={c.status} title={`${c.checks} checks, ${c.minutes} min${c.solutionShown ? ", solution shown" : ""}`}>
                    {c.status === "passed" ? "✔" : c.status === "tried" ? `${c.checks}×` : ""}
                  </td>
                ))}
                <td>{r.bestExam === null ? "" : `${r.bestExam}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
