// Accounts and sessions: the only code that reads or writes User and Session rows.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { hashPassword, verifyPassword, dummyHash, PASSWORD_MIN, PASSWORD_MAX } from "../auth/password";
import { newToken, sessionIdOf, newId, SESSION_TTL_MS, SESSION_TOUCH_MS } from "../auth/session-token";
import { isRole, type Viewer } from "../roles";

export const SignUpInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  name: z.string().trim().min(1).max(100),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});
export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export type AuthResult = { ok: true; token: string; viewer: Viewer } | { ok: false; error: "emailTaken" | "badCredentials" };

function toViewer(u: { id: string; role: string; email: string; name: string; locale: string }): Viewer {
  return { id: u.id, role: isRole(u.role) ? u.role : "student", email: u.email, name: u.name, locale: u.locale };
}

async function openSession(db: Db, userId: string, now: Date): Promise<string> {
  const token = newToken();
  await db.session.create({ data: { id: sessionIdOf(token), userId, csrfSecret: randomBytes(16).toString("hex"), createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } });
  return token;
}

/** The first account of a fresh installation is its admin (someone has to hand out roles). */
export async function signUp(db: Db, input: z.infer<typeof SignUpInput>, now = new Date()): Promise<AuthResult> {
  const passwordHash = await hashPassword(input.password);
  const first = (await db.user.count()) === 0;
  try {
    const u = await db.user.create({ data: { id: newId(), email: input.email, name: input.name, passwordHash, role: first ? "admin" : "student", createdAt: now } });
    return { ok: true, token: await openSession(db, u.id, now), viewer: toViewer(u) };
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return { ok: false, error: "emailTaken" };
    throw e;
  }
}

export async function signIn(db: Db, input: z.infer<typeof SignInInput>, now = new Date()): Promise<AuthResult> {
  const u = await db.user.findUnique({ where: { email: input.email } });
  if (!u) {
    await verifyPassword(await dummyHash(), input.password);
    return { ok: false, error: "badCredentials" };
  }
  if (!(await verifyPassword(u.passwordHash, input.password))) return { ok: false, error: "badCredentials" };
  return { ok: true, token: await openSession(db, u.id, now), viewer: toViewer(u) };
}

export interface SessionInfo {
  viewer: Viewer;
  sessionId: string;
  csrfSecret: string;
}

export async function sessionFromToken(db: Db, token: string | undefined, now = new Date()): Promise<SessionInfo | undefined> {
  if (!token || token.length > 100) return undefined;
  const id = sessionIdOf(token);
  const s = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!s) return undefined;
  if (s.expiresAt.getTime() <= now.getTime()) {
    await db.session.delete({ where: { id } }).catch(() => undefined);
    return undefined;
  }
  // Sliding expiry, written at most once an hour per session.
  if (now.getTime() - s.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } }).catch(() => undefined);
  }
  return { viewer: toViewer(s.user), sessionId: id, csrfSecret: s.csrfSecret };
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.session.deleteMany({ where: { id: sessionIdOf(token) } });
}

export async function setLocale(db: Db, viewer: Viewer, locale: "en" | "ko"): Promise<void> {
  await db.user.update({ where: { id: viewer.id }, data: { locale } });
}
