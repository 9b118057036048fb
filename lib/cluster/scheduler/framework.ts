// One scheduling cycle of the default profile (pkg/scheduler/schedule_one.go: schedulePod,
// findNodesThatFitPod, prioritizeNodes, selectHost; framework/runtime/framework.go): PreFilter
// plugins (a rejection there fails every node with its message), Filter plugins in the profile's
// order stopping at the first failure per node, then Score x weight summed over plugins.
import { balancedAllocation } from "./plugins/balanced-allocation.js";
import { interPodAffinity } from "./plugins/inter-pod-affinity.js";
import { nodeAffinity } from "./plugins/node-affinity.js";
import { nodeName } from "./plugins/node-name.js";
import { nodePorts } from "./plugins/node-ports.js";
import { nodeResourcesFit } from "./plugins/node-resources-fit.js";
import { nodeUnschedulable } from "./plugins/node-unschedulable.js";
import { podTopologySpread } from "./plugins/pod-topology-spread.js";
import { taintToleration } from "./plugins/taint-toleration.js";
import { volumeBinding } from "./plugins/volume-binding.js";
import type { Diagnosis } from "./fit-error.js";
import { isRejection, unresolvable, type CycleContext, type NodeInfo, type Plugin, type Status } from "./types.js";

/** The filter order of the v1.32 default profile (NodeVolumeLimits, VolumeRestrictions, VolumeZone left out). */
export const DEFAULT_PLUGINS: readonly Plugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  volumeBinding,
  podTopologySpread,
  interPodAffinity,
  balancedAllocation,
];

export type CycleResult = { node: string; feasible: number } | { diagnosis: Diagnosis };

/** Runs the filters for one node; the first rejection wins (RunFilterPlugins). */
export function runFilters(c: CycleContext, n: NodeInfo, plugins: readonly Plugin[], skipped: ReadonlySet<string>): Status | undefined {
  for (const p of plugins) {
    if (!p.filter || skipped.has(p.name)) continue;
    const s = p.filter(c, n);
    if (s.code !== "Success") return { ...s, plugin: p.name };
  }
  return undefined;
}

export interface PreFilterOutcome {
  /** Plugins whose PreFilter returned Skip: their Filter does not run. */
  skipped: Set<string>;
  nodes: NodeInfo[];
  diagnosis: Diagnosis;
  rejected: boolean;
}

export function runPreFilter(c: CycleContext, plugins: readonly Plugin[]): PreFilterOutcome {
  const diagnosis: Diagnosis = { nodeToStatus: new Map(), unschedulablePlugins: new Set() };
  const skipped = new Set<string>();
  let names: Set<string> | undefined;
  const narrowing: string[] = [];
  for (const p of plugins) {
    if (!p.preFilter) continue;
    const { status, result } = p.preFilter(c);
    if (status.code === "Skip") {
      skipped.add(p.name);
      continue;
    }
    if (isRejection(status)) {
      // Every node fails with the PreFilter's status (upstream: SetAbsentNodesStatus).
      diagnosis.preFilterMsg = status.reasons.join(", ");
      diagnosis.absentStatus = { ...status, plugin: p.name };
      diagnosis.unschedulablePlugins.add(p.name);
      return { skipped, nodes: [], diagnosis, rejected: true };
    }
    if (result?.nodeNames) {
      narrowing.push(p.name);
      names = names ? new Set([...names].filter((x) => result.nodeNames!.has(x))) : new Set(result.nodeNames);
    }
  }
  let nodes = c.nodes;
  if (names) {
    nodes = c.nodes.filter((n) => names!.has(n.name));
    diagnosis.absentStatus = unresolvable(`node(s) didn't satisfy plugin(s) [${[...narrowing].sort().join(" ")}]`);
    for (const p of narrowing) diagnosis.unschedulablePlugins.add(p);
  }
  return { skipped, nodes, diagnosis, rejected: false };
}

/** Sums weight x normalized score per node (prioritizeNodes). */
export function scoreNodes(c: CycleContext, feasible: NodeInfo[], plugins: readonly Plugin[]): Map<string, number> {
  const total = new Map<string, number>(feasible.map((n) => [n.name, 0]));
  for (const p of plugins) {
    if (!p.score) continue;
    const scores = new Map<string, number>();
    for (const n of feasible) scores.set(n.name, p.score(c, n, feasible));
    p.normalizeScore?.(c, scores);
    for (const [name, s] of scores) total.set(name, total.get(name)! + s * (p.weight ?? 1));
  }
  return total;
}

/**
 * schedulePod. Ties between the best nodes are broken by `tieBreak` (upstream picks one at random
 * by reservoir sampling).
 */
export function schedulePod(c: CycleContext, plugins: readonly Plugin[], tieBreak: (n: number) => number): CycleResult {
  const pre = runPreFilter(c, plugins);
  if (pre.rejected) return { diagnosis: pre.diagnosis };
  const feasible: NodeInfo[] = [];
  for (const n of pre.nodes) {
    const s = runFilters(c, n, plugins, pre.skipped);
    if (!s) feasible.push(n);
    else {
      pre.diagnosis.nodeToStatus.set(n.name, s);
      if (s.plugin) pre.diagnosis.unschedulablePlugins.add(s.plugin);
    }
  }
  if (feasible.length === 0) return { diagnosis: pre.diagnosis };
  if (feasible.length === 1) return { node: feasible[0].name, feasible: 1 };
  const scores = scoreNodes(c, feasible, plugins);
  let best = -Infinity;
  for (const s of scores.values()) best = Math.max(best, s);
  const top = feasible.filter((n) => scores.get(n.name) === best);
  return { node: top[tieBreak(top.length) % top.length].name, feasible: feasible.length };
}
