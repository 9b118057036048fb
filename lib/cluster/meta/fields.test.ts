// Cases from k8s.io/apimachinery/pkg/fields/selector_test.go (TestSelectorParse,
// TestSelectorMatches, TestEscapeValue/TestUnescapeValue) and the conversion funcs' errors.
import { describe, expect, it } from "vitest";
import {
  convertFieldLabel, escapeValue, FieldSelectorError, parseFieldSelector, parseFieldSelectorParam,
  selectableFields, unescapeValue,
} from "./fields";
import { StatusError } from "../api/types";

describe("parseFieldSelector", () => {
  const good: [string, string][] = [
    ["", ""], ["a=b", "a=b"], ["a==b", "a=b"], ["a!=b", "a!=b"], ["x=a,y=b,z=c", "x=a,y=b,z=c"],
    ["z=c,x=a", "x=a,z=c"], ["x=", "x="], ["x=a\\,b", "x=a\\,b"], ["x=a\\=b\\\\", "x=a\\=b\\\\"],
  ];
  it.each(good)("%j -> %j", (s, want) => expect(parseFieldSelector(s).toString()).toBe(want));
  const bad: [string, string][] = [
    ["x", "invalid selector: 'x'; can't understand 'x'"],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"],
    ["x=a=b", "invalid field selector: unescaped character in value: 61"],
    ["x=a\\b", "invalid field selector: invalid escape sequence: \\b"],
    ["x=a\\", "invalid field selector: invalid escape sequence: \\"],
  ];
  it.each(bad)("rejects %j", (s, msg) => expect(() => parseFieldSelector(s)).toThrow(new FieldSelectorError(msg)));
});

describe("escaping (TestEscapeValue)", () => {
  const cases: [string, string][] = [["", ""], ["a", "a"], ["=", "\\="], [",", "\\,"], ["\\", "\\\\"], ["\\=\\,\\", "\\\\\\=\\\\\\,\\\\"]];
  it.each(cases)("%j <-> %j", (raw, esc) => {
    expect(escapeValue(raw)).toBe(esc);
    expect(unescapeValue(esc)).toBe(raw);
  });
});

describe("matches (TestSelectorMatches)", () => {
  const fields = { foo: "bar", baz: "blah", complex: "=value\\," };
  const cases: [string, boolean][] = [
    ["foo=bar", true], ["baz=blah", true], ["foo=bar,baz=blah", true], ["foo=bar,baz!=blah", false],
    ["foo=blah", false], ["baz=bar", false], ["foo=bar,foobar=bar,baz=blah", false], ["complex=\\=value\\\\\\,", true],
    ["missing=", true], ["missing!=x", true],
  ];
  it.each(cases)("%j -> %s", (s, want) => expect(parseFieldSelector(s).matches(fields)).toBe(want));
});

describe("field labels per kind", () => {
  it("maps spec.host to spec.nodeName for pods", () => expect(convertFieldLabel("", "Pod", "spec.host", "n1")).toEqual(["spec.nodeName", "n1"]));
  const errors: [string, string, string, string][] = [
    ["", "Pod", "spec.foo", "field label not supported: spec.foo"],
    ["", "Node", "metadata.namespace", "field label not supported: metadata.namespace"],
    ["apps", "Deployment", "spec.replicas", '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ];
  it.each(errors)("%s/%s %s", (g, k, f, msg) => expect(() => convertFieldLabel(g, k, f, "x")).toThrow(new FieldSelectorError(msg)));
  it("answers an unsupported field with 400", () => {
    const r = parseFieldSelectorParam("foo=bar", "", "Pod") as StatusError;
    expect([r.code, r.reason, r.message, r.details]).toEqual([400, "BadRequest", "field label not supported: foo", undefined]);
  });
});

describe("selectableFields", () => {
  it("pod fields", () => {
    const pod = { metadata: { name: "p", namespace: "ns" }, spec: { nodeName: "n1", restartPolicy: "Always", schedulerName: "default-scheduler", serviceAccountName: "default" }, status: { phase: "Running", podIPs: [{ ip: "10.0.0.1" }, { ip: "fd00::1" }] } };
    expect(Object.fromEntries(selectableFields("", "Pod", true, pod))).toEqual({
      "spec.nodeName": "n1", "spec.restartPolicy": "Always", "spec.schedulerName": "default-scheduler",
      "spec.serviceAccountName": "default", "spec.hostNetwork": "false", "status.phase": "Running",
      "status.podIP": "10.0.0.1", "status.nominatedNodeName": "", "metadata.name": "p", "metadata.namespace": "ns",
    });
  });
  it("event source falls back to reportingComponent", () => {
    const ev = { metadata: { name: "e", namespace: "d" }, involvedObject: { kind: "Pod", name: "p" }, reportingComponent: "kubelet", reason: "Started", type: "Normal" };
    const f = selectableFields("", "Event", true, ev);
    expect([f.get("source"), f.get("involvedObject.kind"), f.get("involvedObject.uid")]).toEqual(["kubelet", "Pod", ""]);
  });
  it("cluster-scoped kinds have no metadata.namespace", () => {
    expect(Object.fromEntries(selectableFields("", "Node", false, { metadata: { name: "n" }, spec: { unschedulable: true } }))).toEqual({ "spec.unschedulable": "true", "metadata.name": "n" });
  });
  it("job and replicaset counts", () => {
    expect(selectableFields("batch", "Job", true, { metadata: { name: "j" }, status: { succeeded: 2 } }).get("status.successful")).toBe("2");
    expect(selectableFields("apps", "ReplicaSet", true, { metadata: { name: "r" }, status: {} }).get("status.replicas")).toBe("0");
  });
});
