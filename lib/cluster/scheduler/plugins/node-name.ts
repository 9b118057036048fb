// pkg/scheduler/framework/plugins/nodename/node_name.go.
import { SUCCESS, unresolvable, type Plugin } from "../types.js";

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeName: Plugin = {
  name: "NodeName",
  events: ["NodeAdd"],
  filter(c, n) {
    const want = c.pod.spec.nodeName;
    return !want || want === n.name ? SUCCESS : unresolvable(ERR_REASON_NODE_NAME);
  },
};
