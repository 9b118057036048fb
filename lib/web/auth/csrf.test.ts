import { describe, it, expect } from "vitest";
import { checkOrigin, type OriginInput } from "./csrf";

// Cases follow OWASP's CSRF cheat sheet, "Verifying Origin With Standard Headers" and
// "Fetch Metadata headers".
describe("checkOrigin", () => {
  const base = { host: "drydock.test:3000", secFetchSite: null } as const;
  const cases: { name: string; in: OriginInput; want: ReturnType<typeof checkOrigin> }[] = [
    { name: "GET is safe", in: { ...base, method: "GET", origin: "https://evil.example" }, want: { ok: true } },
    { name: "same origin POST", in: { ...base, method: "POST", origin: "http://drydock.test:3000" }, want: { ok: true } },
    { name: "cross origin POST", in: { ...base, method: "POST", origin: "http://evil.example" }, want: { ok: false, reason: "cross-origin request from http://evil.example refused" } },
    { name: "same host, other port", in: { ...base, method: "POST", origin: "http://drydock.test:4000" }, want: { ok: false, reason: "cross-origin request from http://drydock.test:4000 refused" } },
    { name: "explicitly allowed origin", in: { ...base, method: "POST", origin: "https://labs.example", allowed: ["https://labs.example"] }, want: { ok: true } },
    { name: "opaque origin", in: { ...base, method: "POST", origin: "null" }, want: { ok: false, reason: "request from an opaque origin refused" } },
    { name: "malformed origin", in: { ...base, method: "POST", origin: "::" }, want: { ok: false, reason: 'malformed Origin header "::"' } },
    { name: "no Origin, same-origin fetch metadata", in: { ...base, method: "POST", origin: undefined, secFetchSite: "same-origin" }, want: { ok: true } },
    { name: "no Origin, cross-site fetch metadata", in: { ...base, method: "DELETE", origin: undefined, secFetchSite: "cross-site" }, want: { ok: false, reason: "cross-site request (Sec-Fetch-Site: cross-site) refused" } },
    { name: "no Origin, no metadata", in: { ...base, method: "POST", origin: undefined }, want: { ok: false, reason: "request without an Origin header refused" } },
  ];
  for (const c of cases) it(c.name, () => expect(checkOrigin(c.in)).toEqual(c.want));
});
