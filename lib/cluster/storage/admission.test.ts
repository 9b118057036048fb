// plugin/pkg/admission/storage/persistentvolume/resize/admission_test.go and
// storageobjectinuseprotection/admission_test.go, the cases the CKA meets.
import { describe, expect, it } from "vitest";
import { admitStorageObjectInUseProtection, validatePersistentVolumeClaimResize } from "./admission.js";
import { persistentVolumeStatusPrepareForUpdate } from "./strategy.js";
import type { PVC, StorageClass } from "./types.js";

const claim = (size: string, phase: string, cls = "expandable"): PVC => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name: "x", namespace: "default" },
  spec: { storageClassName: cls, resources: { requests: { storage: size } } },
  status: { phase },
});
const classes: Record<string, StorageClass> = {
  expandable: { metadata: { name: "expandable" }, provisioner: "rancher.io/local-path", allowVolumeExpansion: true },
  standard: { metadata: { name: "standard" }, provisioner: "rancher.io/local-path" },
};

describe("PersistentVolumeClaimResize", () => {
  it.each([
    ["growing a bound claim of an expandable class", claim("2Gi", "Bound"), claim("1Gi", "Bound"), undefined],
    ["shrinking is left to validation", claim("1Gi", "Bound"), claim("2Gi", "Bound"), undefined],
    ["same size", claim("1Gi", "Pending"), claim("1Gi", "Pending"), undefined],
    ["a pending claim", claim("2Gi", "Pending"), claim("1Gi", "Pending"), 'persistentvolumeclaims "x" is forbidden: Only bound persistent volume claims can be expanded'],
    [
      "a class without allowVolumeExpansion",
      claim("2Gi", "Bound", "standard"),
      claim("1Gi", "Bound", "standard"),
      'persistentvolumeclaims "x" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    ],
    [
      "a claim without class",
      claim("2Gi", "Bound", ""),
      claim("1Gi", "Bound", ""),
      'persistentvolumeclaims "x" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    ],
  ])("%s", (_name, pvc, old, want) => {
    const err = validatePersistentVolumeClaimResize(pvc, old, (n) => classes[n]);
    expect(err?.message).toBe(want);
    if (err) expect([err.code, err.reason]).toEqual([403, "Forbidden"]);
  });
});

describe("StorageObjectInUseProtection", () => {
  it.each([
    ["persistentvolumeclaims", undefined, ["kubernetes.io/pvc-protection"]],
    ["persistentvolumes", ["custom"], ["custom", "kubernetes.io/pv-protection"]],
    ["persistentvolumes", ["kubernetes.io/pv-protection"], ["kubernetes.io/pv-protection"]],
  ])("%s with finalizers %j", (resource, fins, want) => {
    expect(admitStorageObjectInUseProtection(resource, { metadata: { name: "a", ...(fins ? { finalizers: fins } : {}) } }).metadata!.finalizers).toEqual(want);
  });
});

describe("PV status strategy: lastPhaseTransitionTime", () => {
  const at = new Date("2026-01-01T00:10:00Z");
  const old = { metadata: { name: "v" }, spec: { a: 1 }, status: { phase: "Available", lastPhaseTransitionTime: "2026-01-01T00:00:00Z" } };
  it.each([
    ["phase changes: stamped now", { phase: "Bound" }, { phase: "Bound", lastPhaseTransitionTime: "2026-01-01T00:10:00Z" }],
    ["phase changes, old time carried: stamped now", { phase: "Bound", lastPhaseTransitionTime: "2026-01-01T00:00:00Z" }, { phase: "Bound", lastPhaseTransitionTime: "2026-01-01T00:10:00Z" }],
    ["phase kept, time dropped: the old time stays", { phase: "Available" }, { phase: "Available", lastPhaseTransitionTime: "2026-01-01T00:00:00Z" }],
  ])("%s", (_name, status, want) => {
    expect(persistentVolumeStatusPrepareForUpdate({ metadata: { name: "v" }, spec: { b: 2 }, status }, old, at)).toEqual({ metadata: { name: "v" }, spec: { a: 1 }, status: want });
  });
});
