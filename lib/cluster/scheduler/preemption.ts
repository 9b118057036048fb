// pkg/scheduler/framework/plugins/defaultpreemption and framework/preemption/preemption.go
// (v1.32), without PodDisruptionBudgets: nodes rejected as UnschedulableAndUnresolvable are not
// worth it ("Preemption is not helpful for scheduling"); on the others, every lower-priority pod
// is removed in a dry run, the pod must then fit, and victims are reprieved from the most
// important down while it still fits. The node with the least important victims wins.
import { GR } from "../client/types.js";
import { fitErrorMessage, type Diagnosis } from "./fit-error.js";
import { runFilters, runPreFilter } from "./framework.js";
import { withoutPods, addPod, newNodeInfo } from "./snapshot.js";
import { unresolvable, type CycleContext, type NodeInfo, type Plugin, type Pod, type Status } from "./types.js";

export const MSG_NOT_HELPFUL = "Preemption is not helpful for scheduling";
export const MSG_NO_VICTIMS = "No preemption victims found for incoming pod";

/** corev1helpers.PodPriority, falling back to the PriorityClass (Drydock has no Priority admission yet). */
export function podPriority(c: Pick<CycleContext, "get" | "list">, pod: Pod): number {
  if (typeof pod.spec.priority === "number") return pod.spec.priority;
  const name = pod.spec.priorityClassName;
  if (name) return ((c.get(GR.priorityclasses, "", name) as { value?: number } | undefined)?.value ?? 0);
  const def = c.list(GR.priorityclasses).find((pc) => (pc as { globalDefault?: boolean }).globalDefault);
  return (def as { value?: number } | undefined)?.value ?? 0;
}

export interface PreemptionResult {
  /** "preemption: ..." when no candidate was found (FitError's PostFilterMsg). */
  message?: string;
  nominatedNode?: string;
  victims?: Pod[];
}

function nodeCopyContext(c: CycleContext, replaced: NodeInfo): CycleContext {
  const nodes = c.nodes.map((n) => (n.name === replaced.name ? replaced : n));
  return { ...c, nodes, nodeByName: new Map(nodes.map((n) => [n.name, n])), state: new Map() };
}

function fits(c: CycleContext, node: NodeInfo, plugins: readonly Plugin[]): Status | undefined {
  const cc = nodeCopyContext(c, node);
  const pre = runPreFilter(cc, plugins);
  if (pre.rejected) return pre.diagnosis.absentStatus;
  return runFilters(cc, node, plugins, pre.skipped);
}

export function preempt(c: CycleContext, d: Diagnosis, plugins: readonly Plugin[]): PreemptionResult {
  const pod = c.pod;
  if (pod.spec.preemptionPolicy === "Never") return { message: "preemption: not eligible due to preemptionPolicy=Never." };
  const prio = podPriority(c, pod);
  const statuses = new Map<string, Status>();
  const candidates: { node: string; victims: Pod[] }[] = [];
  for (const n of c.nodes) {
    const s = d.nodeToStatus.get(n.name) ?? d.absentStatus;
    if (!s || s.code === "UnschedulableAndUnresolvable") {
      statuses.set(n.name, unresolvable(MSG_NOT_HELPFUL));
      continue;
    }
    const lower = n.pods.filter((p) => podPriority(c, p) < prio);
    if (lower.length === 0) {
      statuses.set(n.name, unresolvable(MSG_NO_VICTIMS));
      continue;
    }
    const reduced = withoutPods(n, new Set(lower));
    const status = fits(c, reduced, plugins);
    if (status) {
      statuses.set(n.name, status);
      continue;
    }
    // Reprieve the most important first (higher priority, then earlier start).
    const ordered = [...lower].sort((a, b) => podPriority(c, b) - podPriority(c, a) || String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
    const victims: Pod[] = [];
    let current = reduced;
    for (const p of ordered) {
      const trial = newNodeInfo(n.node);
      for (const q of current.pods) addPod(trial, q);
      addPod(trial, p);
      if (fits(c, trial, plugins)) victims.push(p);
      else current = trial;
    }
    candidates.push({ node: n.name, victims });
  }
  if (candidates.length === 0) {
    const diag: Diagnosis = { nodeToStatus: statuses, unschedulablePlugins: new Set() };
    return { message: "preemption: " + fitErrorMessage(c.nodes.length, diag) };
  }
  // pickOneNodeForPreemption: lowest highest-priority victim, lowest priority sum, fewest victims.
  const key = (v: Pod[]) => [Math.max(...v.map((p) => podPriority(c, p)), -Infinity), v.reduce((s, p) => s + podPriority(c, p), 0), v.length];
  candidates.sort((a, b) => {
    const ka = key(a.victims);
    const kb = key(b.victims);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
  return { nominatedNode: candidates[0].node, victims: candidates[0].victims };
}
