// What `iptables-save` prints on a node where kube-proxy v1.32 runs in iptables mode: the rules
// pkg/proxy/iptables/proxier.go syncProxyRules writes, in the canonical form iptables-save prints
// them back (-s/-d/-p first, then matches in order, --comment quoted only when it has spaces,
// MARK --or/--xor-mark shown as --set-xmark, probabilities with 11 decimals).
// Not modelled: Calico's cali-* chains, Docker/CNI portmap chains, packet counters.
import { createHash } from "node:crypto";
import { categorizeEndpoints, endpointString, externallyAccessible, servicePortNameString, type ProxyEndpoint, type ProxyState, type ServicePortInfo } from "./proxy-model.js";

const MASQ_MARK = "0x4000";

/** RFC 4648 base32 (Go's base32.StdEncoding). */
function base32(buf: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function hash16(s: string): string {
  return base32(createHash("sha256").update(s).digest()).slice(0, 16);
}

/** portProtoHash: protocol is lower case ("tcp"). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}
export function serviceChainName(sp: ServicePortInfo, prefix: "KUBE-SVC-" | "KUBE-SVL-" | "KUBE-EXT-" | "KUBE-FW-"): string {
  return prefix + portProtoHash(servicePortNameString(sp), sp.protocol.toLowerCase());
}
export function endpointChainName(sp: ServicePortInfo, ep: ProxyEndpoint): string {
  return "KUBE-SEP-" + hash16(servicePortNameString(sp) + sp.protocol.toLowerCase() + endpointString(ep));
}

/** iptables stores the probability as a 31-bit fraction and prints it with "%.11f". */
export function iptablesProbability(n: number): string {
  const stored = Math.round(0x80000000 / n);
  return (stored / 0x80000000).toFixed(11);
}

/** xtables_save_string: quoted (with " and \ escaped) when it holds anything but safe characters. */
function saveString(s: string): string {
  if (/^[A-Za-z0-9_./:>,+-]+$/.test(s) && !s.includes("->")) return s;
  return `"${s.replace(/(["\\])/g, "\\$1")}"`;
}
const comment = (c: string) => `-m comment --comment ${saveString(c)}`;

export interface IptablesSaveOptions {
  nodeName: string;
  /** The cluster (pod) CIDR of the local-traffic detector (kubeadm: clusterCIDR from the kube-proxy ConfigMap). */
  clusterCIDR: string;
  /** Header/footer timestamps, e.g. "Wed Nov 25 00:38:58 2026". */
  date: string;
  /** "v1.8.10 (nf_tables)" on Ubuntu 24.04. */
  version?: string;
  /** Tables to print (iptables-save -t); default all three. */
  tables?: ("mangle" | "filter" | "nat")[];
}

interface Table {
  builtins: string[];
  chains: Set<string>;
  rules: string[];
}

export function renderIptablesSave(state: ProxyState, opts: IptablesSaveOptions): string {
  const filter: Table = { builtins: ["INPUT", "FORWARD", "OUTPUT"], chains: new Set(), rules: [] };
  const nat: Table = { builtins: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"], chains: new Set(), rules: [] };
  const mangle: Table = { builtins: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"], chains: new Set(["KUBE-IPTABLES-HINT", "KUBE-KUBELET-CANARY", "KUBE-PROXY-CANARY"]), rules: [] };

  for (const c of ["KUBE-EXTERNAL-SERVICES", "KUBE-FIREWALL", "KUBE-FORWARD", "KUBE-KUBELET-CANARY", "KUBE-NODEPORTS", "KUBE-PROXY-CANARY", "KUBE-PROXY-FIREWALL", "KUBE-SERVICES"]) filter.chains.add(c);
  for (const c of ["KUBE-KUBELET-CANARY", "KUBE-MARK-MASQ", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-PROXY-CANARY", "KUBE-SERVICES"]) nat.chains.add(c);

  // Jump rules from the built-in chains (iptablesJumpChains, each prepended in order, after kubelet's KUBE-FIREWALL).
  filter.rules.push(
    `-A INPUT -m conntrack --ctstate NEW ${comment("kubernetes load balancer firewall")} -j KUBE-PROXY-FIREWALL`,
    `-A INPUT ${comment("kubernetes health check service ports")} -j KUBE-NODEPORTS`,
    `-A INPUT -m conntrack --ctstate NEW ${comment("kubernetes externally-visible service portals")} -j KUBE-EXTERNAL-SERVICES`,
    "-A INPUT -j KUBE-FIREWALL",
    `-A FORWARD -m conntrack --ctstate NEW ${comment("kubernetes load balancer firewall")} -j KUBE-PROXY-FIREWALL`,
    `-A FORWARD ${comment("kubernetes forwarding rules")} -j KUBE-FORWARD`,
    `-A FORWARD -m conntrack --ctstate NEW ${comment("kubernetes service portals")} -j KUBE-SERVICES`,
    `-A FORWARD -m conntrack --ctstate NEW ${comment("kubernetes externally-visible service portals")} -j KUBE-EXTERNAL-SERVICES`,
    `-A OUTPUT -m conntrack --ctstate NEW ${comment("kubernetes load balancer firewall")} -j KUBE-PROXY-FIREWALL`,
    `-A OUTPUT -m conntrack --ctstate NEW ${comment("kubernetes service portals")} -j KUBE-SERVICES`,
    "-A OUTPUT -j KUBE-FIREWALL",
  );
  nat.rules.push(
    `-A PREROUTING ${comment("kubernetes service portals")} -j KUBE-SERVICES`,
    `-A OUTPUT ${comment("kubernetes service portals")} -j KUBE-SERVICES`,
    `-A POSTROUTING ${comment("kubernetes postrouting rules")} -j KUBE-POSTROUTING`,
  );

  const filterSvc: string[] = [];
  const filterExt: string[] = [];
  const natSvc: string[] = [];
  const natNodePorts: string[] = [];
  const natChains: string[] = [];
  const natChainRules = new Map<string, string[]>();
  const addChainRule = (chain: string, rule: string) => {
    if (!natChainRules.has(chain)) natChainRules.set(chain, []);
    natChainRules.get(chain)!.push(rule);
  };

  for (const sp of state.servicePorts) {
    const name = servicePortNameString(sp);
    const proto = sp.protocol.toLowerCase();
    const cat = categorizeEndpoints(sp, opts.nodeName);
    const svcChain = serviceChainName(sp, "KUBE-SVC-");
    const svlChain = serviceChainName(sp, "KUBE-SVL-");
    const extChain = serviceChainName(sp, "KUBE-EXT-");
    const usesCluster = cat.clusterEndpoints.length > 0 && (!sp.internalPolicyLocal || (externallyAccessible(sp) && !sp.externalPolicyLocal));
    const usesLocal = cat.localEndpoints.length > 0 && (sp.internalPolicyLocal || (externallyAccessible(sp) && sp.externalPolicyLocal));
    const internalChain = sp.internalPolicyLocal ? svlChain : svcChain;
    const hasInternal = cat.hasAnyEndpoints && (!sp.internalPolicyLocal || cat.localEndpoints.length > 0);
    const externalPolicyChain = sp.externalPolicyLocal ? svlChain : svcChain;
    const hasExternal = cat.hasAnyEndpoints && (!sp.externalPolicyLocal || cat.localEndpoints.length > 0);
    const usesExt = cat.hasAnyEndpoints && externallyAccessible(sp);
    const noEp = cat.hasAnyEndpoints ? "" : `${name} has no endpoints`;
    const internalTarget = cat.hasAnyEndpoints ? "DROP" : "REJECT --reject-with icmp-port-unreachable";
    const internalComment = noEp || `${name} has no local endpoints`;
    const extComment = noEp || `${name} has no local endpoints`;

    const dportRule = (chain: string, ip: string, port: number, cmt: string, target: string) =>
      `-A ${chain} -d ${ip}/32 -p ${proto} ${comment(cmt)} -m ${proto} --dport ${port} -j ${target}`;

    if (hasInternal) natSvc.push(dportRule("KUBE-SERVICES", sp.clusterIP, sp.port, `${name} cluster IP`, internalChain));
    else filterSvc.push(dportRule("KUBE-SERVICES", sp.clusterIP, sp.port, internalComment, internalTarget));

    for (const ip of sp.externalIPs) {
      if (cat.hasAnyEndpoints) natSvc.push(dportRule("KUBE-SERVICES", ip, sp.port, `${name} external IP`, extChain));
      if (!hasExternal) filterExt.push(dportRule("KUBE-EXTERNAL-SERVICES", ip, sp.port, extComment, internalTarget));
    }
    for (const ip of sp.loadBalancerIPs) {
      if (cat.hasAnyEndpoints) natSvc.push(dportRule("KUBE-SERVICES", ip, sp.port, `${name} loadbalancer IP`, extChain));
      if (!hasExternal) filterExt.push(dportRule("KUBE-EXTERNAL-SERVICES", ip, sp.port, extComment, internalTarget));
    }
    if (sp.nodePort) {
      if (cat.hasAnyEndpoints) natNodePorts.push(`-A KUBE-NODEPORTS -p ${proto} ${comment(name)} -m ${proto} --dport ${sp.nodePort} -j ${extChain}`);
      if (!hasExternal) filterExt.push(`-A KUBE-EXTERNAL-SERVICES -p ${proto} ${comment(extComment)} -m addrtype --dst-type LOCAL -m ${proto} --dport ${sp.nodePort} -j ${internalTarget}`);
    }

    if (hasInternal) {
      addChainRule(internalChain, `-A ${internalChain} ! -s ${opts.clusterCIDR} -d ${sp.clusterIP}/32 -p ${proto} ${comment(`${name} cluster IP`)} -m ${proto} --dport ${sp.port} -j KUBE-MARK-MASQ`);
    }
    if (usesExt) {
      natChains.push(extChain);
      if (!sp.externalPolicyLocal) {
        addChainRule(extChain, `-A ${extChain} ${comment(`masquerade traffic for ${name} external destinations`)} -j KUBE-MARK-MASQ`);
      } else {
        addChainRule(extChain, `-A ${extChain} -s ${opts.clusterCIDR} ${comment(`pod traffic for ${name} external destinations`)} -j ${svcChain}`);
        addChainRule(extChain, `-A ${extChain} ${comment(`masquerade LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
        addChainRule(extChain, `-A ${extChain} ${comment(`route LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j ${svcChain}`);
      }
      if (hasExternal) addChainRule(extChain, `-A ${extChain} -j ${externalPolicyChain}`);
    }
    const writeLb = (chain: string, eps: ProxyEndpoint[]) => {
      natChains.push(chain);
      if (sp.sessionAffinityClientIP) {
        for (const ep of eps) {
          const sep = endpointChainName(sp, ep);
          addChainRule(chain, `-A ${chain} ${comment(`${name} -> ${endpointString(ep)}`)} -m recent --rcheck --seconds ${sp.stickyMaxAgeSeconds} --reap --name ${sep} --mask 255.255.255.255 --rsource -j ${sep}`);
        }
      }
      eps.forEach((ep, i) => {
        const stat = i < eps.length - 1 ? ` -m statistic --mode random --probability ${iptablesProbability(eps.length - i)}` : "";
        addChainRule(chain, `-A ${chain} ${comment(`${name} -> ${endpointString(ep)}`)}${stat} -j ${endpointChainName(sp, ep)}`);
      });
    };
    if (usesCluster) writeLb(svcChain, cat.clusterEndpoints);
    if (usesLocal) writeLb(svlChain, cat.localEndpoints);
    for (const ep of cat.allReachableEndpoints) {
      const sep = endpointChainName(sp, ep);
      natChains.push(sep);
      addChainRule(sep, `-A ${sep} -s ${ep.ip}/32 ${comment(name)} -j KUBE-MARK-MASQ`);
      const recent = sp.sessionAffinityClientIP ? ` -m recent --set --name ${sep} --mask 255.255.255.255 --rsource` : "";
      addChainRule(sep, `-A ${sep} -p ${proto} ${comment(name)}${recent} -m ${proto} -j DNAT --to-destination ${endpointString(ep)}`);
    }
  }

  natSvc.push(`-A KUBE-SERVICES ${comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain")} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  filter.rules.push(
    `-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 ${comment("block incoming localnet connections")} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    ...filterExt,
    "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP",
    `-A KUBE-FORWARD ${comment("kubernetes forwarding rules")} -m mark --mark ${MASQ_MARK}/${MASQ_MARK} -j ACCEPT`,
    `-A KUBE-FORWARD ${comment("kubernetes forwarding conntrack rule")} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    ...filterSvc,
  );
  for (const c of natChains) nat.chains.add(c);
  const natRules: string[] = [
    `-A KUBE-MARK-MASQ -j MARK --set-xmark ${MASQ_MARK}/${MASQ_MARK}`,
    ...natNodePorts,
    `-A KUBE-POSTROUTING -m mark ! --mark ${MASQ_MARK}/${MASQ_MARK} -j RETURN`,
    `-A KUBE-POSTROUTING -j MARK --set-xmark ${MASQ_MARK}/0x0`,
    `-A KUBE-POSTROUTING ${comment("kubernetes service traffic requiring SNAT")} -j MASQUERADE --random-fully`,
  ];
  nat.rules.push(...natRules, ...natSvc);
  for (const rs of natChainRules.values()) nat.rules.push(...rs);

  const version = opts.version ?? "v1.8.10 (nf_tables)";
  const tables: [string, Table][] = [["mangle", mangle], ["filter", filter], ["nat", nat]];
  const want = new Set(opts.tables ?? ["mangle", "filter", "nat"]);
  let out = "";
  for (const [name, t] of tables) {
    if (!want.has(name as "nat")) continue;
    out += `# Generated by iptables-save ${version} on ${opts.date}\n*${name}\n`;
    for (const b of t.builtins) out += `:${b} ACCEPT [0:0]\n`;
    for (const c of [...t.chains].sort()) out += `:${c} - [0:0]\n`;
    for (const r of orderByChain(t)) out += r + "\n";
    out += `COMMIT\n# Completed on ${opts.date}\n`;
  }
  return out;
}

function push(m: Map<string, string[]>, k: string, v: string) {
  if (!m.has(k)) m.set(k, []);
  m.get(k)!.push(v);
}

/** Built-in chains first (in their fixed order), then user chains alphabetically. */
function orderByChain(t: Table): string[] {
  const order = [...t.builtins, ...[...t.chains].sort()];
  const by = new Map<string, string[]>();
  for (const r of t.rules) push(by, r.split(" ")[1], r);
  return order.flatMap((c) => by.get(c) ?? []);
}
