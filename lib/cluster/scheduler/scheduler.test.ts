import { describe, expect, it } from "vitest";
import { FakeCluster } from "../client/fake.js";
import { GR } from "../client/types.js";
import { FakeTime } from "../runtime/timers.js";
import { createScheduler } from "./scheduler.js";
import { kubeadmNodes, makePod, requests } from "./testutil.js";
import type { Pod } from "./types.js";

const EVENTS = { group: "events.k8s.io", resource: "events" };

function setup() {
  const time = new FakeTime("2026-01-01T00:00:00Z");
  const client = new FakeCluster(time);
  client.seed(GR.nodes, ...kubeadmNodes());
  const s = createScheduler({ client, time, log: () => {}, instance: "default-scheduler-controlplane" });
  const events = () => client.list(EVENTS).map((e) => ({ reason: e.reason, action: e.action, note: e.note, type: e.type, regarding: (e.regarding as { name: string }).name }));
  return { time, client, s, events };
}

describe("createScheduler", () => {
  it("binds a pending pod to a worker and records Scheduled", async () => {
    const { time, client, s, events } = setup();
    s.start();
    const { metadata, ...rest } = makePod("web");
    await client.create(GR.pods, { ...rest, metadata: { name: metadata!.name, namespace: "default" } });
    await time.advance(0);
    const pod = client.get(GR.pods, "default", "web") as Pod;
    expect(["node01", "node02"]).toContain(pod.spec.nodeName);
    expect(events()).toEqual([{ reason: "Scheduled", action: "Binding", note: `Successfully assigned default/web to ${pod.spec.nodeName}`, type: "Normal", regarding: "web" }]);
    const ev = client.list(EVENTS)[0];
    expect({ rc: ev.reportingController, ri: ev.reportingInstance }).toEqual({ rc: "default-scheduler", ri: "default-scheduler-controlplane" });
    s.stop();
  });

  it("keeps the room a preemptor was nominated for from lower-priority pods", async () => {
    const { time, client, s } = setup();
    // node02 is full; node01 holds the nominated high-priority pod's room.
    const put = async (name: string, spec: Partial<Pod["spec"]>, status?: Pod["status"]) => {
      const { metadata, ...rest } = makePod(name, spec);
      await client.create(GR.pods, { ...rest, metadata: { name: metadata!.name, namespace: "default" }, ...(status ? { status } : {}) });
    };
    await put("busy", { nodeName: "node02", priority: 2000000, containers: requests("1800m") }, { phase: "Running" });
    // The victim is still terminating on node01 when its replacement arrives.
    await put("victim", { nodeName: "node01", priority: 100, containers: requests("1200m") }, { phase: "Running" });
    await client.delete(GR.pods, "default", "victim");
    await put("critical", { priority: 1000000, containers: requests("1500m") }, { phase: "Pending", nominatedNodeName: "node01" });
    s.start();
    await put("replacement", { priority: 100, containers: requests("600m") });
    await time.advance(0);
    expect((client.get(GR.pods, "default", "replacement") as Pod).spec.nodeName).toBeUndefined();
    s.stop();
  });

  it("leaves other schedulers' pods alone", async () => {
    const { time, client, s } = setup();
    s.start();
    const { metadata, ...rest } = makePod("other", { schedulerName: "my-scheduler" });
    await client.create(GR.pods, { ...rest, metadata: { name: metadata!.name, namespace: "default" } });
    await time.advance(5000);
    expect((client.get(GR.pods, "default", "other") as Pod).spec.nodeName).toBeUndefined();
    s.stop();
  });

  it("reports FailedScheduling with PodScheduled=False, then schedules once a node gets the label", async () => {
    const { time, client, s, events } = setup();
    s.start();
    const { metadata, ...rest } = makePod("ssd", { nodeSelector: { disk: "ssd" } });
    await client.create(GR.pods, { ...rest, metadata: { name: metadata!.name, namespace: "default" } });
    await time.advance(0);
    const msg =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(events()).toEqual([{ reason: "FailedScheduling", action: "Scheduling", note: msg, type: "Warning", regarding: "ssd" }]);
    expect((client.get(GR.pods, "default", "ssd") as Pod).status?.conditions).toEqual([
      { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z", reason: "Unschedulable", message: msg },
    ]);
    // Unrelated waiting: no retry without an event (before the 5 minute flush).
    await time.advance(60_000);
    expect(events()).toHaveLength(1);
    const node = structuredClone(client.get(GR.nodes, "", "node02")!);
    node.metadata!.labels = { ...node.metadata!.labels, disk: "ssd" };
    await client.update(GR.nodes, node);
    await time.advance(0);
    expect((client.get(GR.pods, "default", "ssd") as Pod).spec.nodeName).toBe("node02");
    expect(events().map((e) => e.reason)).toEqual(["FailedScheduling", "Scheduled"]);
    s.stop();
  });

  it("retries an unschedulable pod after podMaxInUnschedulablePodsDuration", async () => {
    const { time, client, s, events } = setup();
    s.start();
    const { metadata, ...rest } = makePod("ssd", { nodeSelector: { disk: "ssd" } });
    await client.create(GR.pods, { ...rest, metadata: { name: metadata!.name, namespace: "default" } });
    await time.advance(0);
    await time.advance(5 * 60_000);
    expect(events()).toHaveLength(1);
    await time.advance(30_000);
    expect(events()).toHaveLength(2);
    s.stop();
  });

  it("selects a node for a WaitForFirstConsumer claim and binds once it is bound", async () => {
    const { time, client, s } = setup();
    client.seed(GR.storageclasses, { metadata: { name: "local-path" }, provisioner: "rancher.io/local-path", volumeBindingMode: "WaitForFirstConsumer" });
    client.seed(GR.persistentvolumeclaims, { metadata: { name: "data", namespace: "default" }, spec: { storageClassName: "local-path", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } }, status: { phase: "Pending" } });
    s.start();
    const { metadata, ...rest } = makePod("db", { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] });
    await client.create(GR.pods, { ...rest, metadata: { name: metadata!.name, namespace: "default" } });
    await time.advance(0);
    const pvc = client.get(GR.persistentvolumeclaims, "default", "data")!;
    const selected = pvc.metadata?.annotations?.["volume.kubernetes.io/selected-node"];
    expect(["node01", "node02"]).toContain(selected);
    expect((client.get(GR.pods, "default", "db") as Pod).spec.nodeName).toBeUndefined();
    // The provisioner and the PV controller bind the claim.
    await client.update(GR.persistentvolumeclaims, { ...structuredClone(pvc), spec: { ...(pvc.spec as object), volumeName: "pvc-1" }, metadata: { ...pvc.metadata, resourceVersion: undefined } });
    const bound = structuredClone(client.get(GR.persistentvolumeclaims, "default", "data")!);
    await client.update(GR.persistentvolumeclaims, { ...bound, status: { phase: "Bound" } }, { subresource: "status" });
    await time.advance(1000);
    expect((client.get(GR.pods, "default", "db") as Pod).spec.nodeName).toBe(selected);
    s.stop();
  });
});
