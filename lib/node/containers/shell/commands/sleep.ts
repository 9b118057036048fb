// sleep in real (lab) time, with busybox/coreutils argument forms: N, N.M, Ns/m/h/d, infinity.
// It wakes early when the container is stopped (the interpreter's abort signal).
import { defineCommand, type Command } from "just-bash";
import type { Time } from "../../../../cluster/runtime/timers.js";

const UNIT_MS: Record<string, number> = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Timers longer than this overflow setTimeout; longer sleeps wait in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function parseSleep(args: string[]): number | string {
  if (args.length === 0) return "sleep: missing operand";
  let total = 0;
  for (const a of args) {
    if (a === "infinity" || a === "inf") return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return `sleep: invalid number '${a}'`;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return total;
}

export function sleepFor(ms: number, time: Time, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let cancel = () => {};
    const step = (left: number) => {
      const chunk = Math.min(left, MAX_TIMER_MS);
      cancel = time.after(chunk, () => (left - chunk > 0 ? step(left - chunk) : finish()));
    };
    const finish = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      cancel();
      finish();
    };
    signal?.addEventListener("abort", onAbort);
    step(ms);
  });
}

export function sleepCommand(time: Time): Command {
  return defineCommand("sleep", async (args, ctx) => {
    const ms = parseSleep(args);
    if (typeof ms === "string") return { stdout: "", stderr: `${ms}\n`, exitCode: 1 };
    await sleepFor(ms, time, ctx.signal);
    return { stdout: "", stderr: "", exitCode: 0 };
  });
}
