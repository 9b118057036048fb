// HorizontalPodAutoscaler (autoscaling v1 and v2): follows printHorizontalPodAutoscaler and
// formatHPAMetrics in kubernetes/pkg/printers/internalversion/printers.go (v1.32). upstream
// prints the internal type, so a v1 object is first mapped to the v2 metric shape the way
// pkg/apis/autoscaling/v1/conversion.go does for targetCPUUtilizationPercentage.
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, get, isMap, name, num, optNum, quantityPtr, str, type JSONMap } from "./fields";
import type { KindPrinter } from "./types";

interface MetricsView {
  specs: unknown[];
  statuses: unknown[];
}

function metricsOf(hpa: KObject): MetricsView {
  if (hpa.apiVersion === "autoscaling/v1") {
    const target = optNum(hpa, "spec", "targetCPUUtilizationPercentage");
    const current = optNum(hpa, "status", "currentCPUUtilizationPercentage");
    return {
      specs: target === undefined ? [] : [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: target } } }],
      statuses: current === undefined ? [] : [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: current } } }],
    };
  }
  return { specs: arr(hpa, "spec", "metrics"), statuses: arr(hpa, "status", "currentMetrics") };
}

/** The status entry at index i when it has the given source field (upstream indexes by position). */
function statusSource(statuses: unknown[], i: number, field: string): JSONMap | undefined {
  const s = get(statuses[i], field);
  return isMap(s) ? s : undefined;
}

const present = (v: unknown) => v !== undefined && v !== null;

/** upstream: formatHPAMetrics. */
export function formatHPAMetrics(specs: unknown[], statuses: unknown[]): string {
  if (specs.length === 0) return "<none>";
  let list: string[] = [];
  const max = 2;
  let count = 0;
  specs.forEach((spec, i) => {
    switch (str(spec, "type")) {
      case "External":
      case "Object": {
        const field = str(spec, "type") === "External" ? "external" : "object";
        const target = get(spec, field, "target");
        const st = statusSource(statuses, i, field);
        if (present(get(target, "averageValue"))) {
          const cur = st && present(get(st, "current", "averageValue")) ? quantityPtr(get(st, "current", "averageValue")) : "<unknown>";
          list.push(`${cur}/${quantityPtr(get(target, "averageValue"))} (avg)`);
        } else {
          const cur = st ? quantityPtr(get(st, "current", "value")) : "<unknown>";
          list.push(`${cur}/${quantityPtr(get(target, "value"))}`);
        }
        break;
      }
      case "Pods": {
        const st = statusSource(statuses, i, "pods");
        const cur = st ? quantityPtr(get(st, "current", "averageValue")) : "<unknown>";
        list.push(`${cur}/${quantityPtr(get(spec, "pods", "target", "averageValue"))}`);
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const field = str(spec, "type") === "Resource" ? "resource" : "containerResource";
        const src = get(spec, field);
        const target = get(src, "target");
        const st = statusSource(statuses, i, field);
        const resourceName = str(src, "name");
        if (present(get(target, "averageValue"))) {
          const cur = st ? quantityPtr(get(st, "current", "averageValue")) : "<unknown>";
          list.push(`${resourceName}: ${cur}/${quantityPtr(get(target, "averageValue"))}`);
        } else {
          const curUtil = st ? optNum(st, "current", "averageUtilization") : undefined;
          const cur = curUtil !== undefined ? `${curUtil}%` : "<unknown>";
          const targetUtil = optNum(target, "averageUtilization");
          const tgt = targetUtil !== undefined ? `${targetUtil}%` : "<auto>";
          list.push(`${resourceName}: ${cur}/${tgt}`);
        }
        break;
      }
      default:
        list.push("<unknown type>");
    }
    count++;
  });
  let more = false;
  if (count > max) {
    list = list.slice(0, max);
    more = true;
  }
  const ret = list.join(", ");
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const horizontalPodAutoscalerPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Reference", "string", swaggerDoc("autoscaling/v2beta1.HorizontalPodAutoscalerSpec.scaleTargetRef")),
    col("Targets", "string", swaggerDoc("autoscaling/v2beta1.HorizontalPodAutoscalerSpec.metrics")),
    col("MinPods", "string", swaggerDoc("autoscaling/v2beta1.HorizontalPodAutoscalerSpec.minReplicas")),
    col("MaxPods", "string", swaggerDoc("autoscaling/v2beta1.HorizontalPodAutoscalerSpec.maxReplicas")),
    col("Replicas", "string", swaggerDoc("autoscaling/v2beta1.HorizontalPodAutoscalerStatus.currentReplicas")),
    ageColumn(),
  ],
  print(obj, now) {
    const { specs, statuses } = metricsOf(obj);
    const min = optNum(obj, "spec", "minReplicas");
    return [
      name(obj),
      `${str(obj, "spec", "scaleTargetRef", "kind")}/${str(obj, "spec", "scaleTargetRef", "name")}`,
      formatHPAMetrics(specs, statuses),
      min === undefined ? "<unset>" : String(min),
      num(obj, "spec", "maxReplicas"),
      num(obj, "status", "currentReplicas"),
      translateTimestampSince(obj.metadata?.creationTimestamp, now),
    ];
  },
};
