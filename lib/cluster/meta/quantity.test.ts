// Cases from k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse,
// TestQuantityString, TestQuantityParseEmit, TestQuantityCmp, TestAdd, TestScaledValue).
import { describe, expect, it } from "vitest";
import {
  addQuantity, cmpQuantity, ERR_FORMAT_WRONG, ERR_SUFFIX, milliValue, parseQuantity, quantityFromJSON,
  quantityString, QuantityError, scaledValue, value,
} from "./quantity";

describe("parse: value and format (TestQuantityParse)", () => {
  // [input, value in nanos as a decimal string, format]
  const cases: [string, string, string][] = [
    ["0", "0", "DecimalSI"], ["0Ki", "0", "BinarySI"], ["0m", "0", "DecimalSI"], ["1", "1000000000", "DecimalSI"],
    ["1Ki", (1024n * 10n ** 9n).toString(), "BinarySI"], ["3Ei", (3n * 2n ** 60n * 10n ** 9n).toString(), "BinarySI"],
    ["5n", "5", "DecimalSI"], ["4u", "4000", "DecimalSI"], ["50k", (5n * 10n ** 13n).toString(), "DecimalSI"],
    ["1E-3", "1000000", "DecimalExponent"], ["1.3E+6", (13n * 10n ** 14n).toString(), "DecimalExponent"],
    ["100.035k", (100035n * 10n ** 9n).toString(), "DecimalSI"], [".001", "1000000", "DecimalSI"], ["1.", "1000000000", "DecimalSI"],
    ["3.001n", "4", "DecimalSI"], ["1.1E-9", "2", "DecimalExponent"], ["0.00000012345", "124", "DecimalSI"],
    ["9Ei", ((2n ** 63n - 1n) * 10n ** 9n).toString(), "BinarySI"], ["0.5Mi", (524288n * 10n ** 9n).toString(), "BinarySI"],
    ["0.000000000001Ki", "2", "DecimalSI"], ["-3.001n", "-4", "DecimalSI"], ["+1Ki", (1024n * 10n ** 9n).toString(), "BinarySI"],
  ];
  it.each(cases)("%s", (input, nanos, format) => {
    const q = parseQuantity(input);
    expect([q.nanos.toString(), q.format]).toEqual([nanos, format]);
  });
  const invalid = ["1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", ""];
  it.each(invalid)("rejects %j", (s) => expect(() => parseQuantity(s)).toThrow(QuantityError));
  it("error texts", () => {
    expect(() => parseQuantity("aoeu")).toThrow(new QuantityError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(() => parseQuantity("1i")).toThrow(new QuantityError(ERR_SUFFIX));
  });
});

describe("string: canonical and kept text (TestQuantityString, TestQuantityParseEmit)", () => {
  // [expect, alternate]: expect parses to itself; alternate canonicalises to expect.
  const cases: [string, string][] = [
    ["1Gi", "1024Mi"], ["300Mi", "307200Ki"], ["1001Gi", "1025024Mi"], ["1Ti", "1024Gi"], ["5", "5000m"],
    ["500m", "0.5"], ["1G", "1000M"], ["1G", "0.001T"], ["1m", "1000u"], ["1080m", "1.08"], ["1080m", "1080000000n"],
    ["1e9", ".001e12"], ["1e-3", "0.001e0"], ["1e-9", "1000e-12"], ["0", "00"],
    ["6Ki", ""], ["80m", ""], ["300M", ""], ["1T", ""], ["1234567M", ""], ["3k", ""], ["1025", ""], ["80e-3", ""], ["300e6", ""], ["1n", ""], ["1080u", ""],
  ];
  it.each(cases)("%s (alternate %j)", (expected, alternate) => {
    expect(quantityString(parseQuantity(expected))).toBe(expected);
    expect(parseQuantity(expected).cached).toBe(expected);
    if (alternate) {
      expect(parseQuantity(alternate).cached).toBeUndefined();
      expect(quantityString(parseQuantity(alternate))).toBe(expected);
      if (expected !== "0") expect(quantityString(parseQuantity("-" + alternate))).toBe("-" + expected);
    }
  });
  const emit: [string, string][] = [
    ["1Ki", "1Ki"], ["1024Mi", "1Gi"], ["1000M", "1G"], [".001Ki", "1024m"], [".000001Ki", "1024u"],
    [".000000001Ki", "1024n"], [".000000000001Ki", "2n"], ["1.5", "1500m"], ["0.1", "100m"], ["1.5Gi", "1536Mi"], ["0.5Ki", "512"],
  ];
  it.each(emit)("%s -> %s", (input, want) => {
    expect(quantityString(parseQuantity(input))).toBe(want);
    expect(quantityString(parseQuantity("-" + input))).toBe("-" + want);
  });
  it("JSON numbers and padded strings", () => {
    expect(quantityString(quantityFromJSON(0.5))).toBe("500m");
    expect(quantityString(quantityFromJSON(" 12Mi "))).toBe("12Mi");
  });
});

describe("arithmetic", () => {
  it("compares (TestQuantityCmp)", () => {
    const pairs: [string, string, number][] = [["1", "1000m", 0], ["1Ki", "1024", 0], ["1Mi", "1M", 1], ["100m", "1", -1], ["-1", "1n", -1]];
    for (const [a, b, want] of pairs) expect(cmpQuantity(parseQuantity(a), parseQuantity(b))).toBe(want);
  });
  it("adds, keeping the first format unless it is zero (TestAdd, TestQuantityAddZeroPreservesSuffix)", () => {
    expect(quantityString(addQuantity(parseQuantity("10"), parseQuantity("1")))).toBe("11");
    expect(quantityString(addQuantity(parseQuantity("0"), parseQuantity("1Mi")))).toBe("1Mi");
    expect(quantityString(addQuantity(parseQuantity("100m"), parseQuantity("250m")))).toBe("350m");
    expect(quantityString(addQuantity(parseQuantity("1Gi"), parseQuantity("512Mi")))).toBe("1536Mi");
  });
  it("rounds values up (TestScaledValue)", () => {
    expect(value(parseQuantity("100m"))).toBe(1);
    expect(value(parseQuantity("-100m"))).toBe(-1);
    expect(milliValue(parseQuantity("1.5"))).toBe(1500);
    expect(milliValue(parseQuantity("1n"))).toBe(1);
    expect(scaledValue(parseQuantity("1Gi"), 6)).toBe(1074n);
  });
});
