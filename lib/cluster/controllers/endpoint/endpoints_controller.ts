// The Endpoints controller, pkg/controller/endpoint/endpoints_controller.go: for each Service with
// a selector, an Endpoints object of the same name listing its pods' addresses (ready or not
// ready) per resolved port set, the Service's labels and the last-change-trigger-time annotation.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { selectorFromSet } from "../../meta/labels.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, QueueController } from "../util/base.js";
import { findPort, isPodReady, LAST_CHANGE_TRIGGER_TIME, podHostname, podIP, serviceLabels, servicePods, shouldPodBeInEndpoints, svcSpec, triggerTime } from "./util.js";

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: string; namespace: string; name: string; uid: string };
}
interface Port {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: Port[];
}

function ipKey(ip: string): string {
  return ip.includes(".") ? ip.split(".").map((o) => o.padStart(3, "0")).join(".") : ip;
}
const byAddress = (a: Address, b: Address) => (ipKey(a.ip) < ipKey(b.ip) ? -1 : ipKey(a.ip) > ipKey(b.ip) ? 1 : a.targetRef.uid < b.targetRef.uid ? -1 : 1);

/** The subsets of a Service, repacked: one per distinct set of ports (endpoints.RepackSubsets). */
export function computeSubsets(svc: KObject, pods: KObject[]): Subset[] {
  const spec = svcSpec(svc);
  const tolerate = !!spec.publishNotReadyAddresses;
  const groups = new Map<string, { ports: Port[]; ready: Address[]; notReady: Address[] }>();
  const add = (ports: Port[], addr: Address, ready: boolean) => {
    const k = JSON.stringify(ports);
    if (!groups.has(k)) groups.set(k, { ports, ready: [], notReady: [] });
    (ready ? groups.get(k)!.ready : groups.get(k)!.notReady).push(addr);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerate)) continue;
    const addr: Address = { ip: podIP(pod), targetRef: { kind: "Pod", namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! } };
    const hostname = podHostname(pod, svc);
    if (hostname) addr.hostname = hostname;
    const node = (pod.spec as { nodeName?: string })?.nodeName;
    if (node) addr.nodeName = node;
    const ready = tolerate || isPodReady(pod);
    if (!spec.ports?.length) {
      if (spec.clusterIP === "None") add([], addr, ready);
      continue;
    }
    for (const sp of spec.ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: Port = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) p.name = sp.name;
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      add([p], addr, ready);
    }
  }
  // Merge per address set: an address listed under several single-port subsets ends in one subset with all those ports.
  const perAddr = new Map<string, { addr: Address; ready: boolean; ports: Port[] }>();
  for (const g of groups.values()) {
    for (const [list, ready] of [[g.ready, true], [g.notReady, false]] as const) {
      for (const a of list) {
        const k = `${a.targetRef.uid}|${ready}`;
        if (!perAddr.has(k)) perAddr.set(k, { addr: a, ready, ports: [] });
        perAddr.get(k)!.ports.push(...g.ports);
      }
    }
  }
  const subsets = new Map<string, Subset>();
  for (const { addr, ready, ports } of perAddr.values()) {
    const sorted = [...ports].sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : (a.name ?? "") > (b.name ?? "") ? 1 : a.port - b.port));
    const k = JSON.stringify(sorted);
    if (!subsets.has(k)) subsets.set(k, sorted.length ? { ports: sorted } : {});
    const s = subsets.get(k)!;
    if (ready) (s.addresses ??= []).push(addr);
    else (s.notReadyAddresses ??= []).push(addr);
  }
  const out = [...subsets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s);
  for (const s of out) {
    s.addresses?.sort(byAddress);
    s.notReadyAddresses?.sort(byAddress);
  }
  return out;
}

export class EndpointsController extends QueueController {
  readonly name = "endpoints";

  constructor(ctx: ControllerContext) {
    super(ctx, 5);
  }

  start(): void {
    this.watch(GR.services, (_t, svc) => this.queue.add(keyOf(svc)));
    this.watch(GR.pods, (_t, pod, old) => {
      for (const p of old ? [pod, old] : [pod]) this.enqueueServicesOf(p);
    });
    this.watch(GR.endpoints, (type, ep) => {
      if (type === "DELETED") this.queue.add(keyOf(ep));
    });
    for (const svc of this.ctx.client.list(GR.services)) this.queue.add(keyOf(svc));
  }

  private enqueueServicesOf(pod: KObject): void {
    for (const svc of this.ctx.client.list(GR.services, pod.metadata!.namespace)) {
      const sel = svcSpec(svc).selector;
      if (sel && selectorFromSet(sel).matches(pod.metadata?.labels ?? {})) this.queue.add(keyOf(svc));
    }
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.client.get(GR.services, namespace, name);
    const current = this.ctx.client.get(GR.endpoints, namespace, name);
    if (!svc) {
      // Endpoints have no owner reference: the controller removes them with the Service.
      if (current) {
        await this.ctx.client.delete(GR.endpoints, namespace, name).catch((e) => {
          if (!isNotFound(e)) throw e;
        });
      }
      return;
    }
    if (svcSpec(svc).type === "ExternalName") return;
    const pods = servicePods(this.ctx.client, svc);
    if (!pods) return;
    const subsets = computeSubsets(svc, pods);
    const labels = serviceLabels(svc);
    if (current && JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels)) return;
    const annotations = { ...(current?.metadata?.annotations ?? {}), [LAST_CHANGE_TRIGGER_TIME]: triggerTime(svc, pods) };
    const body: KObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { ...(current ? structuredClone(current.metadata) : { name, namespace }), labels, annotations },
    };
    if (subsets.length) body.subsets = subsets;
    if (current) await this.ctx.client.update(GR.endpoints, body);
    else await this.ctx.client.create(GR.endpoints, body);
  }
}

export const newEndpointsController = (ctx: ControllerContext) => new EndpointsController(ctx);
