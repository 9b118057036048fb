// The answers CoreDNS's kubernetes plugin (plugin/kubernetes: parse.go, kubernetes.go
// Records/ServiceRecords, reverse.go, ns.go) gives for cluster names, computed from API objects,
// plus hosts, rewrite name and an offline forward. Pure: records in, records out; the wire format
// is lib/node/network/dns.
import type { KObject } from "../api/types.js";
import type { DnsConfig } from "./corefile.js";

export type RRType = "A" | "AAAA" | "SRV" | "PTR" | "CNAME" | "SOA" | "NS" | "TXT" | "ANY";

export type RData =
  | string
  | { priority: number; weight: number; port: number; target: string }
  | { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };

export interface RR {
  name: string;
  type: Exclude<RRType, "ANY">;
  ttl: number;
  data: RData;
}

export interface DnsAnswer {
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED";
  authoritative: boolean;
  answers: RR[];
  authority: RR[];
  additionals: RR[];
}

export interface ClusterView {
  services: KObject[];
  endpointSlices: KObject[];
  namespaces: KObject[];
  /** SOA serial: CoreDNS uses the time of the last API change, in unix seconds. */
  serial: number;
}

const lower = (s: string) => s.toLowerCase();
const fqdn = (s: string) => (s.endsWith(".") ? s : s + ".");
const dashed = (ip: string) => ip.replace(/[.:]/g, "-");
const inZone = (name: string, zone: string) => zone === "." || name === zone || name.endsWith("." + zone);

function soa(zone: string, ttl: number, serial: number): RR {
  return { name: zone, type: "SOA", ttl, data: { mname: `ns.dns.${zone === "." ? "" : zone}`, rname: `hostmaster.${zone === "." ? "" : zone}`, serial, refresh: 7200, retry: 1800, expire: 86400, minimum: ttl } };
}

interface Svc {
  ns: string;
  name: string;
  spec: { type?: string; clusterIP?: string; externalName?: string; ports?: { name?: string; protocol?: string; port: number }[] };
}
interface Ep {
  ip: string;
  hostname?: string;
  ports: { name: string; protocol: string; port: number }[];
}

function svcOf(o: KObject): Svc {
  return { ns: o.metadata?.namespace ?? "", name: o.metadata?.name ?? "", spec: (o.spec ?? {}) as Svc["spec"] };
}

/** Ready endpoints of a Service across its slices (the kubernetes plugin skips not-ready ones). */
function endpointsOf(view: ClusterView, s: Svc): Ep[] {
  const out = new Map<string, Ep>();
  for (const sl of view.endpointSlices) {
    if (sl.metadata?.namespace !== s.ns || sl.metadata?.labels?.["kubernetes.io/service-name"] !== s.name) continue;
    const slice = sl as { addressType?: string; ports?: { name?: string; protocol?: string; port?: number }[]; endpoints?: { addresses?: string[]; hostname?: string; conditions?: { ready?: boolean | null } }[] };
    if (slice.addressType !== "IPv4") continue;
    const ports = (slice.ports ?? []).filter((p) => p.port !== undefined).map((p) => ({ name: p.name ?? "", protocol: p.protocol ?? "TCP", port: p.port! }));
    for (const e of slice.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const ip of e.addresses ?? []) if (!out.has(ip)) out.set(ip, { ip, hostname: e.hostname, ports });
    }
  }
  return [...out.values()].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

const headless = (s: Svc) => s.spec.type !== "ExternalName" && (!s.spec.clusterIP || s.spec.clusterIP === "None");

/** Resolves one question against the kubernetes plugin of cfg; undefined = not handled (fall through). */
export function kubernetesAnswer(qname: string, qtype: RRType, k: NonNullable<DnsConfig["kubernetes"]>, view: ClusterView): DnsAnswer | undefined {
  const name = lower(fqdn(qname));
  const zone = k.zones.filter((z) => inZone(name, z)).sort((a, b) => b.length - a.length)[0];
  if (!zone) return undefined;
  const ttl = k.ttl;
  const ok = (answers: RR[], additionals: RR[] = []): DnsAnswer => ({ rcode: "NOERROR", authoritative: true, answers, authority: answers.length ? [] : [soa(zone, ttl, view.serial)], additionals });
  const nx = (): DnsAnswer | undefined =>
    k.fallthrough && (k.fallthrough.length === 0 || k.fallthrough.some((z) => inZone(name, z))) ? undefined : { rcode: "NXDOMAIN", authoritative: true, answers: [], authority: [soa(zone, ttl, view.serial)], additionals: [] };

  if (zone.endsWith("in-addr.arpa.") || zone.endsWith("ip6.arpa.")) {
    if (qtype !== "PTR" && qtype !== "ANY") return nx();
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(name);
    if (!m) return nx();
    const ip = [m[4], m[3], m[2], m[1]].join(".");
    const clusterZone = k.zones.find((z) => !z.endsWith("arpa.")) ?? "cluster.local.";
    for (const o of view.services) {
      const s = svcOf(o);
      if (s.spec.clusterIP === ip) return ok([{ name, type: "PTR", ttl, data: `${s.name}.${s.ns}.svc.${clusterZone}` }]);
    }
    for (const o of view.services) {
      const s = svcOf(o);
      for (const e of endpointsOf(view, s)) if (e.ip === ip) return ok([{ name, type: "PTR", ttl, data: `${e.hostname ?? dashed(e.ip)}.${s.name}.${s.ns}.svc.${clusterZone}` }]);
    }
    return nx();
  }

  const labels = name === zone ? [] : name.slice(0, -(zone.length + 1)).split(".");
  if (labels.length === 0) {
    if (qtype === "SOA" || qtype === "ANY") return ok([soa(zone, ttl, view.serial)]);
    if (qtype === "NS") return ok([{ name: zone, type: "NS", ttl, data: `ns.dns.${zone}` }]);
    return ok([]);
  }
  const kind = labels[labels.length - 1];
  const nsExists = (ns: string) => view.namespaces.some((n) => n.metadata?.name === ns);

  if (kind === "pod") {
    if (labels.length === 1) return ok([]);
    if (labels.length === 2) return nsExists(labels[0]) ? ok([]) : nx();
    if (labels.length !== 3) return nx();
    const ip = labels[0].replace(/-/g, ".");
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) || !k.podsInsecure) return nx();
    return qtype === "A" || qtype === "ANY" ? ok([{ name, type: "A", ttl, data: ip }]) : ok([]);
  }
  if (kind !== "svc") return nx();
  if (labels.length === 1) return ok([]);
  const ns = labels[labels.length - 2];
  if (labels.length === 2) return nsExists(ns) ? ok([]) : nx();
  const svcName = labels[labels.length - 3];
  const o = view.services.find((x) => x.metadata?.namespace === ns && x.metadata?.name === svcName);
  if (!o) return nx();
  const s = svcOf(o);
  const svcFqdn = `${s.name}.${s.ns}.svc.${zone}`;
  const rest = labels.slice(0, -3);
  const eps = headless(s) ? endpointsOf(view, s) : [];

  if (rest.length === 2 && rest[0].startsWith("_") && rest[1].startsWith("_")) {
    const portName = rest[0].slice(1);
    const proto = rest[1].slice(1);
    if (qtype !== "SRV" && qtype !== "ANY") return ok([]);
    return srv(name, s, eps, svcFqdn, ttl, (p) => (portName === "*" || lower(p.name ?? "") === portName) && (proto === "*" || lower(p.protocol ?? "TCP") === proto), ok, nx);
  }
  if (rest.length === 1) {
    // An endpoint of a headless Service by hostname or dashed IP.
    const e = eps.find((x) => lower(x.hostname ?? dashed(x.ip)) === rest[0]);
    if (!e) return nx();
    return qtype === "A" || qtype === "ANY" ? ok([{ name, type: "A", ttl, data: e.ip }]) : ok([]);
  }
  if (rest.length > 0) return nx();

  if (s.spec.type === "ExternalName") {
    if (!s.spec.externalName) return nx();
    return ok([{ name, type: "CNAME", ttl, data: fqdn(lower(s.spec.externalName)) }]);
  }
  if (qtype === "SRV") return srv(name, s, eps, svcFqdn, ttl, () => true, ok, nx);
  if (qtype !== "A" && qtype !== "ANY") return ok([]);
  if (headless(s)) {
    if (eps.length === 0) return nx();
    return ok(eps.map((e) => ({ name, type: "A" as const, ttl, data: e.ip })));
  }
  return ok([{ name, type: "A", ttl, data: s.spec.clusterIP! }]);
}

function srv(
  name: string,
  s: Svc,
  eps: Ep[],
  svcFqdn: string,
  ttl: number,
  match: (p: { name?: string; protocol?: string }) => boolean,
  ok: (a: RR[], add?: RR[]) => DnsAnswer,
  nx: () => DnsAnswer | undefined,
): DnsAnswer | undefined {
  const answers: RR[] = [];
  const additionals: RR[] = [];
  if (headless(s)) {
    const rows: { target: string; port: number; ip: string }[] = [];
    for (const e of eps) for (const p of e.ports) if (match(p)) rows.push({ target: `${e.hostname ?? dashed(e.ip)}.${svcFqdn}`, port: p.port, ip: e.ip });
    // plugin/backend_lookup.go: weight = 100 / number of records of the same priority.
    const weight = rows.length ? Math.floor(100 / rows.length) : 0;
    for (const r of rows) {
      answers.push({ name, type: "SRV", ttl, data: { priority: 0, weight, port: r.port, target: r.target } });
      additionals.push({ name: r.target, type: "A", ttl, data: r.ip });
    }
  } else {
    const ports = (s.spec.ports ?? []).filter(match);
    const weight = ports.length ? Math.floor(100 / ports.length) : 0;
    for (const p of ports) answers.push({ name, type: "SRV", ttl, data: { priority: 0, weight, port: p.port, target: svcFqdn } });
    if (ports.length) additionals.push({ name: svcFqdn, type: "A", ttl, data: s.spec.clusterIP! });
  }
  return answers.length ? ok(answers, additionals) : nx();
}

/** Applies `rewrite name` rules to a question name (first match wins, as `stop` does). */
export function rewriteName(qname: string, rules: DnsConfig["rewrites"]): string {
  const name = lower(fqdn(qname));
  for (const r of rules) {
    const from = lower(r.from);
    const to = lower(r.to);
    if (r.kind === "exact" && name === fqdn(from)) return fqdn(to);
    if (r.kind === "prefix" && name.startsWith(from)) return to + name.slice(from.length);
    if (r.kind === "suffix" && (name.endsWith(from) || name.endsWith(fqdn(from)))) {
      const f = name.endsWith(fqdn(from)) ? fqdn(from) : from;
      return name.slice(0, -f.length) + fqdn(to).slice(0, f.endsWith(".") ? undefined : -1);
    }
    if (r.kind === "substring" && name.includes(from)) return name.replace(from, to);
    if (r.kind === "regex") {
      try {
        const re = new RegExp(r.from);
        if (re.test(name)) return fqdn(name.replace(re, r.to.replace(/\{(\d+)\}/g, "$$$1")));
      } catch {
        // invalid pattern: CoreDNS would have refused the Corefile; ignore here
      }
    }
  }
  return name;
}

/** The whole plugin chain of one server block for one question. */
export function answerQuestion(qname: string, qtype: RRType, cfg: DnsConfig, view: ClusterView): DnsAnswer {
  const name = rewriteName(qname, cfg.rewrites);
  if (cfg.hosts) {
    const ips = cfg.hosts.entries.get(name);
    if (ips) {
      const want = qtype === "AAAA" ? "AAAA" : "A";
      const rrs = ips.filter((ip) => ip.includes(":") === (want === "AAAA")).map((ip) => ({ name, type: want as "A", ttl: cfg.hosts!.ttl, data: ip }));
      return { rcode: "NOERROR", authoritative: true, answers: qtype === "A" || qtype === "AAAA" ? rrs : [], authority: [], additionals: [] };
    }
    if (!cfg.hosts.fallthrough && cfg.zones.some((z) => inZone(name, z)) && !cfg.kubernetes && !cfg.forward) {
      return { rcode: "NXDOMAIN", authoritative: true, answers: [], authority: [], additionals: [] };
    }
  }
  if (cfg.kubernetes) {
    const a = kubernetesAnswer(name, qtype, cfg.kubernetes, view);
    if (a) return a;
  }
  // forward: nothing leaves the lab, so an upstream never answers: CoreDNS's forward plugin
  // then fails the query with SERVFAIL.
  if (cfg.forward && inZone(name, cfg.forward.from)) return { rcode: "SERVFAIL", authoritative: false, answers: [], authority: [], additionals: [] };
  return { rcode: "SERVFAIL", authoritative: false, answers: [], authority: [], additionals: [] };
}

/** The server block serving a name: the one with the longest matching zone (CoreDNS's dnsserver). */
export function selectServerBlock(qname: string, configs: DnsConfig[], port = 53): DnsConfig | undefined {
  const name = lower(fqdn(qname));
  let best: { cfg: DnsConfig; len: number } | undefined;
  for (const c of configs) {
    if (c.port !== port) continue;
    for (const z of c.zones) if (inZone(name, z) && (!best || z.length > best.len)) best = { cfg: c, len: z.length };
  }
  return best?.cfg;
}
