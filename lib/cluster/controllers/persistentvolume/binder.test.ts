// Unit test sets 1-3 of pkg/controller/volume/persistentvolume/binder_test.go (TestSync): one
// syncClaim over preloaded volumes and claims, then the whole objects and the events compared.
import { describe, expect, it } from "vitest";
import { settle } from "../../runtime/timers.js";
import { ANN_BIND_COMPLETED as COMPLETED, ANN_BOUND_BY_CONTROLLER as BY_CTRL } from "../../storage/helpers.js";
import type { PV, PVC } from "../../storage/types.js";
import { CLASS_GOLD, CLASS_WAIT, newClaim, newVolume, read, setup, withAccessModes, withCapacity, withLabels, withMode, withSelector } from "./testing.js";

interface Case {
  name: string;
  initialVolumes: PV[];
  expectedVolumes: PV[];
  initialClaims: PVC[];
  expectedClaims: PVC[];
  expectedEvents: string[];
}

const labels = { foo: "true", bar: "false" };
const RETAIN = "Retain";

const cases: Case[] = [
  // [Unit test set 1] User did not care which PV they get.
  {
    name: "1-1 - successful bind",
    initialVolumes: [newVolume("volume1-1", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-1", "1Gi", "uid1-1", "claim1-1", "Bound", RETAIN, "", BY_CTRL)],
    initialClaims: [newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending")],
    expectedClaims: [newClaim("claim1-1", "uid1-1", "1Gi", "volume1-1", "Bound", undefined, BY_CTRL, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "1-2 - noop",
    initialVolumes: [newVolume("volume1-2", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-2", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [newClaim("claim1-2", "uid1-2", "10Gi", "", "Pending")],
    expectedClaims: [newClaim("claim1-2", "uid1-2", "10Gi", "", "Pending")],
    expectedEvents: ["Normal FailedBinding"],
  },
  {
    name: "1-3 - reset to Pending",
    initialVolumes: [newVolume("volume1-3", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-3", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [newClaim("claim1-3", "uid1-3", "10Gi", "", "Bound")],
    expectedClaims: [newClaim("claim1-3", "uid1-3", "10Gi", "", "Pending")],
    expectedEvents: ["Normal FailedBinding"],
  },
  {
    name: "1-4 - smallest volume",
    initialVolumes: [newVolume("volume1-4_1", "10Gi", "", "", "Available", RETAIN), newVolume("volume1-4_2", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-4_1", "10Gi", "", "", "Available", RETAIN), newVolume("volume1-4_2", "1Gi", "uid1-4", "claim1-4", "Bound", RETAIN, "", BY_CTRL)],
    initialClaims: [newClaim("claim1-4", "uid1-4", "1Gi", "", "Pending")],
    expectedClaims: [newClaim("claim1-4", "uid1-4", "1Gi", "volume1-4_2", "Bound", undefined, BY_CTRL, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "1-5 - prebound volume by name - success",
    initialVolumes: [newVolume("volume1-5_1", "10Gi", "", "claim1-5", "Available", RETAIN), newVolume("volume1-5_2", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-5_1", "10Gi", "uid1-5", "claim1-5", "Bound", RETAIN), newVolume("volume1-5_2", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [newClaim("claim1-5", "uid1-5", "1Gi", "", "Pending")],
    expectedClaims: [withCapacity("10Gi", newClaim("claim1-5", "uid1-5", "1Gi", "volume1-5_1", "Bound", undefined, BY_CTRL, COMPLETED))],
    expectedEvents: [],
  },
  {
    name: "1-7 - prebound volume to different claim",
    initialVolumes: [newVolume("volume1-7", "10Gi", "uid1-777", "claim1-7", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-7", "10Gi", "uid1-777", "claim1-7", "Available", RETAIN)],
    initialClaims: [newClaim("claim1-7", "uid1-7", "1Gi", "", "Pending")],
    expectedClaims: [newClaim("claim1-7", "uid1-7", "1Gi", "", "Pending")],
    expectedEvents: ["Normal FailedBinding"],
  },
  {
    name: "1-8 - complete bind after crash - PV bound",
    initialVolumes: [newVolume("volume1-8", "1Gi", "uid1-8", "claim1-8", "Available", RETAIN, "", BY_CTRL)],
    expectedVolumes: [newVolume("volume1-8", "1Gi", "uid1-8", "claim1-8", "Bound", RETAIN, "", BY_CTRL)],
    initialClaims: [newClaim("claim1-8", "uid1-8", "1Gi", "", "Pending")],
    expectedClaims: [newClaim("claim1-8", "uid1-8", "1Gi", "volume1-8", "Bound", undefined, BY_CTRL, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "1-10 - complete bind after crash - PVC bound",
    initialVolumes: [newVolume("volume1-10", "1Gi", "uid1-10", "claim1-10", "Bound", RETAIN, "", BY_CTRL)],
    expectedVolumes: [newVolume("volume1-10", "1Gi", "uid1-10", "claim1-10", "Bound", RETAIN, "", BY_CTRL)],
    initialClaims: [newClaim("claim1-10", "uid1-10", "1Gi", "volume1-10", "Pending", undefined, BY_CTRL, COMPLETED)],
    expectedClaims: [newClaim("claim1-10", "uid1-10", "1Gi", "volume1-10", "Bound", undefined, BY_CTRL, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "1-11 - bind when selector matches",
    initialVolumes: [withLabels(labels, newVolume("volume1-1", "1Gi", "", "", "Available", RETAIN))],
    expectedVolumes: [withLabels(labels, newVolume("volume1-1", "1Gi", "uid1-1", "claim1-1", "Bound", RETAIN, "", BY_CTRL))],
    initialClaims: [withSelector(labels, newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending"))],
    expectedClaims: [withSelector(labels, newClaim("claim1-1", "uid1-1", "1Gi", "volume1-1", "Bound", undefined, BY_CTRL, COMPLETED))],
    expectedEvents: [],
  },
  {
    name: "1-12 - do not bind when selector does not match",
    initialVolumes: [newVolume("volume1-1", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-1", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [withSelector(labels, newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending"))],
    expectedClaims: [withSelector(labels, newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending"))],
    expectedEvents: ["Normal FailedBinding"],
  },
  {
    name: "1-13 - delayed binding",
    initialVolumes: [newVolume("volume1-1", "1Gi", "", "", "Available", RETAIN, CLASS_WAIT)],
    expectedVolumes: [newVolume("volume1-1", "1Gi", "", "", "Available", RETAIN, CLASS_WAIT)],
    initialClaims: [newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending", CLASS_WAIT)],
    expectedClaims: [newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending", CLASS_WAIT)],
    expectedEvents: ["Normal WaitForFirstConsumer"],
  },
  {
    name: "1-14 - successful prebound PV",
    initialVolumes: [newVolume("volume1-1", "1Gi", "", "claim1-1", "Available", RETAIN, CLASS_WAIT)],
    expectedVolumes: [newVolume("volume1-1", "1Gi", "uid1-1", "claim1-1", "Bound", RETAIN, CLASS_WAIT)],
    initialClaims: [newClaim("claim1-1", "uid1-1", "1Gi", "", "Pending", CLASS_WAIT)],
    expectedClaims: [newClaim("claim1-1", "uid1-1", "1Gi", "volume1-1", "Bound", CLASS_WAIT, BY_CTRL, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "1-15 - successful prebound PVC",
    initialVolumes: [newVolume("volume1-15_1", "10Gi", "", "", "Available", RETAIN), newVolume("volume1-15_2", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-15_1", "10Gi", "uid1-15", "claim1-15", "Bound", RETAIN, "", BY_CTRL), newVolume("volume1-15_2", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [newClaim("claim1-15", "uid1-15", "1Gi", "volume1-15_1", "Pending")],
    expectedClaims: [withCapacity("10Gi", newClaim("claim1-15", "uid1-15", "1Gi", "volume1-15_1", "Bound", undefined, COMPLETED))],
    expectedEvents: [],
  },
  {
    name: "1-16 - prebound PVC with a different access mode stays Pending",
    initialVolumes: [newVolume("volume1-16", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-16", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [withAccessModes(["ReadWriteMany"], newClaim("claim1-16", "uid1-16", "1Gi", "volume1-16", "Pending"))],
    expectedClaims: [withAccessModes(["ReadWriteMany"], newClaim("claim1-16", "uid1-16", "1Gi", "volume1-16", "Pending"))],
    expectedEvents: ["Warning VolumeMismatch"],
  },
  {
    name: "1-17 - skip non-available PV if it's not pre-bind",
    initialVolumes: ["Failed", "Pending", "Released", ""].map((p) => newVolume(`volume1-17-${p || "empty"}`, "1Gi", "", "", p, RETAIN)),
    expectedVolumes: ["Failed", "Pending", "Released", ""].map((p) => newVolume(`volume1-17-${p || "empty"}`, "1Gi", "", "", p, RETAIN)),
    initialClaims: [newClaim("claim1-17", "uid1-17", "1Gi", "", "Pending")],
    expectedClaims: [newClaim("claim1-17", "uid1-17", "1Gi", "", "Pending")],
    expectedEvents: ["Normal FailedBinding"],
  },
  {
    name: "1-18 - class mismatch: a claim of class gold does not take an unclassed volume",
    initialVolumes: [newVolume("volume1-18", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-18", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [newClaim("claim1-18", "uid1-18", "1Gi", "", "Pending", CLASS_GOLD)],
    expectedClaims: [newClaim("claim1-18", "uid1-18", "1Gi", "", "Pending", CLASS_GOLD, "volume.beta.kubernetes.io/storage-provisioner", "volume.kubernetes.io/storage-provisioner")].map((c) => ({
      ...c,
      metadata: { ...c.metadata, annotations: { "volume.beta.kubernetes.io/storage-provisioner": "kubernetes.io/host-path", "volume.kubernetes.io/storage-provisioner": "kubernetes.io/host-path" } },
    })),
    expectedEvents: ["Warning ProvisioningFailed"],
  },
  {
    name: "1-19 - volumeMode mismatch: a Block claim does not take a Filesystem volume",
    initialVolumes: [newVolume("volume1-19", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume1-19", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [withMode("Block", newClaim("claim1-19", "uid1-19", "1Gi", "", "Pending"))],
    expectedClaims: [withMode("Block", newClaim("claim1-19", "uid1-19", "1Gi", "", "Pending"))],
    expectedEvents: ["Normal FailedBinding"],
  },
  {
    name: "1-20 - access modes: the volume with the fewest modes that hold the claim's wins",
    initialVolumes: [withAccessModes(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"], newVolume("volume1-20_1", "1Gi", "", "", "Available", RETAIN)), newVolume("volume1-20_2", "5Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [
      withAccessModes(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"], newVolume("volume1-20_1", "1Gi", "", "", "Available", RETAIN)),
      newVolume("volume1-20_2", "5Gi", "uid1-20", "claim1-20", "Bound", RETAIN, "", BY_CTRL),
    ],
    initialClaims: [withAccessModes(["ReadWriteOnce"], newClaim("claim1-20", "uid1-20", "1Gi", "", "Pending"))],
    expectedClaims: [
      { ...withAccessModes(["ReadWriteOnce"], newClaim("claim1-20", "uid1-20", "1Gi", "volume1-20_2", "Bound", undefined, BY_CTRL, COMPLETED)), status: { phase: "Bound", accessModes: ["ReadWriteOnce", "ReadOnlyMany"], capacity: { storage: "5Gi" } } },
    ],
    expectedEvents: [],
  },
  // [Unit test set 2] User asked for a specific PV.
  {
    name: "2-1 - claim prebound to non-existing volume - noop",
    initialVolumes: [],
    expectedVolumes: [],
    initialClaims: [newClaim("claim2-1", "uid2-1", "10Gi", "volume2-1", "Pending")],
    expectedClaims: [newClaim("claim2-1", "uid2-1", "10Gi", "volume2-1", "Pending")],
    expectedEvents: [],
  },
  {
    name: "2-3 - claim prebound to unbound volume",
    initialVolumes: [newVolume("volume2-3", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume2-3", "1Gi", "uid2-3", "claim2-3", "Bound", RETAIN, "", BY_CTRL)],
    initialClaims: [newClaim("claim2-3", "uid2-3", "1Gi", "volume2-3", "Pending")],
    expectedClaims: [newClaim("claim2-3", "uid2-3", "1Gi", "volume2-3", "Bound", undefined, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "2-5 - claim prebound to too small volume",
    initialVolumes: [newVolume("volume2-5", "1Gi", "", "", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume2-5", "1Gi", "", "", "Available", RETAIN)],
    initialClaims: [newClaim("claim2-5", "uid2-5", "10Gi", "volume2-5", "Pending")],
    expectedClaims: [newClaim("claim2-5", "uid2-5", "10Gi", "volume2-5", "Pending")],
    expectedEvents: ["Warning VolumeMismatch"],
  },
  {
    name: "2-8 - claim prebound to volume bound to another claim by the user",
    initialVolumes: [newVolume("volume2-8", "1Gi", "uid2-8-other", "claim2-8-other", "Bound", RETAIN)],
    expectedVolumes: [newVolume("volume2-8", "1Gi", "uid2-8-other", "claim2-8-other", "Bound", RETAIN)],
    initialClaims: [newClaim("claim2-8", "uid2-8", "1Gi", "volume2-8", "Pending")],
    expectedClaims: [newClaim("claim2-8", "uid2-8", "1Gi", "volume2-8", "Pending")],
    expectedEvents: ["Warning FailedBinding"],
  },
  // [Unit test set 3] Claims that were bound before.
  {
    name: "3-1 - bound claim with missing VolumeName",
    initialVolumes: [],
    expectedVolumes: [],
    initialClaims: [newClaim("claim3-1", "uid3-1", "10Gi", "", "Bound", undefined, COMPLETED, BY_CTRL)],
    expectedClaims: [newClaim("claim3-1", "uid3-1", "10Gi", "", "Lost", undefined, COMPLETED, BY_CTRL)],
    expectedEvents: ["Warning ClaimLost"],
  },
  {
    name: "3-2 - bound claim with missing volume",
    initialVolumes: [],
    expectedVolumes: [],
    initialClaims: [newClaim("claim3-2", "uid3-2", "10Gi", "volume3-2", "Bound", undefined, COMPLETED)],
    expectedClaims: [newClaim("claim3-2", "uid3-2", "10Gi", "volume3-2", "Lost", undefined, COMPLETED)],
    expectedEvents: ["Warning ClaimLost"],
  },
  {
    name: "3-5 - bound claim with bound volume",
    initialVolumes: [newVolume("volume3-5", "10Gi", "uid3-5", "claim3-5", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume3-5", "10Gi", "uid3-5", "claim3-5", "Bound", RETAIN)],
    initialClaims: [newClaim("claim3-5", "uid3-5", "10Gi", "volume3-5", "Pending", undefined, COMPLETED)],
    expectedClaims: [newClaim("claim3-5", "uid3-5", "10Gi", "volume3-5", "Bound", undefined, COMPLETED)],
    expectedEvents: [],
  },
  {
    name: "3-6 - bound claim with bound volume, pointing to a different claim",
    initialVolumes: [newVolume("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x", "Available", RETAIN)],
    expectedVolumes: [newVolume("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x", "Available", RETAIN)],
    initialClaims: [newClaim("claim3-6", "uid3-6", "10Gi", "volume3-6", "Pending", undefined, COMPLETED)],
    expectedClaims: [newClaim("claim3-6", "uid3-6", "10Gi", "volume3-6", "Lost", undefined, COMPLETED)],
    expectedEvents: ["Warning ClaimMisbound"],
  },
];

describe("PV controller: syncClaim (binder_test.go TestSync)", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { h, ctrl } = setup(c.initialVolumes, c.initialClaims);
    await ctrl.syncClaim(h.client.get({ group: "", resource: "persistentvolumeclaims" }, "default", c.initialClaims[0].metadata!.name!) as PVC);
    await settle();
    const got = read(h);
    expect(got.volumes).toEqual(c.expectedVolumes);
    expect(got.claims).toEqual(c.expectedClaims);
    expect(got.events).toEqual(c.expectedEvents);
  });
});
