// The EndpointSlice mirroring controller, pkg/controller/endpointslicemirroring: a Service without
// a selector whose Endpoints were written by hand gets EndpointSlices mirroring them (one per
// subset), managed by "endpointslicemirroring-controller.k8s.io". Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror=true are not mirrored.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { Subset } from "../endpoint/endpoints_controller.js";
import { LAST_CHANGE_TRIGGER_TIME, svcSpec } from "../endpoint/util.js";
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from "../endpointslice/endpointslice_controller.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, QueueController } from "../util/base.js";
import { newControllerRef } from "../util/owner.js";

export const MIRRORING_CONTROLLER_NAME = "endpointslicemirroring-controller.k8s.io";
export const SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";

/** The slices' content for the Endpoints' subsets (addressToEndpoint: only the ready condition). */
export function mirroredSlices(ep: KObject): { ports: unknown[] | null; endpoints: unknown[] | null }[] {
  return ((ep.subsets ?? []) as Subset[]).map((s) => {
    const toEndpoint = (ready: boolean) => (a: NonNullable<Subset["addresses"]>[number]) => ({
      addresses: [a.ip],
      conditions: { ready },
      ...(a.hostname ? { hostname: a.hostname } : {}),
      ...(a.targetRef ? { targetRef: a.targetRef } : {}),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    });
    const endpoints = [...(s.addresses ?? []).map(toEndpoint(true)), ...(s.notReadyAddresses ?? []).map(toEndpoint(false))];
    const ports = (s.ports ?? []).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP", ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    return { ports: ports.length ? ports : null, endpoints: endpoints.length ? endpoints : null };
  });
}

export class EndpointSliceMirroringController extends QueueController {
  readonly name = "endpointslice-mirroring";

  start(): void {
    this.watch(GR.services, (_t, o) => this.queue.add(keyOf(o)));
    this.watch(GR.endpoints, (_t, o) => this.queue.add(keyOf(o)));
    this.watch(GR.endpointslices, (_t, s) => {
      if (s.metadata?.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER_NAME) this.queue.add(`${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME_LABEL]}`);
    });
    for (const s of this.ctx.client.list(GR.services)) this.queue.add(keyOf(s));
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.client.get(GR.services, namespace, name);
    const ep = this.ctx.client.get(GR.endpoints, namespace, name);
    const existing = this.ctx.client
      .list(GR.endpointslices, namespace)
      .filter((s) => s.metadata?.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER_NAME && s.metadata.labels[SERVICE_NAME_LABEL] === name);
    const mirror = svc && !svcSpec(svc).selector && ep && ep.metadata?.labels?.[SKIP_MIRROR_LABEL] !== "true";
    const desired = mirror ? mirroredSlices(ep) : [];
    const labels: Record<string, string> = { ...(ep?.metadata?.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MIRRORING_CONTROLLER_NAME };
    const annotations: Record<string, string> = { ...(ep?.metadata?.annotations ?? {}) };
    delete annotations[LAST_CHANGE_TRIGGER_TIME];
    delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
    const remaining = [...existing];
    for (const want of desired) {
      const cur = remaining.shift();
      if (cur) {
        if (JSON.stringify([cur.ports ?? null, cur.endpoints ?? null, cur.metadata?.labels]) === JSON.stringify([want.ports, want.endpoints, labels])) continue;
        await this.ctx.client.update(GR.endpointslices, { ...structuredClone(cur), ports: want.ports, endpoints: want.endpoints, metadata: { ...structuredClone(cur.metadata), labels } });
        continue;
      }
      await this.ctx.client.create(GR.endpointslices, {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: { generateName: `${name}-`, namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}), ownerReferences: [newControllerRef(svc!, "v1", "Service")] },
        addressType: "IPv4",
        endpoints: want.endpoints,
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

export const newEndpointSliceMirroringController = (ctx: ControllerContext) => new EndpointSliceMirroringController(ctx);
