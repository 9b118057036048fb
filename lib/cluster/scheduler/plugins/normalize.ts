// pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore): scores scaled
// so the highest becomes maxPriority (integer division), optionally reversed.
import { MAX_NODE_SCORE } from "../types.js";

export function defaultNormalizeScore(scores: Map<string, number>, reverse: boolean, maxPriority = MAX_NODE_SCORE): void {
  let max = 0;
  for (const s of scores.values()) if (s > max) max = s;
  for (const [name, s] of scores) {
    if (max === 0) {
      if (reverse) scores.set(name, maxPriority);
      continue;
    }
    let v = Math.trunc((maxPriority * s) / max);
    if (reverse) v = maxPriority - v;
    scores.set(name, v);
  }
}
