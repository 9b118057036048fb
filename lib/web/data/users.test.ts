import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../db/migrate";
import { openDb, type Db } from "../db/client";
import { signUp, sessionFromToken } from "./accounts";
import { listUsers, setUserRole } from "./users";
import type { Viewer } from "../roles";

let dir: string;
let db: Db;
const users: Record<string, Viewer> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "drydock-users-"));
  const cfg = { provider: "sqlite" as const, url: path.join(dir, "t.db") };
  await applyMigrations(cfg, path.resolve(import.meta.dirname, "../../../prisma/migrations"));
  db = await openDb(cfg);
  for (const n of ["root", "ann", "ben"]) {
    const r = await signUp(db, { email: `${n}@x.test`, name: n, password: "long enough" });
    if (!r.ok) throw new Error(r.error);
    users[n] = r.viewer;
    tokens[n] = r.token;
  }
});
afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("who may administer users", () => {
  const cases: { name: string; who: () => Viewer | undefined; error: string }[] = [
    { name: "nobody signed in", who: () => undefined, error: "sign in first" },
    { name: "a student", who: () => users.ann, error: "your role (student) may not do this" },
    { name: "an instructor", who: () => ({ ...users.ben, role: "instructor" }), error: "your role (instructor) may not do this" },
  ];
  for (const c of cases) {
    it(`${c.name} cannot list users`, async () => expect(listUsers(db, c.who() as Viewer)).rejects.toThrow(c.error));
    it(`${c.name} cannot change a role`, async () => expect(setUserRole(db, c.who() as Viewer, users.ann.id, "admin")).rejects.toThrow(c.error));
  }
});

describe("an admin", () => {
  it("lists every account by e-mail, and filters", async () => {
    expect(await listUsers(db, users.root)).toEqual([
      { id: users.ann.id, email: "ann@x.test", name: "ann", role: "student" },
      { id: users.ben.id, email: "ben@x.test", name: "ben", role: "student" },
      { id: users.root.id, email: "root@x.test", name: "root", role: "admin" },
    ]);
    expect((await listUsers(db, users.root, " BEN ")).map((u) => u.email)).toEqual(["ben@x.test"]);
  });

  it("changes a role, effective on the user's next request", async () => {
    expect(await setUserRole(db, users.root, users.ben.id, "instructor")).toEqual({ id: users.ben.id, email: "ben@x.test", name: "ben", role: "instructor" });
    expect((await sessionFromToken(db, tokens.ben))?.viewer.role).toBe("instructor");
  });

  const refused: { name: string; target: () => string; role: string; error: string }[] = [
    { name: "an unknown role", target: () => users.ann.id, role: "superuser", error: 'unknown role "superuser"' },
    { name: "an unknown user", target: () => "nope", role: "student", error: "no such user" },
    { name: "demoting the last admin (itself)", target: () => users.root.id, role: "student", error: "the last admin cannot be demoted; make another user admin first" },
  ];
  for (const c of refused) it(`refuses ${c.name}`, async () => expect(setUserRole(db, users.root, c.target(), c.role)).rejects.toThrow(c.error));

  it("may step down once another admin exists", async () => {
    await setUserRole(db, users.root, users.ann.id, "admin");
    expect((await setUserRole(db, users.root, users.root.id, "student")).role).toBe("student");
    expect((await listUsers(db, { ...users.ann, role: "admin" })).map((u) => [u.name, u.role])).toEqual([
      ["ann", "admin"],
      ["ben", "instructor"],
      ["root", "student"],
    ]);
  });
});
