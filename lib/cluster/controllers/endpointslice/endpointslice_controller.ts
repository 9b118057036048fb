// The EndpointSlice controller, pkg/controller/endpointslice (endpointslice_controller.go and the
// reconciler in staging/src/k8s.io/endpointslice): for each Service with a selector, EndpointSlices
// owned by it, one per distinct set of resolved ports (at most 100 endpoints each), with the
// ready/serving/terminating conditions; a Service without pods keeps one placeholder slice.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { selectorFromSet } from "../../meta/labels.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import { findPort, isPodReady, LAST_CHANGE_TRIGGER_TIME, podHostname, podIP, serviceLabels, servicePods, shouldPodBeInEndpoints, svcSpec, triggerTime } from "../endpoint/util.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, QueueController } from "../util/base.js";
import { getControllerOf, newControllerRef } from "../util/owner.js";

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: string; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** The desired slices' content: ports -> endpoints (podToEndpoint). */
export function desiredSlices(svc: KObject, pods: KObject[], zoneOf: (node: string) => string | undefined): { ports: SlicePort[] | null; endpoints: SliceEndpoint[] }[] {
  const spec = svcSpec(svc);
  const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
  const sorted = [...pods].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: SlicePort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: SlicePort = { name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP" };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const serving = isPodReady(pod);
    const terminating = !!pod.metadata?.deletionTimestamp;
    const ep: SliceEndpoint = {
      addresses: [podIP(pod)],
      conditions: { ready: !!spec.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
      targetRef: { kind: "Pod", namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! },
    };
    const hostname = podHostname(pod, svc);
    if (hostname) ep.hostname = hostname;
    const node = (pod.spec as { nodeName?: string })?.nodeName;
    if (node) {
      ep.nodeName = node;
      const zone = zoneOf(node);
      if (zone) ep.zone = zone;
    }
    const k = JSON.stringify(ports);
    if (!groups.has(k)) groups.set(k, { ports, endpoints: [] });
    groups.get(k)!.endpoints.push(ep);
  }
  const out: { ports: SlicePort[] | null; endpoints: SliceEndpoint[] }[] = [];
  for (const g of groups.values()) {
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  }
  return out;
}

export class EndpointSliceController extends QueueController {
  readonly name = "endpointslice";

  constructor(ctx: ControllerContext) {
    super(ctx, 5);
  }

  start(): void {
    this.watch(GR.services, (_t, svc) => this.queue.add(keyOf(svc)));
    this.watch(GR.pods, (_t, pod, old) => {
      for (const p of old ? [pod, old] : [pod]) {
        for (const svc of this.ctx.client.list(GR.services, p.metadata!.namespace)) {
          const sel = svcSpec(svc).selector;
          if (sel && selectorFromSet(sel).matches(p.metadata?.labels ?? {})) this.queue.add(keyOf(svc));
        }
      }
    });
    this.watch(GR.endpointslices, (_t, slice) => {
      if (slice.metadata?.labels?.[MANAGED_BY_LABEL] !== CONTROLLER_NAME) return;
      const svc = slice.metadata.labels[SERVICE_NAME_LABEL];
      if (svc) this.queue.add(`${slice.metadata.namespace}/${svc}`);
    });
    for (const svc of this.ctx.client.list(GR.services)) this.queue.add(keyOf(svc));
  }

  private zoneOf = (node: string) => this.ctx.client.get(GR.nodes, "", node)?.metadata?.labels?.["topology.kubernetes.io/zone"];

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.client.get(GR.services, namespace, name);
    const existing = this.ctx.client
      .list(GR.endpointslices, namespace)
      .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels[MANAGED_BY_LABEL] === CONTROLLER_NAME && !s.metadata.deletionTimestamp);
    // A deleted Service's slices go with it through the garbage collector (owner reference).
    if (!svc || svcSpec(svc).type === "ExternalName") return;
    const pods = servicePods(this.ctx.client, svc);
    if (!pods) return;
    const owned = existing.filter((s) => getControllerOf(s)?.uid === svc.metadata!.uid);
    let desired = desiredSlices(svc, pods, this.zoneOf);
    if (!desired.length) desired = [{ ports: null, endpoints: [] }];
    const labels = { ...serviceLabels(svc), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME };
    const trigger = triggerTime(svc, pods);
    const remaining = [...owned];
    for (const want of desired) {
      const i = remaining.findIndex((s) => JSON.stringify(s.ports ?? null) === JSON.stringify(want.ports));
      const cur = i >= 0 ? remaining.splice(i, 1)[0] : remaining.shift();
      const endpoints = want.endpoints.length ? want.endpoints : null;
      if (cur) {
        const same = JSON.stringify(cur.endpoints ?? null) === JSON.stringify(endpoints) && JSON.stringify(cur.ports ?? null) === JSON.stringify(want.ports) && JSON.stringify(cur.metadata?.labels) === JSON.stringify(labels);
        if (same) continue;
        const next = structuredClone(cur);
        next.endpoints = endpoints;
        next.ports = want.ports;
        next.metadata!.labels = labels;
        next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [LAST_CHANGE_TRIGGER_TIME]: trigger };
        await this.ctx.client.update(GR.endpointslices, next);
        continue;
      }
      await this.ctx.client.create(GR.endpointslices, {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: {
          generateName: `${name}-`,
          namespace,
          labels,
          annotations: { [LAST_CHANGE_TRIGGER_TIME]: trigger },
          ownerReferences: [newControllerRef(svc, "v1", "Service")],
        },
        addressType: "IPv4",
        endpoints,
        ports: want.ports,
      });
    }
    for (const s of remaining) {
      await this.ctx.client.delete(GR.endpointslices, namespace, s.metadata!.name!).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }
  }
}

export const newEndpointSliceController = (ctx: ControllerContext) => new EndpointSliceController(ctx);
