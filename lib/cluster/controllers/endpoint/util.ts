// What the Endpoints and EndpointSlice controllers share: which pods back a Service, the port of a
// pod a ServicePort targets, and the trigger-time annotation. Upstream:
// staging/src/k8s.io/endpointslice/util (ShouldPodBeInEndpoints), pkg/api/v1/pod/util.go (FindPort)
// and pkg/controller/util/endpoint/trigger_time_tracker.go.
import type { KObject } from "../../api/types.js";
import { GR, type ClusterClient } from "../../client/types.js";
import { selectorFromSet } from "../../meta/labels.js";
import { parseTime, rfc3339Nano } from "../util/base.js";
import { isPodReady, podCondition } from "../util/pods.js";

export const LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
export const HEADLESS_LABEL = "service.kubernetes.io/headless";

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  type?: string;
  publishNotReadyAddresses?: boolean;
}

export const svcSpec = (s: KObject) => (s.spec ?? {}) as ServiceSpec;

/** ShouldPodBeInEndpoints: has an IP, not finished for good; terminating only when asked. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  const st = (pod.status ?? {}) as { podIP?: string; podIPs?: unknown[]; phase?: string };
  if (!st.podIP && !st.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  const rp = (pod.spec as { restartPolicy?: string })?.restartPolicy;
  if (rp === "Never") return st.phase !== "Failed" && st.phase !== "Succeeded";
  if (rp === "OnFailure") return st.phase !== "Succeeded";
  return true;
}

/** The pods a Service with a selector targets, or undefined when it has none (manual endpoints). */
export function servicePods(client: ClusterClient, svc: KObject): KObject[] | undefined {
  const sel = svcSpec(svc).selector;
  if (!sel) return undefined;
  const s = selectorFromSet(sel);
  return client.list(GR.pods, svc.metadata!.namespace).filter((p) => s.matches(p.metadata?.labels ?? {}));
}

/** podutil.FindPort: a number as is, a name looked up among the pod's container ports. */
export function findPort(pod: KObject, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === "number") return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  const protocol = sp.protocol ?? "TCP";
  for (const c of ((pod.spec as { containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] })?.containers ?? [])) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

export function podIP(pod: KObject): string {
  return (pod.status as { podIP?: string })?.podIP ?? "";
}

/** Hostname published for the pod: only when its subdomain is this Service. */
export function podHostname(pod: KObject, svc: KObject): string | undefined {
  const spec = (pod.spec ?? {}) as { hostname?: string; subdomain?: string };
  return spec.hostname && spec.subdomain === svc.metadata!.name ? spec.hostname : undefined;
}

/**
 * The last-change-trigger-time: when the latest change that this sync reflects happened (a pod
 * turning (un)ready or being created, or the Service being created). Upstream tracks the earliest
 * unprocessed change per Service; with syncs following every change closely the two agree.
 */
export function triggerTime(svc: KObject, pods: KObject[]): string {
  let t = parseTime(svc.metadata?.creationTimestamp) ?? 0;
  for (const p of pods) {
    const c = podCondition(p, "Ready");
    t = Math.max(t, parseTime(c?.lastTransitionTime) ?? parseTime(p.metadata?.creationTimestamp) ?? 0);
  }
  return rfc3339Nano(new Date(t));
}

/** The labels the Endpoints and EndpointSlices of a Service carry. */
export function serviceLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
  if (svcSpec(svc).clusterIP === "None") labels[HEADLESS_LABEL] = "";
  return labels;
}

export { isPodReady };
