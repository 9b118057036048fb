// expand_controller_test.go's idea for the lab's volumes: growing a bound claim of a class that
// allows expansion leaves capacity as it was and records ExternalExpanding.
import { describe, expect, it } from "vitest";
import { GR } from "../../client/types.js";
import { events, harness, quiesce } from "../util/testing.js";
import { newExpandController } from "./expand_controller.js";

describe("persistentvolume-expander", () => {
  it.each([
    ["hostPath volume (local-path's default)", { hostPath: { path: "/opt/local-path-provisioner/x" } }, "Normal"],
    ["local volume", { local: { path: "/mnt/disk" } }, "Warning"],
  ])("%s", async (_name, source, type) => {
    const h = harness();
    h.client.seed(GR.persistentvolumeclaims, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "ex", namespace: "default", uid: "u1" },
      spec: { volumeName: "pv1", resources: { requests: { storage: "10Mi" } } },
      status: { phase: "Bound", capacity: { storage: "10Mi" } },
    });
    h.client.seed(GR.persistentvolumes, { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv1" }, spec: { capacity: { storage: "10Mi" }, ...source, claimRef: { namespace: "default", name: "ex", uid: "u1" } } });
    newExpandController(h.ctx).start();
    await h.client.patch(GR.persistentvolumeclaims, "default", "ex", "application/merge-patch+json", { spec: { resources: { requests: { storage: "20Mi" } } } });
    await quiesce(h);
    expect(events(h.client)).toEqual(["ExternalExpanding: waiting for an external controller to expand this PVC"]);
    const evType = (h.client.list(GR.events)[0] as { type: string; source: { component: string } });
    expect([evType.type, evType.source.component]).toEqual([type, "volume_expand"]);
    expect(h.client.get(GR.persistentvolumeclaims, "default", "ex")!.status).toEqual({ phase: "Bound", capacity: { storage: "10Mi" } });
  });
});
