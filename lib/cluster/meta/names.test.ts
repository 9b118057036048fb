// Cases from k8s.io/apimachinery/pkg/util/validation/validation_test.go.
import { describe, expect, it } from "vitest";
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from "./names";

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe("IsDNS1123Subdomain", () => {
  it.each(["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "a.a", "1.2.3.4", "a" + ".a".repeat(126)])("accepts %s", (v) => expect(isDNS1123Subdomain(v)).toEqual([]));
  it.each(["", "A", "ABC", "aBc", "a_", "-1", "1-", "a..b", ".a", "a.", "a@b", "a,b", "a*b"])("rejects %j", (v) => expect(isDNS1123Subdomain(v)).toEqual([SUBDOMAIN_MSG]));
  it("length", () => expect(isDNS1123Subdomain("a".repeat(254))).toEqual(["must be no more than 253 characters"]));
});

describe("IsDNS1123Label", () => {
  it.each(["a", "ab", "a--1--2--b", "0", "a".repeat(63)])("accepts %s", (v) => expect(isDNS1123Label(v)).toEqual([]));
  it.each(["", "A", "a.b", "-1", "1-", "a@b"])("rejects %j", (v) => expect(isDNS1123Label(v)).toEqual([v === "a.b" ? "must not contain dots" : LABEL_MSG]));
  it("length", () => expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]));
});

describe("IsDNS1035Label", () => {
  it.each(["a", "ab", "a-1", "a--1--2--b"])("accepts %s", (v) => expect(isDNS1035Label(v)).toEqual([]));
  it.each(["0", "01", "0-", "A", "-1", "1-"])("rejects %j", (v) => expect(isDNS1035Label(v)).toEqual([DNS1035_MSG]));
});

describe("IsQualifiedName", () => {
  it.each(["simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
    "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "a".repeat(63)])("accepts %s", (v) => expect(isQualifiedName(v)).toEqual([]));
  const nameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const cases: [string, string[]][] = [
    ["", ["name part must be non-empty", nameMsg]],
    ["nospecialchars%^=@", [nameMsg]],
    ["/simple", ["prefix part must be non-empty"]],
    ["Example.com/x", ["prefix part " + SUBDOMAIN_MSG]],
    ["a".repeat(64), ["name part must be no more than 63 characters"]],
    ["a/b/c", ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
  ];
  it.each(cases)("rejects %j", (v, msgs) => expect(isQualifiedName(v)).toEqual(msgs));
});

describe("IsValidLabelValue", () => {
  it.each(["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "", "a".repeat(63)])("accepts %j", (v) => expect(isValidLabelValue(v)).toEqual([]));
  it.each(["nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash", "ends-with-dash-"])("rejects %j", (v) => expect(isValidLabelValue(v)).toHaveLength(1));
});

describe("generateName masking", () => {
  it("allows a trailing dash in a prefix", () => {
    expect(nameIsDNSSubdomain("web-", true)).toEqual([]);
    expect(nameIsDNSSubdomain("web-", false)).toEqual([SUBDOMAIN_MSG]);
  });
});
