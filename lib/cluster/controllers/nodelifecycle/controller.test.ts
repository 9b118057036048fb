import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { FakeCluster } from "../../client/fake.js";
import { GR } from "../../client/types.js";
import type { EventRecorder } from "../../runtime/events.js";
import { FakeTime } from "../../runtime/timers.js";
import { nodeLifecycleController } from "./controller.js";
import { minTolerationSeconds, noScheduleTaints } from "./taints.js";

const T0 = "2026-01-01T00:00:00Z";
const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: T0, lastTransitionTime: T0 });

function setup(podTolerations: KObject[] = []) {
  const time = new FakeTime(T0);
  const c = new FakeCluster(time);
  const events: string[] = [];
  const recorder = (component: string): EventRecorder => ({ event: (obj, type, reason, message) => events.push(`${component} ${obj.kind ?? "Pod"}/${obj.metadata?.name} ${type} ${reason}: ${message}`) });
  c.seed(GR.nodes, {
    kind: "Node",
    metadata: { name: "node01" },
    spec: {},
    status: {
      conditions: [
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
    },
  });
  c.seed(GR.pods, {
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: { nodeName: "node01", tolerations: podTolerations, containers: [{ name: "c" }] },
    status: { conditions: [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: T0 }] },
  });
  const ctl = nodeLifecycleController({ client: c, time, random: { string: () => "x", uuid: () => "u" }, recorder, log: () => {}, flags: new Map() });
  ctl.start();
  return { time, c, events, ctl };
}

const defaultTolerations = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
];

describe("node lifecycle controller", () => {
  it("marks a silent node Unknown after the grace period, taints it and evicts after tolerationSeconds", async () => {
    const { time, c, events, ctl } = setup(defaultTolerations);
    await time.advance(40_000);
    expect((c.get(GR.nodes, "", "node01")!.status as { conditions: { status: string }[] }).conditions.map((x) => x.status)).toEqual(["False", "False", "False", "True"]);
    await time.advance(5_000);
    const node = c.get(GR.nodes, "", "node01")!;
    expect((node.status as { conditions: unknown[] }).conditions).toEqual([
      { type: "MemoryPressure", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastHeartbeatTime: T0, lastTransitionTime: "2026-01-01T00:00:45Z" },
      { type: "DiskPressure", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastHeartbeatTime: T0, lastTransitionTime: "2026-01-01T00:00:45Z" },
      { type: "PIDPressure", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastHeartbeatTime: T0, lastTransitionTime: "2026-01-01T00:00:45Z" },
      { type: "Ready", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastHeartbeatTime: T0, lastTransitionTime: "2026-01-01T00:00:45Z" },
    ]);
    expect((node.spec as { taints: unknown[] }).taints).toEqual([
      // SwapNodeControllerTaint stamps every taint it adds.
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: "2026-01-01T00:00:45Z" },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2026-01-01T00:00:45Z" },
    ]);
    const pod = c.get(GR.pods, "default", "web")!;
    expect((pod.status as { conditions: { type: string; status: string }[] }).conditions[0]).toMatchObject({ type: "Ready", status: "False" });
    expect(events).toEqual([
      "node-controller Node/node01 Normal RegisteredNode: Node node01 event: Registered Node node01 in Controller",
      "node-controller Node/node01 Normal NodeNotReady: Node node01 status is now: NodeNotReady",
      "node-controller Pod/web Warning NodeNotReady: Node is not ready",
    ]);
    await time.advance(299_000);
    expect(c.get(GR.pods, "default", "web")!.metadata!.deletionTimestamp).toBeUndefined();
    await time.advance(1_000);
    // The kubelet is gone, so the pod stays Terminating, as on a real cluster.
    const evicted = c.get(GR.pods, "default", "web")!;
    expect(evicted.metadata!.deletionTimestamp).toBe("2026-01-01T00:06:15Z");
    expect((evicted.status as { conditions: unknown[] }).conditions.at(-1)).toEqual({
      type: "DisruptionTarget", status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint", lastTransitionTime: "2026-01-01T00:05:45Z",
    });
    expect(events.at(-1)).toBe("taint-eviction-controller Pod/web Normal TaintManagerEviction: Marking for deletion Pod default/web");
    ctl.stop();
  });

  it("a renewed lease keeps the node healthy", async () => {
    const { time, c, ctl } = setup();
    c.seed(GR.leases, { metadata: { name: "node01", namespace: "kube-node-lease" }, spec: { renewTime: "2026-01-01T00:00:00.000000Z" } });
    for (let i = 1; i <= 10; i++) {
      await time.advance(10_000);
      const l = structuredClone(c.get(GR.leases, "kube-node-lease", "node01")!);
      (l.spec as { renewTime: string }).renewTime = `2026-01-01T00:0${Math.floor(i / 6)}:${String((i * 10) % 60).padStart(2, "0")}.000000Z`;
      await c.update(GR.leases, l);
    }
    expect((c.get(GR.nodes, "", "node01")!.status as { conditions: { status: string }[] }).conditions.at(-1)!.status).toBe("True");
    ctl.stop();
  });
});

describe("doNoScheduleTaintingPass", () => {
  const taintsOf = (c: FakeCluster) => (c.get(GR.nodes, "", "node01")!.spec as { taints?: unknown[] }).taints;
  const setSpec = async (c: FakeCluster, spec: Record<string, unknown>) => {
    const n = structuredClone(c.get(GR.nodes, "", "node01")!);
    n.spec = { ...(n.spec as object), ...spec };
    await c.update(GR.nodes, n);
  };

  it("kubectl cordon gets the unschedulable taint at once, uncordon removes it, a user's taint stays", async () => {
    const { time, c, ctl } = setup();
    await time.advance(1_000);
    await setSpec(c, { unschedulable: true, taints: [{ key: "maintenance", value: "planned", effect: "NoSchedule" }] });
    await time.advance(0);
    expect(taintsOf(c)).toEqual([
      { key: "maintenance", value: "planned", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: "2026-01-01T00:00:01Z" },
    ]);
    await time.advance(2_000);
    await setSpec(c, { unschedulable: undefined });
    await time.advance(0);
    expect(taintsOf(c)).toEqual([{ key: "maintenance", value: "planned", effect: "NoSchedule" }]);
    ctl.stop();
  });

  it.each([
    { name: "memory pressure", conds: [{ type: "MemoryPressure", status: "True" }], unschedulable: false, want: [{ key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" }] },
    { name: "not ready", conds: [{ type: "Ready", status: "False" }], unschedulable: false, want: [{ key: "node.kubernetes.io/not-ready", effect: "NoSchedule" }] },
    { name: "unknown + cordoned", conds: [{ type: "Ready", status: "Unknown" }], unschedulable: true, want: [{ key: "node.kubernetes.io/unreachable", effect: "NoSchedule" }, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }] },
    { name: "healthy", conds: [{ type: "Ready", status: "True" }, { type: "DiskPressure", status: "False" }], unschedulable: false, want: [] },
  ])("$name", ({ conds, unschedulable, want }) => {
    expect(noScheduleTaints(conds, unschedulable)).toEqual(want);
  });
});

describe("minTolerationSeconds", () => {
  const taints = [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }];
  const cases = [
    { name: "no toleration: evict now", tol: [], want: 0 },
    { name: "forever", tol: [{ operator: "Exists" }], want: -1 },
    { name: "defaults", tol: defaultTolerations, want: 300 },
    { name: "smallest wins", tol: [{ key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 30 }, { operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }], want: 30 },
  ];
  for (const c of cases) it(c.name, () => expect(minTolerationSeconds(c.tol, taints)).toBe(c.want));
});
