// Builders for the scheduler's tests: kubeadm-like nodes and small pods.
import type { KObject } from "../api/types.js";
import { addPod, newNodeInfo } from "./snapshot.js";
import type { CycleContext, Node, NodeInfo, Pod, PodSpec } from "./types.js";

export function makeNode(name: string, opts: { labels?: Record<string, string>; taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean; cpu?: string; memory?: string; pods?: string } = {}): Node {
  const spec: Record<string, unknown> = {};
  if (opts.taints) spec.taints = opts.taints;
  if (opts.unschedulable) spec.unschedulable = true;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", ...opts.labels } },
    spec,
    status: { allocatable: { cpu: opts.cpu ?? "2", memory: opts.memory ?? "3902624Ki", pods: opts.pods ?? "110", "ephemeral-storage": "18556039988" } },
  };
}

/** The lab's three nodes: controlplane (tainted), node01, node02. */
export function kubeadmNodes(): Node[] {
  return [
    makeNode("controlplane", { labels: { "node-role.kubernetes.io/control-plane": "" }, taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }),
    makeNode("node01"),
    makeNode("node02"),
  ];
}

export function makePod(name: string, spec: Partial<PodSpec> = {}, meta: Record<string, unknown> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, ...meta },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
    status: { phase: "Pending" },
  };
}

export function requests(cpu?: string, memory?: string): PodSpec["containers"] {
  const r: Record<string, string> = {};
  if (cpu) r.cpu = cpu;
  if (memory) r.memory = memory;
  return [{ name: "c", image: "nginx", resources: { requests: r } }];
}

/** A cycle context over nodes with pods placed (by spec.nodeName). */
export function cycle(pod: Pod, nodes: Node[], placed: Pod[] = [], objects: { gr: string; obj: KObject }[] = []): CycleContext {
  const infos: NodeInfo[] = nodes.map(newNodeInfo);
  const byName = new Map(infos.map((n) => [n.name, n]));
  for (const p of placed) addPod(byName.get(p.spec.nodeName!)!, p);
  const key = (gr: { group: string; resource: string }) => `${gr.group}/${gr.resource}`;
  return {
    pod,
    nodes: infos,
    nodeByName: byName,
    namespaceLabels: (ns) => ({ "kubernetes.io/metadata.name": ns }),
    get: (gr, ns, name) => objects.find((o) => o.gr === key(gr) && o.obj.metadata?.name === name && (o.obj.metadata?.namespace ?? "") === ns)?.obj,
    list: (gr, ns) => objects.filter((o) => o.gr === key(gr) && (!ns || o.obj.metadata?.namespace === ns)).map((o) => o.obj),
    state: new Map(),
  };
}
