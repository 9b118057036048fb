// kube-proxy's view of the cluster: Services and EndpointSlices turned into service ports with
// their endpoints (pkg/proxy/serviceport.go, endpoint.go, endpointslicecache.go), the
// Cluster/Local endpoint split (pkg/proxy/topology.go CategorizeEndpoints) and the decision one
// node's iptables rules make for a packet (pkg/proxy/iptables/proxier.go syncProxyRules).
import type { KObject } from "../api/types.js";

export type Protocol = "TCP" | "UDP" | "SCTP";

export interface ProxyEndpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  zone?: string;
}

export interface ServicePortInfo {
  namespace: string;
  name: string;
  /** The Service port's name ("" when unnamed). */
  portName: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** All endpoints of the port, sorted by "ip:port" as kube-proxy's endpoints map keeps them. */
  endpoints: ProxyEndpoint[];
}

export interface ProxyState {
  servicePorts: ServicePortInfo[];
}

/** proxy.ServicePortName.String(): "ns/name:port", or "ns/name" for an unnamed port. */
export function servicePortNameString(sp: { namespace: string; name: string; portName: string }): string {
  return `${sp.namespace}/${sp.name}${sp.portName ? ":" + sp.portName : ""}`;
}

export function endpointString(ep: { ip: string; port: number }): string {
  return `${ep.ip}:${ep.port}`;
}

interface SvcSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs?: string[];
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  ports?: { name?: string; protocol?: string; port: number; nodePort?: number }[];
}

interface Slice {
  addressType?: string;
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null }; nodeName?: string; zone?: string }[];
  ports?: { name?: string; protocol?: string; port?: number }[] | null;
}

const DEFAULT_STICKY_SECONDS = 10800;

/** Builds the service-port map from API objects (ignores headless and ExternalName Services, as
 *  kube-proxy's ServiceChangeTracker does). */
export function buildProxyState(services: KObject[], endpointSlices: KObject[]): ProxyState {
  const slicesBySvc = new Map<string, Slice[]>();
  for (const s of endpointSlices) {
    const svc = s.metadata?.labels?.["kubernetes.io/service-name"];
    if (!svc || (s as Slice).addressType !== "IPv4") continue;
    const key = `${s.metadata?.namespace}/${svc}`;
    const list = slicesBySvc.get(key) ?? [];
    list.push(s as Slice);
    slicesBySvc.set(key, list);
  }
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    const spec = (svc.spec ?? {}) as SvcSpec;
    const clusterIP = spec.clusterIPs?.[0] ?? spec.clusterIP;
    if (spec.type === "ExternalName" || !clusterIP || clusterIP === "None") continue;
    const namespace = svc.metadata?.namespace ?? "";
    const name = svc.metadata?.name ?? "";
    const nodePortType = spec.type === "NodePort" || spec.type === "LoadBalancer";
    const lbIPs = (((svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } })?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter(Boolean)) as string[];
    for (const p of spec.ports ?? []) {
      const protocol = (p.protocol ?? "TCP") as Protocol;
      const portName = p.name ?? "";
      const nodePort = nodePortType ? (p.nodePort ?? 0) : 0;
      const externallyAccessible = nodePort !== 0 || (spec.externalIPs ?? []).length > 0 || lbIPs.length > 0;
      out.push({
        namespace,
        name,
        portName,
        protocol,
        clusterIP,
        port: p.port,
        nodePort,
        externalIPs: spec.externalIPs ?? [],
        loadBalancerIPs: lbIPs,
        sessionAffinityClientIP: spec.sessionAffinity === "ClientIP",
        stickyMaxAgeSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS,
        externalPolicyLocal: externallyAccessible && spec.externalTrafficPolicy === "Local",
        internalPolicyLocal: spec.internalTrafficPolicy === "Local",
        endpoints: sliceEndpoints(slicesBySvc.get(`${namespace}/${name}`) ?? [], portName, protocol),
      });
    }
  }
  out.sort((a, b) => cmp(servicePortNameString(a) + a.protocol, servicePortNameString(b) + b.protocol));
  return { servicePorts: out };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// endpointslicecache.go: an endpoint belongs to a service port when the slice port has the same
// name and protocol; the first address is used; duplicates across slices are merged.
function sliceEndpoints(slices: Slice[], portName: string, protocol: Protocol): ProxyEndpoint[] {
  const byKey = new Map<string, ProxyEndpoint>();
  for (const s of slices) {
    for (const sp of s.ports ?? []) {
      if ((sp.name ?? "") !== portName || (sp.protocol ?? "TCP") !== protocol || sp.port === undefined) continue;
      for (const e of s.endpoints ?? []) {
        const ip = e.addresses?.[0];
        if (!ip) continue;
        const c = e.conditions ?? {};
        // Nil conditions: ready defaults to true, serving to ready, terminating to false (discovery/v1 docs).
        const ready = c.ready ?? true;
        const ep: ProxyEndpoint = { ip, port: sp.port, ready, serving: c.serving ?? ready, terminating: c.terminating ?? false, nodeName: e.nodeName, zone: e.zone };
        const key = endpointString(ep);
        if (!byKey.has(key)) byKey.set(key, ep);
      }
    }
  }
  return [...byKey.values()].sort((a, b) => cmp(endpointString(a), endpointString(b)));
}

export function externallyAccessible(sp: ServicePortInfo): boolean {
  return sp.nodePort !== 0 || sp.externalIPs.length > 0 || sp.loadBalancerIPs.length > 0;
}
function usesClusterEndpoints(sp: ServicePortInfo): boolean {
  return !sp.internalPolicyLocal || (externallyAccessible(sp) && !sp.externalPolicyLocal);
}
function usesLocalEndpoints(sp: ServicePortInfo): boolean {
  return sp.internalPolicyLocal || (externallyAccessible(sp) && sp.externalPolicyLocal);
}

export interface CategorizedEndpoints {
  clusterEndpoints: ProxyEndpoint[];
  localEndpoints: ProxyEndpoint[];
  allReachableEndpoints: ProxyEndpoint[];
  hasAnyEndpoints: boolean;
}

/** pkg/proxy/topology.go CategorizeEndpoints (topology hints not modelled). */
export function categorizeEndpoints(sp: ServicePortInfo, nodeName: string): CategorizedEndpoints {
  const eps = sp.endpoints;
  const isLocal = (e: ProxyEndpoint) => e.nodeName === nodeName;
  let clusterEndpoints: ProxyEndpoint[] = [];
  let localEndpoints: ProxyEndpoint[] = [];
  let hasAnyEndpoints = false;
  if (usesClusterEndpoints(sp)) {
    clusterEndpoints = eps.filter((e) => e.ready);
    // No ready endpoint anywhere: fall back to serving-but-terminating ones.
    if (clusterEndpoints.length === 0) clusterEndpoints = eps.filter((e) => e.serving && e.terminating);
    hasAnyEndpoints = clusterEndpoints.length > 0;
  }
  if (!usesLocalEndpoints(sp)) return { clusterEndpoints, localEndpoints, allReachableEndpoints: clusterEndpoints, hasAnyEndpoints };
  let localReady = false;
  let localServingTerminating = false;
  for (const e of eps) {
    if (e.ready) {
      hasAnyEndpoints = true;
      if (isLocal(e)) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAnyEndpoints = true;
      if (isLocal(e)) localServingTerminating = true;
    }
  }
  if (localReady) localEndpoints = eps.filter((e) => isLocal(e) && e.ready);
  else if (localServingTerminating) localEndpoints = eps.filter((e) => isLocal(e) && e.serving && e.terminating);
  if (!usesClusterEndpoints(sp)) return { clusterEndpoints, localEndpoints, allReachableEndpoints: localEndpoints, hasAnyEndpoints };
  const all = new Map<string, ProxyEndpoint>();
  for (const e of [...clusterEndpoints, ...localEndpoints]) all.set(endpointString(e), e);
  return { clusterEndpoints, localEndpoints, allReachableEndpoints: [...all.values()], hasAnyEndpoints };
}

/** What one node's rules do with a new connection. "reject" = REJECT (connection refused),
 *  "drop" = DROP (time out), "none" = no kube-proxy rule matches the address. */
export type ProxyDecision =
  | { kind: "endpoints"; servicePort: ServicePortInfo; candidates: ProxyEndpoint[] }
  | { kind: "reject"; servicePort: ServicePortInfo }
  | { kind: "drop"; servicePort: ServicePortInfo }
  | { kind: "none" };

export interface ProxyPacket {
  /** The node whose kube-proxy rules see the packet first. */
  nodeName: string;
  /** The node's own addresses (for NodePorts: addrtype --dst-type LOCAL). */
  nodeIps: string[];
  dstIp: string;
  dstPort: number;
  protocol: Protocol;
  /** Source is an address of this node (addrtype --src-type LOCAL). */
  srcLocal: boolean;
  /** Source is in the cluster (pod) CIDR: the local-traffic detector's IfLocal. */
  srcPod: boolean;
}

/** Follows KUBE-SERVICES / KUBE-NODEPORTS / KUBE-EXT / KUBE-SVC|SVL for one packet. */
export function decide(state: ProxyState, pkt: ProxyPacket): ProxyDecision {
  const localDst = pkt.nodeIps.includes(pkt.dstIp) || pkt.dstIp.startsWith("127.");
  for (const sp of state.servicePorts) {
    if (sp.protocol !== pkt.protocol) continue;
    const cat = categorizeEndpoints(sp, pkt.nodeName);
    if (sp.clusterIP === pkt.dstIp && sp.port === pkt.dstPort) {
      if (!cat.hasAnyEndpoints) return { kind: "reject", servicePort: sp };
      const eps = sp.internalPolicyLocal ? cat.localEndpoints : cat.clusterEndpoints;
      return eps.length ? { kind: "endpoints", servicePort: sp, candidates: eps } : { kind: "drop", servicePort: sp };
    }
    const external =
      ((sp.externalIPs.includes(pkt.dstIp) || sp.loadBalancerIPs.includes(pkt.dstIp)) && sp.port === pkt.dstPort) ||
      (sp.nodePort !== 0 && sp.nodePort === pkt.dstPort && localDst);
    if (!external) continue;
    if (!cat.hasAnyEndpoints) return { kind: "reject", servicePort: sp };
    // KUBE-EXT: with Local policy, pod and node-originated traffic short-circuits to the cluster chain.
    const eps = !sp.externalPolicyLocal || pkt.srcPod || pkt.srcLocal ? cat.clusterEndpoints : cat.localEndpoints;
    return eps.length ? { kind: "endpoints", servicePort: sp, candidates: eps } : { kind: "drop", servicePort: sp };
  }
  return { kind: "none" };
}
