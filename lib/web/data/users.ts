// User administration: the admin's list of accounts and role changes. Role checks live here, in
// the data layer, so no caller (server action, page, script) can skip them.
import type { Db } from "../db/client";
import { assertCan, isRole, ForbiddenError, type Role, type Viewer } from "../roles";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const SELECT = { id: true, email: true, name: true, role: true } as const;
const row = (u: { id: string; email: string; name: string; role: string }): UserRow => ({ ...u, role: isRole(u.role) ? u.role : "student" });

export class RoleChangeError extends Error {
  readonly status = 400;
}

/** Every account, by e-mail (an installation has a classroom of users, not millions; capped). */
export async function listUsers(db: Db, viewer: Viewer, query = ""): Promise<UserRow[]> {
  assertCan(viewer, "user:role");
  const q = query.trim().toLowerCase().slice(0, 100);
  const where = q ? { OR: [{ email: { contains: q } }, { name: { contains: q } }] } : {};
  return (await db.user.findMany({ where, select: SELECT, orderBy: { email: "asc" }, take: 500 })).map(row);
}

/** Sets a user's role. The change takes effect on the user's next request (sessions read the
 *  role from the user row). The last admin cannot be demoted: nobody could hand roles out again. */
export async function setUserRole(db: Db, viewer: Viewer, userId: string, role: string): Promise<UserRow> {
  assertCan(viewer, "user:role");
  if (!isRole(role)) throw new RoleChangeError(`unknown role "${role}"`);
  return db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: userId }, select: SELECT });
    if (!u) throw new ForbiddenError("no such user");
    if (u.role === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new RoleChangeError("the last admin cannot be demoted; make another user admin first");
    }
    return row(await tx.user.update({ where: { id: userId }, data: { role }, select: SELECT }));
  });
}
