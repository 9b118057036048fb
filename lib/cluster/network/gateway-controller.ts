// The API side of NGINX Gateway Fabric: statuses of Gateways and HTTPRoutes (./gateway.ts) and,
// as cluster-spec.md describes (NGF 2.x provisioning), one ClusterIP Service "<gateway>-nginx"
// per Gateway with the listener ports. Deviation (KNOWN_GAPS.md): there is no per-Gateway nginx
// Deployment; the Service has no selector and an EndpointSlice managed here points at the
// installed nginx-gateway pod, whose listener ports the edge proxy serves in the simulator.
import type { KObject } from "../api/types.js";
import { GR, type GroupResource } from "../client/types.js";
import type { Controller, ControllerContext } from "../controllers/types.js";
import { gatewayStatus, httpRouteStatus, servedGateway, type Listener } from "./gateway.js";

export const GW_GR = {
  gatewayclasses: { group: "gateway.networking.k8s.io", resource: "gatewayclasses" },
  gateways: { group: "gateway.networking.k8s.io", resource: "gateways" },
  httproutes: { group: "gateway.networking.k8s.io", resource: "httproutes" },
} as const satisfies Record<string, GroupResource>;

/** Batches bursts of changes into one sync (NGF's event batching). */
export const GATEWAY_SYNC_DELAY_MS = 200;
export const GATEWAY_SERVICE_SUFFIX = "-nginx";
const MANAGED_BY = "nginx-gateway";

export function ngfPods(pods: KObject[]): KObject[] {
  return pods.filter((p) => p.metadata?.namespace === "nginx-gateway" && p.metadata?.labels?.["app.kubernetes.io/name"] === "nginx-gateway" && !!(p.status as { podIP?: string } | undefined)?.podIP);
}

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const strip = (st: unknown) => JSON.stringify(st, (k, v) => (k === "lastTransitionTime" ? undefined : v));

function listenerPorts(gw: KObject): number[] {
  return [...new Set(((gw.spec as { listeners?: Listener[] } | undefined)?.listeners ?? []).map((l) => l.port))].sort((a, b) => a - b);
}

export function newGatewayController(ctx: ControllerContext): Controller {
  const { client } = ctx;
  const cancels: (() => void)[] = [];
  let pending: (() => void) | undefined;
  let running = false;
  let again = false;

  function gatewayService(gw: KObject): KObject {
    const name = gw.metadata!.name! + GATEWAY_SERVICE_SUFFIX;
    return {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name,
        namespace: gw.metadata!.namespace,
        labels: { "app.kubernetes.io/instance": "nginx-gateway", "app.kubernetes.io/managed-by": `nginx-gateway-nginx`, "app.kubernetes.io/name": name, "gateway.networking.k8s.io/gateway-name": gw.metadata!.name! },
        ownerReferences: [{ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", name: gw.metadata!.name!, uid: gw.metadata!.uid!, controller: true }],
      },
      spec: { type: "ClusterIP", ports: listenerPorts(gw).map((port) => ({ name: `port-${port}`, port, protocol: "TCP", targetPort: port })) },
    };
  }

  function gatewaySlice(gw: KObject, svc: KObject): KObject {
    const ips = ngfPods(client.list(GR.pods)).map((p) => ({ ip: (p.status as { podIP: string }).podIP, node: (p.spec as { nodeName?: string }).nodeName, pod: p }));
    return {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        name: svc.metadata!.name!,
        namespace: svc.metadata!.namespace,
        labels: { "kubernetes.io/service-name": svc.metadata!.name!, "endpointslice.kubernetes.io/managed-by": MANAGED_BY },
        ownerReferences: [{ apiVersion: "v1", kind: "Service", name: svc.metadata!.name!, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      },
      addressType: "IPv4",
      endpoints: ips.map((e) => ({
        addresses: [e.ip],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: e.node,
        targetRef: { kind: "Pod", name: e.pod.metadata!.name, namespace: e.pod.metadata!.namespace, uid: e.pod.metadata!.uid },
      })),
      ports: listenerPorts(gw).map((port) => ({ name: `port-${port}`, port, protocol: "TCP" })),
    };
  }

  async function ensure(gr: GroupResource, want: KObject, compare: (cur: KObject) => boolean) {
    const cur = client.get(gr, want.metadata!.namespace!, want.metadata!.name!);
    if (!cur) return client.create(gr, want);
    if (compare(cur)) return cur;
    // Spec fields we do not own (clusterIP, clusterIPs, ipFamilies...) stay as allocated.
    const spec = want.spec ? { spec: { ...(cur.spec as object), ...(want.spec as object) } } : {};
    return client.update(gr, { ...cur, ...want, ...spec, metadata: { ...cur.metadata, ...want.metadata } });
  }

  async function sync() {
    const classes = client.list(GW_GR.gatewayclasses);
    const gateways = client.list(GW_GR.gateways).filter((g) => servedGateway(g, classes) && !g.metadata?.deletionTimestamp);
    const addresses = new Map<string, string>();
    for (const gw of gateways) {
      const want = gatewayService(gw);
      const svc = await ensure(GR.services, want, (cur) => JSON.stringify((cur.spec as { ports?: unknown[] }).ports?.map((p) => ({ ...(p as object) }))) === JSON.stringify((want.spec as { ports: unknown[] }).ports));
      const ip = (svc.spec as { clusterIP?: string } | undefined)?.clusterIP;
      if (ip && ip !== "None") addresses.set(`${gw.metadata!.namespace}/${gw.metadata!.name}`, ip);
      const slice = gatewaySlice(gw, svc);
      await ensure(GR.endpointslices, slice, (cur) => JSON.stringify([cur.endpoints, cur.ports]) === JSON.stringify([slice.endpoints, slice.ports]));
    }
    const nsLabels = new Map(client.list(GR.namespaces).map((n) => [n.metadata!.name!, { ...(n.metadata?.labels ?? {}) }]));
    const input = { gateways, routes: client.list(GW_GR.httproutes), services: client.list(GR.services), secrets: client.list(GR.secrets), namespaceLabels: nsLabels, addresses, now: rfc3339(ctx.time.now()) };
    for (const gw of gateways) {
      const st = gatewayStatus(gw, input);
      if (strip(st) !== strip(gw.status)) await client.update(GW_GR.gateways, { ...gw, status: st }, { subresource: "status" });
    }
    for (const r of input.routes) {
      const st = httpRouteStatus(r, input);
      if (!(st.parents as unknown[]).length && !r.status) continue;
      if (strip(st) !== strip(r.status)) await client.update(GW_GR.httproutes, { ...r, status: st }, { subresource: "status" });
    }
  }

  const run = () => {
    pending = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void sync()
      .catch((e) => ctx.log(`error syncing gateway resources: ${(e as Error).message}`))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    pending ??= ctx.time.after(GATEWAY_SYNC_DELAY_MS, run);
  };

  return {
    name: "nginx-gateway",
    start() {
      for (const gr of [GW_GR.gatewayclasses, GW_GR.gateways, GW_GR.httproutes, GR.services, GR.namespaces, GR.secrets]) {
        // sync() compares before it writes, so its own writes end in a no-op pass.
        cancels.push(client.watch(gr, () => schedule()));
      }
      cancels.push(client.watch(GR.pods, (_t, obj) => {
        if (obj.metadata?.namespace === "nginx-gateway") schedule();
      }));
      schedule();
    },
    stop() {
      pending?.();
      for (const c of cancels) c();
    },
  };
}
