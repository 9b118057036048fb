// pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest: pod count, cpu, memory,
// ephemeral-storage, scalar resources, each a reason of its own) and least_allocated.go (the
// default scoring strategy, cpu and memory weighted 1, on the non-zero requests).
import { podRequests } from "../resources.js";
import type { Resources } from "../resources.js";
import { MAX_NODE_SCORE, SUCCESS, unschedulable, type CycleContext, type NodeInfo, type Plugin } from "../types.js";

const STATE_KEY = "PreFilterNodeResourcesFit";

export function insufficientResources(req: Resources, n: NodeInfo): string[] {
  const out: string[] = [];
  if (n.pods.length + 1 > n.allocatable.allowedPodNumber) out.push("Too many pods");
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0) return out;
  if (req.milliCPU > 0 && req.milliCPU > n.allocatable.milliCPU - n.requested.milliCPU) out.push("Insufficient cpu");
  if (req.memory > 0 && req.memory > n.allocatable.memory - n.requested.memory) out.push("Insufficient memory");
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > n.allocatable.ephemeralStorage - n.requested.ephemeralStorage) out.push("Insufficient ephemeral-storage");
  for (const [name, q] of req.scalar) {
    if (q === 0) continue;
    if (q > (n.allocatable.scalar.get(name) ?? 0) - (n.requested.scalar.get(name) ?? 0)) out.push(`Insufficient ${name}`);
  }
  return out;
}

function requestsOf(c: CycleContext): Resources {
  let r = c.state.get(STATE_KEY) as Resources | undefined;
  if (!r) c.state.set(STATE_KEY, (r = podRequests(c.pod)));
  return r;
}

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const nodeResourcesFit: Plugin = {
  name: "NodeResourcesFit",
  events: ["NodeAdd", "NodeAllocatable", "AssignedPodDelete"],
  weight: 1,
  preFilter(c) {
    requestsOf(c);
    return { status: SUCCESS };
  },
  filter(c, n) {
    const reasons = insufficientResources(requestsOf(c), n);
    return reasons.length ? unschedulable(...reasons) : SUCCESS;
  },
  score(c, n) {
    const pod = podRequests(c.pod, true);
    const pairs: [number, number][] = [
      [n.nonZeroRequested.milliCPU + pod.milliCPU, n.allocatable.milliCPU],
      [n.nonZeroRequested.memory + pod.memory, n.allocatable.memory],
    ];
    let sum = 0;
    let weights = 0;
    for (const [req, alloc] of pairs) {
      if (alloc === 0) continue;
      sum += leastRequestedScore(req, alloc);
      weights++;
    }
    return weights ? Math.trunc(sum / weights) : 0;
  },
};
