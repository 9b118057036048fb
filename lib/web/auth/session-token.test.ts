import { describe, it, expect } from "vitest";
import { sessionCookie, readCookie, csrfToken, csrfTokenValid, sessionIdOf, newToken } from "./session-token";

describe("session cookie", () => {
  const cases = [
    { name: "http", o: { secure: false, maxAgeSeconds: 60 }, want: "drydock_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60" },
    { name: "https adds Secure", o: { secure: true }, want: "drydock_session=tok; Path=/; HttpOnly; SameSite=Lax; Secure" },
  ];
  for (const c of cases) it(c.name, () => expect(sessionCookie("tok", c.o)).toBe(c.want));

  const reads = [
    { name: "among others", header: "a=1; drydock_session=abc; b=2", want: "abc" },
    { name: "absent", header: "a=1", want: undefined },
    { name: "no header", header: undefined, want: undefined },
    { name: "prefix of another name", header: "drydock_session_x=1", want: undefined },
  ];
  for (const c of reads) it(`reads the cookie: ${c.name}`, () => expect(readCookie(c.header, "drydock_session")).toBe(c.want));
});

describe("tokens", () => {
  it("stores only a hash of the token", () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionIdOf(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf(t)).not.toContain(t);
  });
  it("CSRF token is bound to session and secret", () => {
    const tok = csrfToken("s1", "secret");
    expect(csrfTokenValid("s1", "secret", tok)).toBe(true);
    expect(csrfTokenValid("s2", "secret", tok)).toBe(false);
    expect(csrfTokenValid("s1", "other", tok)).toBe(false);
    expect(csrfTokenValid("s1", "secret", undefined)).toBe(false);
    expect(csrfTokenValid("s1", "secret", "short")).toBe(false);
  });
});
