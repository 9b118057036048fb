import { describe, it, expect } from "vitest";
import path from "node:path";
import { loadCatalogue, setupScripts, groupByDomain } from "./exercises";
import { Exercise } from "../exercises/schema";

const fixtures = path.resolve(import.meta.dirname, "../../test/e2e/fixtures/exercises");

describe("loadCatalogue (lib/exercises' loader, in the UI locale)", () => {
  const cases = [
    { locale: "en" as const, titles: ["E2e namespace", "E2e answer file", "E2e configmap"], first: "Create the namespace `e2e-team`." },
    { locale: "ko" as const, titles: ["E2e 네임스페이스", "E2e 답 파일", "E2e 컨피그맵"], first: "네임스페이스 `e2e-team`을 만드세요." },
  ];
  for (const c of cases) {
    it(c.locale, () => {
      const cat = loadCatalogue(fixtures, c.locale);
      expect(cat.errors).toEqual([]);
      expect(cat.exercises.map((e) => e.title)).toEqual(c.titles);
      expect(cat.byId.get("e2e-namespace")).toMatchObject({ prompt: c.first, domain: "cluster-architecture", weight: 4, checks: [{ id: "namespace", weight: 1 }], context: { node: "controlplane" } });
    });
  }
  it("groups by the curriculum's domains in its order", () =>
    expect(groupByDomain(loadCatalogue(fixtures, "en").exercises).map((g) => [g.title, g.exercises.map((e) => e.id)])).toEqual([
      ["Cluster Architecture, Installation and Configuration", ["e2e-namespace"]],
      ["Workloads and Scheduling", ["e2e-configmap"]],
      ["Troubleshooting", ["e2e-answer"]],
    ]));
  it("reports a directory without exercises as empty", () => expect(loadCatalogue(path.join(fixtures, "nope"), "en")).toEqual({ exercises: [], byId: new Map(), errors: [] }));
});

describe("setupScripts", () => {
  const base = { id: "x", title: { en: "x", ko: "엑스" }, domain: "storage", competency: "Manage persistent volumes and persistent volume claims", difficulty: "easy", points: 1, timeEstimateMinutes: 1, prompt: { en: "p", ko: "피" }, checks: [{ id: "c", type: "command", run: "true", message: { en: "m", ko: "엠" } }], solution: { script: "true" }, explanation: { en: "e", ko: "이" } };
  it("none without setup", () => expect(setupScripts(Exercise.parse(base))).toEqual([]));
  it("manifests are applied before the script, on the setup's node", () => {
    const ex = Exercise.parse({ ...base, setup: { node: "node01", manifests: "kind: Namespace\napiVersion: v1\nmetadata: {name: a}", script: "touch /x" } });
    const s = setupScripts(ex);
    expect(s.map((x) => x.node)).toEqual(["node01", "node01"]);
    // lib/checker's own applier: the admin kubeconfig, whatever the student did to ~/.kube/config.
    expect(s[0].script).toBe("kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=10s apply -f - <<'DRYDOCK_EOF'\nkind: Namespace\napiVersion: v1\nmetadata: {name: a}\nDRYDOCK_EOF");
    expect(s[1].script).toBe("touch /x");
  });
});
