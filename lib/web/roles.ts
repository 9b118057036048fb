// Roles and what each may do. Every data-access function asks `can` before it touches a row that
// is not the viewer's own; every server action goes through the data-access layer.
export const ROLES = ["student", "instructor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  id: string;
  role: Role;
  email: string;
  name: string;
  locale: string;
}

export type Action = "lab:own" | "class:create" | "class:view" | "class:export" | "user:role" | "dashboard:any";

const GRANTS: Record<Role, readonly Action[]> = {
  student: ["lab:own"],
  instructor: ["lab:own", "class:create", "class:view", "class:export"],
  admin: ["lab:own", "class:create", "class:view", "class:export", "user:role", "dashboard:any"],
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function can(v: Viewer | undefined, a: Action): boolean {
  return !!v && isRole(v.role) && GRANTS[v.role].includes(a);
}

export class ForbiddenError extends Error {
  readonly status = 403;
}
export class UnauthenticatedError extends Error {
  readonly status = 401;
}

export function assertCan(v: Viewer | undefined, a: Action): asserts v is Viewer {
  if (!v) throw new UnauthenticatedError("sign in first");
  if (!can(v, a)) throw new ForbiddenError(`your role (${v.role}) may not do this`);
}
