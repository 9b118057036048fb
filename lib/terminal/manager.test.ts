import { describe, it, expect } from "vitest";
import { TerminalManager, type Pty, type Sink } from "./manager";
import type { ServerMsg } from "./protocol";

class FakePty implements Pty {
  written: string[] = [];
  size: [number, number];
  killed = false;
  private data?: (d: string) => void;
  private exit?: (e: { exitCode: number }) => void;
  constructor(cols: number, rows: number) {
    this.size = [cols, rows];
  }
  onData(cb: (d: string) => void) {
    this.data = cb;
  }
  onExit(cb: (e: { exitCode: number }) => void) {
    this.exit = cb;
  }
  write(d: string) {
    this.written.push(d);
  }
  resize(c: number, r: number) {
    this.size = [c, r];
  }
  kill() {
    this.killed = true;
    this.exit?.({ exitCode: 129 });
  }
  emit(d: string) {
    this.data?.(d);
  }
}

function sink() {
  const got: ServerMsg[] = [];
  const closed: string[] = [];
  const s: Sink = { send: (m) => got.push(m), close: (_c, r) => closed.push(r) };
  return { s, got, closed };
}

function setup() {
  let now = 0;
  const ptys: FakePty[] = [];
  const m = new TerminalManager((_lab, _node, c, r) => (ptys.push(new FakePty(c, r)), ptys.at(-1)!), () => now, { maxTabs: 2, maxSinksPerShell: 2, idleWarnMs: 1000, idleCloseMs: 2000 });
  return { m, ptys, advance: (ms: number) => (now += ms) };
}

describe("TerminalManager", () => {
  it("reattaches a reload to the same shell and replays its output", () => {
    const { m, ptys } = setup();
    const a = sink();
    const att = m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, a.s);
    ptys[0].emit("root@controlplane:~# ");
    att.write("ls\r");
    att.detach();
    const b = sink();
    m.attach("lab1", 1, "controlplane", { cols: 120, rows: 40 }, b.s);
    expect(ptys).toHaveLength(1);
    expect(ptys[0].written).toEqual(["ls\r"]);
    expect(ptys[0].size).toEqual([120, 40]);
    expect(a.got).toEqual([{ t: "ready", tab: 1, reattached: false }, { t: "out", d: "root@controlplane:~# " }]);
    expect(b.got).toEqual([{ t: "ready", tab: 1, reattached: true }, { t: "replay", d: "root@controlplane:~# " }]);
  });

  it("gives each tab its own shell, within the limit", () => {
    const { m, ptys } = setup();
    m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, sink().s);
    m.attach("lab1", 2, "controlplane", { cols: 80, rows: 24 }, sink().s);
    expect(ptys).toHaveLength(2);
    expect(m.tabs("lab1")).toEqual([1, 2]);
    expect(() => m.attach("lab1", 3, "controlplane", { cols: 80, rows: 24 }, sink().s)).toThrow("tab must be 1-2");
  });

  it("limits the windows attached to one shell", () => {
    const { m } = setup();
    m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, sink().s);
    m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, sink().s);
    expect(() => m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, sink().s)).toThrow("this tab is already open in 2 windows");
  });

  it("warns an idle shell once, input resets the clock, then closes it", () => {
    const { m, ptys, advance } = setup();
    const a = sink();
    const att = m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, a.s);
    advance(1200);
    m.sweep();
    m.sweep();
    expect(a.got.slice(1)).toEqual([{ t: "idle", secondsLeft: 1 }]);
    att.write("x");
    advance(1500);
    m.sweep();
    expect(ptys[0].killed).toBe(false);
    advance(600);
    m.sweep();
    expect(ptys[0].killed).toBe(true);
    expect(a.got.at(-1)).toEqual({ t: "exit", code: 0, reason: "closed after being idle" });
    expect(a.closed).toEqual(["closed after being idle"]);
    expect(m.tabs("lab1")).toEqual([]);
  });

  it("closeLab ends only that lab's shells", () => {
    const { m, ptys } = setup();
    m.attach("lab1", 1, "controlplane", { cols: 80, rows: 24 }, sink().s);
    m.attach("lab2", 1, "controlplane", { cols: 80, rows: 24 }, sink().s);
    m.closeLab("lab1");
    expect(ptys.map((p) => p.killed)).toEqual([true, false]);
  });
});
