// pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go: a cordoned node
// (spec.unschedulable) takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule.
import { tolerationsTolerateTaint } from "../tolerations.js";
import { SUCCESS, unresolvable, type Plugin } from "../types.js";

export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

export const nodeUnschedulable: Plugin = {
  name: "NodeUnschedulable",
  events: ["NodeAdd", "NodeSchedulable", "NodeTaint"],
  filter(c, n) {
    if (!n.node.spec?.unschedulable) return SUCCESS;
    const tolerated = tolerationsTolerateTaint(c.pod.spec.tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" });
    return tolerated ? SUCCESS : unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};
