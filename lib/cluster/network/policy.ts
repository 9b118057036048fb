// NetworkPolicy as Calico (Felix) enforces it for a kubeadm lab: a connection is allowed when
// the source's egress policies allow it AND the destination's ingress policies allow it. The
// semantics follow the networking/v1 API (k8s.io/api/networking/v1/types.go comments) and
// Calico's translation (libcalico-go/lib/backend/k8s/conversion/conversion.go: every
// NetworkPolicy becomes a Calico policy whose rules are ORed; named ports resolve on the
// destination workload; ipBlock matches pod IPs too).
//
// Decisions (Calico defaults, documented in KNOWN_GAPS.md):
// - A pod talking to its own IP never leaves its network namespace: always allowed.
// - Traffic from a host-network process on the destination pod's own node is always allowed
//   (Felix accepts host-to-local-workload traffic so that kubelet probes work); from another
//   node it is matched by the node's IP (ipBlock peers only).
// - Pod-to-host traffic only meets the source pod's egress rules (ipBlock peers, by node IP).
import type { KObject } from "../api/types.js";
import { labelSelectorAsSelector, type LabelSelector, type Selector, SelectorParseError } from "../meta/labels.js";
import type { Protocol } from "./proxy-model.js";

export interface PolicyPod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip: string;
  nodeName: string;
  /** Container ports, for named ports in policies. */
  ports: { name?: string; containerPort: number; protocol: Protocol }[];
}

/** One side of a connection: a pod, or a host / outside address. */
export type PolicyPeer = { pod: PolicyPod } | { ip: string; nodeName?: string };

export interface PolicyView {
  policies: KObject[];
  /** namespace name -> its labels (kubernetes.io/metadata.name included as the API server sets it). */
  namespaceLabels: Map<string, Record<string, string>>;
}

interface NPPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface NPPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: { cidr: string; except?: string[] } | null;
}
interface NPRule {
  from?: NPPeer[] | null;
  to?: NPPeer[] | null;
  ports?: NPPort[] | null;
}
interface NPSpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: NPRule[] | null;
  egress?: NPRule[] | null;
}

/** Compiled form of one NetworkPolicy. */
interface Compiled {
  namespace: string;
  selector: Selector;
  ingress?: NPRule[];
  egress?: NPRule[];
}

/** Indexes the policies once per change (the caller caches the result). */
export class PolicyEngine {
  private readonly byNs = new Map<string, Compiled[]>();

  constructor(private readonly view: PolicyView) {
    for (const p of view.policies) {
      const ns = p.metadata?.namespace ?? "";
      const spec = (p.spec ?? {}) as NPSpec;
      const selector = safeSelector(spec.podSelector ?? {});
      if (!selector) continue;
      // policyTypes defaulting (networking/v1 SetDefaults_NetworkPolicy): Ingress always,
      // Egress when egress rules are present.
      const types = spec.policyTypes?.length ? spec.policyTypes : ["Ingress", ...(spec.egress?.length ? ["Egress"] : [])];
      const c: Compiled = { namespace: ns, selector };
      if (types.includes("Ingress")) c.ingress = spec.ingress ?? [];
      if (types.includes("Egress")) c.egress = spec.egress ?? [];
      const list = this.byNs.get(ns) ?? [];
      list.push(c);
      this.byNs.set(ns, list);
    }
  }

  /** Whether a connection from src to dst on port/protocol is allowed. */
  allows(src: PolicyPeer, dst: PolicyPeer, port: number, protocol: Protocol): boolean {
    if ("pod" in src && "pod" in dst && src.pod.ip === dst.pod.ip) return true;
    if ("pod" in src && !this.side(src.pod, "egress", dst, port, protocol)) return false;
    if ("pod" in dst) {
      if (!("pod" in src) && src.nodeName && src.nodeName === dst.pod.nodeName) return true;
      if (!this.side(dst.pod, "ingress", src, port, protocol)) return false;
    }
    return true;
  }

  /** Whether a pod is isolated for a direction (some policy of that type selects it). */
  isolated(pod: PolicyPod, dir: "ingress" | "egress"): boolean {
    return (this.byNs.get(pod.namespace) ?? []).some((c) => c[dir] && c.selector.matches(pod.labels));
  }

  private side(pod: PolicyPod, dir: "ingress" | "egress", peer: PolicyPeer, port: number, protocol: Protocol): boolean {
    const selecting = (this.byNs.get(pod.namespace) ?? []).filter((c) => c[dir] && c.selector.matches(pod.labels));
    if (!selecting.length) return true;
    // The destination pod resolves named ports: for ingress it is `pod`, for egress the peer.
    const dstPod = dir === "ingress" ? pod : "pod" in peer ? peer.pod : undefined;
    return selecting.some((c) =>
      c[dir]!.some((rule) => {
        const peers = dir === "ingress" ? rule.from : rule.to;
        return portsMatch(rule.ports, port, protocol, dstPod) && (!peers?.length || peers.some((p) => this.peerMatches(p, c.namespace, peer)));
      }),
    );
  }

  private peerMatches(p: NPPeer, policyNs: string, peer: PolicyPeer): boolean {
    if (p.ipBlock) {
      const ip = "pod" in peer ? peer.pod.ip : peer.ip;
      return inCidr(ip, p.ipBlock.cidr) && !(p.ipBlock.except ?? []).some((e) => inCidr(ip, e));
    }
    if (!("pod" in peer)) return false;
    const pod = peer.pod;
    if (p.namespaceSelector) {
      const nsSel = safeSelector(p.namespaceSelector);
      if (!nsSel?.matches(this.view.namespaceLabels.get(pod.namespace) ?? {})) return false;
    } else if (pod.namespace !== policyNs) return false;
    if (p.podSelector) return safeSelector(p.podSelector)?.matches(pod.labels) ?? false;
    // A peer with only a namespaceSelector selects every pod of those namespaces; a peer with
    // neither selector is invalid and refused by validation.
    return !!p.namespaceSelector;
  }
}

function safeSelector(s: LabelSelector): Selector | undefined {
  try {
    return labelSelectorAsSelector(s);
  } catch (e) {
    if (e instanceof SelectorParseError) return undefined;
    throw e;
  }
}

function portsMatch(ports: NPPort[] | null | undefined, port: number, protocol: Protocol, dstPod: PolicyPod | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === "number") return p.endPort ? port >= p.port && port <= p.endPort : port === p.port;
    if (/^\d+$/.test(p.port)) return Number(p.port) === port;
    // Named port: the destination pod's container port of that name and protocol.
    return !!dstPod?.ports.some((cp) => cp.name === p.port && cp.protocol === protocol && cp.containerPort === port);
  });
}

/** IPv4 address to a 32-bit unsigned number; undefined when not dotted-quad. */
export function ipv4ToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsStr] = cidr.split("/");
  const a = ipv4ToNumber(ip);
  const b = ipv4ToNumber(base ?? "");
  const bits = Number(bitsStr ?? "32");
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  if (bits === 0) return true;
  const mask = (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

/** The PolicyPod of a Pod object (undefined while it has no IP). */
export function policyPodOf(p: KObject): PolicyPod | undefined {
  const st = (p.status ?? {}) as { podIP?: string };
  const spec = (p.spec ?? {}) as { nodeName?: string; hostNetwork?: boolean; containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] };
  if (!st.podIP || spec.hostNetwork) return undefined;
  const ports = (spec.containers ?? []).flatMap((c) => c.ports ?? []).map((cp) => ({ name: cp.name, containerPort: cp.containerPort, protocol: (cp.protocol ?? "TCP") as Protocol }));
  return { namespace: p.metadata?.namespace ?? "", name: p.metadata?.name ?? "", labels: Object.assign(Object.create(null) as Record<string, string>, p.metadata?.labels), ip: st.podIP, nodeName: spec.nodeName ?? "", ports };
}
