// The checker against a real lab: an RBAC exercise's setup, checks and solution through the lab's
// own kubectl (one lab: the machine is small).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../labs/lab.js";
import { startLabs } from "../../test/lab/helpers.js";
import { loadExerciseFile } from "../exercises/load.js";
import type { Exercise } from "../exercises/schema.js";
import { runChecks } from "./engine.js";
import { localLabAccess } from "./local-lab.js";
import { applySetup, applySolution } from "./selftest.js";
import type { LabAccess } from "./lab-access.js";

const FILE = path.resolve(import.meta.dirname, "../../exercises/cluster-architecture/rbac-role-pod-reader/exercise.yaml");

let lab: Lab;
let access: LabAccess;
let cleanup: () => Promise<void>;
let ex: Exercise;

beforeAll(async () => {
  const loaded = loadExerciseFile(FILE);
  expect(loaded.diagnostics).toEqual([]);
  ex = loaded.value!;
  const t = await startLabs();
  cleanup = t.cleanup;
  lab = await t.manager.create("checker-e2e");
  access = localLabAccess(lab);
}, 120_000);

afterAll(async () => cleanup?.());

const statuses = (r: Awaited<ReturnType<typeof runChecks>>) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));

describe("rbac-role-pod-reader in a real lab", () => {
  it("fails what the student has not done yet, after setup", async () => {
    expect(await applySetup(access, ex)).toBeUndefined();
    const r = await runChecks(access, ex);
    expect(statuses(r)).toEqual({
      "role-exists": "fail",
      "binding-subject": "fail",
      "jane-lists-pods": "fail",
      "jane-watches-pods": "fail",
      "jane-reads-logs": "fail",
      "jane-cannot-delete": "pass",
      "jane-no-secrets": "pass",
      "jane-only-dev": "pass",
    });
    expect(r.results[0].detail).toBe('Error from server (NotFound): roles.rbac.authorization.k8s.io "pod-reader" not found');
    expect(r.results[0].message).toBe("There is no Role pod-reader in namespace dev.");
  });

  it("fails a plausible but wrong answer: the binding names a ServiceAccount jane", async () => {
    const wrong = await access.exec("controlplane", "kubectl create role pod-reader -n dev --verb=get,list,watch --resource=pods,pods/log && kubectl create rolebinding jane-pod-reader -n dev --role=pod-reader --serviceaccount=dev:jane");
    expect(wrong.code).toBe(0);
    const r = await runChecks(access, ex);
    expect(statuses(r)).toMatchObject({ "role-exists": "pass", "binding-subject": "fail", "jane-lists-pods": "fail" });
    expect(r.results.find((x) => x.id === "binding-subject")!.detail).toBe('rolebindings.rbac.authorization.k8s.io/jane-pod-reader in namespace dev: subjects[0].kind: got "ServiceAccount"');
    await access.exec("controlplane", "kubectl delete role pod-reader -n dev && kubectl delete rolebinding jane-pod-reader -n dev");
  });

  it("passes every check after the solution, without touching the lab", async () => {
    expect(await applySolution(access, ex)).toBeUndefined();
    const before = await access.exec("controlplane", "kubectl get role,rolebinding -n dev -o jsonpath='{range .items[*]}{.metadata.resourceVersion}{\" \"}{end}'");
    const r = await runChecks(access, ex);
    expect(r.results.filter((x) => !x.passed)).toEqual([]);
    expect(r).toMatchObject({ score: 9, total: 9, points: 4, passed: true, errors: 0 });
    const after = await access.exec("controlplane", "kubectl get role,rolebinding -n dev -o jsonpath='{range .items[*]}{.metadata.resourceVersion}{\" \"}{end}'");
    expect(after.stdout).toBe(before.stdout);
  });

  it("reports a broken check as the exercise's error", async () => {
    const broken = { ...ex, checks: [{ ...ex.checks[0], resource: "rolez" }] } as Exercise;
    const r = await runChecks(access, broken);
    expect(r.results[0]).toMatchObject({ status: "error", detail: `the check is broken: kubectl get 'rolez' 'pod-reader' -n 'dev' -o name: error: the server doesn't have a resource type "rolez"` });
  });
});
