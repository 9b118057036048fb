// Randomness for the cluster core (lib/cluster takes it as a parameter).
import { randomBytes, randomUUID } from "node:crypto";
import type { Clock, Random } from "../cluster/api/types.js";

const ALPHABET = "bcdfghjklmnpqrstvwxz2456789"; // upstream utilrand's alphanums

export const systemRandom: Random = {
  string(n: number): string {
    const bytes = randomBytes(n);
    let s = "";
    for (let i = 0; i < n; i++) s += ALPHABET[bytes[i] % ALPHABET.length];
    return s;
  },
  uuid: () => randomUUID(),
};

export const systemClock: Clock = { now: () => new Date() };

/** The system clock with real timers, for the components of running labs. */
export const systemTime: import("../cluster/runtime/timers.js").Time = {
  now: () => new Date(),
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};
