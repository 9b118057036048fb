// Cases from upstream pkg/controller/podautoscaler/replica_calculator_test.go (same inputs and
// expected replicas/utilization/raw value).
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { everything } from "../../meta/labels.js";
import { ReplicaCalculator } from "./replica_calculator.js";
import { resourceMetricsClient } from "./metrics_client.js";

const NOW = Date.parse("2026-01-01T00:10:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

interface Case {
  currentReplicas: number;
  levels: (number | undefined)[]; // millicores per pod; undefined = no metrics
  requests: string[];
  ready?: boolean[];
  target: number;
  expected: { replicas: number; utilization: number; value: number };
}

function pods(c: Case): KObject[] {
  return c.requests.map((req, i) => {
    const ready = c.ready?.[i] ?? true;
    const start = ready ? NOW - 10 * 60_000 : NOW - 10_000;
    return {
      metadata: { name: `test-pod-${i}`, namespace: "test-namespace", labels: { name: "test-pod" } },
      spec: { containers: [{ name: "container1", resources: { requests: { cpu: req } } }] },
      status: { phase: "Running", startTime: iso(start), conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: iso(start) }] },
    };
  });
}

function calculator(c: Case) {
  const items = c.levels.flatMap((l, i) =>
    l === undefined ? [] : [{ metadata: { name: `test-pod-${i}`, namespace: "test-namespace" }, timestamp: iso(NOW - 30_000), window: "30s", containers: [{ name: "container1", usage: { cpu: `${l}m` } }] }],
  );
  return new ReplicaCalculator({ metrics: resourceMetricsClient(() => items), pods: () => pods(c), now: () => NOW });
}

const cases: [string, Case][] = [
  ["ScaleUp", { currentReplicas: 3, levels: [300, 500, 700], requests: ["1.0", "1.0", "1.0"], target: 30, expected: { replicas: 5, utilization: 50, value: 500 } }],
  ["ScaleDown", { currentReplicas: 5, levels: [100, 300, 500, 250, 250], requests: ["1.0", "1.0", "1.0", "1.0", "1.0"], target: 50, expected: { replicas: 3, utilization: 28, value: 280 } }],
  ["ScaleUpUnreadyLessScale", { currentReplicas: 3, levels: [300, 500, 700], requests: ["1.0", "1.0", "1.0"], ready: [false, true, true], target: 30, expected: { replicas: 4, utilization: 60, value: 600 } }],
  ["ScaleUpUnreadyNoScale", { currentReplicas: 3, levels: [400, 500, 700], requests: ["1.0", "1.0", "1.0"], ready: [true, false, false], target: 30, expected: { replicas: 3, utilization: 40, value: 400 } }],
  ["Tolerance", { currentReplicas: 3, levels: [1010, 1030, 1020], requests: ["0.9", "1.0", "1.1"], target: 100, expected: { replicas: 3, utilization: 102, value: 1020 } }],
  ["MissingMetricsNoChangeEq", { currentReplicas: 2, levels: [1000, undefined], requests: ["1.0", "1.0"], target: 100, expected: { replicas: 2, utilization: 100, value: 1000 } }],
  ["MissingMetricsScaleDown", { currentReplicas: 4, levels: [100, 100, 100, undefined], requests: ["1.0", "1.0", "1.0", "1.0"], target: 50, expected: { replicas: 3, utilization: 10, value: 100 } }],
];

describe("ReplicaCalculator.getResourceReplicas (upstream cases)", () => {
  it.each(cases)("%s", (_name, c) => {
    const got = calculator(c).getResourceReplicas(c.currentReplicas, c.target, "cpu", "test-namespace", everything());
    expect({ replicas: got.replicas, utilization: got.utilization, value: got.rawUtilization }).toEqual(c.expected);
  });

  it.each([
    ["missing request", { currentReplicas: 1, levels: [100], requests: ["1.0"], target: 50, expected: { replicas: 0, utilization: 0, value: 0 } }, "missing request for cpu in container container1 of Pod test-pod-0", true],
    ["no metrics", { currentReplicas: 1, levels: [undefined], requests: ["1.0"], target: 50, expected: { replicas: 0, utilization: 0, value: 0 } }, "unable to get metrics for resource cpu: no metrics returned from resource metrics API", false],
  ] as const)("error: %s", (_n, c, message, dropRequest) => {
    const calc = calculator(c as unknown as Case);
    if (dropRequest) {
      const p = pods(c as unknown as Case);
      (p[0].spec as { containers: { resources: unknown }[] }).containers[0].resources = {};
      const items = [{ metadata: { name: "test-pod-0" }, timestamp: iso(NOW), window: "30s", containers: [{ name: "container1", usage: { cpu: "100m" } }] }];
      const c2 = new ReplicaCalculator({ metrics: resourceMetricsClient(() => items), pods: () => p, now: () => NOW });
      expect(() => c2.getResourceReplicas(1, 50, "cpu", "test-namespace", everything())).toThrow(message);
      return;
    }
    expect(() => calc.getResourceReplicas(1, 50, "cpu", "test-namespace", everything())).toThrow(message);
  });

  it("AverageValue: GetRawResourceReplicas", () => {
    const c: Case = { currentReplicas: 3, levels: [300, 500, 700], requests: ["1.0", "1.0", "1.0"], target: 0, expected: { replicas: 0, utilization: 0, value: 0 } };
    expect(calculator(c).getRawResourceReplicas(3, 300, "cpu", "test-namespace", everything())).toMatchObject({ replicas: 5, usage: 500 });
  });
});
