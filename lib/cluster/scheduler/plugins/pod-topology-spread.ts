// pkg/scheduler/framework/plugins/podtopologyspread (common.go, filtering.go, scoring.go,
// plugin.go): DoNotSchedule constraints filter by skew against the global minimum (0 while fewer
// than minDomains domains exist); ScheduleAnyway constraints, or the system defaults (hostname
// maxSkew 3, zone maxSkew 5) for pods owned by a Service/RC/RS/StatefulSet, score.
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector, newRequirement, selectorFromSet, type Selector } from "../../meta/labels.js";
import { podMatchesNodeSelectorAndAffinityTerms } from "../node-selector.js";
import { doNotScheduleTaints, findMatchingUntoleratedTaint } from "../tolerations.js";
import { MAX_NODE_SCORE, SUCCESS, unresolvable, unschedulable, type CycleContext, type NodeInfo, type Plugin, type Pod, type TopologySpreadConstraint } from "../types.js";

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";

/** The default profile's system default constraints (apis/config/v1 defaults). */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

function toConstraints(pod: Pod, list: TopologySpreadConstraint[], when: string): Constraint[] {
  const out: Constraint[] = [];
  for (const c of list) {
    if (c.whenUnsatisfiable !== when) continue;
    let selector: Selector;
    try {
      selector = labelSelectorAsSelector(c.labelSelector);
      // matchLabelKeys: the pod's own values for those keys join the selector.
      const labels = pod.metadata?.labels ?? {};
      for (const k of c.matchLabelKeys ?? []) if (k in labels) selector = selector.add(newRequirement(k, "in", [labels[k]]));
    } catch {
      selector = labelSelectorAsSelector(null);
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      honorAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
      honorTaints: c.nodeTaintsPolicy === "Honor",
    });
  }
  return out;
}

// helper.DefaultSelector: the selectors of the Services selecting the pod and of its controller.
function defaultSelector(c: CycleContext): Selector {
  const pod = c.pod;
  const ns = pod.metadata?.namespace ?? "";
  const labels = pod.metadata?.labels ?? {};
  const set: Record<string, string> = Object.create(null);
  for (const svc of c.list(GR.services, ns)) {
    const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (sel && Object.keys(sel).length && selectorFromSet(sel).matches(labels)) Object.assign(set, sel);
  }
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller);
  let extra: Selector | undefined;
  if (ref) {
    const gr = ref.kind === "ReplicationController" ? GR.replicationcontrollers : ref.kind === "ReplicaSet" ? GR.replicasets : ref.kind === "StatefulSet" ? GR.statefulsets : undefined;
    const owner = gr && c.get(gr, ns, ref.name);
    const sel = (owner?.spec as { selector?: unknown } | undefined)?.selector;
    if (sel && ref.kind === "ReplicationController") Object.assign(set, sel);
    else if (sel) {
      try {
        extra = labelSelectorAsSelector(sel as never);
      } catch {
        extra = undefined;
      }
    }
  }
  let s = selectorFromSet(set);
  if (extra && !extra.nothing) s = s.add(...extra.requirements);
  return s;
}

function nodeIncluded(c: CycleContext, con: Constraint, n: NodeInfo): boolean {
  if (con.honorAffinity && !podMatchesNodeSelectorAndAffinityTerms(c.pod, n.node)) return false;
  if (con.honorTaints && findMatchingUntoleratedTaint(n.node.spec?.taints, c.pod.spec.tolerations, doNotScheduleTaints)) return false;
  return true;
}

function countMatching(pods: readonly Pod[], sel: Selector, ns: string | undefined): number {
  return pods.filter((p) => !p.metadata?.deletionTimestamp && p.metadata?.namespace === ns && sel.matches(p.metadata?.labels ?? {})).length;
}

interface FilterState {
  constraints: Constraint[];
  counts: Map<string, number>[];
  domains: number[];
  min: number[];
}

const FILTER_KEY = "PreFilterPodTopologySpread";

function preFilterState(c: CycleContext): FilterState {
  const constraints = toConstraints(c.pod, c.pod.spec.topologySpreadConstraints ?? [], "DoNotSchedule");
  const counts = constraints.map(() => new Map<string, number>());
  for (const n of c.nodes) {
    if (!constraints.every((con) => n.labels[con.topologyKey] !== undefined)) continue;
    constraints.forEach((con, i) => {
      if (!nodeIncluded(c, con, n)) return;
      const v = n.labels[con.topologyKey];
      counts[i].set(v, (counts[i].get(v) ?? 0) + countMatching(n.pods, con.selector, c.pod.metadata?.namespace));
    });
  }
  return {
    constraints,
    counts,
    domains: counts.map((m) => m.size),
    min: counts.map((m) => (m.size ? Math.min(...m.values()) : Number.MAX_SAFE_INTEGER)),
  };
}

export const podTopologySpread: Plugin = {
  name: "PodTopologySpread",
  events: ["NodeAdd", "NodeLabel", "NodeTaint", "AssignedPodAdd", "AssignedPodUpdate", "AssignedPodDelete"],
  weight: 2,
  preFilter(c) {
    c.state.set(FILTER_KEY, preFilterState(c));
    return { status: SUCCESS };
  },
  filter(c, n) {
    const s = c.state.get(FILTER_KEY) as FilterState;
    const labels = c.pod.metadata?.labels ?? {};
    for (let i = 0; i < s.constraints.length; i++) {
      const con = s.constraints[i];
      const v = n.labels[con.topologyKey];
      if (v === undefined) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      const min = s.domains[i] < con.minDomains ? 0 : s.min[i];
      const self = con.selector.matches(labels) ? 1 : 0;
      const skew = (s.counts[i].get(v) ?? 0) + self - min;
      if (skew > con.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return SUCCESS;
  },
  score(c, n, feasible) {
    const s = scoreState(c, feasible);
    if (s.ignored.has(n.name)) return 0;
    let score = 0;
    s.constraints.forEach((con, i) => {
      const v = n.labels[con.topologyKey];
      if (v === undefined) return;
      const cnt = con.topologyKey === "kubernetes.io/hostname" ? countMatching(n.pods, con.selector, c.pod.metadata?.namespace) : (s.counts[i].get(v) ?? 0);
      score += cnt * s.weights[i] + (con.maxSkew - 1);
    });
    return Math.round(score);
  },
  normalizeScore(c, scores) {
    const s = c.state.get(SCORE_KEY) as ScoreState | undefined;
    if (!s || s.constraints.length === 0) {
      for (const k of scores.keys()) scores.set(k, 0);
      return;
    }
    let min = Infinity;
    let max = 0;
    for (const [name, v] of scores) {
      if (s.ignored.has(name)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (const [name, v] of scores) {
      if (s.ignored.has(name)) scores.set(name, 0);
      else if (max === 0) scores.set(name, MAX_NODE_SCORE);
      else scores.set(name, Math.trunc((MAX_NODE_SCORE * (max + min - v)) / max));
    }
  },
};

interface ScoreState {
  constraints: Constraint[];
  counts: Map<string, number>[];
  weights: number[];
  ignored: Set<string>;
}
const SCORE_KEY = "PreScorePodTopologySpread";

function scoreState(c: CycleContext, feasible: NodeInfo[]): ScoreState {
  const cached = c.state.get(SCORE_KEY) as ScoreState | undefined;
  if (cached) return cached;
  const own = c.pod.spec.topologySpreadConstraints ?? [];
  let constraints: Constraint[];
  let requireAll = true;
  if (own.length) constraints = toConstraints(c.pod, own, "ScheduleAnyway");
  else {
    requireAll = false;
    const sel = defaultSelector(c);
    constraints = sel.empty()
      ? []
      : SYSTEM_DEFAULT_CONSTRAINTS.map((d) => ({ maxSkew: d.maxSkew, topologyKey: d.topologyKey, selector: sel, minDomains: 1, honorAffinity: true, honorTaints: false }));
  }
  const ignored = new Set<string>();
  const values = constraints.map(() => new Set<string>());
  let hostnames = 0;
  for (const n of feasible) {
    if (requireAll && !constraints.every((con) => n.labels[con.topologyKey] !== undefined)) {
      ignored.add(n.name);
      continue;
    }
    hostnames++;
    constraints.forEach((con, i) => {
      const v = n.labels[con.topologyKey];
      if (v !== undefined) values[i].add(v);
    });
  }
  const counts = constraints.map(() => new Map<string, number>());
  for (const n of c.nodes) {
    constraints.forEach((con, i) => {
      const v = n.labels[con.topologyKey];
      if (v === undefined || !values[i].has(v) || !nodeIncluded(c, con, n)) return;
      if (requireAll && !constraints.every((x) => n.labels[x.topologyKey] !== undefined)) return;
      counts[i].set(v, (counts[i].get(v) ?? 0) + countMatching(n.pods, con.selector, c.pod.metadata?.namespace));
    });
  }
  const weights = constraints.map((con, i) => Math.log((con.topologyKey === "kubernetes.io/hostname" ? hostnames : values[i].size) + 2));
  const s: ScoreState = { constraints, counts, weights, ignored };
  c.state.set(SCORE_KEY, s);
  return s;
}
