import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { harness, names, quiesce, type Harness } from "../util/testing.js";
import { newGarbageCollector, type GCResource } from "./garbage_collector.js";

const RESOURCES: GCResource[] = [
  { ...GR.deployments, kind: "Deployment", namespaced: true },
  { ...GR.replicasets, kind: "ReplicaSet", namespaced: true },
  { ...GR.pods, kind: "Pod", namespaced: true },
  { ...GR.configmaps, kind: "ConfigMap", namespaced: true },
];

/** deploy/web -> rs/web-1 -> pods web-1-a, web-1-b (blockOwnerDeletion as the controllers set it). */
function seedTree(h: Harness) {
  h.client.seed(GR.deployments, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" }, spec: {} });
  const d = h.client.get(GR.deployments, "default", "web")!;
  const ref = (o: KObject, kind: string, apiVersion: string) => ({ apiVersion, kind, name: o.metadata!.name!, uid: o.metadata!.uid!, controller: true, blockOwnerDeletion: true });
  h.client.seed(GR.replicasets, { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-1", namespace: "default", ownerReferences: [ref(d, "Deployment", "apps/v1")] }, spec: {} });
  const rs = h.client.get(GR.replicasets, "default", "web-1")!;
  for (const n of ["web-1-a", "web-1-b"]) {
    h.client.seed(GR.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: n, namespace: "default", ownerReferences: [ref(rs, "ReplicaSet", "apps/v1")] }, spec: {} });
  }
}

async function startGC(h: Harness) {
  newGarbageCollector({ resources: () => RESOURCES })(h.ctx).start();
  await quiesce(h);
}

const all = (h: Harness) => ({
  deployments: names(h.client.list(GR.deployments)),
  replicasets: names(h.client.list(GR.replicasets)),
  pods: names(h.client.list(GR.pods)),
});

describe("garbage collector", () => {
  it.each([
    { policy: "Background" as const, want: { deployments: [], replicasets: [], pods: [] } },
    { policy: "Foreground" as const, want: { deployments: [], replicasets: [], pods: [] } },
    { policy: "Orphan" as const, want: { deployments: [], replicasets: ["web-1"], pods: ["web-1-a", "web-1-b"] } },
  ])("deleting the owner with propagation $policy", async ({ policy, want }) => {
    const h = harness();
    seedTree(h);
    await startGC(h);
    await h.client.delete(GR.deployments, "default", "web", { propagationPolicy: policy });
    await quiesce(h, 10);
    expect(all(h)).toEqual(want);
    if (policy === "Orphan") expect(h.client.get(GR.replicasets, "default", "web-1")!.metadata!.ownerReferences).toBeUndefined();
  });

  it("foreground: the owner stays, with its finalizer, until blocking dependents are gone", async () => {
    const h = harness();
    seedTree(h);
    // A bound pod with a grace period lingers (the kubelet has not confirmed yet).
    const p = h.client.get(GR.pods, "default", "web-1-a")!;
    h.client.seed(GR.pods, { ...p, spec: { nodeName: "node01", terminationGracePeriodSeconds: 30 } });
    await startGC(h);
    await h.client.delete(GR.deployments, "default", "web", { propagationPolicy: "Foreground" });
    await quiesce(h, 10);
    expect(all(h)).toEqual({ deployments: ["web"], replicasets: ["web-1"], pods: ["web-1-a"] });
    expect(h.client.get(GR.deployments, "default", "web")!.metadata!.finalizers).toEqual(["foregroundDeletion"]);
    await h.client.delete(GR.pods, "default", "web-1-a", { gracePeriodSeconds: 0 });
    await quiesce(h, 10);
    expect(all(h)).toEqual({ deployments: [], replicasets: [], pods: [] });
  });

  it("a dependent whose owner has another uid (recreated with the same name) is deleted", async () => {
    const h = harness();
    h.client.seed(GR.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner", namespace: "default" } });
    h.client.seed(GR.configmaps, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "dep", namespace: "default", ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "stale-uid" }] },
    });
    await startGC(h);
    expect(names(h.client.list(GR.configmaps))).toEqual(["owner"]);
  });

  it("keeps a dependent with one live owner, dropping the dangling reference", async () => {
    const h = harness();
    h.client.seed(GR.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner", namespace: "default" } });
    const uid = h.client.get(GR.configmaps, "default", "owner")!.metadata!.uid!;
    const live = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid };
    h.client.seed(GR.configmaps, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "dep", namespace: "default", ownerReferences: [live, { apiVersion: "v1", kind: "ConfigMap", name: "gone", uid: "x" }] },
    });
    await startGC(h);
    // An owner the collector never saw is confirmed absent two seconds later before it counts as gone.
    expect(h.client.get(GR.configmaps, "default", "dep")!.metadata!.ownerReferences).toHaveLength(2);
    await h.time.advance(2000);
    await quiesce(h);
    expect(h.client.get(GR.configmaps, "default", "dep")!.metadata!.ownerReferences).toEqual([live]);
  });
});
