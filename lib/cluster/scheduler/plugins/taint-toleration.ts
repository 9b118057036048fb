// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: NoSchedule and NoExecute
// taints must be tolerated (the first untolerated one is named in the reason); untolerated
// PreferNoSchedule taints lower the score.
import { doNotScheduleTaints, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from "../tolerations.js";
import { SUCCESS, unresolvable, type Plugin } from "../types.js";
import { defaultNormalizeScore } from "./normalize.js";

export const taintToleration: Plugin = {
  name: "TaintToleration",
  events: ["NodeAdd", "NodeTaint"],
  weight: 3,
  filter(c, n) {
    const taint = findMatchingUntoleratedTaint(n.node.spec?.taints, c.pod.spec.tolerations, doNotScheduleTaints);
    if (!taint) return SUCCESS;
    return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`);
  },
  score(c, n) {
    const tolerations = (c.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    return (n.node.spec?.taints ?? []).filter((t) => t.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(tolerations, t)).length;
  },
  normalizeScore(_c, scores) {
    defaultNormalizeScore(scores, true);
  },
};
