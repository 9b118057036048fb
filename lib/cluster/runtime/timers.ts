// Time for the pure components: they never call setTimeout or Date.now themselves. The lab
// passes the system's clock and timers; tests pass FakeTime and advance it.
import type { Clock } from "../api/types.js";

export interface Timers {
  /** Runs fn once after ms; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/** What every component is given. */
export interface Time extends Clock, Timers {}

/** A clock that moves only when told to, running due timers in order (for unit tests). */
export class FakeTime implements Time {
  private t: number;
  private seq = 0;
  private pending: { at: number; seq: number; fn: () => void }[] = [];

  constructor(start: Date | string = "2026-01-01T00:00:00Z") {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((e) => e !== entry);
    };
  }

  /** Moves time forward by ms, running each due timer at its own instant and letting the promises it starts settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = this.pending.filter((e) => e.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending = this.pending.filter((e) => e !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
    await settle();
  }

  /** Timers not yet run (for assertions about what is scheduled). */
  pendingCount(): number {
    return this.pending.length;
  }
}

/** Lets queued promise callbacks run (several turns, for chains of awaits). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}
