import { notFound } from "next/navigation";
import { catalogue, DOMAINS } from "../../../lib/web/exercises";
import { currentLab } from "../../../lib/web/data/labs";
import { db } from "../../../lib/web/db/client";
import { requireViewer, getT } from "../../_lib/session";
import { panelLabels, contextLine } from "../../_lib/labels";
import Markdown from "../../_components/Markdown";
import LabPanel from "../../_components/LabPanel";

export default async function ExercisePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const v = await requireViewer(`/exercises/${id}`);
  const { t, locale } = await getT(v);
  const ex = catalogue(locale).byId.get(id);
  if (!ex) notFound();
  const lab = await currentLab(await db(), v, { exerciseId: ex.id });
  return (
    <main className="exercise">
      <article className="prompt">
        <p className="crumb">{DOMAINS[ex.domain] ?? ex.domain}</p>
        <h1>{ex.title}</h1>
        <p className="context">{contextLine(t, ex.context)}</p>
        <Markdown source={ex.prompt} copyLabel={t("exercise.copy")} copiedLabel={t("exercise.copied")} />
      </article>
      <LabPanel exerciseId={ex.id} initialLab={lab} hintCount={ex.hints.length} hasSolution={!!ex.solution} labels={panelLabels(t)} />
    </main>
  );
}
