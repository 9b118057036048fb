// The horizontal-pod-autoscaler controller, pkg/controller/podautoscaler/horizontal.go (v1.32):
// every --horizontal-pod-autoscaler-sync-period (15 s) each HPA reads its target's scale,
// computes the replicas each Resource metric asks for (replica_calculator.go), normalises them
// (stabilisation windows, scale-up limit or spec.behavior policies, min/max) and writes the
// scale and the status with upstream's conditions, reasons, messages and events.
import type { KObject } from "../../api/types.js";
import { GR, type GroupResource } from "../../client/types.js";
import { labelSelectorAsSelector, parseSelector, type LabelSelector } from "../../meta/labels.js";
import { newMilliQuantity, quantityString, milliValue, parseQuantity } from "../../meta/quantity.js";
import { splitKey, keyOf } from "../../runtime/workqueue.js";
import type { EventRecorder } from "../../runtime/events.js";
import type { Controller, ControllerContext } from "../types.js";
import { isNotFound, rfc3339 } from "../util/base.js";
import { ReplicaCalculator } from "./replica_calculator.js";
import type { ResourceMetricsClient } from "./metrics_client.js";
import { normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, Recommendations, withBehaviorDefaults, type Behavior } from "./normalize.js";

/** --horizontal-pod-autoscaler-sync-period and -downscale-stabilization defaults. */
export const HPA_SYNC_PERIOD_MS = 15_000;
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;

/** SetDefaults_HorizontalPodAutoscaler: no metrics means 80% of the CPU request. */
const DEFAULT_METRICS: MetricSpec[] = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];

/** Resources the scale client can reach by the target's group and kind (the RESTMapper). */
const SCALE_TARGETS: Record<string, GroupResource> = {
  "apps/Deployment": GR.deployments,
  "apps/ReplicaSet": GR.replicasets,
  "apps/StatefulSet": GR.statefulsets,
  "/ReplicationController": GR.replicationcontrollers,
};

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}
interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}
interface HPASpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: Behavior;
}
interface HPAStatus {
  currentReplicas?: number;
  desiredReplicas?: number;
  lastScaleTime?: string;
  currentMetrics?: unknown[] | null;
  conditions?: Condition[];
}

class MetricError extends Error {
  constructor(
    message: string,
    readonly condition: { reason: string; message: string },
  ) {
    super(message);
  }
}

export class HorizontalController implements Controller {
  readonly name = "horizontal-pod-autoscaler";
  private readonly recorder: EventRecorder;
  private storedV1 = false;
  private readonly calc: ReplicaCalculator;
  private readonly recs = new Recommendations();
  private readonly timers = new Map<string, () => void>();
  private readonly running = new Set<string>();
  private cancelWatch: (() => void) | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    metrics: ResourceMetricsClient,
    private readonly syncPeriodMs = HPA_SYNC_PERIOD_MS,
    private readonly downscaleWindowMs = DOWNSCALE_STABILIZATION_MS,
  ) {
    this.recorder = ctx.recorder("horizontal-pod-autoscaler");
    this.calc = new ReplicaCalculator({
      metrics,
      pods: (ns, sel) => ctx.client.list(GR.pods, ns).filter((p) => sel.matches(p.metadata?.labels ?? {})),
      now: () => ctx.time.now().getTime(),
    });
  }

  start(): void {
    this.cancelWatch = this.ctx.client.watch(GR.horizontalpodautoscalers, (type, hpa) => {
      const key = keyOf(hpa);
      if (type === "DELETED") {
        this.timers.get(key)?.();
        this.timers.delete(key);
        this.recs.forget(key);
      } else this.enqueue(key);
    });
    for (const hpa of this.ctx.client.list(GR.horizontalpodautoscalers)) this.enqueue(keyOf(hpa));
  }

  stop(): void {
    this.cancelWatch?.();
    for (const c of this.timers.values()) c();
    this.timers.clear();
  }

  /** AddRateLimited with the HPA's fixed-interval limiter: one sync per period; an HPA already waiting is not re-added. */
  private enqueue(key: string): void {
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      this.ctx.time.after(this.syncPeriodMs, () => {
        this.timers.delete(key);
        void this.process(key);
      }),
    );
  }

  private async process(key: string): Promise<void> {
    if (this.running.has(key)) return this.enqueue(key);
    this.running.add(key);
    let deleted = false;
    try {
      deleted = await this.reconcileKey(key);
    } catch (e) {
      this.ctx.log(`E "Unhandled Error" err="${(e as Error).message}"`);
    } finally {
      this.running.delete(key);
    }
    if (!deleted) this.enqueue(key);
  }

  /** One reconcile now (tests call it directly, as upstream's tests call reconcileKey). */
  async reconcileKey(key: string): Promise<boolean> {
    const { namespace, name } = splitKey(key);
    const shared = this.ctx.client.get(GR.horizontalpodautoscalers, namespace, name);
    if (!shared) {
      this.ctx.log(`I "Horizontal Pod Autoscaler has been deleted" HPA="${key}"`);
      this.recs.forget(key);
      return true;
    }
    // The lab stores an HPA in the version it was created with (kubectl autoscale: autoscaling/v1);
    // work on the v2 form and write the status back in the stored version.
    const v1 = shared.apiVersion === "autoscaling/v1";
    await this.reconcileAutoscaler(v1 ? v1ToV2(shared) : structuredClone(shared), key, v1);
    return false;
  }

  private setCondition(hpa: KObject, type: string, status: string, reason: string, message: string): void {
    const st = hpa.status as HPAStatus;
    const list = (st.conditions ??= []);
    let c = list.find((x) => x.type === type);
    if (!c) list.push((c = { type, status: "", reason: "", message: "" }));
    if (c.status !== status) c.lastTransitionTime = rfc3339(this.ctx.time.now());
    c.status = status;
    c.reason = reason;
    c.message = message;
  }

  private async reconcileAutoscaler(hpa: KObject, key: string, storedV1 = false): Promise<void> {
    this.storedV1 = storedV1;
    hpa.status ??= {};
    const original = JSON.stringify(hpa.status);
    const spec = hpa.spec as HPASpec;
    const st = hpa.status as HPAStatus;
    const ref = spec.scaleTargetRef;
    const reference = `${ref.kind}/${hpa.metadata!.namespace}/${ref.name}`;
    const group = (ref.apiVersion ?? "").includes("/") ? ref.apiVersion!.split("/")[0] : "";
    const failGetScale = async (msg: string) => {
      this.recorder.event(hpa, "Warning", "FailedGetScale", msg);
      this.setCondition(hpa, "AbleToScale", "False", "FailedGetScale", `the HPA controller was unable to get the target's current scale: ${msg}`);
      await this.updateStatusIfNeeded(original, hpa);
    };
    const gr = SCALE_TARGETS[`${group}/${ref.kind}`];
    if (!gr) return failGetScale(`no matches for kind "${ref.kind}" in group "${group}"`);
    const target = this.ctx.client.get(gr, hpa.metadata!.namespace!, ref.name);
    if (!target) return failGetScale(`${gr.resource}/scale${gr.group ? `.${gr.group}` : ""} "${ref.name}" not found`);
    this.setCondition(hpa, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale");
    const currentReplicas = ((target.spec as { replicas?: number })?.replicas ?? 1) as number;
    const selectorText = labelSelectorAsSelector((target.spec as { selector?: LabelSelector })?.selector).toString();
    this.recs.recordInitial(key, currentReplicas, this.ctx.time.now().getTime());

    const minReplicas = spec.minReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = "";
    let rescale = true;
    let metricStatuses: unknown[] | null = st.currentMetrics ?? null;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      this.setCondition(hpa, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
    } else if (currentReplicas > spec.maxReplicas) {
      rescaleReason = "Current number of replicas above Spec.MaxReplicas";
      desiredReplicas = spec.maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = "Current number of replicas below Spec.MinReplicas";
      desiredReplicas = minReplicas;
    } else {
      let computed;
      try {
        computed = this.computeReplicasForMetrics(hpa, spec.metrics?.length ? spec.metrics : DEFAULT_METRICS, currentReplicas, selectorText);
      } catch (e) {
        if (e instanceof ComputeError) st.currentMetrics = e.statuses;
        this.setStatus(hpa, currentReplicas, st.desiredReplicas ?? 0, st.currentMetrics ?? null, false);
        await this.updateStatusIfNeeded(original, hpa);
        this.recorder.event(hpa, "Warning", "FailedComputeMetricsReplicas", (e as Error).message);
        this.ctx.log(`E "Unhandled Error" err="failed to compute desired number of replicas based on listed metrics for ${reference}: ${(e as Error).message}"`);
        return;
      }
      metricStatuses = computed.statuses;
      desiredReplicas = computed.replicas;
      if (desiredReplicas > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = "All metrics below target";
      const now = this.ctx.time.now().getTime();
      const set = (type: string, status: string, reason: string, message: string) => this.setCondition(hpa, type, status, reason, message);
      desiredReplicas = spec.behavior
        ? normalizeDesiredReplicasWithBehaviors(this.recs, key, withBehaviorDefaults(spec.behavior, this.downscaleWindowMs / 1000), currentReplicas, desiredReplicas, minReplicas, spec.maxReplicas, now, set)
        : normalizeDesiredReplicas(this.recs, key, currentReplicas, desiredReplicas, minReplicas, spec.maxReplicas, now, this.downscaleWindowMs, set);
      rescale = desiredReplicas !== currentReplicas;
    }

    if (rescale) {
      try {
        await this.ctx.client.patch(gr, hpa.metadata!.namespace!, ref.name, "application/merge-patch+json", { spec: { replicas: desiredReplicas } }, { subresource: "scale" });
      } catch (e) {
        const err = (e as Error).message;
        this.recorder.event(hpa, "Warning", "FailedRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${err}`);
        this.setCondition(hpa, "AbleToScale", "False", "FailedUpdateScale", `the HPA controller was unable to update the target scale: ${err}`);
        this.setStatus(hpa, currentReplicas, st.desiredReplicas ?? 0, st.currentMetrics ?? null, false);
        await this.updateStatusIfNeeded(original, hpa);
        return;
      }
      this.setCondition(hpa, "AbleToScale", "True", "SucceededRescale", `the HPA controller was able to update the target scale to ${desiredReplicas}`);
      this.recorder.event(hpa, "Normal", "SuccessfulRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      if (spec.behavior) this.recs.storeScaleEvent(key, withBehaviorDefaults(spec.behavior, this.downscaleWindowMs / 1000), currentReplicas, desiredReplicas, this.ctx.time.now().getTime());
      this.ctx.log(`I "Successful rescale" HPA="${key}" currentReplicas=${currentReplicas} desiredReplicas=${desiredReplicas} reason="${rescaleReason}"`);
    } else {
      desiredReplicas = currentReplicas;
    }
    this.setStatus(hpa, currentReplicas, desiredReplicas, metricStatuses, rescale);
    await this.updateStatusIfNeeded(original, hpa);
  }

  private setStatus(hpa: KObject, current: number, desired: number, metrics: unknown[] | null, rescale: boolean): void {
    const st = hpa.status as HPAStatus;
    const next: HPAStatus = { currentReplicas: current, desiredReplicas: desired };
    if (st.lastScaleTime) next.lastScaleTime = st.lastScaleTime;
    if (rescale) next.lastScaleTime = rfc3339(this.ctx.time.now());
    if (metrics && metrics.length) next.currentMetrics = metrics;
    if (st.conditions) next.conditions = st.conditions;
    hpa.status = next;
  }

  private async updateStatusIfNeeded(original: string, hpa: KObject): Promise<void> {
    if (JSON.stringify(hpa.status) === original) return;
    try {
      await this.ctx.client.update(GR.horizontalpodautoscalers, this.storedV1 ? v2ToV1Status(hpa) : hpa, { subresource: "status" });
    } catch (e) {
      if (isNotFound(e)) return;
      this.recorder.event(hpa, "Warning", "FailedUpdateStatus", (e as Error).message);
    }
  }

  private computeReplicasForMetrics(hpa: KObject, specs: MetricSpec[], currentReplicas: number, selectorText: string) {
    if (!selectorText) {
      this.recorder.event(hpa, "Warning", "SelectorRequired", "selector is required");
      this.setCondition(hpa, "ScalingActive", "False", "InvalidSelector", "the HPA target's scale is missing a selector");
      throw new Error("selector is required");
    }
    const selector = parseSelector(selectorText);
    const statuses: unknown[] = specs.map(() => ({ type: "" }));
    let replicas = 0;
    let metric = "";
    let invalid = 0;
    let firstError: MetricError | undefined;
    specs.forEach((spec, i) => {
      try {
        const r = this.computeReplicasForMetric(hpa, spec, currentReplicas, selector);
        statuses[i] = r.status;
        if (replicas === 0 || r.replicas > replicas) {
          replicas = r.replicas;
          metric = r.metric;
        }
      } catch (e) {
        const me = e instanceof MetricError ? e : new MetricError((e as Error).message, { reason: "FailedGetResourceMetric", message: (e as Error).message });
        if (invalid === 0) firstError = me;
        invalid++;
      }
    });
    if (invalid >= specs.length || (invalid > 0 && replicas < currentReplicas)) {
      if (firstError) this.setCondition(hpa, "ScalingActive", "False", firstError.condition.reason, firstError.condition.message);
      throw new ComputeError(`invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError?.message}`, statuses);
    }
    this.setCondition(hpa, "ScalingActive", "True", "ValidMetricFound", `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses };
  }

  private unableToCompute(hpa: KObject, reason: string, err: string) {
    this.recorder.event(hpa, "Warning", reason, err);
    return { reason, message: `the HPA was unable to compute the replica count: ${err}` };
  }

  private computeReplicasForMetric(hpa: KObject, spec: MetricSpec, currentReplicas: number, selector: ReturnType<typeof parseSelector>) {
    if (spec.type !== "Resource" || !spec.resource) {
      const msg = spec.type === "Resource" ? "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set" : `unknown metric source type "${spec.type}"`;
      // Pods/Object/External metrics need a custom or external metrics API, which the lab does not serve.
      const reason = { Pods: "FailedGetPodsMetric", Object: "FailedGetObjectMetric", External: "FailedGetExternalMetric", ContainerResource: "FailedGetContainerResourceMetric" }[spec.type] ?? "InvalidMetricSourceType";
      const err = reason === "InvalidMetricSourceType" || spec.type === "Resource" ? msg : `unable to fetch metrics from ${spec.type === "External" ? "external" : "custom"} metrics API: the server could not find the requested resource`;
      throw new MetricError(err, this.unableToCompute(hpa, reason, err));
    }
    const res = spec.resource;
    const ns = hpa.metadata!.namespace!;
    const fail = (inner: string) => {
      const cond = this.unableToCompute(hpa, "FailedGetResourceMetric", inner);
      return new MetricError(`failed to get ${res.name} resource metric value: ${inner}`, cond);
    };
    if (res.target.averageValue !== undefined) {
      let r;
      try {
        r = this.calc.getRawResourceReplicas(currentReplicas, milliValue(parseQuantity(String(res.target.averageValue))), res.name, ns, selector);
      } catch (e) {
        throw fail(`failed to get ${res.name} usage: ${(e as Error).message}`);
      }
      return { replicas: r.replicas, metric: `${res.name} resource`, status: { type: "Resource", resource: { name: res.name, current: { averageValue: quantityString(newMilliQuantity(r.usage, "DecimalSI")) } } } };
    }
    if (res.target.averageUtilization === undefined) throw fail("invalid resource metric source: neither an average utilization target nor an average value (usage) target was set");
    let r;
    try {
      r = this.calc.getResourceReplicas(currentReplicas, res.target.averageUtilization, res.name, ns, selector);
    } catch (e) {
      throw fail(`failed to get ${res.name} utilization: ${(e as Error).message}`);
    }
    return {
      replicas: r.replicas,
      metric: `${res.name} resource utilization (percentage of request)`,
      status: { type: "Resource", resource: { name: res.name, current: { averageUtilization: r.utilization, averageValue: quantityString(newMilliQuantity(r.rawUtilization, "DecimalSI")) } } },
    };
  }
}

class ComputeError extends Error {
  constructor(
    message: string,
    readonly statuses: unknown[],
  ) {
    super(message);
  }
}

/** The controller factory; metrics is how kube-controller-manager reaches metrics.k8s.io. */
export const horizontalPodAutoscalerController = (metrics: ResourceMetricsClient) => (ctx: ControllerContext) => new HorizontalController(ctx, metrics);

/** autoscaling/v1 -> v2 as the conversion does: targetCPUUtilizationPercentage becomes a cpu Utilization metric. */
export function v1ToV2(hpa: KObject): KObject {
  const out = structuredClone(hpa);
  const spec = out.spec as HPASpec & { targetCPUUtilizationPercentage?: number };
  if (spec.targetCPUUtilizationPercentage !== undefined) spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  const st = (out.status ?? {}) as HPAStatus & { currentCPUUtilizationPercentage?: number };
  const conds = out.metadata?.annotations?.["autoscaling.alpha.kubernetes.io/conditions"];
  const status: HPAStatus = { currentReplicas: st.currentReplicas, desiredReplicas: st.desiredReplicas };
  if (st.lastScaleTime) status.lastScaleTime = st.lastScaleTime;
  if (st.currentCPUUtilizationPercentage !== undefined) status.currentMetrics = [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
  if (conds) status.conditions = JSON.parse(conds);
  out.status = JSON.parse(JSON.stringify(status));
  return out;
}

/**
 * The status of an HPA stored as v1. The lab's API server takes status writes in v2 only and keeps
 * the stored v1 body, whose printer reads currentCPUUtilizationPercentage: write both forms.
 */
export function v2ToV1Status(hpa: KObject): KObject {
  const st = hpa.status as HPAStatus;
  const cpu = (st.currentMetrics ?? []).find((m) => (m as MetricSpec).type === "Resource" && (m as { resource: { name: string } }).resource.name === "cpu") as { resource: { current: { averageUtilization?: number } } } | undefined;
  const status: Record<string, unknown> = { ...st };
  if (cpu?.resource.current.averageUtilization !== undefined) status.currentCPUUtilizationPercentage = cpu.resource.current.averageUtilization;
  return { ...hpa, apiVersion: "autoscaling/v2", status };
}
