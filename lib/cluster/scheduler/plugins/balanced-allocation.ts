// pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go: prefers nodes whose cpu
// and memory would be used in equal fractions: score = (1 - std) * 100, std of two fractions
// being half their difference.
import { podRequests } from "../resources.js";
import { MAX_NODE_SCORE, type Plugin } from "../types.js";

export const balancedAllocation: Plugin = {
  name: "NodeResourcesBalancedAllocation",
  events: [],
  weight: 1,
  score(c, n) {
    const pod = podRequests(c.pod);
    const fractions: number[] = [];
    for (const [req, alloc] of [
      [n.requested.milliCPU + pod.milliCPU, n.allocatable.milliCPU],
      [n.requested.memory + pod.memory, n.allocatable.memory],
    ]) {
      if (alloc === 0) continue;
      fractions.push(Math.min(1, req / alloc));
    }
    const std = fractions.length === 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
