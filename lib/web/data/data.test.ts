import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../db/migrate";
import { openDb, type Db } from "../db/client";
import { signUp, signIn, sessionFromToken } from "./accounts";
import { labOwner, ownReadyLab } from "./labs";
import { createClass, joinClass, dashboard, dashboardCsv } from "./classes";
import { recordCheck, progress } from "./attempts";
import { startExam, getExam, submitExam } from "./exams";
import type { Viewer } from "../roles";

let dir: string;
let db: Db;
const users: Record<string, Viewer> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "drydock-data-"));
  const cfg = { provider: "sqlite" as const, url: path.join(dir, "t.db") };
  await applyMigrations(cfg, path.resolve(import.meta.dirname, "../../../prisma/migrations"));
  db = await openDb(cfg);
  for (const [n, email] of [["admin", "root@x.test"], ["ann", "ann@x.test"], ["ben", "ben@x.test"]]) {
    const r = await signUp(db, { email, name: n, password: "long enough" });
    if (!r.ok) throw new Error(r.error);
    users[n] = r.viewer;
  }
});
afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("accounts", () => {
  it("makes the first account admin and later ones students", () => expect([users.admin.role, users.ann.role]).toEqual(["admin", "student"]));
  it("refuses a second account with the same e-mail", async () => expect(await signUp(db, { email: "ann@x.test", name: "A", password: "long enough" })).toEqual({ ok: false, error: "emailTaken" }));
  it("signs in with the right password only", async () => {
    expect(await signIn(db, { email: "ann@x.test", password: "wrong one!" })).toEqual({ ok: false, error: "badCredentials" });
    expect(await signIn(db, { email: "nobody@x.test", password: "long enough" })).toEqual({ ok: false, error: "badCredentials" });
    const r = await signIn(db, { email: "ann@x.test", password: "long enough" });
    expect(r.ok && (await sessionFromToken(db, r.token))?.viewer.email).toBe("ann@x.test");
  });
  it("forgets expired sessions", async () => {
    const r = await signIn(db, { email: "ben@x.test", password: "long enough" }, new Date(0));
    expect(r.ok && (await sessionFromToken(db, r.token))).toBeUndefined();
  });
});

describe("ownership", () => {
  it("a lab is reachable only by its owner, and only when ready", async () => {
    await db.labSession.create({ data: { id: "l1", userId: users.ann.id, labName: "u-ann", status: "ready" } });
    await db.labSession.create({ data: { id: "l2", userId: users.ann.id, labName: "u-old", status: "ended" } });
    expect(await labOwner(db, "u-ann")).toBe(users.ann.id);
    expect(await labOwner(db, "u-old")).toBeUndefined();
    expect((await ownReadyLab(db, users.ann, "u-ann"))?.labName).toBe("u-ann");
    expect(await ownReadyLab(db, users.ben, "u-ann")).toBeUndefined();
  });
});

describe("classes", () => {
  it("students cannot create classes or see dashboards", async () => {
    await expect(createClass(db, users.ann, "x")).rejects.toThrow("your role (student) may not do this");
  });
  it("the dashboard shows members' progress and exports CSV", async () => {
    await db.user.update({ where: { id: users.ben.id }, data: { role: "instructor" } });
    const ben = { ...users.ben, role: "instructor" as const };
    const c = await createClass(db, ben, "CKA =morning");
    expect(c.inviteCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(await joinClass(db, users.ann, c.inviteCode.toLowerCase())).toBe(true);
    expect(await joinClass(db, users.ann, "NOPE")).toBe(false);
    await recordCheck(db, users.ann, "ex-1", [{ id: "a", description: "", passed: true, message: "OK", weight: 1 }], null, new Date());
    expect((await progress(db, users.ann)).get("ex-1")).toEqual({ passed: true, checks: 1, solutionShown: false, hintsShown: 0 });
    const d = await dashboard(db, ben, c.id, ["ex-1", "ex-2"]);
    expect(d.rows.map((r) => [r.name, r.cells.map((x) => x.status)])).toEqual([["ann", ["passed", "none"]]]);
    expect(dashboardCsv({ ...d, rows: d.rows.map((r) => ({ ...r, name: "=cmd()" })) })).toBe(
      "student,email,ex-1 status,ex-1 checks,ex-1 minutes,ex-2 status,ex-2 checks,ex-2 minutes,best exam %\r\n'=cmd(),ann@x.test,passed,1,0,none,0,0,\r\n",
    );
    await expect(dashboard(db, { ...users.ann, role: "instructor" }, c.id, [])).rejects.toThrow("not your class");
  });
});

describe("exams", () => {
  it("a course exam keeps its plan (points, contexts, pass mark) beside the task list", async () => {
    const plan = { title: "Mock 1", passPercent: 70, tasks: [{ exerciseId: "t1", points: 7, context: { node: "node01", namespace: "web", kubectlContext: "k8s" } }] };
    const now = new Date("2025-01-01T10:00:00Z");
    const e = await startExam(db, users.ben, "mock-exam-1", ["t1"], now, 60_000, plan);
    expect((await getExam(db, users.ben, e.id))?.state).toEqual({ tasks: ["t1"], flags: [], plan });
    const report = { tasks: [], total: 7, earned: 7, percent: 100, passed: true, passPercent: 70 };
    expect((await submitExam(db, users.ben, e.id, report, now))?.state).toEqual({ tasks: ["t1"], flags: [], plan, report });
    // Another student cannot read it.
    expect(await getExam(db, users.ann, e.id)).toBeUndefined();
  });
});
