import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { fitErrorMessage } from "./fit-error.js";
import { DEFAULT_PLUGINS, schedulePod } from "./framework.js";
import { preempt } from "./preemption.js";
import { cycle, kubeadmNodes, makeNode, makePod, requests } from "./testutil.js";
import type { Node, Pod } from "./types.js";

// Runs one cycle and, on failure, preemption, as schedule_one.go does; returns the node or the
// FailedScheduling message.
function run(pod: Pod, nodes: Node[] = kubeadmNodes(), placed: Pod[] = [], objects: { gr: string; obj: KObject }[] = []): string {
  const c = cycle(pod, nodes, placed, objects);
  const r = schedulePod(c, DEFAULT_PLUGINS, () => 0);
  if ("node" in r) return `node:${r.node}`;
  const pre = preempt(c, r.diagnosis, DEFAULT_PLUGINS);
  if (pre.message) r.diagnosis.postFilterMsg = pre.message;
  return fitErrorMessage(c.nodes.length, r.diagnosis);
}

const NOT_HELPFUL_3 = "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
const on = (node: string, p: Pod): Pod => ({ ...p, spec: { ...p.spec, nodeName: node } });

describe("FailedScheduling messages of the default plugins (v1.32 reason strings)", () => {
  const cases: { name: string; pod: Pod; nodes?: Node[]; placed?: Pod[]; objects?: { gr: string; obj: KObject }[]; want: string }[] = [
    {
      name: "nodeSelector matches no worker; the control plane is tainted",
      pod: makePod("p", { nodeSelector: { disk: "ssd" } }),
      want: `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL_3}`,
    },
    {
      name: "tolerating the control-plane taint but selecting it by label",
      pod: makePod("p", {
        nodeSelector: { "node-role.kubernetes.io/control-plane": "" },
        tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }],
      }),
      want: "node:controlplane",
    },
    {
      name: "cordoned workers (NodeUnschedulable runs before TaintToleration)",
      pod: makePod("p"),
      nodes: [kubeadmNodes()[0], makeNode("node01", { unschedulable: true }), makeNode("node02", { unschedulable: true })],
      want: `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. ${NOT_HELPFUL_3}`,
    },
    {
      name: "a taint with a value, Equal toleration of another value",
      pod: makePod("p", { tolerations: [{ key: "gpu", operator: "Equal", value: "false", effect: "NoSchedule" }] }),
      nodes: [makeNode("n1", { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] })],
      want: "0/1 nodes are available: 1 node(s) had untolerated taint {gpu: true}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    },
    {
      name: "too much cpu and memory: resolvable, but no lower-priority victims",
      pod: makePod("p", { containers: requests("3", "8Gi") }),
      want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    },
    {
      name: "pod count at allocatable.pods",
      pod: makePod("p"),
      nodes: [makeNode("n1", { pods: "1" })],
      placed: [on("n1", makePod("a"))],
      want: "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    },
    {
      name: "the init container's larger request counts",
      pod: makePod("p", { initContainers: [{ name: "i", resources: { requests: { cpu: "2500m" } } }] }),
      nodes: [makeNode("n1")],
      want: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    },
    {
      name: "hostPort in use",
      pod: makePod("p", { containers: [{ name: "c", ports: [{ containerPort: 80, hostPort: 8080 }] }] }),
      nodes: [makeNode("n1")],
      placed: [on("n1", makePod("a", { containers: [{ name: "c", ports: [{ containerPort: 80, hostPort: 8080 }] }] }))],
      want: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    },
    {
      name: "required node affinity Gt and matchExpressions",
      pod: makePod("p", {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "cores", operator: "Gt", values: ["4"] }] }] } } },
      }),
      nodes: [makeNode("node01", { labels: { cores: "4" } }), makeNode("node02", { labels: { cores: "8" } })],
      want: "node:node02",
    },
    {
      name: "matchFields metadata.name narrows to one tainted node (DaemonSet pod)",
      pod: makePod("p", {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["controlplane"] }] }] } } },
      }),
      want: `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. ${NOT_HELPFUL_3}`,
    },
    {
      name: "required anti-affinity by hostname against the pods already placed",
      pod: makePod("p", { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }] } } }, { labels: { app: "web" } }),
      placed: [on("node01", makePod("a", {}, { labels: { app: "web" } })), on("node02", makePod("b", {}, { labels: { app: "web" } }))],
      want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    },
    {
      name: "existing pod's anti-affinity repels the new pod",
      pod: makePod("p", {}, { labels: { app: "db" } }),
      nodes: [makeNode("node01")],
      placed: [on("node01", makePod("a", { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "kubernetes.io/hostname" }] } } }))],
      want: "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    },
    {
      name: "required affinity to pods that exist nowhere",
      pod: makePod("p", { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "cache" } }, topologyKey: "kubernetes.io/hostname" }] } } }),
      want: `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod affinity rules. ${NOT_HELPFUL_3}`,
    },
    {
      name: "required affinity follows the matching pod",
      pod: makePod("p", { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "cache" } }, topologyKey: "kubernetes.io/hostname" }] } } }),
      placed: [on("node02", makePod("a", {}, { labels: { app: "cache" } }))],
      want: "node:node02",
    },
    {
      name: "topology spread DoNotSchedule over a missing label",
      pod: makePod("p", { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "w" } } }] }, { labels: { app: "w" } }),
      nodes: [makeNode("node01")],
      want: "0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    },
    {
      name: "topology spread skew sends the pod to the emptier node",
      pod: makePod("p", { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "w" } } }] }, { labels: { app: "w" } }),
      nodes: [makeNode("node01"), makeNode("node02")],
      placed: [on("node01", makePod("a", {}, { labels: { app: "w" } }))],
      want: "node:node02",
    },
    {
      name: "missing PVC (PreFilter message)",
      pod: makePod("p", { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] }),
      want: `0/3 nodes are available: persistentvolumeclaim "data" not found. ${NOT_HELPFUL_3}`,
    },
    {
      name: "unbound immediate claim",
      pod: makePod("p", { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] }),
      objects: [{ gr: "/persistentvolumeclaims", obj: { metadata: { name: "data", namespace: "default" }, spec: { storageClassName: "manual" }, status: { phase: "Pending" } } }],
      want: `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL_3}`,
    },
    {
      name: "preemptionPolicy Never",
      pod: makePod("p", { containers: requests("3"), preemptionPolicy: "Never" }),
      nodes: [makeNode("n1")],
      want: "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(run(tc.pod, tc.nodes, tc.placed, tc.objects)).toBe(tc.want));
});

describe("preemption", () => {
  it("nominates the node whose lower-priority pods make room, keeping those it can", () => {
    const low = (name: string, cpu: string) => on("n1", makePod(name, { containers: requests(cpu), priority: 0 }));
    const pod = makePod("p", { containers: requests("1500m"), priority: 1000 });
    const c = cycle(pod, [makeNode("n1")], [low("a", "1"), low("b", "500m"), on("n1", makePod("c", { containers: requests("500m"), priority: 2000 }))]);
    const r = schedulePod(c, DEFAULT_PLUGINS, () => 0);
    expect("diagnosis" in r && fitErrorMessage(1, r.diagnosis)).toBe("0/1 nodes are available: 1 Insufficient cpu.");
    const pre = preempt(c, (r as { diagnosis: never }).diagnosis, DEFAULT_PLUGINS);
    expect({ node: pre.nominatedNode, victims: pre.victims?.map((v) => v.metadata?.name) }).toEqual({ node: "n1", victims: ["a", "b"] });
  });
});

describe("scoring", () => {
  it("LeastAllocated prefers the node with more free cpu and memory", () => {
    const placed = [on("node01", makePod("a", { containers: requests("1", "1Gi") }))];
    expect(run(makePod("p"), undefined, placed)).toBe("node:node02");
  });
  it("system default spreading moves a ReplicaSet's next pod off the busier node", () => {
    const rs = { metadata: { name: "web-1", namespace: "default" }, spec: { selector: { matchLabels: { app: "web" } } } };
    const owner = { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "rs", controller: true }], labels: { app: "web" } };
    const placed = [on("node02", makePod("a", {}, owner))];
    expect(run(makePod("p", {}, owner), undefined, placed, [{ gr: "apps/replicasets", obj: rs }])).toBe("node:node01");
  });
  it("PreferNoSchedule taints lower a node's score", () => {
    const nodes = [makeNode("node01", { taints: [{ key: "x", effect: "PreferNoSchedule" }] }), makeNode("node02")];
    expect(run(makePod("p"), nodes)).toBe("node:node02");
  });
});
