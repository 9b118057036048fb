// Expectations from TestTranslateTimestampSince / TestTranslateTimestampUntil in
// kubernetes/pkg/printers/internalversion/printers_test.go (Go durations in ns -> ms here).
import { describe, expect, it } from "vitest";
import { humanDuration, translateTimestampSince, translateTimestampUntil } from "./duration";
import { NOW, ago, daysAgo, YEARS_10 } from "./testutil";

describe("translateTimestampSince", () => {
  const cases: [string, string | undefined, string][] = [
    ["a while from now", ago(-2100), "<invalid>"],
    ["almost now", ago(-1900), "0s"],
    ["now", ago(0), "0s"],
    ["unknown", undefined, "<unknown>"],
    ["30 seconds ago", ago(30_000), "30s"],
    ["5 minutes ago", ago(300_000), "5m"],
    ["an hour ago", ago(6_000_000), "100m"],
    ["2 days ago", daysAgo(2), "2d"],
    ["months ago", daysAgo(90), "90d"],
    ["10 years ago", ago(YEARS_10), "10y"],
  ];
  it.each(cases)("%s", (_name, ts, want) => {
    expect(translateTimestampSince(ts, NOW)).toBe(want);
  });
});

describe("translateTimestampUntil", () => {
  const cases: [string, string | undefined, string][] = [
    ["a while ago", ago(2100), "<invalid>"],
    ["almost now", ago(1900), "0s"],
    ["now", ago(0), "0s"],
    ["unknown", undefined, "<unknown>"],
    ["in 30 seconds", ago(-30_100), "30s"],
    ["in 5 minutes", ago(-300_100), "5m"],
    ["in an hour", ago(-6_000_100), "100m"],
    ["in 2 days", daysAgo(-2), "2d"],
    ["in months", daysAgo(-90), "90d"],
    ["in 10 years", ago(-YEARS_10 - 100), "10y"],
  ];
  it.each(cases)("%s", (_name, ts, want) => {
    expect(translateTimestampUntil(ts, NOW)).toBe(want);
  });
});

// The branches of duration.HumanDuration (apimachinery/pkg/util/duration/duration.go).
describe("humanDuration", () => {
  const S = 1000;
  const M = 60 * S;
  const H = 60 * M;
  const D = 24 * H;
  const cases: [string, number, string][] = [
    ["just under 2 minutes", 119 * S, "119s"],
    ["minutes and seconds", 5 * M + 10 * S, "5m10s"],
    ["whole minutes under 10", 5 * M, "5m"],
    ["minutes up to 3h", 150 * M, "150m"],
    ["hours and minutes", 5 * H + 30 * M, "5h30m"],
    ["whole hours under 8", 5 * H, "5h"],
    ["hours up to 2d", 30 * H, "30h"],
    ["days and hours", 3 * D + 4 * H, "3d4h"],
    ["days up to 2y", 400 * D, "400d"],
    ["years and days", 3 * 365 * D + 10 * D, "3y10d"],
    ["years", 9 * 365 * D, "9y"],
  ];
  it.each(cases)("%s", (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
