import { notFound, redirect } from "next/navigation";
import { db } from "../../lib/web/db/client";
import { listUsers } from "../../lib/web/data/users";
import { can, ROLES } from "../../lib/web/roles";
import { csrfToken } from "../../lib/web/auth/session-token";
import { getSession, getT } from "../_lib/session";
import RoleForm from "../_components/RoleForm";

// Admins hand out roles here. Everyone else gets a 404: the page's existence is not advertised.
export default async function Admin({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const s = await getSession();
  if (!s) redirect("/signin?next=/admin");
  if (!can(s.viewer, "user:role")) notFound();
  const { t } = await getT(s.viewer);
  const q = typeof (await searchParams).q === "string" ? (await searchParams).q! : "";
  const users = await listUsers(await db(), s.viewer, q);
  const csrf = csrfToken(s.sessionId, s.csrfSecret);
  const roles = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  return (
    <main className="wide">
      <h1>{t("admin.title")}</h1>
      <form method="get" className="inline-form">
        <input name="q" defaultValue={q} placeholder={t("admin.search")} maxLength={100} />
      </form>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("admin.name")}</th>
            <th>{t("admin.email")}</th>
            <th>{t("admin.role")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <RoleForm csrf={csrf} userId={u.id} role={u.role} roles={roles} save={t("admin.save")} saved={t("admin.saved")} label={t("admin.role")} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
