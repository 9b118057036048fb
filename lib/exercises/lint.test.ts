import { describe, expect, it } from "vitest";
import { lintExercise } from "./lint.js";
import { formatDiagnostic, parseExercise } from "./load.js";

const FILE = "/x/cluster-architecture/pod-reader/exercise.yaml";
const BASE = `id: pod-reader
title: {en: Pod reader, ko: 파드 읽기}
domain: cluster-architecture
competency: Manage role based access control (RBAC)
difficulty: easy
points: 4
timeEstimateMinutes: 5
prompt: {en: Make a role., ko: Role을 만드세요.}
checks:
  - id: role
    type: exists
    resource: role
    name: r
    namespace: dev
    message: {en: no role, ko: Role이 없습니다}
solution:
  script: kubectl create role r --verb=list --resource=pods -n dev
explanation: {en: Roles grant, ko: Role이 권한을 줍니다}
`;

function lint(extra: string): string[] {
  const r = parseExercise(BASE + extra, FILE);
  expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  return lintExercise(r.value!, FILE, r.source!).map(formatDiagnostic);
}

describe("lintExercise: wrongAnswers", () => {
  const cases: { name: string; extra: string; want: string[] }[] = [
    {
      name: "a wrong answer naming an existing check",
      extra: "wrongAnswers:\n  - {id: other-ns, description: in default, script: kubectl create role r --verb=list --resource=pods, fails: [role]}\n",
      want: [],
    },
    {
      name: "a check id that does not exist",
      extra: "wrongAnswers:\n  - id: other-ns\n    description: in default\n    script: 'true'\n    fails: [role, rolez]\n",
      want: [`${FILE}:23:19: wrongAnswers[0].fails[1]: names no check of this exercise: "rolez"`],
    },
    {
      name: "two wrong answers with one id",
      extra: "wrongAnswers:\n  - {id: w, description: a, script: 'true', fails: [role]}\n  - {id: w, description: b, script: 'true', fails: [role]}\n",
      want: [`${FILE}:21:10: wrongAnswers[1].id: duplicates the id of wrongAnswers[0]`],
    },
  ];
  it.each(cases)("$name", ({ extra, want }) => {
    expect(lint(extra)).toEqual(want);
  });

  it("rejects a wrong answer without checks to fail", () => {
    const r = parseExercise(BASE + "wrongAnswers:\n  - {id: w, description: a, script: 'true', fails: []}\n", FILE);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([`${FILE}:20:52: wrongAnswers[0].fails: Too small: expected array to have >=1 items`]);
  });
});
