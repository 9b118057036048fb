// pkg/controller/podautoscaler/metrics: the resource metrics client the HPA reads PodMetrics
// through (rest_metrics_client.go resourceMetricsClient.GetResourceMetric, getPodMetrics,
// getContainerMetrics), with upstream's error texts.
import type { KObject } from "../../api/types.js";
import { milliValue, parseQuantity } from "../../meta/quantity.js";
import type { Selector } from "../../meta/labels.js";

export interface PodMetric {
  timestamp: number;
  windowMs: number;
  /** MilliValue of the usage (millicores, or milli-bytes for memory). */
  value: number;
}
export type PodMetricsInfo = Map<string, PodMetric>;

/** Lists metrics.k8s.io PodMetrics (what the typed client's PodMetricses(ns).List returns), or throws its error. */
export type PodMetricsLister = (namespace: string, selector: Selector) => KObject[];

export interface ResourceMetricsClient {
  getResourceMetric(resource: string, namespace: string, selector: Selector, container: string): { metrics: PodMetricsInfo; timestamp: number };
}

const parseDurationMs = (s: unknown): number => {
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:([\d.]+)s)?(?:([\d.]+)ms)?$/.exec(String(s ?? ""));
  if (!m) return 0;
  return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000 + Number(m[4] ?? 0);
};

type Usage = { name?: string; usage?: Record<string, string> };

export function resourceMetricsClient(list: PodMetricsLister): ResourceMetricsClient {
  return {
    getResourceMetric(resource, namespace, selector, container) {
      let items: KObject[];
      try {
        items = list(namespace, selector);
      } catch (e) {
        throw new Error(`unable to fetch metrics from resource metrics API: ${(e as Error).message}`);
      }
      if (items.length === 0) throw new Error("no metrics returned from resource metrics API");
      const metrics: PodMetricsInfo = new Map();
      for (const m of items) {
        const containers = (m.containers ?? []) as Usage[];
        const base = { timestamp: Date.parse(String(m.timestamp)), windowMs: parseDurationMs(m.window) };
        if (container) {
          const c = containers.find((x) => x.name === container);
          if (!c) throw new Error(`failed to get container metrics: container ${container} not present in metrics for pod ${m.metadata?.namespace}/${m.metadata?.name}`);
          const v = c.usage?.[resource];
          if (v === undefined) continue;
          metrics.set(m.metadata!.name!, { ...base, value: milliValue(parseQuantity(v)) });
          continue;
        }
        let sum = 0;
        let missing = containers.length === 0;
        for (const c of containers) {
          const v = c.usage?.[resource];
          if (v === undefined) {
            missing = true;
            break;
          }
          sum += milliValue(parseQuantity(v));
        }
        if (!missing) metrics.set(m.metadata!.name!, { ...base, value: sum });
      }
      return { metrics, timestamp: Date.parse(String(items[0].timestamp)) };
    },
  };
}
