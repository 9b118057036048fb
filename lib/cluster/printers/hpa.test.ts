// Golden rows from TestPrintHPA in kubernetes/pkg/printers/internalversion/printers_test.go
// (v1.32): Go structs translated to autoscaling/v2 JSON; expected cells are upstream's.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { horizontalPodAutoscalerPrinter } from "./hpa";
import { wide } from "./testutil";

function hpa(metrics?: unknown[], currentMetrics?: unknown[], minReplicas: number | null = 2): KObject {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "some-hpa" },
    spec: {
      scaleTargetRef: { name: "some-rc", kind: "ReplicationController" },
      ...(minReplicas === null ? {} : { minReplicas }),
      maxReplicas: 10,
      ...(metrics ? { metrics } : {}),
    },
    status: { currentReplicas: 4, desiredReplicas: 5, ...(currentMetrics ? { currentMetrics } : {}) },
  };
}
const row = (targets: string, min = "2") => ["some-hpa", "ReplicationController/some-rc", targets, min, 10, 4, "<unknown>"];

const external = (target: Record<string, unknown>) => ({ type: "External", external: { metric: { name: "some-external-metric" }, target } });
const externalStatus = (current: Record<string, unknown>) => ({ type: "External", external: { metric: { name: "some-external-metric" }, current } });
const pods = (v: string) => ({ type: "Pods", pods: { metric: { name: "some-pods-metric" }, target: { type: "AverageValue", averageValue: v } } });
const podsStatus = (v: string) => ({ type: "Pods", pods: { metric: { name: "some-pods-metric" }, current: { averageValue: v } } });
const object = { type: "Object", object: { describedObject: { name: "some-service", kind: "Service" }, metric: { name: "some-service-metric" }, target: { type: "Value", value: "100m" } } };
const objectStatus = { type: "Object", object: { describedObject: { name: "some-service", kind: "Service" }, metric: { name: "some-service-metric" }, current: { value: "50m" } } };
const res = (type: "Resource" | "ContainerResource", target: Record<string, unknown>) => {
  const field = type === "Resource" ? "resource" : "containerResource";
  return { type, [field]: { name: "cpu", ...(type === "ContainerResource" ? { container: "application" } : {}), target } };
};
const resStatus = (type: "Resource" | "ContainerResource", current: Record<string, unknown>) => {
  const field = type === "Resource" ? "resource" : "containerResource";
  return { type, [field]: { name: "cpu", current } };
};
const avgValue = { type: "AverageValue", averageValue: "100m" };
const util = { type: "Utilization", averageUtilization: 80 };

describe("printHorizontalPodAutoscaler", () => {
  const cases: [string, KObject, unknown[]][] = [
    ["minReplicas unset", hpa(undefined, undefined, null), row("<none>", "<unset>")],
    ["external average value, no current", hpa([external({ type: "AverageValue", averageValue: "100m" })]), row("<unknown>/100m (avg)")],
    ["external average value", hpa([external({ type: "AverageValue", averageValue: "100m" })], [externalStatus({ averageValue: "50m" })]), row("50m/100m (avg)")],
    ["external value, no current", hpa([external({ type: "Value", value: "100m" })]), row("<unknown>/100m")],
    ["external value", hpa([external({ type: "Value", value: "100m" })], [externalStatus({ value: "50m" })]), row("50m/100m")],
    ["pods, no current", hpa([pods("100m")]), row("<unknown>/100m")],
    ["pods", hpa([pods("100m")], [podsStatus("50m")]), row("50m/100m")],
    ["object, no current", hpa([object]), row("<unknown>/100m")],
    ["object", hpa([object], [objectStatus]), row("50m/100m")],
    ["resource value, no current", hpa([res("Resource", avgValue)]), row("cpu: <unknown>/100m")],
    ["resource value", hpa([res("Resource", avgValue)], [resStatus("Resource", { averageValue: "50m" })]), row("cpu: 50m/100m")],
    ["resource utilization, no current", hpa([res("Resource", util)]), row("cpu: <unknown>/80%")],
    ["resource utilization", hpa([res("Resource", util)], [resStatus("Resource", { averageUtilization: 50, averageValue: "40m" })]), row("cpu: 50%/80%")],
    ["container resource value, no current", hpa([res("ContainerResource", avgValue)]), row("cpu: <unknown>/100m")],
    ["container resource value", hpa([res("ContainerResource", avgValue)], [resStatus("ContainerResource", { averageValue: "50m" })]), row("cpu: 50m/100m")],
    ["container resource utilization, no current", hpa([res("ContainerResource", util)]), row("cpu: <unknown>/80%")],
    ["container resource utilization", hpa([res("ContainerResource", util)], [resStatus("ContainerResource", { averageUtilization: 50, averageValue: "40m" })]),
      row("cpu: 50%/80%")],
    ["multiple specs", hpa(
      [pods("100m"), res("Resource", util), { type: "Pods", pods: { metric: { name: "other-pods-metric" }, target: { type: "AverageValue", averageValue: "400m" } } }],
      [podsStatus("50m"), resStatus("Resource", { averageUtilization: 50, averageValue: "40m" })],
    ), row("50m/100m, cpu: 50%/80% + 1 more...")],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(wide(horizontalPodAutoscalerPrinter, obj)).toEqual(want);
  });

  // Not an upstream case: autoscaling/v1 objects map targetCPUUtilizationPercentage to a cpu
  // Resource metric first (pkg/apis/autoscaling/v1/conversion.go).
  it("(mapped) autoscaling/v1 cpu target", () => {
    const v1: KObject = {
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "some-hpa" },
      spec: { scaleTargetRef: { name: "some-rc", kind: "ReplicationController" }, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 80 },
      status: { currentReplicas: 4, desiredReplicas: 5, currentCPUUtilizationPercentage: 50 },
    };
    expect(wide(horizontalPodAutoscalerPrinter, v1)).toEqual(row("cpu: 50%/80%"));
  });
});
