// The metrics.k8s.io/v1beta1 objects as metrics-server v0.7 serves them (pkg/api/node.go,
// pod.go): CPU in nanocores ("12345678n", resource.NewScaledQuantity(v, -9)), memory as a
// BinarySI byte quantity ("2744Ki"), creationTimestamp = when the object was served, the
// object's labels copied from the node or pod, timestamp and window of the sample.
import type { KObject } from "../api/types.js";
import { canonicalString } from "../meta/quantity.js";
import type { NodePoint, PodPoint } from "./scraper.js";

export const METRICS_API_VERSION = "metrics.k8s.io/v1beta1";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function cpuQuantity(cores: number): string {
  return canonicalString({ nanos: BigInt(Math.round(cores * 1e9)), format: "DecimalSI" });
}
export function memoryQuantity(bytes: number): string {
  return canonicalString({ nanos: BigInt(Math.round(bytes)) * 1_000_000_000n, format: "BinarySI" });
}

/** metav1.Duration's JSON: Go's time.Duration.String() for whole milliseconds. */
export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, "")}s`;
  return h ? `${h}h${m}m${sec}` : m ? `${m}m${sec}` : sec;
}

export function nodeMetricsObject(p: NodePoint, now: Date): KObject {
  return {
    kind: "NodeMetrics",
    apiVersion: METRICS_API_VERSION,
    metadata: { name: p.name, creationTimestamp: rfc3339(now), labels: p.labels },
    timestamp: rfc3339(p.timestamp),
    window: goDuration(p.windowMs),
    usage: { cpu: cpuQuantity(p.cpuCores), memory: memoryQuantity(p.memoryBytes) },
  };
}

export function podMetricsObject(p: PodPoint, now: Date): KObject {
  return {
    kind: "PodMetrics",
    apiVersion: METRICS_API_VERSION,
    metadata: { name: p.name, namespace: p.namespace, creationTimestamp: rfc3339(now), labels: p.labels },
    timestamp: rfc3339(p.timestamp),
    window: goDuration(p.windowMs),
    containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpuCores), memory: memoryQuantity(c.memoryBytes) } })),
  };
}
