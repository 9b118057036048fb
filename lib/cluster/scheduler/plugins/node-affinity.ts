// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go: PreFilter narrows the nodes to
// those named by matchFields metadata.name (DaemonSet pods); Filter applies spec.nodeSelector
// and the required terms; Score sums the weights of the preferred terms a node matches.
import { podMatchesNodeSelectorAndAffinityTerms, preferredScore } from "../node-selector.js";
import { SUCCESS, unresolvable, type Plugin } from "../types.js";
import { defaultNormalizeScore } from "./normalize.js";

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = "pod affinity terms conflict";

export const nodeAffinity: Plugin = {
  name: "NodeAffinity",
  events: ["NodeAdd", "NodeLabel"],
  weight: 2,
  preFilter(c) {
    const terms = c.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (!terms) return { status: SUCCESS };
    let names: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== "metadata.name" || r.operator !== "In") continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((x) => s.has(x))) : s;
      }
      // A term without a node name admits every node, and terms are ORed.
      if (!termNames) return { status: SUCCESS };
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names && names.size === 0) return { status: unresolvable(ERR_REASON_CONFLICT) };
    return { status: SUCCESS, result: names ? { nodeNames: names } : undefined };
  },
  filter(c, n) {
    return podMatchesNodeSelectorAndAffinityTerms(c.pod, n.node) ? SUCCESS : unresolvable(ERR_REASON_POD);
  },
  score(c, n) {
    return preferredScore(c.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution, n.node);
  },
  normalizeScore(_c, scores) {
    defaultNormalizeScore(scores, false);
  },
};
