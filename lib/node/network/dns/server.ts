// CoreDNS as the lab runs it: DNS messages in, DNS messages out (dns-packet for the wire format),
// answered per the Corefile of the coredns ConfigMap (lib/cluster/network/corefile.ts) from the
// cluster's objects (lib/cluster/network/dns-records.ts). Serves the nodes' interceptors (UDP and
// TCP to 10.96.0.10:53 or a CoreDNS pod IP) and the containers' nslookup alike.
import dnsPacket from "dns-packet";
import { CorefileError, dnsConfigs, parseCorefile, type DnsConfig } from "../../../cluster/network/corefile";
import { answerQuestion, selectServerBlock, type ClusterView, type RR, type RRType } from "../../../cluster/network/dns-records";

export interface DnsServerDeps {
  /** The Corefile key of the coredns ConfigMap (undefined when the ConfigMap is gone). */
  corefile(): string | undefined;
  view(): ClusterView;
  /** Files the hosts plugin names, as the CoreDNS container sees them. */
  readFile?(path: string): string | undefined;
}

export interface DnsServer {
  /** A response to a query message, or undefined when CoreDNS would not answer (no valid Corefile). */
  answer(query: Buffer): Buffer | undefined;
  /** The error CoreDNS prints when it cannot load the current Corefile, else undefined. */
  configError(): string | undefined;
}

const SUPPORTED = new Set(["A", "AAAA", "SRV", "PTR", "CNAME", "SOA", "NS", "TXT", "ANY"]);
const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

function toPacket(rr: RR): dnsPacket.Answer {
  const name = rr.name.replace(/\.$/, "");
  const strip = (s: string) => s.replace(/\.$/, "");
  switch (rr.type) {
    case "SRV": {
      const d = rr.data as { priority: number; weight: number; port: number; target: string };
      return { name, type: "SRV", ttl: rr.ttl, class: "IN", data: { ...d, target: strip(d.target) } };
    }
    case "SOA": {
      const d = rr.data as { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
      return { name: name || ".", type: "SOA", ttl: rr.ttl, class: "IN", data: { ...d, mname: strip(d.mname), rname: strip(d.rname) } };
    }
    case "TXT":
      return { name, type: "TXT", ttl: rr.ttl, class: "IN", data: rr.data as string };
    default:
      return { name, type: rr.type, ttl: rr.ttl, class: "IN", data: strip(rr.data as string) } as dnsPacket.Answer;
  }
}

export function createDnsServer(deps: DnsServerDeps): DnsServer {
  let cachedSrc: string | undefined;
  let cached: { configs: DnsConfig[] } | { error: string } = { error: "no Corefile" };
  const load = () => {
    const src = deps.corefile();
    if (src === undefined) return (cached = { error: "no Corefile" });
    if (src === cachedSrc) return cached;
    cachedSrc = src;
    try {
      cached = { configs: dnsConfigs(parseCorefile(src), (p) => deps.readFile?.(p)) };
    } catch (e) {
      if (!(e instanceof CorefileError)) throw e;
      cached = { error: e.message };
    }
    return cached;
  };
  return {
    configError() {
      const c = load();
      return "error" in c ? c.error : undefined;
    },
    answer(query) {
      const c = load();
      if ("error" in c) return undefined;
      let q: dnsPacket.Packet;
      try {
        q = dnsPacket.decode(query);
      } catch {
        return undefined;
      }
      const rd = (q.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
      const question = q.questions?.[0];
      const base = { type: "response" as const, id: q.id, questions: q.questions };
      if (!question) return dnsPacket.encode({ ...base, flags: rd | RCODES.REFUSED });
      const cfg = selectServerBlock(question.name, c.configs);
      if (!cfg) return dnsPacket.encode({ ...base, flags: rd | RCODES.REFUSED });
      const qtype = (SUPPORTED.has(question.type) ? question.type : "TXT") as RRType;
      const a = SUPPORTED.has(question.type)
        ? answerQuestion(question.name, qtype, cfg, deps.view())
        : { rcode: "NOERROR" as const, authoritative: true, answers: [], authority: [], additionals: [] };
      // Answers carry the name the client asked, also after `rewrite name` (its answer auto mode).
      const asked = question.name.toLowerCase().replace(/\.$/, "") + ".";
      const fix = (rr: RR, i: number, all: RR[]) => (all === a.answers && rr.name !== asked ? { ...rr, name: asked } : rr);
      const answers = a.answers.map((rr, i, all) => fix(rr, i, all)).map(toPacket);
      return dnsPacket.encode({
        ...base,
        flags: rd | (a.authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | RCODES[a.rcode],
        answers,
        authorities: a.authority.map(toPacket),
        additionals: a.additionals.map(toPacket),
      });
    },
  };
}
