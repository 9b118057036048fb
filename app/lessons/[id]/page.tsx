import Link from "next/link";
import { notFound } from "next/navigation";
import { lessonCatalogue } from "../../../lib/web/lessons";
import { catalogue, DOMAINS } from "../../../lib/web/exercises";
import { progress } from "../../../lib/web/data/attempts";
import { db } from "../../../lib/web/db/client";
import { getViewer, getT } from "../../_lib/session";
import Markdown from "../../_components/Markdown";

export default async function LessonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const v = await getViewer();
  const { t, locale } = await getT(v);
  const lessons = lessonCatalogue(locale);
  const lesson = lessons.byId.get(id);
  if (!lesson) notFound();
  const exercises = catalogue(locale).byId;
  const prog = v ? await progress(await db(), v) : new Map();
  return (
    <main className="lesson">
      <article>
        <p className="crumb">
          <Link href="/lessons">{t("nav.lessons")}</Link> · {DOMAINS[lesson.domain] ?? lesson.domain}
        </p>
        <h1>{lesson.title}</h1>
        <p className="context">
          {t("lessons.minutes", { minutes: lesson.minutes })}
          {lesson.prerequisites.length > 0 && (
            <>
              {" · "}
              {t("lessons.prerequisites")}{" "}
              {lesson.prerequisites.map((p, i) => (
                <span key={p}>
                  {i > 0 && ", "}
                  <Link href={`/lessons/${p}`}>{lessons.byId.get(p)?.title ?? p}</Link>
                </span>
              ))}
            </>
          )}
        </p>
        <Markdown source={lesson.body} copyLabel={t("exercise.copy")} copiedLabel={t("exercise.copied")} />
      </article>
      {lesson.exercises.length > 0 && (
        <aside className="practise">
          <h2>{t("lessons.practise")}</h2>
          <ol>
            {lesson.exercises.map((eid) => {
              const ex = exercises.get(eid);
              const p = prog.get(eid);
              return (
                <li key={eid} data-exercise={eid}>
                  {ex ? <Link href={`/exercises/${eid}`}>{ex.title}</Link> : <span title={t("lessons.notAvailable")}>{eid}</span>}
                  {!ex && <span className="topic">{t("lessons.notAvailable")}</span>}
                  {p && <span className={p.passed ? "badge pass" : "badge"}>{p.passed ? t("catalogue.passed") : t("catalogue.tried")}</span>}
                </li>
              );
            })}
          </ol>
        </aside>
      )}
    </main>
  );
}
