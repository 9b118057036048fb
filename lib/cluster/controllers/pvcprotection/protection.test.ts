// pvc_protection_controller_test.go / pv_protection_controller_test.go, the main cases: the
// finalizer is added, kept while in use, removed when not.
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { newPVProtectionController } from "../pvprotection/pv_protection_controller.js";
import { harness, quiesce } from "../util/testing.js";
import { newPVCProtectionController } from "./pvc_protection_controller.js";

const pvc = (name: string, finalizers?: string[]): KObject => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace: "default", ...(finalizers ? { finalizers } : {}) },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  status: { phase: "Bound" },
});

const pod = (name: string, claim: string, node: string, phase = "Running"): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: "c", image: "busybox" }], volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }] },
  status: { phase },
});

const pv = (name: string, phase: string, finalizers?: string[]): KObject => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name, ...(finalizers ? { finalizers } : {}) },
  spec: { capacity: { storage: "1Gi" }, hostPath: { path: "/data" } },
  status: { phase },
});

const FIN = "kubernetes.io/pvc-protection";

describe("pvc-protection", () => {
  it.each([
    ["a scheduled running pod keeps the claim Terminating", pod("p", "c", "node01"), true],
    ["a scheduled pod that completed still keeps it (podUsesPVC ignores the phase)", pod("p", "c", "node01", "Succeeded"), true],
    ["an unscheduled pod does not keep it", pod("p", "c", ""), false],
    ["a pod using another claim does not keep it", pod("p", "other", "node01"), false],
  ])("%s", async (_name, user, kept) => {
    const h = harness();
    h.client.seed(GR.persistentvolumeclaims, pvc("c", [FIN]));
    h.client.seed(GR.pods, user);
    newPVCProtectionController(h.ctx).start();
    await h.client.delete(GR.persistentvolumeclaims, "default", "c");
    await quiesce(h);
    const cur = h.client.get(GR.persistentvolumeclaims, "default", "c");
    expect(cur ? cur.metadata!.finalizers : "deleted").toEqual(kept ? [FIN] : "deleted");
    if (!kept) return;
    await h.client.delete(GR.pods, "default", "p", { gracePeriodSeconds: 0 });
    await quiesce(h);
    expect(h.client.get(GR.persistentvolumeclaims, "default", "c")).toBeUndefined();
  });

  it("adds the finalizer to claims without it", async () => {
    const h = harness();
    h.client.seed(GR.persistentvolumeclaims, pvc("c"));
    newPVCProtectionController(h.ctx).start();
    await quiesce(h);
    expect(h.client.get(GR.persistentvolumeclaims, "default", "c")!.metadata!.finalizers).toEqual([FIN]);
  });
});

describe("pv-protection", () => {
  it("adds kubernetes.io/pv-protection, keeps a Bound volume being deleted, releases it once not Bound", async () => {
    const h = harness();
    h.client.seed(GR.persistentvolumes, pv("v", "Bound"));
    newPVProtectionController(h.ctx).start();
    await quiesce(h);
    expect(h.client.get(GR.persistentvolumes, "", "v")!.metadata!.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    await h.client.delete(GR.persistentvolumes, "", "v");
    await quiesce(h);
    expect(h.client.get(GR.persistentvolumes, "", "v")!.metadata!.deletionTimestamp).toBe("2026-01-01T00:00:00Z");
    const cur = structuredClone(h.client.get(GR.persistentvolumes, "", "v")!);
    await h.client.update(GR.persistentvolumes, { ...cur, status: { phase: "Released" } }, { subresource: "status" });
    await quiesce(h);
    expect(h.client.get(GR.persistentvolumes, "", "v")).toBeUndefined();
  });
});
