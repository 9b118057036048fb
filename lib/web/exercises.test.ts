import { describe, it, expect } from "vitest";
import path from "node:path";
import { loadCatalogue, setupScripts, groupByDomain, taskContext } from "./exercises";
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

describe("taskContext", () => {
  const base = { id: "x", title: { en: "x", ko: "엑스" }, domain: "storage", competency: "Manage persistent volumes and persistent volume claims", difficulty: "easy", points: 1, timeEstimateMinutes: 1, prompt: { en: "p", ko: "피" }, solution: { script: "true" }, explanation: { en: "e", ko: "이" } };
  const msg = { en: "m", ko: "엠" };
  const cases = [
    { name: "no namespaced checks: the solution's node", ex: { checks: [{ id: "c", type: "command", run: "true", message: msg }] }, want: { node: "controlplane" } },
    { name: "the setup's node wins", ex: { setup: { node: "node02", script: "true" }, solution: { node: "node01", script: "true" }, checks: [{ id: "c", type: "file", node: "node02", path: "/x", message: msg }] }, want: { node: "node02" } },
    {
      name: "one namespace across checks, pods' namespaces included",
      ex: { checks: [{ id: "a", type: "exists", resource: "pod", name: "p", namespace: "web", message: msg }, { id: "b", type: "http", from: { pod: "p", namespace: "web" }, url: "http://s", message: msg }] },
      want: { node: "controlplane", namespace: "web" },
    },
    { name: "a pod check's default namespace counts", ex: { checks: [{ id: "b", type: "dns", from: { pod: "p" }, query: "kubernetes", message: msg }] }, want: { node: "controlplane", namespace: "default" } },
    {
      name: "two namespaces, or all (*): none shown",
      ex: { checks: [{ id: "a", type: "exists", resource: "pod", name: "p", namespace: "a", message: msg }, { id: "b", type: "can-i", as: "jane", verb: "get", resource: "pods", namespace: "*", allowed: true, message: msg }, { id: "c", type: "exists", resource: "pod", name: "q", namespace: "b", message: msg }] },
      want: { node: "controlplane" },
    },
  ];
  for (const c of cases) it(c.name, () => expect(taskContext(Exercise.parse({ ...base, ...c.ex }))).toEqual(c.want));
  it("the fixtures' contexts", () => expect(loadCatalogue(fixtures, "en").exercises.map((e) => [e.id, e.context])).toEqual([["e2e-namespace", { node: "controlplane" }], ["e2e-answer", { node: "node01" }], ["e2e-configmap", { node: "controlplane", namespace: "default" }]]));
});
