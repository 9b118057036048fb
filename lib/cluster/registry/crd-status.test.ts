import { describe, expect, it } from "vitest";
import { crdInitialStatus } from "./crd-status.js";

describe("crdInitialStatus", () => {
  it("accepts the names, is Established and records the storage version", () => {
    const crd = { spec: { group: "example.com", names: { plural: "widgets", kind: "Widget", shortNames: ["wd"] }, versions: [{ name: "v1beta1", storage: false }, { name: "v1", storage: true }] } };
    expect(crdInitialStatus(crd, new Date("2026-11-25T10:00:00.123Z"))).toEqual({
      acceptedNames: { plural: "widgets", kind: "Widget", shortNames: ["wd"], singular: "widget", listKind: "WidgetList" },
      conditions: [
        { lastTransitionTime: "2026-11-25T10:00:00Z", message: "no conflicts found", reason: "NoConflicts", status: "True", type: "NamesAccepted" },
        { lastTransitionTime: "2026-11-25T10:00:00Z", message: "the initial names have been accepted", reason: "InitialNamesAccepted", status: "True", type: "Established" },
      ],
      storedVersions: ["v1"],
    });
  });
});
