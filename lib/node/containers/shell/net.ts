// What a container's network commands (wget, nc, nslookup, ping, curl) need: its pod IP, a dialer
// and a DNS transport from the lab network, and a stub resolver that reads the container's own
// /etc/hosts and /etc/resolv.conf like musl/glibc do (search list, ndots).
import dnsPacket from "dns-packet";
import type { Duplex } from "node:stream";
import type { IFileSystem } from "just-bash";

export interface ContainerNetwork {
  podIP: string;
  dial(ip: string, port: number): Promise<Duplex | "refused" | "timeout">;
  dns(query: Buffer): Promise<Buffer | undefined>;
}

export interface ResolvConf {
  servers: string[];
  searches: string[];
  ndots: number;
}

export type Lookup = { ok: true; ip: string; fqdn: string } | { ok: false; reason: "nxdomain" | "timeout" };

export const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export async function readResolvConf(fs: IFileSystem): Promise<ResolvConf> {
  const conf: ResolvConf = { servers: [], searches: [], ndots: 1 };
  let text = "";
  try {
    text = await fs.readFile("/etc/resolv.conf");
  } catch {
    return conf;
  }
  for (const line of text.split("\n")) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === "nameserver" && rest[0]) conf.servers.push(rest[0]);
    if (key === "search") conf.searches = rest;
    if (key === "options") for (const o of rest) if (o.startsWith("ndots:")) conf.ndots = Number(o.slice(6)) || 0;
  }
  return conf;
}

async function hostsLookup(fs: IFileSystem, name: string): Promise<string | undefined> {
  let text = "";
  try {
    text = await fs.readFile("/etc/hosts");
  } catch {
    return undefined;
  }
  for (const line of text.split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length >= 2 && IPV4_RE.test(fields[0]) && fields.slice(1).includes(name)) return fields[0];
  }
  return undefined;
}

let queryId = 1;

/** One DNS question; undefined when the server does not answer. */
export async function query(
  net: ContainerNetwork,
  name: string,
  type: "A" | "AAAA" | "PTR",
): Promise<{ rcode: string; answers: dnsPacket.Answer[] } | undefined> {
  const id = (queryId = (queryId % 65535) + 1);
  const q = dnsPacket.encode({ type: "query", id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name, class: "IN" }] });
  const reply = await net.dns(q);
  if (!reply) return undefined;
  const packet = dnsPacket.decode(reply);
  return { rcode: (packet as { rcode?: string }).rcode ?? "NOERROR", answers: packet.answers ?? [] };
}

/** The names a stub resolver tries, in order (resolv.conf(5): ndots decides absolute-first). */
export function candidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  const searched = conf.searches.map((s) => `${name}.${s}`);
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}

export async function lookup(fs: IFileSystem, net: ContainerNetwork, name: string): Promise<Lookup> {
  if (IPV4_RE.test(name)) return { ok: true, ip: name, fqdn: name };
  const fromHosts = await hostsLookup(fs, name);
  if (fromHosts) return { ok: true, ip: fromHosts, fqdn: name };
  const conf = await readResolvConf(fs);
  let answered = false;
  for (const fqdn of candidates(name, conf)) {
    const r = await query(net, fqdn, "A");
    if (!r) continue;
    answered = true;
    const a = r.answers.find((x) => x.type === "A");
    if (a) return { ok: true, ip: answerData(a), fqdn };
  }
  return { ok: false, reason: answered ? "nxdomain" : "timeout" };
}

export async function reverse(net: ContainerNetwork, ip: string): Promise<string | undefined> {
  const m = IPV4_RE.exec(ip);
  if (!m) return undefined;
  const r = await query(net, `${m[4]}.${m[3]}.${m[2]}.${m[1]}.in-addr.arpa`, "PTR");
  const ptr = r?.answers.find((x) => x.type === "PTR");
  return ptr ? answerData(ptr).replace(/\.$/, "") : undefined;
}

/** Races a promise against a timer; "timeout" when the timer wins. */
export function withTimeout<T>(p: Promise<T>, ms: number, after: (ms: number, fn: () => void) => () => void): Promise<T | "timeout"> {
  return new Promise((resolve, reject) => {
    const cancel = after(ms, () => resolve("timeout"));
    p.then(
      (v) => {
        cancel();
        resolve(v);
      },
      (e) => {
        cancel();
        reject(e);
      },
    );
  });
}

/** The rdata of an A or PTR answer as text. */
export function answerData(a: dnsPacket.Answer): string {
  return String((a as { data?: unknown }).data);
}
