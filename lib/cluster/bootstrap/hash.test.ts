import { describe, expect, it } from "vitest";
import { computeHash, fnv32, fnv32a, goJSON, safeEncodeString } from "./hash";
import { base32NoPad } from "./leases";

const enc = (s: string) => new TextEncoder().encode(s);

// Golden values from the FNV reference (Go's hash/fnv fnv_test.go golden32 / golden32a).
describe("fnv", () => {
  it.each([
    ["", 0x811c9dc5, 0x811c9dc5],
    ["a", 0x050c5d7e, 0xe40c292c],
    ["foobar", 0x31f0b262, 0xbf9cf968],
  ])("%j", (input, fnv1, fnv1a) => {
    expect(fnv32(enc(input))).toBe(fnv1);
    expect(fnv32a(enc(input))).toBe(fnv1a);
  });
});

// RFC 4648 test vectors, without padding (base32.StdEncoding.WithPadding(NoPadding)).
describe("base32NoPad", () => {
  it.each([
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foobar", "MZXW6YTBOI"],
  ])("%s", (input, want) => expect(base32NoPad(enc(input))).toBe(want));
});

describe("safeEncodeString", () => {
  // Each byte maps to alphanums[b % 27] of "bcdfghjklmnpqrstvwxz2456789": '0'=48 -> 48%27=21 -> '4'.
  it.each([
    ["0", "4"],
    ["1", "5"],
    ["", ""],
  ])("%j", (input, want) => expect(safeEncodeString(input)).toBe(want));
});

describe("goJSON", () => {
  it("sorts keys and escapes HTML like encoding/json", () => {
    expect(goJSON({ b: 1, a: ["<x>&"], $patch: "replace", n: null })).toBe('{"$patch":"replace","a":["\\u003cx\\u003e\\u0026"],"b":1,"n":null}');
  });
});

describe("computeHash", () => {
  it("is stable, vowel-free and changes with the template or the collision count", () => {
    const t = { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    const h = computeHash(t);
    expect(h).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash(t, 1)).not.toBe(h);
    expect(computeHash({ ...t, metadata: { labels: { app: "y" } } })).not.toBe(h);
  });
});
