// Unit test set 4 of binder_test.go (syncVolume), the reclaim policies (delete_test.go,
// recycle_test.go) and provisioning requests (provision_test.go), with the events' texts.
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { settle } from "../../runtime/timers.js";
import { ANN_BOUND_BY_CONTROLLER as BY_CTRL } from "../../storage/helpers.js";
import type { PV, PVC } from "../../storage/types.js";
import { events } from "../util/testing.js";
import { CLASS_EXTERNAL, CLASS_SILVER, CLASS_WAIT, newClaim, newVolume, read, setup } from "./testing.js";

const RETAIN = "Retain";
const DELETE = "Delete";

describe("syncVolume (set 4)", () => {
  it.each([
    ["4-1 - clear volume status: an unbound volume becomes Available", newVolume("volume4-1", "1Gi", "", "", "Pending", RETAIN), [], newVolume("volume4-1", "1Gi", "", "", "Available", RETAIN)],
    ["4-2 - clear volume status: a pre-bound volume becomes Available", newVolume("volume4-2", "1Gi", "", "claim4-2", "Pending", RETAIN), [], newVolume("volume4-2", "1Gi", "", "claim4-2", "Available", RETAIN)],
    ["4-3 - volume bound to missing claim is Released (Retain keeps the claimRef)", newVolume("volume4-3", "10Gi", "uid4-3", "claim4-3", "Bound", RETAIN), [], newVolume("volume4-3", "10Gi", "uid4-3", "claim4-3", "Released", RETAIN)],
    [
      "4-4 - volume bound to a claim with a different UID is Released",
      newVolume("volume4-4", "10Gi", "uid4-4", "claim4-4", "Bound", RETAIN),
      [newClaim("claim4-4", "uid4-4-x", "10Gi", "", "Pending")],
      newVolume("volume4-4", "10Gi", "uid4-4", "claim4-4", "Released", RETAIN),
    ],
    [
      "4-5 - volume bound to a bound claim becomes Bound",
      newVolume("volume4-5", "10Gi", "uid4-5", "claim4-5", "Available", RETAIN),
      [newClaim("claim4-5", "uid4-5", "10Gi", "volume4-5", "Bound")],
      newVolume("volume4-5", "10Gi", "uid4-5", "claim4-5", "Bound", RETAIN),
    ],
    [
      "4-6 - volume bound by the controller to a claim bound elsewhere is unbound",
      newVolume("volume4-6", "10Gi", "uid4-6", "claim4-6", "Bound", RETAIN, "", BY_CTRL),
      [newClaim("claim4-6", "uid4-6", "10Gi", "volume4-6-x", "Bound")],
      newVolume("volume4-6", "10Gi", "", "", "Available", RETAIN),
    ],
    [
      "4-7 - volume pre-bound by the user to a claim bound elsewhere keeps the name, loses the UID",
      newVolume("volume4-7", "10Gi", "uid4-7", "claim4-7", "Bound", RETAIN),
      [newClaim("claim4-7", "uid4-7", "10Gi", "volume4-7-x", "Bound")],
      newVolume("volume4-7", "10Gi", "", "claim4-7", "Available", RETAIN),
    ],
  ])("%s", async (_name, volume, claims, want) => {
    const { h, ctrl } = setup([volume as PV], claims as PVC[]);
    await ctrl.syncVolume(h.client.get(GR.persistentvolumes, "", volume.metadata!.name!) as PV);
    await settle();
    expect(read(h).volumes).toEqual([want]);
  });
});

describe("reclaim policies", () => {
  const released = (name: string, policy: string, source: Record<string, unknown>): PV => {
    const v = newVolume(name, "1Gi", "uid-gone", "claim-gone", "Bound", policy);
    delete v.spec!.hostPath;
    return { ...v, spec: { ...v.spec, ...source } };
  };
  it.each([
    ["Retain: Released, nothing else", released("v", RETAIN, { hostPath: { path: "/data" } }), "Released", "", []],
    ["Delete of a /tmp hostPath: the PV is deleted", released("v", DELETE, { hostPath: { path: "/tmp/data" } }), "gone", "", []],
    [
      "Delete of another hostPath: Failed with the deleter's refusal",
      released("v", DELETE, { hostPath: { path: "/data" } }),
      "Failed",
      "host_path deleter only supports /tmp/.+ but received provided /data",
      ["VolumeFailedDelete: host_path deleter only supports /tmp/.+ but received provided /data"],
    ],
    [
      "Delete of a local volume: Failed, no deleter",
      released("v", DELETE, { local: { path: "/mnt/disk" } }),
      "Failed",
      'error getting deleter volume plugin for volume "v": no volume plugin matched',
      ['VolumeFailedDelete: error getting deleter volume plugin for volume "v": no volume plugin matched'],
    ],
    ["Delete of a volume provisioned externally: left to its provisioner", { ...released("v", DELETE, { hostPath: { path: "/data" } }), metadata: { name: "v", annotations: { "pv.kubernetes.io/provisioned-by": "rancher.io/local-path" } } }, "Released", "", []],
    ["Recycle of a local volume: Failed, no recycler", released("v", "Recycle", { local: { path: "/mnt/disk" } }), "Failed", "No recycler plugin found for the volume!", ["VolumeFailedRecycle: No recycler plugin found for the volume!"]],
    ["Recycle of a hostPath volume: Available again", released("v", "Recycle", { hostPath: { path: "/data" } }), "Available", "", ["VolumeRecycled: Volume recycled"]],
  ])("%s", async (_name, volume, phase, message, evs) => {
    const { h, ctrl } = setup([volume], []);
    await ctrl.syncVolume(h.client.get(GR.persistentvolumes, "", "v") as PV);
    await settle();
    const pv = h.client.get(GR.persistentvolumes, "", "v") as PV | undefined;
    expect(pv ? [pv.status?.phase, pv.status?.message ?? ""] : ["gone", ""]).toEqual([phase, message]);
    expect(events(h.client)).toEqual(evs);
  });
});

describe("claims without a volume", () => {
  const pod = (name: string): KObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { containers: [], volumes: [{ name: "v", persistentVolumeClaim: { claimName: "c" } }] },
    status: { phase: "Pending" },
  });
  const defaultClass = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }, provisioner: "rancher.io/local-path", volumeBindingMode: "WaitForFirstConsumer" };
  it.each([
    ["no class: FailedBinding", newClaim("c", "u", "1Gi", "", "Pending", ""), {}, ["FailedBinding: no persistent volumes available for this claim and no storage class is set"]],
    ["WaitForFirstConsumer with an unscheduled pod", newClaim("c", "u", "1Gi", "", "Pending", CLASS_WAIT), { pods: [pod("p1")] }, ["WaitForPodScheduled: waiting for pod p1 to be scheduled"]],
    ["WaitForFirstConsumer with two unscheduled pods", newClaim("c", "u", "1Gi", "", "Pending", CLASS_WAIT), { pods: [pod("p1"), pod("p2")] }, ["WaitForPodScheduled: waiting for pods p1,p2 to be scheduled"]],
    ["Immediate class with kubernetes.io/no-provisioner", newClaim("c", "u", "1Gi", "", "Pending", CLASS_SILVER), {}, ["ProvisioningFailed: no volume plugin matched name: kubernetes.io/no-provisioner"]],
    [
      "Immediate class of an external provisioner",
      newClaim("c", "u", "1Gi", "", "Pending", CLASS_EXTERNAL),
      {},
      ["ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'vendor.com/my-volume' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."],
    ],
    ["a class that does not exist", newClaim("c", "u", "1Gi", "", "Pending", "nope"), {}, ['ProvisioningFailed: storageclass.storage.k8s.io "nope" not found']],
    ["unset class gets the default class retroactively", newClaim("c", "u", "1Gi", "", "Pending"), { classes: [defaultClass] }, []],
  ])("%s", async (_name, claim, extra, want) => {
    const { h, ctrl } = setup([], [claim], extra as never);
    await ctrl.syncClaim(h.client.get(GR.persistentvolumeclaims, "default", "c") as PVC);
    await settle();
    expect(events(h.client)).toEqual(want);
    if (_name.startsWith("unset")) expect((h.client.get(GR.persistentvolumeclaims, "default", "c") as PVC).spec!.storageClassName).toBe("standard");
  });
});

describe("the controller running", () => {
  it("releases the volume when its claim is deleted, and repeats WaitForFirstConsumer on resync", async () => {
    const { h, ctrl } = setup([newVolume("v", "1Gi", "", "", "Available", RETAIN)], [newClaim("c", "uc", "1Gi", "", "Pending"), newClaim("w", "uw", "1Gi", "", "Pending", CLASS_WAIT)]);
    ctrl.start();
    await h.time.advance(10);
    expect(read(h).volumes[0].status!.phase).toBe("Bound");
    await h.client.delete(GR.persistentvolumeclaims, "default", "c");
    await h.time.advance(10);
    expect(read(h).volumes[0].status!.phase).toBe("Released");
    await h.time.advance(15_000);
    const ev = h.client.list(GR.events).find((e) => (e as { reason: string }).reason === "WaitForFirstConsumer") as { count: number };
    expect(ev.count).toBe(2);
    ctrl.stop();
  });
});
