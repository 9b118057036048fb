import Link from "next/link";
import { lessonCatalogue, lessonProgress } from "../../lib/web/lessons";
import { catalogue, DOMAINS } from "../../lib/web/exercises";
import { progress } from "../../lib/web/data/attempts";
import { db } from "../../lib/web/db/client";
import { getViewer, getT } from "../_lib/session";

export default async function Lessons() {
  const v = await getViewer();
  const { t, locale } = await getT(v);
  const lessons = lessonCatalogue(locale).lessons;
  const available = new Set(catalogue(locale).exercises.map((e) => e.id));
  const passed = new Set(v ? [...(await progress(await db(), v))].filter(([, p]) => p.passed).map(([id]) => id) : []);
  const order = Object.keys(DOMAINS);
  const domains = [...new Set(lessons.map((l) => l.domain))].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  return (
    <main className="wide">
      <h1>{t("lessons.title")}</h1>
      {lessons.length === 0 && <p>{t("lessons.empty")}</p>}
      {domains.map((d) => (
        <section key={d} className="domain">
          <h2>{DOMAINS[d] ?? d}</h2>
          <ul className="exercise-list lesson-list">
            {lessons
              .filter((l) => l.domain === d)
              .map((l) => {
                const p = lessonProgress(l, available, passed);
                return (
                  <li key={l.id} data-lesson={l.id}>
                    <Link href={`/lessons/${l.id}`}>{l.title}</Link>
                    <span className="topic">{t("lessons.minutes", { minutes: l.minutes })}</span>
                    {v && p.total > 0 && <span className={p.passed === p.total ? "badge pass" : "badge"}>{t("lessons.progress", { passed: p.passed, total: p.total })}</span>}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </main>
  );
}
