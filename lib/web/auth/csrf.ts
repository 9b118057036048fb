// CSRF: every mutating request (server actions, route handlers, the terminal's WebSocket
// upgrade) must come from our own origin. We check Origin (and Sec-Fetch-Site when Origin is
// absent) rather than a double-submit token because (1) server actions are posted by React
// itself, with no place of ours to add a header, while every current browser sends Origin on
// POST and on WebSocket handshakes; (2) a WebSocket handshake cannot carry a custom header from
// the browser, so a token would have to go in the URL; (3) the check needs no state. The session
// cookie is SameSite=Lax on top, and forms also carry a session-bound token (session-token.ts).
// This follows OWASP's "Verifying Origin With Standard Headers" and Next's own server-action check.

export interface OriginInput {
  method: string;
  origin: string | undefined | null;
  secFetchSite: string | undefined | null;
  /** Host header (or X-Forwarded-Host when behind a trusted proxy). */
  host: string | undefined | null;
  /** Extra allowed origins (DRYDOCK_ORIGINS), e.g. a public https URL in front of a proxy. */
  allowed?: readonly string[];
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function checkOrigin(i: OriginInput): OriginVerdict {
  if (SAFE.has(i.method.toUpperCase())) return { ok: true };
  if (i.origin && i.origin !== "null") {
    let host: string;
    try {
      host = new URL(i.origin).host;
    } catch {
      return { ok: false, reason: `malformed Origin header "${i.origin}"` };
    }
    if (i.host && host === i.host) return { ok: true };
    if (i.allowed?.includes(i.origin)) return { ok: true };
    return { ok: false, reason: `cross-origin request from ${i.origin} refused` };
  }
  if (i.origin === "null") return { ok: false, reason: "request from an opaque origin refused" };
  // No Origin: only old browsers or non-browser clients. Fetch metadata, when present, decides.
  if (i.secFetchSite) {
    return i.secFetchSite === "same-origin" ? { ok: true } : { ok: false, reason: `cross-site request (Sec-Fetch-Site: ${i.secFetchSite}) refused` };
  }
  return { ok: false, reason: "request without an Origin header refused" };
}
