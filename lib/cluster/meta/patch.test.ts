// Strategic merge cases translated from k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go
// (Current + ThreeWay patch -> Result), merge patch cases from RFC 7386 appendix A, and JSON
// patch cases from RFC 6902 appendix A.
import { describe, expect, it } from "vitest";
import { jsonMergePatch, jsonPatch, PatchError, strategicMergePatch, type PatchMeta } from "./patch";
import { builtinPatchMeta } from "./patch-meta";

// The struct tags of upstream's test type MergeItem.
const testMeta: PatchMeta = (path) => {
  const f = path[path.length - 1];
  if (f === "mergingList") return { strategy: "merge", mergeKey: "name" };
  if (f === "mergingIntList") return { strategy: "merge" };
  if (f === "replacingItem") return { strategy: "replace" };
  if (f === "retainKeysMap") return { strategy: "retainKeys" };
  if (f === "retainKeysMergingList") return { strategy: "merge,retainKeys", mergeKey: "name" };
  return {};
};
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("strategic merge patch (patch_test.go)", () => {
  const cases: [string, object, object, object][] = [
    ["delete map from merging list",
      { mergingList: [{ name: "1" }, { name: "2", other: "b" }] },
      { "$setElementOrder/mergingList": [{ name: "2" }], mergingList: [{ name: "1", $patch: "delete" }] },
      { mergingList: [{ name: "2", other: "b" }] }],
    ["add map and delete map from merging list",
      { mergingList: [{ name: "1" }, { name: "2", other: "b" }, { name: "4", other: "c" }] },
      { "$setElementOrder/mergingList": [{ name: "2" }, { name: "3" }], mergingList: [{ name: "3" }, { name: "1", $patch: "delete" }] },
      { mergingList: [{ name: "2", other: "b" }, { name: "4", other: "c" }, { name: "3" }] }],
    ["add and delete an item in a list and preserve order",
      { mergingList: [{ name: "1", other: "a" }, { name: "2", value: "2", other: "b" }, { name: "3", value: "3" }] },
      { "$setElementOrder/mergingList": [{ name: "4" }, { name: "2" }, { name: "1" }], mergingList: [{ name: "4", value: "4" }, { name: "3", $patch: "delete" }] },
      { mergingList: [{ name: "4", value: "4" }, { name: "2", value: "2", other: "b" }, { name: "1", other: "a" }] }],
    ["delete field from map in merging list",
      { mergingList: [{ name: "1", value: "1", other: "a" }, { name: "2", value: "2" }] },
      { "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }], mergingList: [{ name: "1", value: null }] },
      { mergingList: [{ name: "1", other: "a" }, { name: "2", value: "2" }] }],
    ["merging int list adds and keeps order",
      { mergingIntList: [1, 2] }, { "$setElementOrder/mergingIntList": [1, 2, 3], mergingIntList: [3] }, { mergingIntList: [1, 2, 3] }],
    ["$deleteFromPrimitiveList deletes from a merging list",
      { mergingIntList: [1, 2, 3] }, { "$deleteFromPrimitiveList/mergingIntList": [2] }, { mergingIntList: [1, 3] }],
    ["$deleteFromPrimitiveList of a missing list adds nothing",
      { name: "x" }, { "$deleteFromPrimitiveList/mergingIntList": [2] }, { name: "x" }],
    ["non-merging list is replaced",
      { nonMergingList: [{ name: "1" }, { name: "2" }] }, { nonMergingList: [{ name: "3" }] }, { nonMergingList: [{ name: "3" }] }],
    ["$patch: replace on a list",
      { mergingList: [{ name: "1" }, { name: "2" }] }, { mergingList: [{ name: "3" }, { $patch: "replace" }] }, { mergingList: [{ name: "3" }] }],
    ["$patch: replace on a map",
      { mergeItemPtr: { name: "a", value: "1" } }, { mergeItemPtr: { name: "b", $patch: "replace" } }, { mergeItemPtr: { name: "b" } }],
    ["$patch: delete on a map",
      { mergeItemPtr: { name: "a" }, name: "x" }, { mergeItemPtr: { $patch: "delete" } }, { mergeItemPtr: {}, name: "x" }],
    ["replace strategy on a map", { replacingItem: { a: 1, b: 2 } }, { replacingItem: { c: 3 } }, { replacingItem: { c: 3 } }],
    ["retainKeys drops unlisted fields",
      { retainKeysMap: { name: "foo", value: "bar", other: "x" } }, { retainKeysMap: { $retainKeys: ["name", "value"], value: "baz" } },
      { retainKeysMap: { name: "foo", value: "baz" } }],
    ["null deletes, nested directives are stripped from new values",
      { a: 1, b: 2 }, { a: null, c: { d: 1, e: { $patch: "delete" } } }, { b: 2, c: { d: 1 } }],
  ];
  it.each(cases)("%s", (_n, current, patch, result) => expect(plain(strategicMergePatch(current, patch, testMeta))).toEqual(result));

  const errors: [string, object, object, string][] = [
    ["missing merge key", { mergingList: [{ name: "1" }] }, { mergingList: [{ value: "1" }] }, "map: map[value:1] does not contain declared merge key: name"],
    ["unknown directive", { mergeItemPtr: { name: "a" } }, { mergeItemPtr: { $patch: "foo" } }, "unknown patch type: foo in map: map[$patch:foo]"],
    ["$patch: merge in a list", { mergingList: [{ name: "1" }] }, { mergingList: [{ $patch: "merge" }] }, "merging lists cannot yet be specified in the patch"],
  ];
  it.each(errors)("%s", (_n, current, patch, msg) => expect(() => strategicMergePatch(current, patch, testMeta)).toThrow(new PatchError(msg)));
});

describe("built-in patch strategies", () => {
  // Without $setElementOrder, mergeSortedSlice puts patch items before server-only ones whose
  // order it cannot compare, so a new env var lands first (as on a real cluster).
  it("merges deployment containers by name and env by name", () => {
    const dep = { spec: { replicas: 1, template: { spec: { containers: [{ name: "a", image: "nginx:1", env: [{ name: "X", value: "1" }] }, { name: "b", image: "busybox" }] } } } };
    const patch = { spec: { template: { spec: { containers: [{ name: "a", image: "nginx:2", env: [{ name: "Y", value: "2" }] }] } } } };
    expect(plain(strategicMergePatch(dep, patch, builtinPatchMeta("Deployment")))).toEqual({ spec: { replicas: 1, template: { spec: { containers: [
      { name: "a", image: "nginx:2", env: [{ name: "Y", value: "2" }, { name: "X", value: "1" }] }, { name: "b", image: "busybox" }] } } } });
  });
  it("replaces tolerations (no strategy) and merges service ports by port", () => {
    const pod = { spec: { tolerations: [{ key: "a" }], containers: [] } };
    expect(plain(strategicMergePatch(pod, { spec: { tolerations: [{ key: "b" }] } }, builtinPatchMeta("Pod")))).toEqual({ spec: { tolerations: [{ key: "b" }], containers: [] } });
    const svc = { spec: { ports: [{ port: 80, name: "http" }, { port: 443, name: "https" }] } };
    expect(plain(strategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 8080 }] } }, builtinPatchMeta("Service"))))
      .toEqual({ spec: { ports: [{ port: 80, name: "http", targetPort: 8080 }, { port: 443, name: "https" }] } });
  });
  it("merges metadata.finalizers as a set, in the patch's order", () => {
    expect(plain(strategicMergePatch({ metadata: { finalizers: ["a"] } }, { metadata: { finalizers: ["b", "a"] } }, builtinPatchMeta("Pod"))))
      .toEqual({ metadata: { finalizers: ["b", "a"] } });
  });
});

describe("JSON merge patch (RFC 7386 appendix A)", () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: "b" }, { a: "c" }, { a: "c" }], [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }], [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }], [{ a: ["b"] }, { a: "c" }, { a: "c" }], [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }], [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]], [{ a: "b" }, ["c"], ["c"]], [{ a: "foo" }, null, null], [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }], [[1, 2], { a: "b", c: null }, { a: "b" }], [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)("%j + %j", (o, p, want) => expect(plain(jsonMergePatch(o, p))).toEqual(want));
});

describe("JSON patch (RFC 6902 appendix A)", () => {
  const cases: [string, unknown, unknown[], unknown][] = [
    ["add member", { foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }], { baz: "qux", foo: "bar" }],
    ["add array element", { foo: ["bar", "baz"] }, [{ op: "add", path: "/foo/1", value: "qux" }], { foo: ["bar", "qux", "baz"] }],
    ["append", { foo: ["bar"] }, [{ op: "add", path: "/foo/-", value: "x" }], { foo: ["bar", "x"] }],
    ["remove member", { baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }], { foo: "bar" }],
    ["remove element", { foo: ["bar", "qux", "baz"] }, [{ op: "remove", path: "/foo/1" }], { foo: ["bar", "baz"] }],
    ["replace", { baz: "qux", foo: "bar" }, [{ op: "replace", path: "/baz", value: "boo" }], { baz: "boo", foo: "bar" }],
    ["move", { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } }, [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }],
      { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } }],
    ["move element", { foo: ["all", "grass", "cows", "eat"] }, [{ op: "move", from: "/foo/1", path: "/foo/3" }], { foo: ["all", "cows", "eat", "grass"] }],
    ["test ok", { baz: "qux", foo: ["a", 2, "c"] }, [{ op: "test", path: "/baz", value: "qux" }, { op: "test", path: "/foo/1", value: 2 }], { baz: "qux", foo: ["a", 2, "c"] }],
    ["escaped keys", { "a/b": 1, "m~n": 2 }, [{ op: "replace", path: "/a~1b", value: 3 }, { op: "remove", path: "/m~0n" }], { "a/b": 3 }],
    ["copy", { a: { b: 1 } }, [{ op: "copy", from: "/a", path: "/c" }], { a: { b: 1 }, c: { b: 1 } }],
  ];
  it.each(cases)("%s", (_n, doc, ops, want) => expect(plain(jsonPatch(doc, ops))).toEqual(want));
  const errors: [string, unknown, unknown[], string][] = [
    ["test fails", { baz: "qux" }, [{ op: "test", path: "/baz", value: "bar" }], "testing value /baz failed: test failed"],
    ["add to nonexistent target", { foo: "bar" }, [{ op: "add", path: "/baz/bat", value: "qux" }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
    ["replace missing", { foo: "bar" }, [{ op: "replace", path: "/baz", value: 1 }], "replace operation does not apply: doc is missing key: /baz: missing value"],
    ["unknown op", {}, [{ op: "frob", path: "/a" }], "Unexpected kind: frob"],
  ];
  it.each(errors)("%s", (_n, doc, ops, msg) => expect(() => jsonPatch(doc, ops)).toThrow(new PatchError(msg)));
});
