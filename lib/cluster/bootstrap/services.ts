// Services with the ClusterIPs the allocator handed out, and the Endpoints / EndpointSlices the
// endpoints and endpointslice controllers derive from their ready pods
// (pkg/controller/endpoint/endpoints_controller.go, pkg/controller/endpointslice/reconciler.go).

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { defaultServiceSpec } from "./defaults";

type J = Record<string, any>;

export interface ServiceInput {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec: J; // manifest spec incl. clusterIP (and nodePorts)
  createdAt: number;
}

export function buildService(ctx: BuildContext, s: ServiceInput): KObject {
  const svc = obj("v1", "Service", ctx, { name: s.name, namespace: s.namespace, labels: s.labels, annotations: s.annotations, createdAt: s.createdAt });
  svc.spec = defaultServiceSpec(s.spec);
  svc.status = { loadBalancer: {} };
  return svc;
}

function selects(selector: J | undefined, pod: KObject): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

// A Service port's targetPort resolved against a pod's container ports (podutil.FindPort).
function resolvePort(port: J, pod: KObject): number | undefined {
  if (typeof port.targetPort === "number") return port.targetPort;
  for (const c of (pod.spec as J).containers) {
    for (const cp of c.ports ?? []) if (cp.name === port.targetPort && (cp.protocol ?? "TCP") === port.protocol) return cp.containerPort;
  }
  return undefined;
}

function podIP(pod: KObject): string {
  return (pod.status as J).podIP;
}

/** The Endpoints and EndpointSlice of a selector Service over the given pods. */
export function buildEndpoints(ctx: BuildContext, svc: KObject, pods: KObject[]): KObject[] {
  const spec = svc.spec as J;
  const ns = svc.metadata!.namespace!;
  const members = pods.filter((p) => p.metadata!.namespace === ns && selects(spec.selector, p)).sort((a, b) => (podIP(a) < podIP(b) ? -1 : 1));
  // The controllers write when the Service appears and again as each pod turns Ready.
  const base = Math.floor(ctx.initTime.getTime() / 1000) * 1000;
  const secondsOf = (ts: string) => (Date.parse(ts) - base) / 1000;
  const readyOf = (p: KObject) => secondsOf(((p.status as J).conditions as J[]).find((c) => c.type === "Ready")!.lastTransitionTime);
  const at = Math.max(secondsOf(svc.metadata!.creationTimestamp!), ...members.map(readyOf));
  const trigger = ctx.at(at);
  const targetRef = (p: KObject) => ({ kind: "Pod", name: p.metadata!.name, namespace: ns, uid: p.metadata!.uid });
  const ports = (p: KObject | undefined) =>
    (spec.ports as J[]).map((sp) => {
      const out: J = {};
      if (sp.name) out.name = sp.name;
      out.port = p ? resolvePort(sp, p) : typeof sp.targetPort === "number" ? sp.targetPort : sp.port;
      out.protocol = sp.protocol;
      if (sp.appProtocol) out.appProtocol = sp.appProtocol;
      return out;
    });
  const endpoints = obj("v1", "Endpoints", ctx, {
    name: svc.metadata!.name!,
    namespace: ns,
    labels: svc.metadata!.labels,
    annotations: { "endpoints.kubernetes.io/last-change-trigger-time": trigger },
    createdAt: secondsOf(svc.metadata!.creationTimestamp!),
  });
  if (members.length > 0) {
    endpoints.subsets = [
      {
        addresses: members.map((p) => ({ ip: podIP(p), nodeName: (p.spec as J).nodeName, targetRef: targetRef(p) })),
        ports: ports(members[0]),
      },
    ];
  }
  const sliceName = `${svc.metadata!.name}-${ctx.random.string(5)}`;
  const slice = obj("discovery.k8s.io/v1", "EndpointSlice", ctx, {
    name: sliceName,
    namespace: ns,
    labels: {
      ...(svc.metadata!.labels ?? {}),
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      "kubernetes.io/service-name": svc.metadata!.name!,
    },
    annotations: { "endpoints.kubernetes.io/last-change-trigger-time": trigger },
    ownerReferences: [{ apiVersion: "v1", blockOwnerDeletion: true, controller: true, kind: "Service", name: svc.metadata!.name!, uid: svc.metadata!.uid! }],
    createdAt: secondsOf(svc.metadata!.creationTimestamp!),
    generation: 1,
  });
  slice.metadata = { generateName: `${svc.metadata!.name}-`, ...slice.metadata };
  slice.addressType = "IPv4";
  slice.endpoints = members.map((p) => ({
    addresses: [podIP(p)],
    conditions: { ready: true, serving: true, terminating: false },
    nodeName: (p.spec as J).nodeName,
    targetRef: targetRef(p),
  }));
  slice.ports = ports(members[0]);
  return [endpoints, slice];
}
