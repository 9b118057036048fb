import { describe, expect, it } from "vitest";
import { formatDiagnostic, parseExercise } from "./load.js";

// Line numbers matter below: each case edits one line of this file.
const VALID = `id: pod-reader
title: {en: Pod reader, ko: 파드 읽기}
domain: cluster-architecture
competency: Manage role based access control (RBAC)
difficulty: easy
points: 4
timeEstimateMinutes: 5
requires: [rbac]
prompt:
  en: Let jane read pods.
  ko: jane이 파드를 읽게 하세요.
checks:
  - id: can-list
    type: can-i
    as: jane
    verb: list
    resource: pods
    namespace: dev
    allowed: true
    message: {en: jane cannot list pods, ko: jane이 파드를 볼 수 없습니다}
solution:
  script: kubectl create role r --verb=list --resource=pods -n dev
explanation: {en: Roles grant, ko: Role이 권한을 줍니다}
`;

function edit(line: number, text: string): string {
  const lines = VALID.split("\n");
  lines[line - 1] = text;
  return lines.join("\n");
}

describe("parseExercise", () => {
  it("accepts a valid exercise and fills defaults", () => {
    const r = parseExercise(VALID, "x.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ lab: "default", hints: [], solution: { node: "controlplane" }, checks: [{ weight: 1 }] });
  });

  const cases: { name: string; text: string; want: string[] }[] = [
    { name: "an unknown top-level field", text: VALID + "author: me\n", want: ['x.yaml:24:1: unknown field "author"'] },
    { name: "an unknown field of a check", text: edit(18, "    namespce: dev"), want: ['x.yaml:18:5: checks[0]: unknown field "namespce"'] },
    { name: "a bad enum value", text: edit(5, "difficulty: trivial"), want: ['x.yaml:5:13: difficulty: must be one of: "easy", "medium", "hard"'] },
    { name: "an unknown check type", text: edit(14, "    type: can"), want: ["x.yaml:14:11: checks[0].type: must be one of: exists, absent, match, jsonpath, condition, can-i, http, dns, file, command"] },
    { name: "a missing required field", text: edit(11, ""), want: ["x.yaml:10:3: prompt.ko: is required"] },
    { name: "a wrong type", text: edit(6, "points: many"), want: ["x.yaml:6:9: points: Invalid input: expected number, received string"] },
    { name: "a competency of another domain", text: edit(4, "competency: Troubleshoot clusters and nodes"), want: [expect.stringMatching(/^x\.yaml:4:13: competency: is not a competency of domain cluster-architecture; one of: "Manage role based access control \(RBAC\)"/)] as unknown as string[] },
    { name: "an unknown feature", text: edit(8, "requires: [rbac, magic]"), want: ['x.yaml:8:18: requires[1]: must be one of: "rbac", "etcd", "workloads", "pod-exec", "network", "dns", "network-policy", "storage", "node-tools", "helm", "metrics", "ingress", "crd-apply", "native-sidecars", "oom-kill", "kubeadm-upgrade", "kubeadm-ha"'] },
    { name: "can-i without a subject", text: edit(15, ""), want: ["x.yaml:13:5: checks[0]: a can-i check needs exactly one of as or serviceAccount"] },
    { name: "a duplicate key is a YAML error", text: edit(7, "points: 5"), want: ['x.yaml:7:1: Map keys must be unique'] },
    { name: "a YAML syntax error", text: edit(2, "title: {en: Pod reader, ko: 파드 읽기"), want: [expect.stringMatching(/^x\.yaml:3:1: /)] as unknown as string[] },
    { name: "a bad regular expression in a text expectation", text: VALID.replace("    type: can-i\n    as: jane\n    verb: list\n    resource: pods\n    namespace: dev\n    allowed: true\n", "    type: command\n    run: hostname\n    stdout: {matches: '('}\n"), want: ["x.yaml:16:23: checks[0].stdout.matches: is not a valid JavaScript regular expression"] },
  ];
  it.each(cases)("$name", ({ text, want }) => {
    const r = parseExercise(text, "x.yaml");
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(want);
  });
});
