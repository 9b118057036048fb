// The lab's virtual network: where a connection from a node or a pod to a cluster address ends
// up. kube-proxy's decision (lib/cluster/network/proxy-model.ts) is taken with the rules of the
// node that first sees the packet, an endpoint is picked (round-robin or sticky ClientIP), and
// the container runtime's dialPod connects to it. CoreDNS pods are answered by the DNS server
// here rather than by a container program. attachNode() makes the same decisions reachable by real
// tools inside a node sandbox (see node-attach.ts).
import { Duplex } from "node:stream";
import { GR, type ClusterClient } from "../../cluster/client/types";
import type { KObject } from "../../cluster/api/types";
import { buildProxyState, decide, type Protocol, type ProxyState } from "../../cluster/network/proxy-model";
import { EndpointPicker } from "../../cluster/network/endpoint-picker";
import { PolicyEngine, policyPodOf, type PolicyPeer, type PolicyPod } from "../../cluster/network/policy";
import { createDnsServer, type DnsServer } from "./dns/server";
import { attachNodeNetwork, nsenterNetns, type NodeAttachment } from "./node-attach";
import type { InterceptPlan } from "./netns-rules";

/** Delay that batches API changes into one rules sync per node (kube-proxy: minSyncPeriod 1s). */
export const RULES_SYNC_DELAY_MS = 100;
/** Largest DNS-over-TCP message buffered. */
const MAX_DNS_TCP = 65535;

export type DialResult = Duplex | "refused" | "timeout";

/** Where a connection was headed before kube-proxy translated it (the Service, when any). */
export interface DialContext {
  fromIp: string;
  service?: { namespace: string; name: string; port: number };
}
/** An in-simulator server for some pod ip:port (ingress-nginx, NGF): a Duplex, or undefined to fall through. */
export type PodHandler = (target: { ip: string; port: number }, ctx: DialContext) => Duplex | undefined;

export interface LabNetworkDeps {
  client: ClusterClient;
  /** Connects to a pod's (or a host-network process's) ip:port, as the container runtime sees it. */
  dialPod(ip: string, port: number): Promise<Duplex | "refused">;
  /** UDP to a pod that is not CoreDNS (optional; unanswered when absent). */
  udpPod?(ip: string, port: number, payload: Buffer): Promise<Buffer | undefined>;
  /** node name -> InternalIP. */
  nodeIps: Map<string, string>;
  serviceCIDR?: string;
  podCIDR?: string;
  /** Files of the CoreDNS container for the hosts plugin. */
  readCoreDnsFile?(path: string): string | undefined;
  now?(): Date;
}

export interface LabNetwork {
  dial(fromIp: string, ip: string, port: number): Promise<DialResult>;
  udp(fromIp: string, ip: string, port: number, payload: Buffer): Promise<Buffer | undefined>;
  /** A DNS query to the cluster DNS (default the kube-dns Service's 10.96.0.10:53). */
  dns(fromIp: string, query: Buffer, serverIp?: string): Promise<Buffer | undefined>;
  readonly dnsServer: DnsServer;
  /** Intercepts the node's cluster traffic; netns is the sandbox's init pid or a command wrapper. */
  attachNode(nodeName: string, netns: number | ((argv: string[]) => string[]), socketPath: string): Promise<void>;
  /** The interception plan for a node (exported for tests and debugging). */
  planFor(nodeName: string): InterceptPlan;
  /** Serves some pod ip:ports in the simulator instead of the container runtime. */
  setPodHandler(handler: PodHandler | undefined): void;
  /** Whether NetworkPolicy lets fromIp reach ip:port (ip after Service translation). */
  policyAllows(fromIp: string, ip: string, port: number, protocol: Protocol): boolean;
  stop(): Promise<void>;
}

interface PodInfo {
  ip: string;
  nodeName: string;
  coreDns: boolean;
}

export function createLabNetwork(deps: LabNetworkDeps): LabNetwork {
  const { client } = deps;
  const now = deps.now ?? (() => new Date());
  const picker = new EndpointPicker({ now });
  const serviceCIDR = deps.serviceCIDR ?? "10.96.0.0/12";
  const podCIDR = deps.podCIDR ?? "10.244.0.0/16";
  let serial = Math.floor(now().getTime() / 1000);

  let state: ProxyState | undefined;
  let pods: Map<string, PodInfo> | undefined;
  let policy: { engine: PolicyEngine; pods: Map<string, PolicyPod> } | undefined;
  let podHandler: PodHandler | undefined;
  const policyState = () => {
    if (policy) return policy;
    const byIp = new Map<string, PolicyPod>();
    for (const p of client.list(GR.pods)) {
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      const pp = phase === "Succeeded" || phase === "Failed" ? undefined : policyPodOf(p);
      if (pp) byIp.set(pp.ip, pp);
    }
    const namespaceLabels = new Map(client.list(GR.namespaces).map((n) => [n.metadata?.name ?? "", { "kubernetes.io/metadata.name": n.metadata?.name ?? "", ...(n.metadata?.labels ?? {}) }]));
    policy = { engine: new PolicyEngine({ policies: client.list(GR.networkpolicies), namespaceLabels }), pods: byIp };
    return policy;
  };
  /** Calico's verdict; blocked traffic is dropped, so callers turn false into a timeout. */
  const policyAllows = (fromIp: string, ip: string, port: number, protocol: Protocol): boolean => {
    const st = policyState();
    const peer = (addr: string): PolicyPeer => {
      const pod = st.pods.get(addr);
      return pod ? { pod } : { ip: addr, nodeName: nodeOfIp(addr) };
    };
    return st.engine.allows(peer(fromIp), peer(ip), port, protocol);
  };
  const proxyState = () => (state ??= buildProxyState(client.list(GR.services), client.list(GR.endpointslices)));
  const podsByIp = () => {
    if (pods) return pods;
    pods = new Map();
    for (const p of client.list(GR.pods)) {
      const spec = (p.spec ?? {}) as { nodeName?: string; hostNetwork?: boolean };
      const st = (p.status ?? {}) as { podIP?: string; phase?: string };
      if (!st.podIP || spec.hostNetwork || st.phase === "Succeeded" || st.phase === "Failed") continue;
      pods.set(st.podIP, { ip: st.podIP, nodeName: spec.nodeName ?? "", coreDns: p.metadata?.namespace === "kube-system" && p.metadata?.labels?.["k8s-app"] === "kube-dns" });
    }
    return pods;
  };

  const dnsServer = createDnsServer({
    corefile: () => (client.get(GR.configmaps, "kube-system", "coredns")?.data as Record<string, string> | undefined)?.Corefile,
    view: () => ({ services: client.list(GR.services), endpointSlices: client.list(GR.endpointslices), namespaces: client.list(GR.namespaces), serial }),
    readFile: deps.readCoreDnsFile,
  });

  const nodeOfIp = (ip: string) => [...deps.nodeIps].find(([, v]) => v === ip)?.[0];

  /** The node whose rules see the packet first, and how the source looks to them. */
  function route(fromIp: string, dstIp: string, dstPort: number, protocol: Protocol) {
    const fromNode = nodeOfIp(fromIp) ?? podsByIp().get(fromIp)?.nodeName ?? "";
    const srcPod = !nodeOfIp(fromIp) && podsByIp().has(fromIp);
    const dstNode = nodeOfIp(dstIp);
    // A NodePort on another node's IP leaves this node untouched and meets that node's rules.
    const nodeName = dstNode ?? fromNode;
    const srcLocal = !srcPod && (dstNode === undefined || dstNode === fromNode || dstIp.startsWith("127."));
    const nodeIps = [deps.nodeIps.get(nodeName) ?? ""];
    return decide(proxyState(), { nodeName, nodeIps, dstIp, dstPort, protocol, srcLocal, srcPod });
  }

  async function dial(fromIp: string, ip: string, port: number): Promise<DialResult> {
    const d = route(fromIp, ip, port, "TCP");
    if (d.kind === "reject") return "refused";
    if (d.kind === "drop") return "timeout";
    let target = { ip, port };
    let service: DialContext["service"];
    if (d.kind === "endpoints") {
      const ep = picker.pick(d.servicePort, d.candidates, fromIp);
      if (!ep) return "refused";
      target = ep;
      service = { namespace: d.servicePort.namespace, name: d.servicePort.name, port: d.servicePort.port };
    }
    if (!policyAllows(fromIp, target.ip, target.port, "TCP")) return "timeout";
    const pod = podsByIp().get(target.ip);
    if (pod?.coreDns && target.port === 53) return dnsOverTcp(dnsServer);
    const served = pod ? podHandler?.(target, { fromIp, service }) : undefined;
    if (served) return served;
    if (!pod && !nodeOfIp(target.ip)) return "timeout";
    return deps.dialPod(target.ip, target.port);
  }

  async function udp(fromIp: string, ip: string, port: number, payload: Buffer): Promise<Buffer | undefined> {
    const d = route(fromIp, ip, port, "UDP");
    if (d.kind === "reject" || d.kind === "drop") return undefined;
    let target = { ip, port };
    if (d.kind === "endpoints") {
      const ep = picker.pick(d.servicePort, d.candidates, fromIp);
      if (!ep) return undefined;
      target = ep;
    }
    if (!policyAllows(fromIp, target.ip, target.port, "UDP")) return undefined;
    const pod = podsByIp().get(target.ip);
    if (pod?.coreDns && target.port === 53) return dnsServer.answer(payload);
    if (!pod) return undefined;
    return deps.udpPod?.(target.ip, target.port, payload);
  }

  function planFor(nodeName: string): InterceptPlan {
    const plan: InterceptPlan = { redirectTcp: [], reject: [], acceptUdp: [], drop: [], dropRanges: [serviceCIDR, podCIDR] };
    const from = deps.nodeIps.get(nodeName) ?? "";
    const add = (ip: string, port: number, protocol: Protocol, explicitDrop: boolean) => {
      if (protocol === "SCTP") return;
      const d = route(from, ip, port, protocol);
      const proto = protocol === "TCP" ? "tcp" : "udp";
      if (d.kind === "endpoints") {
        if (protocol === "TCP") plan.redirectTcp.push({ ip, port });
        else plan.acceptUdp.push({ ip, port });
      } else if (d.kind === "reject") plan.reject.push({ ip, port, protocol: proto });
      else if (d.kind === "drop" && explicitDrop) plan.drop.push({ ip, port, protocol: proto });
    };
    for (const sp of proxyState().servicePorts) {
      add(sp.clusterIP, sp.port, sp.protocol, false);
      for (const ip of sp.externalIPs) add(ip, sp.port, sp.protocol, true);
      if (!sp.nodePort) continue;
      for (const [n, ip] of deps.nodeIps) {
        add(ip, sp.nodePort, sp.protocol, true);
        if (n === nodeName) add("127.0.0.1", sp.nodePort, sp.protocol, true);
      }
    }
    for (const p of podsByIp().values()) {
      // A pod isolated for ingress from this node: only the ports policy allows are intercepted,
      // the rest fall into the pod-range DROP so clients time out before the handshake.
      const pp = policyState().pods.get(p.ip);
      if (pp && p.nodeName !== nodeName && policyState().engine.isolated(pp, "ingress")) {
        for (const port of candidatePorts(pp, client.list(GR.networkpolicies, pp.namespace))) if (policyAllows(from, p.ip, port, "TCP")) plan.redirectTcp.push({ ip: p.ip, port });
      } else plan.redirectTcp.push({ ip: p.ip });
      if (p.coreDns) plan.acceptUdp.push({ ip: p.ip, port: 53 });
    }
    return plan;
  }

  const attachments = new Map<string, NodeAttachment>();
  let timer: NodeJS.Timeout | undefined;
  const resync = () => {
    timer = undefined;
    for (const [n, a] of attachments) a.apply(planFor(n)).catch(() => undefined);
  };
  const invalidate = (what: "svc" | "pods" | "policy") => () => {
    if (what === "svc") state = undefined;
    else if (what === "pods") pods = policy = undefined;
    else policy = undefined;
    serial = Math.floor(now().getTime() / 1000);
    if (attachments.size && !timer) timer = setTimeout(resync, RULES_SYNC_DELAY_MS);
  };
  const cancels = [
    client.watch(GR.services, invalidate("svc")),
    client.watch(GR.endpointslices, invalidate("svc")),
    client.watch(GR.pods, invalidate("pods")),
    client.watch(GR.networkpolicies, invalidate("policy")),
    client.watch(GR.namespaces, invalidate("policy")),
  ];

  return {
    dial,
    udp,
    dnsServer,
    async dns(fromIp, query, serverIp) {
      const ip = serverIp ?? kubeDnsIp(client.get(GR.services, "kube-system", "kube-dns")) ?? "10.96.0.10";
      return udp(fromIp, ip, 53, query);
    },
    planFor,
    policyAllows,
    setPodHandler(h) {
      podHandler = h;
    },
    async attachNode(nodeName, netns, socketPath) {
      const nodeIp = deps.nodeIps.get(nodeName);
      if (!nodeIp) throw new Error(`unknown node ${nodeName}`);
      const att = await attachNodeNetwork({
        nodeName,
        netns: typeof netns === "number" ? nsenterNetns(netns) : netns,
        socketPath,
        handlers: {
          tcp: (_src, _sport, dst, dport) => dial(nodeIp, dst, dport),
          udp: (_src, _sport, dst, dport, payload) => udp(nodeIp, dst, dport, payload),
        },
      });
      attachments.set(nodeName, att);
      await att.apply(planFor(nodeName));
    },
    async stop() {
      for (const c of cancels) c();
      if (timer) clearTimeout(timer);
      await Promise.all([...attachments.values()].map((a) => a.stop()));
      attachments.clear();
    },
  };
}

/** Most ports one isolated pod can be allowed on: its container ports and the policies' ports. */
const MAX_POLICY_PORTS = 1024;
function candidatePorts(pod: PolicyPod, policies: KObject[]): number[] {
  const ports = new Set(pod.ports.filter((p) => p.protocol === "TCP").map((p) => p.containerPort));
  for (const np of policies) {
    for (const rule of ((np.spec as { ingress?: { ports?: { port?: number | string; endPort?: number }[] }[] } | undefined)?.ingress ?? [])) {
      for (const p of rule.ports ?? []) {
        if (typeof p.port !== "number") continue;
        for (let x = p.port; x <= (p.endPort ?? p.port) && ports.size < MAX_POLICY_PORTS; x++) ports.add(x);
      }
    }
  }
  return [...ports].sort((x, y) => x - y);
}

function kubeDnsIp(svc: KObject | undefined): string | undefined {
  const ip = (svc?.spec as { clusterIP?: string } | undefined)?.clusterIP;
  return ip && ip !== "None" ? ip : undefined;
}

/** DNS over TCP (RFC 1035 4.2.2: two-byte length prefix) answered by the DNS server. */
function dnsOverTcp(server: DnsServer): Duplex {
  let buf = Buffer.alloc(0);
  const d: Duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > MAX_DNS_TCP + 2) return cb(new Error("DNS message too long"));
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const n = buf.readUInt16BE(0);
        const reply = server.answer(buf.subarray(2, 2 + n));
        buf = buf.subarray(2 + n);
        if (reply) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(reply.length);
          d.push(Buffer.concat([len, reply]));
        }
      }
      cb();
    },
    final(cb) {
      d.push(null);
      cb();
    },
  });
  return d;
}
