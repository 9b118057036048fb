// The latency probe against the real WebSocket endpoint and TerminalManager, over a fake PTY that
// echoes each key after a fixed delay (so the measured figure has a known floor).
import { describe, it, expect, afterEach } from "vitest";
import { percentile, measureKeystrokeEcho, startTerminalServer, type TerminalServer } from "./latency";
import type { Pty } from "./manager";

describe("percentile (nearest rank)", () => {
  const xs = [15, 20, 35, 40, 50];
  const cases = [
    { name: "p50 of five", xs, p: 50, want: 35 },
    { name: "p95 of five is the largest", xs, p: 95, want: 50 },
    { name: "p0 is the smallest", xs, p: 0, want: 15 },
    { name: "unsorted input", xs: [3, 1, 2], p: 50, want: 2 },
    { name: "one sample", xs: [7], p: 95, want: 7 },
  ];
  for (const c of cases) it(c.name, () => expect(percentile(c.xs, c.p)).toBe(c.want));
  it("no samples", () => expect(percentile([], 50)).toBeNaN());
});

function echoPty(delayMs: number, typed: string[]): Pty {
  let onData: (d: string) => void = () => undefined;
  return {
    onData: (cb) => {
      onData = cb;
      setTimeout(() => onData("\x1b]0;root@controlplane: ~\x07root@controlplane:~# "), 5);
    },
    onExit: () => undefined,
    write: (d) => {
      typed.push(d);
      setTimeout(() => onData(d === "\x15" ? "\r\x1b[K" : d), delayMs);
    },
    resize: () => undefined,
    kill: () => undefined,
  };
}

describe("measureKeystrokeEcho", () => {
  let server: TerminalServer | undefined;
  afterEach(async () => server?.close());

  it("types into every terminal at once and times each echo", async () => {
    const typed = new Map<string, string[]>();
    server = await startTerminalServer((lab) => {
      const keys: string[] = [];
      typed.set(lab, keys);
      return echoPty(20, keys);
    });
    const targets = [
      { lab: "a", tab: 1 },
      { lab: "b", tab: 1 },
      { lab: "c", tab: 1 },
    ];
    const r = await measureKeystrokeEcho({ url: server.url, headers: server.headers, targets, keystrokes: 5, intervalMs: 5 });
    expect({ terminals: r.terminals, samples: r.samples }).toEqual({ terminals: 3, samples: 15 });
    expect(r.p50).toBeGreaterThanOrEqual(19);
    expect(r.p95).toBeGreaterThanOrEqual(r.p50);
    expect(r.max).toBeGreaterThanOrEqual(r.p95);
    // Each shell got a warm-up key and the five timed ones in order, then Ctrl+U to clear the line.
    const keys = ["a", "b", "c", "d", "e", "f", "\x15"];
    expect(Object.fromEntries(typed)).toEqual({ a: keys, b: keys, c: keys });
  });

  it("fails clearly when the endpoint refuses the terminal", async () => {
    server = await startTerminalServer(() => echoPty(1, []));
    await expect(measureKeystrokeEcho({ url: server.url, headers: { origin: "http://evil.example" }, targets: [{ lab: "a", tab: 1 }] })).rejects.toThrow("terminal a/1: HTTP 403");
  });
});
