// Cases from k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorParse,
// TestSelectorMatches, TestToString, TestSetSelectorParser, TestParseOperator).
import { describe, expect, it } from "vitest";
import {
  labelSelectorAsSelector, newRequirement, parseLabelSelectorParam, parseSelector, requirementErrors,
  SelectorParseError, validateLabelSelector,
} from "./labels";
import { fieldErrorsMessage } from "./field-errors";
import { StatusError } from "../api/types";

describe("parseSelector round trip (TestSelectorParse good strings)", () => {
  const good = ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"];
  it.each(good)("%j", (s) => expect(parseSelector(s).toString()).toBe(s.replace(/ /g, "")));
  it.each(["x=a||y=b", "x==a==b", "!x=a", "x<a"])("rejects %j", (s) => expect(() => parseSelector(s)).toThrow(SelectorParseError));
  it("is deterministic", () => expect(parseSelector("x=a,a=x").toString()).toBe(parseSelector("a=x,x=a").toString()));
});

describe("matches (TestSelectorMatches)", () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ["", { x: "y" }, true], ["x=y", { x: "y" }, true], ["x=y,z=w", { x: "y", z: "w" }, true],
    ["x!=y,z!=w", { x: "z", z: "a" }, true], ["notin=in", { notin: "in" }, true], ["x", { x: "z" }, true],
    ["!x", { y: "z" }, true], ["x>1", { x: "2" }, true], ["x<1", { x: "0" }, true],
    ["x=z", {}, false], ["x=y", { x: "z" }, false], ["x=y,z=w", { x: "w", z: "w" }, false],
    ["x!=y,z!=w", { x: "z", z: "w" }, false], ["x", { y: "z" }, false], ["!x", { x: "z" }, false],
    ["x>1", { x: "0" }, false], ["x<1", { x: "2" }, false],
    ["foo=bar,foobar=bar,baz=blah", { foo: "bar", baz: "blah" }, false],
    ["z>1", { z: "v2" }, false], ["x in (foo),y notin (alpha)", { x: "foo", y: "baz" }, true],
    ["x notin (),y", { y: "" }, true], ["x in ()", { y: "baz" }, false],
  ];
  it.each(cases)("%j on %j -> %s", (sel, ls, want) => expect(parseSelector(sel).matches(ls)).toBe(want));
  it("matches a Map", () => expect(parseSelector("a=b").matches(new Map([["a", "b"]]))).toBe(true));
});

describe("set-based syntax (TestSetSelectorParser)", () => {
  const ok: [string, string][] = [
    ["\rx", "x"],
    ["this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)"],
    ["0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"],
    ["foo  in\t (abc)", "foo in (abc)"],
    ["x notin\n (abc)", "x notin (abc)"],
    ["x in (abc,)", "x in (,abc)"],
    ["x in ()", "x in ()"],
    ["x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"],
    ["x notin (, a)", "x notin (,a)"],
    ["a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"],
    ["x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"],
  ];
  it.each(ok)("%j -> %j", (s, want) => expect(parseSelector(s).toString()).toBe(want));
  const bad = ["x,,y", ",x,y", "x nott in (y)", "a in (xyz),", "a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "("];
  it.each(bad)("rejects %j", (s) => expect(() => parseSelector(s)).toThrow(SelectorParseError));
});

describe("parse error texts", () => {
  const ops = "in, notin, =, ==, !=, gt, lt";
  const cases: [string, string][] = [
    ["x nott in (y)", `unable to parse requirement: found 'nott', expected: ${ops}`],
    ["a (", `unable to parse requirement: found '(', expected: ${ops}`],
    ["(", "found '(', expected: !, identifier, or 'end of string'"],
    ["x,,y", "found ',', expected: identifier after ','"],
    ["a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"],
    ["a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ["a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ["x in a", "unable to parse requirement: found 'a' expected: '('"],
    ["x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ["app_=x", "unable to parse requirement: <nil>: Invalid value: \"app_\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
    ["x=a b", "found 'b', expected: ',' or 'end of string'"],
    ["x=-a", "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ];
  it.each(cases)("%j", (s, msg) => expect(() => parseSelector(s)).toThrow(new SelectorParseError(msg)));
  it("is a 400 BadRequest at the API", () => {
    const r = parseLabelSelectorParam("(");
    expect(r).toBeInstanceOf(StatusError);
    expect((r as StatusError).toStatus()).toEqual({
      kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure",
      message: "found '(', expected: !, identifier, or 'end of string'", reason: "BadRequest", code: 400,
    });
  });
});

describe("NewRequirement errors (TestRequirementConstructor)", () => {
  const cases: [string, string, string[], string][] = [
    ["x1", "in", [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    ["x5", "=", ["bar", "foo"], "values: Invalid value: []string{\"bar\", \"foo\"}: exact-match compatibility requires one single value"],
    ["x8", "exists", ["foo"], "values: Invalid value: []string{\"foo\"}: values set must be empty for exists and does not exist"],
    ["x13", "gt", [], "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"],
    ["x18", "unsupportedOp", [], "operator: Unsupported value: \"unsupportedOp\": supported values: \"in\", \"notin\", \"=\", \"==\", \"!=\", \"gt\", \"lt\", \"exists\", \"!\""],
    ["x17", "=", ["a b"], "values[0][x17]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ];
  it.each(cases)("%s %s", (k, op, vals, msg) => expect(fieldErrorsMessage(requirementErrors(k, op, vals))).toBe(msg));
  it("accepts valid ones", () => expect(newRequirement("x3", "in", ["foo"])).toEqual({ key: "x3", operator: "in", values: ["foo"] }));
});

describe("LabelSelectorAsSelector", () => {
  it("nil selects nothing, empty everything", () => {
    expect(labelSelectorAsSelector(undefined).matches({})).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: "b" })).toBe(true);
  });
  it("converts and sorts", () => {
    const s = labelSelectorAsSelector({ matchLabels: { z: "1" }, matchExpressions: [{ key: "a", operator: "In", values: ["y", "x"] }, { key: "b", operator: "DoesNotExist" }] });
    expect(s.toString()).toBe("a in (x,y),!b,z=1");
  });
  it("rejects unknown operators", () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: "a", operator: "Foo" }] })).toThrow('"Foo" is not a valid label selector operator');
  });
});

describe("ValidateLabelSelector", () => {
  it("reports every error", () => {
    expect(validateLabelSelector({ matchExpressions: [{ key: "a", operator: "In" }, { key: "b", operator: "Exists", values: ["x"] }, { key: "c", operator: "Bad" }] }, {}, "spec.selector")).toEqual([
      { type: "FieldValueRequired", field: "spec.selector.matchExpressions[0].values", detail: "must be specified when `operator` is 'In' or 'NotIn'" },
      { type: "FieldValueForbidden", field: "spec.selector.matchExpressions[1].values", detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" },
      { type: "FieldValueInvalid", field: "spec.selector.matchExpressions[2].operator", badValue: "Bad", detail: "not a valid selector operator" },
    ]);
  });
});
