// Golden values from upstream tests: Go's time/time_test.go (durationTests), apimachinery's
// meta/v1 time_test.go and micro_time_test.go (MarshalJSON cases), intstr_test.go (JSON cases).
import { describe, expect, it } from "vitest";
import { decodeProtobufObject } from "./index.js";
import { pbBody, type PbField } from "./testdata/pb.js";
import { formatDuration, formatTime, intOrString } from "./wellknown.js";

describe("formatDuration (time.Duration.String)", () => {
  const cases: [string, number][] = [
    ["0s", 0],
    ["1ns", 1],
    ["1.1µs", 1100],
    ["2.2ms", 2200 * 1e3],
    ["3.3s", 3300 * 1e6],
    ["4m5s", 4 * 60e9 + 5e9],
    ["4m5.001s", 4 * 60e9 + 5001 * 1e6],
    ["5h6m7.001s", 5 * 3600e9 + 6 * 60e9 + 7001 * 1e6],
    ["8m0.000000001s", 8 * 60e9 + 1],
    ["-1.5s", -1.5e9],
  ];
  it.each(cases)("%s", (want, nanos) => expect(formatDuration(nanos)).toBe(want));
});

describe("Time and MicroTime JSON", () => {
  // 1998-05-05T05:05:05Z, 50ns: Time drops the fraction, MicroTime truncates to micros
  const seconds = Date.UTC(1998, 4, 5, 5, 5, 5) / 1000;
  it("Time", () => expect(formatTime(seconds)).toBe("1998-05-05T05:05:05Z"));
  it("MicroTime", () => expect(formatTime(seconds, Math.floor(50 / 1000))).toBe("1998-05-05T05:05:05.000000Z"));

  const lease = (fields: PbField[]) => decodeProtobufObject(pbBody("coordination.k8s.io/v1", "Lease", [[1, [[1, "l"]]], [2, fields]]));
  const cases: { name: string; spec: PbField[]; want: unknown }[] = [
    { name: "zero-length Time is the zero time: null", spec: [], want: {} },
    { name: "MicroTime with nanos", spec: [[3, [[1, seconds], [2, 50]]], [4, [[1, seconds], [2, 123456999]]]], want: { acquireTime: "1998-05-05T05:05:05.000000Z", renewTime: "1998-05-05T05:05:05.123456Z" } },
    { name: "empty MicroTime message on a pointer field is a set zero time: null", spec: [[3, []]], want: { acquireTime: null } },
  ];
  it.each(cases)("Lease: $name", ({ spec, want }) => {
    expect(JSON.parse(JSON.stringify(lease(spec).spec))).toEqual(want);
  });
});

describe("IntOrString JSON", () => {
  const cases: [string, [number, number, string], number | string][] = [
    ["int", [0, 123, ""], 123],
    ["string", [1, 0, "int"], "int"],
  ];
  it.each(cases)("%s", (_n, [type, i, s], want) => expect(intOrString(type, i, s)).toBe(want));
  it("an impossible type fails", () => expect(() => intOrString(2, 0, "")).toThrow("impossible IntOrString.Type"));
});
