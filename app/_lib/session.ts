// Next-side glue of the web layer: the viewer from the session cookie, the locale, and the
// same-origin check every server action runs first (lib/web/auth/csrf.ts says why Origin).
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../../lib/web/db/client";
import { sessionFromToken, type SessionInfo } from "../../lib/web/data/accounts";
import { SESSION_COOKIE, SESSION_TTL_MS, csrfTokenValid } from "../../lib/web/auth/session-token";
import { checkOrigin } from "../../lib/web/auth/csrf";
import { negotiateLocale, translator, type Locale, type T } from "../../lib/web/i18n";
import type { Viewer } from "../../lib/web/roles";

export const LOCALE_COOKIE = "drydock_locale";

export async function getSession(): Promise<SessionInfo | undefined> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return sessionFromToken(await db(), token);
}

export async function getViewer(): Promise<Viewer | undefined> {
  return (await getSession())?.viewer;
}

/** For pages: the viewer, or a redirect to sign-in that comes back here. */
export async function requireViewer(back: string): Promise<Viewer> {
  const v = await getViewer();
  if (!v) redirect(`/signin?next=${encodeURIComponent(back)}`);
  return v;
}

export async function secureCookies(): Promise<boolean> {
  const h = await headers();
  return h.get("x-forwarded-proto") === "https" || process.env.DRYDOCK_SECURE_COOKIES === "1";
}

export async function setSessionCookie(token: string) {
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: await secureCookies(), path: "/", maxAge: SESSION_TTL_MS / 1000 });
}

export async function clearSessionCookie() {
  (await cookies()).delete(SESSION_COOKIE);
}

export class CsrfError extends Error {}

function allowedOrigins(): string[] {
  return (process.env.DRYDOCK_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** First line of every server action. Next checks Origin for actions too; we do it ourselves so
 *  the rule is ours, the same for route handlers, and tested. */
export async function assertSameOrigin(): Promise<void> {
  const h = await headers();
  const v = checkOrigin({ method: "POST", origin: h.get("origin"), secFetchSite: h.get("sec-fetch-site"), host: h.get("x-forwarded-host") ?? h.get("host"), allowed: allowedOrigins() });
  if (!v.ok) throw new CsrfError(v.reason);
}

/** For route handlers: the same check on a Request; returns a 403 Response when it fails. */
export function refuseCrossOrigin(req: Request): Response | undefined {
  const v = checkOrigin({ method: req.method, origin: req.headers.get("origin"), secFetchSite: req.headers.get("sec-fetch-site"), host: req.headers.get("x-forwarded-host") ?? req.headers.get("host"), allowed: allowedOrigins() });
  return v.ok ? undefined : Response.json({ error: v.reason }, { status: 403 });
}

/** Form posts also carry the session-bound token (defence in depth behind the Origin check). */
export async function assertFormToken(form: FormData): Promise<SessionInfo> {
  await assertSameOrigin();
  const s = await getSession();
  if (!s) throw new CsrfError("sign in first");
  const got = form.get("csrf");
  if (!csrfTokenValid(s.sessionId, s.csrfSecret, typeof got === "string" ? got : undefined)) throw new CsrfError("the form's CSRF token is missing or stale; reload the page");
  return s;
}

export async function getLocale(viewer?: Viewer): Promise<Locale> {
  const c = (await cookies()).get(LOCALE_COOKIE)?.value;
  return negotiateLocale(c ?? viewer?.locale, (await headers()).get("accept-language") ?? undefined);
}

export async function getT(viewer?: Viewer): Promise<{ t: T; locale: Locale }> {
  const locale = await getLocale(viewer);
  return { t: translator(locale), locale };
}

export async function clientIp(): Promise<string> {
  const h = await headers();
  // X-Forwarded-For only when a proxy in front is trusted (DRYDOCK_TRUST_PROXY=1).
  if (process.env.DRYDOCK_TRUST_PROXY === "1") return h.get("x-forwarded-for")?.split(",")[0].trim() ?? "unknown";
  return h.get("x-drydock-client") ?? "local";
}
