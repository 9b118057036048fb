// Expectations from github.com/docker/go-units size_test.go / duration_test.go and Go's
// text/tabwriter semantics as crictl configures it (minwidth 20, padding 3).
import { describe, expect, it } from "vitest";
import { humanDuration, humanSize, tabwrite, truncateId } from "./format.js";

describe("go-units", () => {
  it.each([
    [450, "Less than a second"],
    [1000, "1 second"],
    [47_000, "47 seconds"],
    [60_000, "About a minute"],
    [3 * 60_000, "3 minutes"],
    [35 * 60_000, "35 minutes"],
    [3_600_000, "About an hour"],
    [2 * 3_600_000, "2 hours"],
    [47 * 3_600_000, "47 hours"],
    [48 * 3_600_000, "2 days"],
    [13 * 86_400_000, "13 days"],
    [14 * 86_400_000, "2 weeks"],
    [60 * 86_400_000, "2 months"],
    [2 * 365 * 86_400_000, "2 years"],
  ])("HumanDuration(%i ms) = %s", (ms, want) => expect(humanDuration(ms)).toBe(want));

  it.each([
    [1000, 4, "1kB"],
    [1024, 4, "1.024kB"],
    [1_000_000, 4, "1MB"],
    [1_048_576, 4, "1.049MB"],
    [2_000_000, 4, "2MB"],
    [3.42e9, 4, "3.42GB"],
    [5.372e12, 4, "5.372TB"],
    [2.22e15, 4, "2.22PB"],
    [1e28, 4, "1e+04YB"],
    [72_099_501, 3, "72.1MB"],
    [320_368, 3, "320kB"],
  ])("HumanSizeWithPrecision(%d, %i) = %s", (n, p, want) => expect(humanSize(n, p)).toBe(want));
});

describe("tabwriter", () => {
  it("pads every cell but the last to max(20, widest+3)", () => {
    expect(tabwrite([["IMAGE", "TAG", "IMAGE ID", "SIZE"], ["docker.io/library/nginx", "1.27", "abc", "72.1MB"]])).toBe(
      // IMAGE: 23 + 3 = 26 columns; TAG and IMAGE ID: the 20-column minimum.
      `${"IMAGE".padEnd(26)}${"TAG".padEnd(20)}${"IMAGE ID".padEnd(20)}SIZE\n` +
        `${"docker.io/library/nginx".padEnd(26)}${"1.27".padEnd(20)}${"abc".padEnd(20)}72.1MB\n`,
    );
  });
  it("truncates ids to 13 characters after the prefix", () => {
    expect(truncateId("sha256:0123456789abcdef", "sha256:")).toBe("0123456789abc");
  });
});
