// Session tokens: 32 random bytes in the cookie; the database keeps only their SHA-256, so a
// leaked database does not hand out live sessions.
import { randomBytes, createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "drydock_session";
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** lastSeenAt/expiresAt are refreshed at most this often (one write per request is too many). */
export const SESSION_TOUCH_MS = 3600 * 1000;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newId(): string {
  return randomBytes(12).toString("base64url");
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
}

export function sessionCookie(token: string, o: CookieOptions): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (o.secure) parts.push("Secure");
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${o.maxAgeSeconds}`);
  return parts.join("; ");
}

/** Reads one cookie from a Cookie header (for the WebSocket upgrade, which has no Next helpers). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** A per-session CSRF token (HMAC of the session id under the session's secret). Forms carry it
 *  as defence in depth; the Origin check (csrf.ts) is the primary protection. */
export function csrfToken(sessionId: string, secret: string): string {
  return createHmac("sha256", secret).update(sessionId).digest("base64url");
}

export function csrfTokenValid(sessionId: string, secret: string, got: string | undefined): boolean {
  if (!got) return false;
  const want = Buffer.from(csrfToken(sessionId, secret));
  const g = Buffer.from(got);
  return g.length === want.length && timingSafeEqual(g, want);
}
