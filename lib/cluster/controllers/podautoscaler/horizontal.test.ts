import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { settle } from "../../runtime/timers.js";
import { events, harness } from "../util/testing.js";
import { HorizontalController } from "./horizontal.js";
import { resourceMetricsClient } from "./metrics_client.js";

const T0 = "2026-01-01T00:00:00Z";

function setup(opts: { cpu?: string; request?: boolean; unavailable?: boolean; hpa?: Record<string, unknown> } = {}) {
  const h = harness("2026-01-01T01:00:00Z");
  h.client.seed(GR.deployments, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" }, spec: { replicas: 1, selector: { matchLabels: { app: "web" } } } });
  h.client.seed(GR.pods, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1", namespace: "default", labels: { app: "web" } },
    spec: { containers: [{ name: "nginx", image: "nginx", resources: opts.request === false ? {} : { requests: { cpu: "200m" } } }] },
    status: { phase: "Running", startTime: T0, conditions: [{ type: "Ready", status: "True", lastTransitionTime: T0 }] },
  });
  h.client.seed(GR.horizontalpodautoscalers, {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web", namespace: "default" },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }], ...opts.hpa },
  });
  const metrics = resourceMetricsClient(() => {
    if (opts.unavailable) throw new Error("the server is currently unable to handle the request (get pods.metrics.k8s.io)");
    return [{ metadata: { name: "web-1", namespace: "default" }, timestamp: "2026-01-01T00:59:50Z", window: "10.043s", containers: [{ name: "nginx", usage: { cpu: opts.cpu ?? "400m" } }] }];
  });
  return { h, c: new HorizontalController(h.ctx, metrics) };
}

const hpaStatus = (h: ReturnType<typeof harness>) => h.client.get(GR.horizontalpodautoscalers, "default", "web")!.status as Record<string, unknown>;
const NOW = "2026-01-01T01:00:00Z";

describe("HorizontalController", () => {
  it("scales a Deployment up from CPU utilization, with upstream's status, conditions and event", async () => {
    const { h, c } = setup();
    await c.reconcileKey("default/web");
    await settle();
    expect((h.client.get(GR.deployments, "default", "web")!.spec as { replicas: number }).replicas).toBe(4);
    expect(hpaStatus(h)).toEqual({
      currentReplicas: 1,
      desiredReplicas: 4,
      lastScaleTime: NOW,
      currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 200, averageValue: "400m" } } }],
      conditions: [
        { type: "AbleToScale", status: "True", lastTransitionTime: NOW, reason: "SucceededRescale", message: "the HPA controller was able to update the target scale to 4" },
        { type: "ScalingActive", status: "True", lastTransitionTime: NOW, reason: "ValidMetricFound", message: "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)" },
        { type: "ScalingLimited", status: "False", lastTransitionTime: NOW, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" },
      ],
    });
    expect(events(h.client, { kind: "HorizontalPodAutoscaler" })).toEqual(["SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target"]);
  });

  it("caps a jump at max(2x, 4) without behavior (ScaleUpLimit)", async () => {
    const { h, c } = setup({ cpu: "1000m" });
    await c.reconcileKey("default/web");
    await settle();
    expect((h.client.get(GR.deployments, "default", "web")!.spec as { replicas: number }).replicas).toBe(4);
    expect((hpaStatus(h).conditions as { type: string; reason: string }[])[2]).toMatchObject({ type: "ScalingLimited", status: "True", reason: "ScaleUpLimit", message: "the desired replica count is increasing faster than the maximum scale rate" });
  });

  it("honours behavior.scaleUp policies (Pods 1 per 60s)", async () => {
    const { h, c } = setup({ hpa: { behavior: { scaleUp: { policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } } } });
    await c.reconcileKey("default/web");
    await settle();
    expect((h.client.get(GR.deployments, "default", "web")!.spec as { replicas: number }).replicas).toBe(2);
  });

  it.each([
    [
      "metrics API unavailable",
      { unavailable: true },
      "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)",
    ],
    ["missing request", { request: false }, "failed to get cpu utilization: missing request for cpu in container nginx of Pod web-1"],
  ])("%s: ScalingActive False and the upstream messages", async (_n, opts, err) => {
    const { h, c } = setup(opts);
    await c.reconcileKey("default/web");
    await settle();
    const st = hpaStatus(h);
    expect(st.currentMetrics).toEqual([{ type: "" }]);
    expect(st.conditions).toEqual([
      { type: "AbleToScale", status: "True", lastTransitionTime: NOW, reason: "SucceededGetScale", message: "the HPA controller was able to get the target's current scale" },
      { type: "ScalingActive", status: "False", lastTransitionTime: NOW, reason: "FailedGetResourceMetric", message: `the HPA was unable to compute the replica count: ${err}` },
    ]);
    expect(events(h.client, { kind: "HorizontalPodAutoscaler" })).toEqual([
      `FailedGetResourceMetric: ${err}`,
      `FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${err}`,
    ]);
  });

  it("reports a missing target (FailedGetScale)", async () => {
    const { h, c } = setup({ hpa: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "nope" } } });
    await c.reconcileKey("default/web");
    await settle();
    expect(hpaStatus(h).conditions).toEqual([
      { type: "AbleToScale", status: "False", lastTransitionTime: NOW, reason: "FailedGetScale", message: `the HPA controller was unable to get the target's current scale: deployments/scale.apps "nope" not found` },
    ]);
  });

  it("keeps the highest recommendation for 5 minutes before scaling down", async () => {
    const { h, c } = setup({ cpu: "40m" });
    await h.client.patch(GR.deployments, "default", "web", "application/merge-patch+json", { spec: { replicas: 2 } });
    await c.reconcileKey("default/web");
    await settle();
    expect((h.client.get(GR.deployments, "default", "web")!.spec as { replicas: number }).replicas).toBe(2);
    expect((hpaStatus(h).conditions as KObject[])[0]).toMatchObject({ reason: "ScaleDownStabilized" });
    await h.time.advance(5 * 60_000 + 1000);
    await c.reconcileKey("default/web");
    await settle();
    expect((h.client.get(GR.deployments, "default", "web")!.spec as { replicas: number }).replicas).toBe(1);
  });

  it("reads and writes an HPA stored as autoscaling/v1 (kubectl autoscale)", async () => {
    const { h, c } = setup();
    const cur = h.client.get(GR.horizontalpodautoscalers, "default", "web")!;
    await h.client.update(GR.horizontalpodautoscalers, { ...cur, apiVersion: "autoscaling/v1", spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 } });
    await c.reconcileKey("default/web");
    await settle();
    expect(hpaStatus(h)).toMatchObject({ currentReplicas: 1, desiredReplicas: 4, lastScaleTime: NOW, currentCPUUtilizationPercentage: 200 });
  });
});
