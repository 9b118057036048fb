// pkg/controller/podautoscaler/replica_calculator.go: how many replicas bring a resource metric
// to its target (GetResourceReplicas for Utilization, GetRawResourceReplicas / calcPlainMetricReplicas
// for AverageValue), with groupPods' treatment of pending, unready and missing pods, the
// tolerance band, and upstream's error texts.
import type { KObject } from "../../api/types.js";
import type { Selector } from "../../meta/labels.js";
import { milliValue, parseQuantity } from "../../meta/quantity.js";
import type { PodMetricsInfo, ResourceMetricsClient } from "./metrics_client.js";

/** --horizontal-pod-autoscaler-tolerance, -cpu-initialization-period, -initial-readiness-delay defaults. */
export const DEFAULT_TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface ReplicaCalculatorDeps {
  metrics: ResourceMetricsClient;
  /** Pods of the namespace matching the selector (the pod lister). */
  pods(namespace: string, selector: Selector): KObject[];
  now(): number;
  tolerance?: number;
  cpuInitializationPeriodMs?: number;
  delayOfInitialReadinessStatusMs?: number;
}

interface PodLite {
  metadata?: { name?: string; deletionTimestamp?: string };
  spec?: { containers?: ContainerLite[]; initContainers?: (ContainerLite & { restartPolicy?: string })[] };
  status?: { phase?: string; startTime?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
}
interface ContainerLite {
  name: string;
  resources?: { requests?: Record<string, string> };
}

export interface GroupedPods {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

export function groupPods(pods: KObject[], metrics: PodMetricsInfo, resource: string, now: number, cpuInitMs: number, readinessDelayMs: number): GroupedPods {
  const out: GroupedPods = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const p of pods as PodLite[]) {
    const name = p.metadata!.name!;
    if (p.metadata?.deletionTimestamp || p.status?.phase === "Failed") {
      out.ignored.add(name);
      continue;
    }
    if (p.status?.phase === "Pending") {
      out.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      out.missing.add(name);
      continue;
    }
    if (resource === "cpu") {
      const cond = p.status?.conditions?.find((c) => c.type === "Ready");
      const start = Date.parse(p.status?.startTime ?? "");
      let unready: boolean;
      if (!cond || Number.isNaN(start)) unready = true;
      else {
        const transition = Date.parse(cond.lastTransitionTime ?? "") || 0;
        if (start + cpuInitMs > now) {
          // Within the initialisation period: a sample taken before the pod was ready for a whole window is ignored.
          unready = cond.status === "False" || metric.timestamp < transition + metric.windowMs;
        } else {
          unready = cond.status === "False" && start + readinessDelayMs > transition;
        }
      }
      if (unready) {
        out.unready.add(name);
        continue;
      }
    }
    out.readyPodCount++;
  }
  return out;
}

/** calculatePodRequests: the sum of the containers' (and sidecars') requests, in milli-units. */
export function calculatePodRequests(pods: KObject[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const p of pods as PodLite[]) {
    let sum = 0;
    const containers: ContainerLite[] = [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
    for (const c of containers) {
      if (container && container !== c.name) continue;
      const req = c.resources?.requests?.[resource];
      if (req === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${p.metadata?.name}`);
      sum += milliValue(parseQuantity(req));
    }
    requests.set(p.metadata!.name!, sum);
  }
  return requests;
}

/** metricsclient.GetResourceUtilizationRatio. */
export function resourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [pod, m] of metrics) {
    const r = requests.get(pod);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new Error("no metrics returned matched known pods");
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

/** metricsclient.GetMetricUsageRatio. */
export function metricUsageRatio(metrics: PodMetricsInfo, targetUsage: number) {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilization: number;
  timestamp: number;
}

export class ReplicaCalculator {
  constructor(private readonly deps: ReplicaCalculatorDeps) {}

  private get tolerance() {
    return this.deps.tolerance ?? DEFAULT_TOLERANCE;
  }

  private fetch(resource: string, namespace: string, selector: Selector, container: string) {
    try {
      return this.deps.metrics.getResourceMetric(resource, namespace, selector, container);
    } catch (e) {
      throw new Error(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
    }
  }

  private grouped(namespace: string, selector: Selector, metrics: PodMetricsInfo, resource: string) {
    const pods = this.deps.pods(namespace, selector);
    if (pods.length === 0) throw new Error("no pods returned by selector while calculating replica count");
    const g = groupPods(pods, metrics, resource, this.deps.now(), this.deps.cpuInitializationPeriodMs ?? CPU_INITIALIZATION_PERIOD_MS, this.deps.delayOfInitialReadinessStatusMs ?? INITIAL_READINESS_DELAY_MS);
    for (const n of [...g.ignored, ...g.unready]) metrics.delete(n);
    if (metrics.size === 0) throw new Error("did not receive metrics for targeted pods (pods might be unready)");
    return { pods, g };
  }

  /** GetResourceReplicas: target averageUtilization (percent of requests). */
  getResourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, namespace: string, selector: Selector, container = ""): ResourceReplicas {
    const { metrics, timestamp } = this.fetch(resource, namespace, selector, container);
    const { pods, g } = this.grouped(namespace, selector, metrics, resource);
    const requests = calculatePodRequests(pods, container, resource);
    const { ratio, utilization, rawAverage } = resourceUtilizationRatio(metrics, requests, targetUtilization);
    const result = (replicas: number) => ({ replicas, utilization, rawUtilization: rawAverage, timestamp });
    const scaleUpWithUnready = g.unready.size > 0 && ratio > 1.0;
    if (!scaleUpWithUnready && g.missing.size === 0) {
      if (Math.abs(1.0 - ratio) <= this.tolerance) return result(currentReplicas);
      return result(Math.ceil(ratio * g.readyPodCount));
    }
    if (g.missing.size > 0) {
      // Scale down: missing pods count as using 100% of their request (or the target if higher); scale up: 0%.
      const fallback = Math.max(100, targetUtilization);
      if (ratio !== 1.0) for (const n of g.missing) metrics.set(n, { timestamp: 0, windowMs: 0, value: ratio < 1.0 ? Math.trunc(((requests.get(n) ?? 0) * fallback) / 100) : 0 });
    }
    if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { timestamp: 0, windowMs: 0, value: 0 });
    const next = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
    if (Math.abs(1.0 - next) <= this.tolerance || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) return result(currentReplicas);
    const replicas = Math.ceil(next * metrics.size);
    if ((next < 1.0 && replicas > currentReplicas) || (next > 1.0 && replicas < currentReplicas)) return result(currentReplicas);
    return result(replicas);
  }

  /** GetRawResourceReplicas: target averageValue (milli-units per pod). */
  getRawResourceReplicas(currentReplicas: number, targetUsage: number, resource: string, namespace: string, selector: Selector, container = ""): { replicas: number; usage: number; timestamp: number } {
    const { metrics, timestamp } = this.fetch(resource, namespace, selector, container);
    const { g } = this.grouped(namespace, selector, metrics, resource);
    const { ratio, usage } = metricUsageRatio(metrics, targetUsage);
    const result = (replicas: number) => ({ replicas, usage, timestamp });
    const scaleUpWithUnready = g.unready.size > 0 && ratio > 1.0;
    if (!scaleUpWithUnready && g.missing.size === 0) {
      if (Math.abs(1.0 - ratio) <= this.tolerance) return result(currentReplicas);
      return result(Math.ceil(ratio * g.readyPodCount));
    }
    if (g.missing.size > 0 && ratio !== 1.0) for (const n of g.missing) metrics.set(n, { timestamp: 0, windowMs: 0, value: ratio < 1.0 ? targetUsage : 0 });
    if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { timestamp: 0, windowMs: 0, value: 0 });
    const next = metricUsageRatio(metrics, targetUsage).ratio;
    if (Math.abs(1.0 - next) <= this.tolerance || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) return result(currentReplicas);
    const replicas = Math.ceil(next * metrics.size);
    if ((next < 1.0 && replicas > currentReplicas) || (next > 1.0 && replicas < currentReplicas)) return result(currentReplicas);
    return result(replicas);
  }
}
