import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { newTTLAfterFinishedController } from "../ttlafterfinished/ttlafterfinished_controller.js";
import { harness, names, quiesce } from "../util/testing.js";
import { newPodGCController } from "./gc_controller.js";

const pod = (name: string, extra: { node?: string; phase?: string; created?: string; deleting?: boolean } = {}): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", creationTimestamp: extra.created ?? "2026-01-01T00:00:00Z", ...(extra.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["x"] } : {}) },
  spec: extra.node ? { nodeName: extra.node } : {},
  status: { phase: extra.phase ?? "Running" },
});

describe("pod garbage collector", () => {
  it("deletes the oldest terminated pods over the threshold", async () => {
    const h = harness(undefined, { "terminated-pod-gc-threshold": "2" });
    h.client.seed(GR.nodes, { apiVersion: "v1", kind: "Node", metadata: { name: "node01" } });
    h.client.seed(
      GR.pods,
      pod("a", { node: "node01", phase: "Succeeded", created: "2026-01-01T00:00:03Z" }),
      pod("b", { node: "node01", phase: "Failed", created: "2026-01-01T00:00:01Z" }),
      pod("c", { node: "node01", phase: "Succeeded", created: "2026-01-01T00:00:02Z" }),
      pod("d", { node: "node01" }),
    );
    newPodGCController(h.ctx).start();
    await h.time.advance(20_000);
    expect(names(h.client.list(GR.pods))).toEqual(["a", "c", "d"]);
  });

  it("marks and deletes pods of a node that is gone, after the quarantine", async () => {
    const h = harness();
    h.client.seed(GR.pods, pod("orphan", { node: "node09" }));
    const c = newPodGCController(h.ctx);
    c.start();
    await h.time.advance(20_000);
    expect(names(h.client.list(GR.pods))).toEqual(["orphan"]);
    await h.time.advance(40_000);
    expect(h.client.list(GR.pods)).toEqual([]);
    c.stop();
  });
});

describe("ttl-after-finished", () => {
  it("deletes a finished Job ttlSecondsAfterFinished after it finished, in the foreground", async () => {
    const h = harness();
    h.client.seed(GR.jobs, {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi", namespace: "default" },
      spec: { ttlSecondsAfterFinished: 100 },
      status: { conditions: [{ type: "Complete", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" }] },
    });
    newTTLAfterFinishedController(h.ctx).start();
    await h.time.advance(99_000);
    expect(names(h.client.list(GR.jobs))).toEqual(["pi"]);
    await h.time.advance(1000);
    await quiesce(h);
    expect(h.client.get(GR.jobs, "default", "pi")!.metadata!.finalizers).toEqual(["foregroundDeletion"]);
  });
});
