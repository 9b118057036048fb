// A new CustomResourceDefinition's status as apiextensions-apiserver's naming controller
// (pkg/controller/status/naming_controller.go: NamesAccepted "NoConflicts" / "no conflicts
// found") and establishing controller (pkg/controller/establish: Established
// "InitialNamesAccepted" / "the initial names have been accepted") leave it a moment after
// create; the moment is folded into the create, so `kubectl wait --for condition=Established`
// returns at once. storedVersions starts with the storage version.
import type { KObject } from "../api/types.js";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function crdInitialStatus(crd: KObject, now: Date): unknown {
  const spec = (crd.spec ?? {}) as { names?: Record<string, unknown>; versions?: { name: string; storage?: boolean }[] };
  const names = { ...(spec.names ?? {}) } as Record<string, unknown>;
  const kind = String(names.kind ?? "");
  if (!names.singular && kind) names.singular = kind.toLowerCase();
  if (!names.listKind && kind) names.listKind = `${kind}List`;
  const at = rfc3339(now);
  const storage = spec.versions?.find((v) => v.storage)?.name;
  return {
    acceptedNames: names,
    conditions: [
      { lastTransitionTime: at, message: "no conflicts found", reason: "NoConflicts", status: "True", type: "NamesAccepted" },
      { lastTransitionTime: at, message: "the initial names have been accepted", reason: "InitialNamesAccepted", status: "True", type: "Established" },
    ],
    storedVersions: storage ? [storage] : [],
  };
}
