// The normalisation half of pkg/controller/podautoscaler/horizontal.go: stabilisation of
// recommendations (stabilizeRecommendation, stabilizeRecommendationWithBehaviors), the default
// scale-up limit (convertDesiredReplicasWithRules: max(2x, 4)), spec.behavior policies
// (convertDesiredReplicasWithBehaviorRate, calculateScaleUp/DownLimitWithScalingRules) and the
// scale-event bookkeeping they read. Times are unix milliseconds.

export interface ScalingPolicy {
  type: "Pods" | "Percent";
  value: number;
  periodSeconds: number;
}
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: "Max" | "Min" | "Disabled";
  policies?: ScalingPolicy[];
}
export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}
type Rules = Required<ScalingRules>;
export interface FullBehavior {
  scaleUp: Rules;
  scaleDown: Rules;
}

/** autoscaling/v2 defaults (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules) plus the controller's down window. */
export function withBehaviorDefaults(b: Behavior, downscaleWindowSeconds: number): FullBehavior {
  const up = b.scaleUp ?? {};
  const down = b.scaleDown ?? {};
  return {
    scaleUp: {
      stabilizationWindowSeconds: up.stabilizationWindowSeconds ?? 0,
      selectPolicy: up.selectPolicy ?? "Max",
      policies: up.policies ?? [
        { type: "Pods", value: 4, periodSeconds: 15 },
        { type: "Percent", value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: down.stabilizationWindowSeconds ?? downscaleWindowSeconds,
      selectPolicy: down.selectPolicy ?? "Max",
      policies: down.policies ?? [{ type: "Percent", value: 100, periodSeconds: 15 }],
    },
  };
}

interface Recommendation {
  replicas: number;
  at: number;
}
interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

/** The controller's per-HPA memory: recommendations and scale events. */
export class Recommendations {
  readonly recs = new Map<string, Recommendation[]>();
  readonly up = new Map<string, ScaleEvent[]>();
  readonly down = new Map<string, ScaleEvent[]>();

  recordInitial(key: string, current: number, now: number): void {
    if (!this.recs.has(key)) this.recs.set(key, [{ replicas: current, at: now }]);
  }

  forget(key: string): void {
    this.recs.delete(key);
    this.up.delete(key);
    this.down.delete(key);
  }

  /** storeScaleEvent: replaces an event older than the longest policy period, or appends. */
  storeScaleEvent(key: string, behavior: FullBehavior, prev: number, next: number, now: number): void {
    const isUp = next > prev;
    const rules = isUp ? behavior.scaleUp : behavior.scaleDown;
    const map = isUp ? this.up : this.down;
    const events = map.get(key) ?? [];
    const longest = Math.max(0, ...rules.policies.map((p) => p.periodSeconds));
    for (const e of events) if (e.at < now - longest * 1000) e.outdated = true;
    const ev = { change: Math.abs(next - prev), at: now, outdated: false };
    let idx = -1;
    events.forEach((e, i) => e.outdated && (idx = i));
    if (idx >= 0) events[idx] = ev;
    else events.push(ev);
    map.set(key, events);
  }
}

type SetCondition = (type: string, status: string, reason: string, message: string) => void;

/** normalizeDesiredReplicas: no behavior, the downscale window and the 2x/4 scale-up limit. */
export function normalizeDesiredReplicas(r: Recommendations, key: string, current: number, prenormalized: number, min: number, max: number, now: number, downWindowMs: number, set: SetCondition): number {
  // stabilizeRecommendation: the highest recommendation within the window; one stale entry is reused.
  let stabilized = prenormalized;
  const list = r.recs.get(key) ?? [];
  let oldIdx = -1;
  for (let i = 0; i < list.length; i++) {
    if (list[i].at < now - downWindowMs) oldIdx = i;
    else if (list[i].replicas > stabilized) stabilized = list[i].replicas;
  }
  if (oldIdx >= 0) list[oldIdx] = { replicas: prenormalized, at: now };
  else list.push({ replicas: prenormalized, at: now });
  r.recs.set(key, list);
  if (stabilized !== prenormalized) set("AbleToScale", "True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");
  else set("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size");

  const scaleUpLimit = Math.max(2 * current, 4);
  let maxAllowed: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maxAllowed = scaleUpLimit;
    reason = "ScaleUpLimit";
    message = "the desired replica count is increasing faster than the maximum scale rate";
  } else {
    maxAllowed = max;
    reason = "TooManyReplicas";
    message = "the desired replica count is more than the maximum replica count";
  }
  let desired = stabilized;
  if (stabilized < min) {
    desired = min;
    reason = "TooFewReplicas";
    message = "the desired replica count is less than the minimum replica count";
  } else if (stabilized > maxAllowed) desired = maxAllowed;
  else {
    reason = "DesiredWithinRange";
    message = "the desired count is within the acceptable range";
  }
  set("ScalingLimited", desired === stabilized ? "False" : "True", reason, message);
  return desired;
}

function changeInPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  let n = 0;
  for (const e of events) if (e.at > now - periodSeconds * 1000) n += e.change;
  return n;
}

export function scaleUpLimitWithRules(current: number, events: ScaleEvent[], rules: Rules, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  const pick = rules.selectPolicy === "Min" ? Math.min : Math.max;
  let result = rules.selectPolicy === "Min" ? Number.MAX_SAFE_INTEGER : 0;
  for (const p of rules.policies) {
    const start = current - changeInPeriod(p.periodSeconds, events, now);
    const proposed = p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

export function scaleDownLimitWithRules(current: number, events: ScaleEvent[], rules: Rules, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  const pick = rules.selectPolicy === "Min" ? Math.max : Math.min;
  let result = rules.selectPolicy === "Min" ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies) {
    const start = current + changeInPeriod(p.periodSeconds, events, now);
    const proposed = p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeDesiredReplicasWithBehaviors(r: Recommendations, key: string, b: FullBehavior, current: number, prenormalized: number, min: number, max: number, now: number, set: SetCondition): number {
  // stabilizeRecommendationWithBehaviors
  const up = prenormalized >= current;
  const window = up ? b.scaleUp.stabilizationWindowSeconds : b.scaleDown.stabilizationWindowSeconds;
  const better = up ? Math.min : Math.max;
  const obsolete = now - Math.max(b.scaleUp.stabilizationWindowSeconds, b.scaleDown.stabilizationWindowSeconds) * 1000;
  const cutoff = now - window * 1000;
  let stabilized = prenormalized;
  const list = r.recs.get(key) ?? [];
  let oldIdx = -1;
  list.forEach((rec, i) => {
    if (rec.at > cutoff) stabilized = better(rec.replicas, stabilized);
    if (rec.at < obsolete) oldIdx = i;
  });
  if (oldIdx >= 0) list[oldIdx] = { replicas: prenormalized, at: now };
  else list.push({ replicas: prenormalized, at: now });
  r.recs.set(key, list);
  if (stabilized !== prenormalized) {
    if (up) set("AbleToScale", "True", "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation");
    else set("AbleToScale", "True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");
  } else set("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size");

  // convertDesiredReplicasWithBehaviorRate
  let desired = stabilized;
  let reason = "DesiredWithinRange";
  let message = "the desired count is within the acceptable range";
  if (stabilized > current) {
    const limit = Math.max(current, scaleUpLimitWithRules(current, r.up.get(key) ?? [], b.scaleUp, now));
    let maxAllowed = max;
    if (max > limit) {
      maxAllowed = limit;
      [reason, message] = ["ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"];
    } else [reason, message] = ["TooManyReplicas", "the desired replica count is more than the maximum replica count"];
    if (stabilized > maxAllowed) desired = maxAllowed;
    else [reason, message] = ["DesiredWithinRange", "the desired count is within the acceptable range"];
  } else if (stabilized < current) {
    const limit = Math.min(current, scaleDownLimitWithRules(current, r.down.get(key) ?? [], b.scaleDown, now));
    let minAllowed = min;
    if (min < limit) {
      minAllowed = limit;
      [reason, message] = ["ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"];
    } else [reason, message] = ["TooFewReplicas", "the desired replica count is less than the minimum replica count"];
    if (stabilized < minAllowed) desired = minAllowed;
    else [reason, message] = ["DesiredWithinRange", "the desired count is within the acceptable range"];
  }
  set("ScalingLimited", desired === stabilized ? "False" : "True", reason, message);
  return desired;
}
