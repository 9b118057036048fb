import Link from "next/link";
import { db } from "../../lib/web/db/client";
import { listClasses } from "../../lib/web/data/classes";
import { can } from "../../lib/web/roles";
import { csrfToken } from "../../lib/web/auth/session-token";
import { createClassAction } from "../_lib/actions";
import { getSession, getT } from "../_lib/session";
import { redirect } from "next/navigation";
import JoinForm from "../_components/JoinForm";

export default async function Classes() {
  const s = await getSession();
  if (!s) redirect("/signin?next=/classes");
  const { t } = await getT(s.viewer);
  const classes = await listClasses(await db(), s.viewer);
  const csrf = csrfToken(s.sessionId, s.csrfSecret);
  const teacher = can(s.viewer, "class:view");
  return (
    <main className="wide">
      <h1>{t("class.title")}</h1>
      <ul>
        {classes.map((c) => (
          <li key={c.id}>
            {teacher ? <Link href={`/classes/${c.id}`}>{c.name}</Link> : c.name} ({c._count.members})
            {teacher && (
              <>
                {" "}
                — {t("class.inviteCode")}: <code>{c.inviteCode}</code>
              </>
            )}
          </li>
        ))}
      </ul>
      {can(s.viewer, "class:create") && (
        <form action={createClassAction} className="inline-form">
          <input type="hidden" name="csrf" value={csrf} />
          <input name="name" required maxLength={100} />
          <button type="submit">{t("class.create")}</button>
        </form>
      )}
      <h2>{t("class.join")}</h2>
      <JoinForm csrf={csrf} label={t("class.join")} code={t("class.inviteCode")} />
    </main>
  );
}
