import { describe, expect, it } from "vitest";
import { eventCoreToV1, eventV1ToCore } from "./event-conversion.js";

describe("events.k8s.io/v1 <-> core/v1 Event", () => {
  const v1 = {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name: "p.1", namespace: "default" },
    eventTime: "2026-11-25T10:00:00.000000Z",
    reportingController: "default-scheduler",
    reportingInstance: "default-scheduler-controlplane",
    action: "Scheduling",
    reason: "FailedScheduling",
    regarding: { kind: "Pod", name: "p", namespace: "default" },
    note: "0/3 nodes are available",
    type: "Warning",
  };
  it("stores the scheduler's event in core form", () => {
    expect(eventV1ToCore(v1)).toEqual({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "p.1", namespace: "default" },
      eventTime: "2026-11-25T10:00:00.000000Z",
      reportingComponent: "default-scheduler",
      reportingInstance: "default-scheduler-controlplane",
      action: "Scheduling",
      reason: "FailedScheduling",
      involvedObject: { kind: "Pod", name: "p", namespace: "default" },
      message: "0/3 nodes are available",
      type: "Warning",
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
    });
  });
  it("round-trips", () => expect(eventCoreToV1(eventV1ToCore(v1))).toEqual(v1));
});
