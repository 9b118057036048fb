// The shells of all students' terminals. A shell (a PTY in the lab's node) outlives its
// WebSocket: a reload or a dropped connection reattaches to the same PTY by (lab, tab) and gets
// the scrollback replayed. Idle shells are warned, then closed, so forgotten tabs do not hold
// processes forever. Time comes in through `now` and `sweep(now)` so the policy is unit-tested.
import { Scrollback } from "./scrollback";
import type { ServerMsg } from "./protocol";

/** The part of node-pty's IPty we use. */
export interface Pty {
  onData(cb: (d: string) => void): unknown;
  onExit(cb: (e: { exitCode: number; signal?: number }) => void): unknown;
  write(d: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
}

export interface Sink {
  send(msg: ServerMsg): void;
  close(code: number, reason: string): void;
}

export interface TerminalLimits {
  /** Tabs (shells) per lab. */
  maxTabs: number;
  /** Connections attached to one shell at once (e.g. two browser windows). */
  maxSinksPerShell: number;
  idleWarnMs: number;
  idleCloseMs: number;
}

export const DEFAULT_TERMINAL_LIMITS: TerminalLimits = { maxTabs: 4, maxSinksPerShell: 3, idleWarnMs: 25 * 60_000, idleCloseMs: 30 * 60_000 };

export type Spawn = (labName: string, node: string, cols: number, rows: number) => Pty;

interface Shell {
  key: string;
  labName: string;
  tab: number;
  pty: Pty;
  scrollback: Scrollback;
  sinks: Set<Sink>;
  lastInput: number;
  warned: boolean;
}

export class TerminalError extends Error {}

export class TerminalManager {
  private readonly shells = new Map<string, Shell>();

  constructor(
    private readonly spawn: Spawn,
    private readonly now: () => number,
    readonly limits: TerminalLimits = DEFAULT_TERMINAL_LIMITS,
  ) {}

  /** Attaches a connection to tab `tab` of the lab, starting its shell when there is none. */
  attach(labName: string, tab: number, node: string, size: { cols: number; rows: number }, sink: Sink): { write(d: string): void; resize(c: number, r: number): void; detach(): void } {
    if (!Number.isInteger(tab) || tab < 1 || tab > this.limits.maxTabs) throw new TerminalError(`tab must be 1-${this.limits.maxTabs}`);
    const key = `${labName}/${tab}`;
    let shell = this.shells.get(key);
    const reattached = !!shell;
    if (!shell) {
      const pty = this.spawn(labName, node, size.cols, size.rows);
      const s: Shell = { key, labName, tab, pty, scrollback: new Scrollback(), sinks: new Set(), lastInput: this.now(), warned: false };
      pty.onData((d) => {
        s.scrollback.push(d);
        for (const k of s.sinks) k.send({ t: "out", d });
      });
      pty.onExit(({ exitCode }) => {
        if (this.shells.get(key) === s) this.shells.delete(key);
        for (const k of s.sinks) {
          k.send({ t: "exit", code: exitCode });
          k.close(1000, "shell exited");
        }
        s.sinks.clear();
      });
      this.shells.set(key, s);
      shell = s;
    } else if (shell.sinks.size >= this.limits.maxSinksPerShell) {
      throw new TerminalError(`this tab is already open in ${shell.sinks.size} windows`);
    }
    const sh = shell;
    sh.sinks.add(sink);
    sink.send({ t: "ready", tab, reattached });
    if (reattached) {
      sink.send({ t: "replay", d: sh.scrollback.text() });
      sh.pty.resize(size.cols, size.rows);
    }
    return {
      write: (d) => {
        sh.lastInput = this.now();
        sh.warned = false;
        sh.pty.write(d);
      },
      resize: (c, r) => sh.pty.resize(c, r),
      detach: () => void sh.sinks.delete(sink),
    };
  }

  /** Warns idle shells and closes those idle past the limit; call it every half minute. */
  sweep(now = this.now()): void {
    for (const s of [...this.shells.values()]) {
      const idle = now - s.lastInput;
      if (idle >= this.limits.idleCloseMs) this.close(s, "closed after being idle");
      else if (idle >= this.limits.idleWarnMs && !s.warned) {
        s.warned = true;
        for (const k of s.sinks) k.send({ t: "idle", secondsLeft: Math.round((this.limits.idleCloseMs - idle) / 1000) });
      }
    }
  }

  /** Ends every shell of a lab (reset, delete). */
  closeLab(labName: string, reason = "the lab was reset"): void {
    for (const s of [...this.shells.values()]) if (s.labName === labName) this.close(s, reason);
  }

  tabs(labName: string): number[] {
    return [...this.shells.values()].filter((s) => s.labName === labName).map((s) => s.tab).sort();
  }

  private close(s: Shell, reason: string) {
    this.shells.delete(s.key);
    for (const k of s.sinks) {
      k.send({ t: "exit", code: 0, reason });
      k.close(1000, reason);
    }
    s.sinks.clear();
    try {
      s.pty.kill("SIGHUP");
    } catch {
      // already gone
    }
  }

  closeAll(): void {
    for (const s of [...this.shells.values()]) this.close(s, "the server is shutting down");
  }
}
