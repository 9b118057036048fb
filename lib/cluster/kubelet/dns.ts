// The pod's resolv.conf by dnsPolicy, as pkg/kubelet/network/dns/dns.go (GetPodDNS): cluster
// policies put the cluster DNS first and search the pod's namespace, "Default" inherits the node's
// resolv.conf, "None" takes only spec.dnsConfig, and dnsConfig is merged on top of every policy.
import type { PodSpec } from "./types.js";

export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface ClusterDNS {
  /** KubeletConfiguration clusterDNS. */
  clusterDNS: string[];
  /** KubeletConfiguration clusterDomain. */
  clusterDomain: string;
  /** The node's resolv.conf (KubeletConfiguration resolvConf), parsed. */
  host: DNSConfig;
}

/** dns.go validation.MaxDNSSearchPaths and ndots for cluster policies. */
export const MAX_DNS_SEARCH_PATHS = 32;
export const MAX_DNS_NAMESERVERS = 3;
const NDOTS = "ndots:5";

/** parseResolvConf: nameserver, search/domain and options lines. */
export function parseResolvConf(text: string): DNSConfig {
  const out: DNSConfig = { servers: [], searches: [], options: [] };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const f = line.split(/\s+/);
    if (f[0] === "nameserver" && f[1]) out.servers.push(f[1]);
    else if (f[0] === "search") out.searches = f.slice(1).filter((s) => s !== ".");
    else if (f[0] === "domain" && f[1]) out.searches = [f[1]];
    else if (f[0] === "options") out.options.push(...f.slice(1));
  }
  return out;
}

export type DNSPolicyResult = DNSConfig & { fallbackWarning?: string };

/** getPodDNSType + GetPodDNS. */
export function podDNS(pod: { metadata?: { namespace?: string }; spec: PodSpec }, cfg: ClusterDNS): DNSPolicyResult {
  const spec = pod.spec;
  let policy = spec.dnsPolicy ?? "ClusterFirst";
  let fallbackWarning: string | undefined;
  let type: "cluster" | "host" | "none";
  if (policy === "None") type = "none";
  else if (policy === "ClusterFirstWithHostNet") type = "cluster";
  else if (policy === "ClusterFirst") type = spec.hostNetwork ? "host" : "cluster";
  else type = "host";
  if (type === "cluster" && cfg.clusterDNS.length === 0) {
    fallbackWarning = `kubelet does not have ClusterDNS IP configured and cannot create Pod using ${JSON.stringify(policy)} policy. Falling back to "Default" policy.`;
    type = "host";
    policy = "Default";
  }
  let out: DNSConfig;
  if (type === "none") out = { servers: [], searches: [], options: [] };
  else if (type === "host") out = { servers: [...cfg.host.servers], searches: [...cfg.host.searches], options: [...cfg.host.options] };
  else {
    const ns = pod.metadata?.namespace ?? "default";
    const d = cfg.clusterDomain;
    const searches = d ? [`${ns}.svc.${d}`, `svc.${d}`, d, ...cfg.host.searches] : [...cfg.host.searches];
    out = { servers: [...cfg.clusterDNS], searches, options: [NDOTS] };
  }
  const dc = spec.dnsConfig;
  if (dc) {
    out.servers = dedup([...out.servers, ...(dc.nameservers ?? [])]);
    out.searches = dedup([...out.searches, ...(dc.searches ?? [])]);
    out.options = mergeOptions(out.options, dc.options ?? []);
  }
  out.searches = out.searches.slice(0, MAX_DNS_SEARCH_PATHS);
  return fallbackWarning ? { ...out, fallbackWarning } : out;
}

function dedup(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** mergeDNSOptions: options of dnsConfig override those of the policy by name. */
function mergeOptions(base: string[], extra: { name: string; value?: string }[]): string[] {
  const order: string[] = [];
  const values = new Map<string, string>();
  const put = (name: string, text: string) => {
    if (!values.has(name)) order.push(name);
    values.set(name, text);
  };
  for (const o of base) put(o.split(":")[0], o);
  for (const o of extra) put(o.name, o.value !== undefined && o.value !== "" ? `${o.name}:${o.value}` : o.name);
  return order.map((n) => values.get(n)!);
}

/** The resolv.conf text containerd writes for the sandbox. */
export function resolvConfText(dns: DNSConfig): string {
  let s = "";
  if (dns.searches.length) s += `search ${dns.searches.join(" ")}\n`;
  for (const ns of dns.servers) s += `nameserver ${ns}\n`;
  if (dns.options.length) s += `options ${dns.options.join(" ")}\n`;
  return s;
}
