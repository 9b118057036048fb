import { describe, expect, it } from "vitest";
import { matchTree, validateTree } from "./match.js";

const role = {
  metadata: { name: "pod-reader", namespace: "dev", labels: { team: "a" } },
  rules: [
    { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] },
  ],
};

describe("matchTree", () => {
  const cases: { name: string; expected: unknown; actual: unknown; want: null | { path: string; reason: string } }[] = [
    { name: "only given fields are compared", expected: { metadata: { name: "pod-reader" } }, actual: role, want: null },
    { name: "a differing scalar", expected: { metadata: { namespace: "prod" } }, actual: role, want: { path: "metadata.namespace", reason: 'got "dev"' } },
    { name: "a missing field", expected: { metadata: { annotations: { a: "b" } } }, actual: role, want: { path: "metadata.annotations", reason: "is missing" } },
    { name: "lists match by content, in any order", expected: { rules: [{ resources: ["deployments"] }, { verbs: ["watch", "get"] }] }, actual: role, want: null },
    { name: "a literal * is just a string", expected: { rules: [{ verbs: ["*"] }] }, actual: role, want: null },
    { name: "a list element nobody matches", expected: { rules: [{ verbs: ["delete"] }] }, actual: role, want: { path: "rules", reason: 'no element matches {"verbs":["delete"]}' } },
    { name: "two expected elements need two actual ones", expected: { l: [{ a: 1 }, { a: 1 }] }, actual: { l: [{ a: 1, b: 2 }, { a: 2 }] }, want: { path: "l", reason: "the expected elements need 2 different elements, got 2" } },
    { name: "a one-element list explains the element", expected: { l: [{ a: 1 }] }, actual: { l: [{ a: 2 }] }, want: { path: "l[0].a", reason: "got 2" } },
    { name: "(>=) on numbers", expected: { spec: { replicas: { "(>=)": 2 } } }, actual: { spec: { replicas: 3 } }, want: null },
    { name: "(>=) fails", expected: { spec: { replicas: { "(>=)": 4 } } }, actual: { spec: { replicas: 3 } }, want: { path: "spec.replicas", reason: "got 3, not >= 4" } },
    { name: "(==) compares quantities", expected: { hard: { "requests.memory": { "(==)": "4Gi" } } }, actual: { hard: { "requests.memory": "4096Mi" } }, want: null },
    { name: "(<) compares quantities", expected: { cpu: { "(<)": "1" } }, actual: { cpu: "500m" }, want: null },
    { name: "(len) of a list", expected: { rules: { "(len)": 2 } }, actual: role, want: null },
    { name: "(len) with an expression", expected: { rules: { "(len)": { "(>)": 2 } } }, actual: role, want: { path: "rules(len)", reason: "got 2, not > 2" } },
    { name: "(matches) a regular expression", expected: { metadata: { name: { "(matches)": "^pod-" } } }, actual: role, want: null },
    { name: "(glob) wildcards", expected: { metadata: { name: { "(glob)": "pod-*" } } }, actual: role, want: null },
    { name: "(glob) is anchored", expected: { metadata: { name: { "(glob)": "reader*" } } }, actual: role, want: { path: "metadata.name", reason: 'got "pod-reader"' } },
    { name: "(in) a set", expected: { metadata: { namespace: { "(in)": ["dev", "test"] } } }, actual: role, want: null },
    { name: "(in) with null admits a missing field", expected: { selector: { tier: { "(in)": ["backend", null] } } }, actual: { selector: {} }, want: null },
    { name: "(in) without null refuses a missing field", expected: { selector: { tier: { "(in)": ["backend"] } } }, actual: { selector: {} }, want: { path: "selector.tier", reason: "is missing" } },
    { name: "(exists) false on a missing field", expected: { metadata: { deletionTimestamp: { "(exists)": false } } }, actual: role, want: null },
    { name: "(exists) false on a present field", expected: { metadata: { name: { "(exists)": false } } }, actual: role, want: { path: "metadata.name", reason: 'should not be set, got "pod-reader"' } },
    { name: "(!=) holds for a missing field", expected: { metadata: { annotations: { "(!=)": "x" } } }, actual: role, want: null },
    { name: "(none) no element matches", expected: { spec: { taints: { "(none)": { key: "maintenance" } } } }, actual: { spec: { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] } }, want: null },
    { name: "(none) on a missing list", expected: { spec: { taints: { "(none)": { key: "maintenance" } } } }, actual: { spec: {} }, want: null },
    { name: "(none) fails", expected: { t: { "(none)": { key: "m" } } }, actual: { t: [{ key: "a" }, { key: "m", v: 1 }] }, want: { path: "t", reason: 'element [1] matches what no element should: {"key":"m","v":1}' } },
    { name: "(all) elements", expected: { c: { "(all)": { image: { "(glob)": "nginx:*" } } } }, actual: { c: [{ image: "nginx:1.27" }, { image: "redis:7" }] }, want: { path: "c[1].image", reason: 'got "redis:7"' } },
    { name: "(not) a subtree", expected: { metadata: { labels: { "(not)": { team: "a" } } } }, actual: role, want: { path: "metadata.labels", reason: 'matches what it should not: {"team":"a"}' } },
    { name: "(exact) compares whole values", expected: { metadata: { labels: { "(exact)": { team: "a" } } } }, actual: role, want: null },
    { name: "(exact) refuses extra keys", expected: { m: { "(exact)": { a: 1 } } }, actual: { m: { a: 1, b: 2 } }, want: { path: "m", reason: 'got {"a":1,"b":2}' } },
    { name: "(base64) decodes Secret data", expected: { data: { password: { "(base64)": "s3cr3t" } } }, actual: { data: { password: "czNjcjN0" } }, want: null },
    { name: "(contains) a substring", expected: { s: { "(contains)": "--token" } }, actual: { s: "kubeadm join --token abc" }, want: null },
    { name: "numbers are not strings", expected: { port: "80" }, actual: { port: 80 }, want: { path: "port", reason: "got 80" } },
    { name: "null matches a missing field", expected: { a: null }, actual: {}, want: null },
    { name: "an object where a list is", expected: { rules: { a: 1 } }, actual: role, want: { path: "rules", reason: expect.stringMatching(/^expected an object, got \[/) as unknown as string } },
  ];
  it.each(cases)("$name", ({ expected, actual, want }) => {
    expect(matchTree(expected, actual)).toEqual(want);
  });
});

describe("validateTree", () => {
  const cases: { name: string; tree: unknown; want: { path: (string | number)[]; message: string }[] }[] = [
    { name: "a valid tree", tree: { spec: { replicas: { "(>=)": 2 }, template: [{ a: { "(len)": { "(<)": 3 } } }] } }, want: [] },
    { name: "an unknown operator", tree: { a: { "(gte)": 2 } }, want: [{ path: ["a", "(gte)"], message: expect.stringMatching(/^unknown operator \(gte\); known: \(==\)/) as unknown as string }] },
    { name: "operators mixed with fields", tree: { a: { "(==)": 1, b: 2 } }, want: [{ path: ["a"], message: "operators like (==) cannot be mixed with field names in one map" }] },
    { name: "a bad regular expression", tree: { a: [{ b: { "(matches)": "(" } }] }, want: [{ path: ["a", 0, "b", "(matches)"], message: "(matches) is not a valid regular expression" }] },
    { name: "(in) without a list", tree: { a: { "(in)": "x" } }, want: [{ path: ["a", "(in)"], message: "(in) needs a list" }] },
    { name: "(>) with text", tree: { a: { "(>)": "many" } }, want: [{ path: ["a", "(>)"], message: "(>) needs a number or a quantity" }] },
  ];
  it.each(cases)("$name", ({ tree, want }) => {
    expect(validateTree(tree)).toEqual(want);
  });
});
