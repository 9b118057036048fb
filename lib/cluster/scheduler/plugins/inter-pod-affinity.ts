// pkg/scheduler/framework/plugins/interpodaffinity (filtering.go, scoring.go): required pod
// affinity and anti-affinity of the incoming pod, the required anti-affinity of the pods already
// placed, and the weighted preferred terms of both for scoring. Counts are kept per topology
// pair (topologyKey, the value of that label on the node of a matching pod).
import { labelSelectorAsSelector, type LabelSelector } from "../../meta/labels.js";
import { MAX_NODE_SCORE, SUCCESS, unresolvable, unschedulable, type CycleContext, type NodeInfo, type Plugin, type Pod, type PodAffinityTerm } from "../types.js";

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

/** Whether `target` matches a term declared by `owner` (namespaces default to the owner's). */
export function podMatchesTerm(c: CycleContext, owner: Pod, term: PodAffinityTerm, target: Pod): boolean {
  const ns = target.metadata?.namespace ?? "";
  const names = term.namespaces ?? [];
  let inNamespaces: boolean;
  if (names.length === 0 && !term.namespaceSelector) inNamespaces = ns === owner.metadata?.namespace;
  else {
    inNamespaces = names.includes(ns);
    if (!inNamespaces && term.namespaceSelector) {
      const labels = c.namespaceLabels(ns);
      inNamespaces = labels !== undefined && safeSelector(term.namespaceSelector).matches(labels);
    }
  }
  return inNamespaces && safeSelector(term.labelSelector).matches(target.metadata?.labels ?? {});
}

function safeSelector(s: LabelSelector | null | undefined) {
  try {
    return labelSelectorAsSelector(s);
  } catch {
    return labelSelectorAsSelector(null);
  }
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

interface State {
  affinity: PodAffinityTerm[];
  antiAffinity: PodAffinityTerm[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

function computeState(c: CycleContext): State {
  const pod = c.pod;
  const affinity = pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const antiAffinity = pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const s: State = { affinity, antiAffinity, affinityCounts: new Map(), antiAffinityCounts: new Map(), existingAntiAffinityCounts: new Map() };
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const n of c.nodes) {
    for (const existing of n.pods) {
      for (const t of existing.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
        const v = n.labels[t.topologyKey];
        if (v !== undefined && podMatchesTerm(c, existing, t, pod)) inc(s.existingAntiAffinityCounts, pairKey(t.topologyKey, v));
      }
      if (affinity.length && affinity.every((t) => podMatchesTerm(c, pod, t, existing))) {
        for (const t of affinity) {
          const v = n.labels[t.topologyKey];
          if (v !== undefined) inc(s.affinityCounts, pairKey(t.topologyKey, v));
        }
      }
      for (const t of antiAffinity) {
        const v = n.labels[t.topologyKey];
        if (v !== undefined && podMatchesTerm(c, pod, t, existing)) inc(s.antiAffinityCounts, pairKey(t.topologyKey, v));
      }
    }
  }
  return s;
}

const STATE_KEY = "PreFilterInterPodAffinity";

function satisfyPodAffinity(c: CycleContext, s: State, n: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.affinity) {
    const v = n.labels[t.topologyKey];
    if (v === undefined) return false;
    if (!((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0)) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself must not wait forever.
  return s.affinityCounts.size === 0 && s.affinity.every((t) => podMatchesTerm(c, c.pod, t, c.pod));
}

function anyPairIn(counts: Map<string, number>, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(labels)) if ((counts.get(pairKey(k, v)) ?? 0) > 0) return true;
  return false;
}

export const interPodAffinity: Plugin = {
  name: "InterPodAffinity",
  events: ["NodeAdd", "NodeLabel", "AssignedPodAdd", "AssignedPodUpdate", "AssignedPodDelete", "Namespace"],
  weight: 2,
  preFilter(c) {
    c.state.set(STATE_KEY, computeState(c));
    return { status: SUCCESS };
  },
  filter(c, n) {
    const s = c.state.get(STATE_KEY) as State;
    if (!satisfyPodAffinity(c, s, n)) return unresolvable(ERR_REASON_AFFINITY);
    for (const t of s.antiAffinity) {
      const v = n.labels[t.topologyKey];
      if (v !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return unschedulable(ERR_REASON_ANTI_AFFINITY);
    }
    if (anyPairIn(s.existingAntiAffinityCounts, n.labels)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
    return SUCCESS;
  },
  score(c, n) {
    let scores = c.state.get("PreScoreInterPodAffinity") as Map<string, number> | undefined;
    if (!scores) c.state.set("PreScoreInterPodAffinity", (scores = preScore(c)));
    let total = 0;
    for (const [k, v] of Object.entries(n.labels)) total += scores.get(pairKey(k, v)) ?? 0;
    return total;
  },
  normalizeScore(_c, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores.values()) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    const diff = max - min;
    for (const [name, s] of scores) scores.set(name, diff > 0 ? Math.trunc((MAX_NODE_SCORE * (s - min)) / diff) : 0);
  },
};

/** hardPodAffinityWeight of the default profile. */
const HARD_POD_AFFINITY_WEIGHT = 1;

function preScore(c: CycleContext): Map<string, number> {
  const pod = c.pod;
  const out = new Map<string, number>();
  const add = (key: string, value: string | undefined, w: number) => {
    if (value === undefined || w === 0) return;
    out.set(pairKey(key, value), (out.get(pairKey(key, value)) ?? 0) + w);
  };
  const prefAff = pod.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const prefAnti = pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  for (const n of c.nodes) {
    for (const existing of n.pods) {
      for (const w of prefAff) if (podMatchesTerm(c, pod, w.podAffinityTerm, existing)) add(w.podAffinityTerm.topologyKey, n.labels[w.podAffinityTerm.topologyKey], w.weight);
      for (const w of prefAnti) if (podMatchesTerm(c, pod, w.podAffinityTerm, existing)) add(w.podAffinityTerm.topologyKey, n.labels[w.podAffinityTerm.topologyKey], -w.weight);
      const a = existing.spec.affinity;
      for (const t of a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (podMatchesTerm(c, existing, t, pod)) add(t.topologyKey, n.labels[t.topologyKey], HARD_POD_AFFINITY_WEIGHT);
      }
      for (const w of a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (podMatchesTerm(c, existing, w.podAffinityTerm, pod)) add(w.podAffinityTerm.topologyKey, n.labels[w.podAffinityTerm.topologyKey], w.weight);
      }
      for (const w of a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (podMatchesTerm(c, existing, w.podAffinityTerm, pod)) add(w.podAffinityTerm.topologyKey, n.labels[w.podAffinityTerm.topologyKey], -w.weight);
      }
    }
  }
  return out;
}
