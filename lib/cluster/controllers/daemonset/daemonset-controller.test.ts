import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { FakeCluster } from "../../client/fake.js";
import { GR } from "../../client/types.js";
import type { EventRecorder } from "../../runtime/events.js";
import { FakeTime } from "../../runtime/timers.js";
import { kubeadmNodes } from "../../scheduler/testutil.js";
import type { ControllerContext } from "../types.js";
import { daemonSetController, nodeShouldRunDaemonPod } from "./daemonset-controller.js";

function setup() {
  const time = new FakeTime("2026-01-01T00:00:00Z");
  const client = new FakeCluster(time);
  client.seed(GR.nodes, ...kubeadmNodes());
  const events: string[] = [];
  const recorder = (component: string): EventRecorder => ({ event: (o, type, reason, msg) => events.push(`${component} ${o.kind}/${o.metadata?.name} ${type} ${reason} ${msg}`) });
  const ctx: ControllerContext = { client, time, random: { string: () => "x", uuid: () => "u" }, recorder, log: () => {}, flags: new Map() };
  return { time, client, events, c: daemonSetController(ctx) };
}

const ds = (tolerations?: unknown[]): KObject => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent", namespace: "default", annotations: { "deprecated.daemonset.template.generation": "1" } },
  spec: {
    selector: { matchLabels: { app: "agent" } },
    template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image: "busybox" }], ...(tolerations ? { tolerations } : {}) } },
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  },
});

const DAEMON_TOLERATIONS = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

describe("nodeShouldRunDaemonPod", () => {
  const [cp, n1] = kubeadmNodes();
  const cases = [
    { name: "worker", node: n1, ds: ds(), want: { shouldRun: true, shouldContinueRunning: true } },
    { name: "tainted control plane", node: cp, ds: ds(), want: { shouldRun: false, shouldContinueRunning: true } },
    { name: "control plane tolerated", node: cp, ds: ds([{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }]), want: { shouldRun: true, shouldContinueRunning: true } },
  ];
  for (const tc of cases) it(tc.name, () => expect(nodeShouldRunDaemonPod(tc.node, tc.ds as never)).toEqual(tc.want));
});

describe("daemonSetController", () => {
  it("creates one pinned pod per untainted node, with revision hash and daemon tolerations", async () => {
    const { time, client, events, c } = setup();
    c.start();
    await client.create(GR.daemonsets, ds());
    await time.advance(0);
    const pods = client.list(GR.pods);
    expect(pods.map((p) => (p.spec as { affinity: unknown }).affinity)).toEqual(
      ["node01", "node02"].map((n) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [n] }] }] } } })),
    );
    const cr = client.list(GR.controllerrevisions)[0];
    const hash = cr.metadata!.labels!["controller-revision-hash"];
    expect(cr.metadata!.name).toBe(`agent-${hash}`);
    expect(cr.revision).toBe(1);
    for (const p of pods) {
      expect(p.metadata!.labels).toEqual({ app: "agent", "controller-revision-hash": hash, "pod-template-generation": "1" });
      expect(p.metadata!.generateName).toBe("agent-");
      expect((p.spec as { tolerations: unknown }).tolerations).toEqual(DAEMON_TOLERATIONS);
    }
    expect(events).toEqual(pods.map((p) => `daemonset-controller DaemonSet/agent Normal SuccessfulCreate Created pod: ${p.metadata!.name}`));
    expect(client.get(GR.daemonsets, "default", "agent")!.status).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, numberUnavailable: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
    c.stop();
  });

  it("rolls a new template out one node at a time (maxUnavailable 1)", async () => {
    const { time, client, c } = setup();
    c.start();
    await client.create(GR.daemonsets, ds());
    await time.advance(0);
    // The kubelets run the pods: bound and Ready.
    for (const p of client.list(GR.pods)) {
      const node = ((p.spec as { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchFields: { values: string[] }[] }[] } } } }).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]);
      await client.createSubresource(GR.pods, "default", p.metadata!.name!, "binding", { target: { name: node } } as KObject);
      const cur = structuredClone(client.get(GR.pods, "default", p.metadata!.name!)!);
      await client.update(GR.pods, { ...cur, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }, { subresource: "status" });
    }
    await time.advance(0);
    expect(client.get(GR.daemonsets, "default", "agent")!.status).toMatchObject({ numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2 });
    const cur = structuredClone(client.get(GR.daemonsets, "default", "agent")!);
    (cur.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = "busybox:1.37";
    await client.update(GR.daemonsets, cur);
    await time.advance(0);
    const all = client.list(GR.pods);
    const terminating = all.filter((p) => p.metadata!.deletionTimestamp);
    expect(terminating).toHaveLength(1);
    expect(client.list(GR.controllerrevisions).map((r) => r.revision)).toEqual(expect.arrayContaining([1, 2]));
    c.stop();
  });
});
