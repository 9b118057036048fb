import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { newForbidden } from "../../meta/errors.js";
import { settle } from "../../runtime/timers.js";
import { events, harness, markPodsReady, names, type Harness } from "../util/testing.js";
import { newReplicaSetController } from "./replica_set.js";

function rs(replicas: number, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web", namespace: "default", generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
      ...extra,
    },
  };
}

async function run(h: Harness, ...objs: KObject[]) {
  h.client.seed(GR.replicasets, ...objs);
  const c = newReplicaSetController(h.ctx);
  c.start();
  await h.time.advance(10);
  return c;
}

const pods = (h: Harness) => h.client.list(GR.pods, "default");
const status = (h: Harness) => h.client.get(GR.replicasets, "default", "web")!.status;

describe("ReplicaSet controller", () => {
  it("creates the missing pods from the template, owned by the ReplicaSet", async () => {
    const h = harness();
    await run(h, rs(3));
    const ps = pods(h);
    expect(ps).toHaveLength(3);
    const rsObj = h.client.get(GR.replicasets, "default", "web")!;
    expect(ps[0].metadata).toMatchObject({
      generateName: "web-",
      labels: { app: "web" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: rsObj.metadata!.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(ps[0].spec).toEqual({ containers: [{ name: "nginx", image: "nginx:1.27" }] });
    expect(events(h.client, { kind: "ReplicaSet" })).toEqual(names(ps).map((n) => `SuccessfulCreate: Created pod: ${n}`).sort());
    expect(status(h)).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it("counts ready and available replicas, honouring minReadySeconds", async () => {
    const h = harness();
    await run(h, rs(2, { minReadySeconds: 10 }));
    await markPodsReady(h, pods(h));
    await h.time.advance(100);
    expect(status(h)).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    await h.time.advance(11_000);
    expect(status(h)).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });

  it("deletes not-ready pods before ready ones when scaling down", async () => {
    const h = harness();
    await run(h, rs(3));
    const [a, b, c] = pods(h);
    await markPodsReady(h, [a, c]);
    const cur = h.client.get(GR.replicasets, "default", "web")!;
    await h.client.update(GR.replicasets, { ...structuredClone(cur), spec: { ...(cur.spec as object), replicas: 2 } });
    await h.time.advance(10);
    expect(names(pods(h))).toEqual(names([a, c]));
    expect(events(h.client, { kind: "ReplicaSet" }).filter((e) => e.startsWith("SuccessfulDelete"))).toEqual([`SuccessfulDelete: Deleted pod: ${b.metadata!.name}`]);
  });

  it("adopts a matching orphan instead of creating, and releases a pod whose labels stop matching", async () => {
    const h = harness();
    h.client.seed(GR.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "stray", namespace: "default", labels: { app: "web" } }, spec: {} });
    await run(h, rs(1));
    expect(names(pods(h))).toEqual(["stray"]);
    expect(pods(h)[0].metadata!.ownerReferences).toEqual([expect.objectContaining({ kind: "ReplicaSet", name: "web", controller: true })]);
    const stray = h.client.get(GR.pods, "default", "stray")!;
    await h.client.update(GR.pods, { ...structuredClone(stray), metadata: { ...stray.metadata, labels: { app: "other" } } });
    await h.time.advance(10);
    expect(h.client.get(GR.pods, "default", "stray")!.metadata!.ownerReferences).toBeUndefined();
    expect(pods(h)).toHaveLength(2);
  });

  it("reports a forbidden create as a ReplicaFailure condition and a FailedCreate event", async () => {
    const h = harness();
    const msg = 'pods "web-bcdfg" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0';
    h.client.failNext.push({ gr: "/pods", error: newForbidden(GR.pods, "web-bcdfg", "exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0") });
    await run(h, rs(1));
    const st = h.client.get(GR.replicasets, "default", "web")!.status as { conditions?: unknown[] };
    // The retry (queue backoff) succeeds and clears the condition; the first status had it.
    expect(events(h.client, { kind: "ReplicaSet" })[0]).toBe(`FailedCreate: Error creating: ${msg}`);
    expect(st.conditions).toBeUndefined();
    expect(pods(h)).toHaveLength(1);
  });

  it("sets ReplicaFailure while creation keeps failing", async () => {
    const h = harness();
    const err = newForbidden(GR.pods, "web-x", "exceeded quota: q");
    for (let i = 0; i < 3; i++) h.client.failNext.push({ gr: "/pods", error: err });
    h.client.seed(GR.replicasets, rs(1));
    newReplicaSetController(h.ctx).start();
    await settle();
    expect(status(h)).toEqual({
      replicas: 0,
      observedGeneration: 1,
      conditions: [{ type: "ReplicaFailure", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "FailedCreate", message: err.message }],
    });
  });
});
