import Link from "next/link";
import { catalogue, groupByDomain } from "../../lib/web/exercises";
import { progress } from "../../lib/web/data/attempts";
import { db } from "../../lib/web/db/client";
import { getViewer, getT } from "../_lib/session";

export default async function Catalogue() {
  const v = await getViewer();
  const { t, locale } = await getT(v);
  const cat = catalogue(locale);
  const prog = v ? await progress(await db(), v) : new Map();
  return (
    <main className="wide">
      <h1>{t("catalogue.title")}</h1>
      {cat.exercises.length === 0 && <p>{t("catalogue.empty")}</p>}
      {groupByDomain(cat.exercises).map((g) => (
        <section key={g.domain} className="domain">
          <h2>{g.title}</h2>
          <ul className="exercise-list">
            {g.exercises.map((ex) => {
              const p = prog.get(ex.id);
              return (
                <li key={ex.id}>
                  <Link href={`/exercises/${ex.id}`}>{ex.title}</Link>
                  {ex.topic && <span className="topic">{ex.topic}</span>}
                  {p && <span className={p.passed ? "badge pass" : "badge"}>{p.passed ? t("catalogue.passed") : t("catalogue.tried")}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </main>
  );
}
