import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runExercisesCli, type LabProvider } from "./exercises-cli.js";
import type { LabAccess } from "../lib/checker/lab-access.js";

const REPO = path.resolve(import.meta.dirname, "..");
let root: string;
let out: string;
let err: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "drydock-ex-"));
  out = "";
  err = "";
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const io = (extra: { labs?: LabProvider; env?: Record<string, string> } = {}) => ({
  root,
  env: extra.env ?? {},
  labs: extra.labs,
  out: (s: string) => void (out += s),
  err: (s: string) => void (err += s),
});

/** A lab where `kubectl label namespace` makes the scaffold's check pass. */
function fakeLabs(log: string[]): LabProvider {
  return {
    async create(template, hint) {
      const state = { labelled: false };
      const name = `ex-${hint}`;
      log.push(`create ${name} ${template}`);
      const access: LabAccess = {
        async exec(_node, script) {
          if (script.startsWith("kubectl label namespace")) state.labelled = true;
          if (script.includes(" get 'namespace'")) return { stdout: JSON.stringify({ metadata: { labels: state.labelled ? { done: "true" } : {} } }), stderr: "", code: 0 };
          return { stdout: "", stderr: "", code: 0 };
        },
      };
      return { name, access };
    },
    async delete(name) {
      log.push(`delete ${name}`);
    },
  };
}

describe("drydock exercises", () => {
  it("new scaffolds an exercise that validates, and refuses to overwrite it", async () => {
    expect(await runExercisesCli(["new", "storage/pvc-resize"], io())).toBe(0);
    const file = path.join(root, "exercises/storage/pvc-resize/exercise.yaml");
    expect(readFileSync(file, "utf8")).toContain("id: pvc-resize\n");
    expect(await runExercisesCli(["validate"], io())).toBe(0);
    expect(out).toContain("1 valid, 0 invalid (0 errors)\n");
    expect(await runExercisesCli(["new", "storage/pvc-resize"], io())).toBe(1);
    expect(await runExercisesCli(["new", "security/x"], io())).toBe(2);
    expect(err).toContain("drydock exercises new: unknown domain security (one of: cluster-architecture, workloads-scheduling, services-networking, storage, troubleshooting)");
  });

  it("validate prints file:line:col errors and exits 1", async () => {
    for (const id of ["storage/a", "troubleshooting/b", "storage/c"]) await runExercisesCli(["new", id], io());
    const file = (id: string) => path.join(root, "exercises", id, "exercise.yaml");
    const rewrite = (id: string, from: string, to: string) => writeFileSync(file(id), readFileSync(file(id), "utf8").replace(from, to));
    rewrite("storage/a", "  ko: TODO 제목", "  ko: TODO title");
    rewrite("troubleshooting/b", "id: b", "id: a");
    rewrite("storage/c", "difficulty: easy", "difficulty: easy\ncolour: red");
    out = err = "";
    expect(await runExercisesCli(["validate", path.join(root, "exercises")], io())).toBe(1);
    const rel = (id: string) => path.relative(process.cwd(), file(id));
    expect(err).toBe(
      [
        `${rel("storage/a")}:5:7: title.ko: has no Korean text`,
        `${rel("storage/c")}:9:1: unknown field "colour"`,
        `${rel("troubleshooting/b")}:2:5: id: must equal its directory name "b"`,
        `${rel("troubleshooting/b")}:2:5: id: "a" is already the id of ${file("storage/a")}`,
      ].join("\n") + "\n",
    );
    expect(out).toBe("0 valid, 3 invalid (4 errors)\n");
  });

  it("test runs setup, checks, solution and checks in a fresh lab per exercise, then deletes it", async () => {
    await runExercisesCli(["new", "storage/a"], io());
    await runExercisesCli(["new", "storage/b"], io());
    const fb = path.join(root, "exercises/storage/b/exercise.yaml");
    writeFileSync(fb, readFileSync(fb, "utf8").replace("requires: []", "requires: [kubeadm-ha]"));
    const log: string[] = [];
    out = err = "";
    expect(await runExercisesCli(["test", "--all", "-j", "2"], io({ labs: fakeLabs(log) }))).toBe(0);
    expect(log).toEqual(["create ex-a default", "delete ex-a"]);
    expect(out.replace(/ {3}\d+\.\d /, "   X.X ")).toBe(
      ["EXERCISE   RESULT   SECONDS   DETAIL", "a          PASS     X.X       ok", "b          SKIP     -         the simulator cannot do kubeadm-ha yet", "1 passed, 0 failed, 1 skipped", ""].join("\n"),
    );
  });

  it("test fails an exercise whose checks already pass after setup", async () => {
    await runExercisesCli(["new", "storage/a"], io());
    const fa = path.join(root, "exercises/storage/a/exercise.yaml");
    writeFileSync(fa, readFileSync(fa, "utf8").replace("  script: |\n    kubectl create namespace a\n", "  script: |\n    kubectl label namespace a done=true\n"));
    out = err = "";
    expect(await runExercisesCli(["test", "a"], io({ labs: fakeLabs([]) }))).toBe(1);
    expect(out).toMatch(/^a +FAIL +\d+\.\d +every check already passes after setup, before the solution$/m);
    expect(out).toContain("0 passed, 1 failed\n");
  });

  it("list shows what each exercise needs; DRYDOCK_FEATURES overrides the simulator's", async () => {
    cpSync(path.join(REPO, "exercises/storage"), path.join(root, "exercises/storage"), { recursive: true });
    expect(await runExercisesCli(["list", "--domain", "storage"], io({ env: { DRYDOCK_FEATURES: "storage" } }))).toBe(0);
    expect(out).toMatch(/^pv-pvc-static +storage +medium +6 +7 +storage +yes$/m);
    mkdirSync(path.join(root, "x"));
    expect(await runExercisesCli(["list"], io({ env: { DRYDOCK_FEATURES: "warp" } }))).toBe(2);
    expect(err).toContain("DRYDOCK_FEATURES: unknown features warp");
  });
});
