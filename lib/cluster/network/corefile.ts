// The Corefile of the coredns ConfigMap, parsed the way CoreDNS (Caddy's caddyfile lexer) reads
// it: server blocks "zone[:port] ... { directive args { subdirectives } }". Only the plugins
// that change answers are interpreted (kubernetes, hosts, rewrite name, forward, log); the others
// are accepted when CoreDNS knows them. Errors carry CoreDNS's text:
//   "/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'kubernetess'"

export const COREFILE_PATH = "/etc/coredns/Corefile";

/** Directives of CoreDNS 1.11 (plugin.cfg); any other is "Unknown directive". */
const KNOWN = new Set(
  "root metadata geoip cancel tls timeouts multisocket reload nsid bufsize bind debug trace ready health pprof prometheus errors log dnstap local dns64 acl any chaos loadbalance tsig cache rewrite header dnssec autopath minimal template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on sign view".split(" "),
);

export interface Directive {
  name: string;
  args: string[];
  line: number;
  block: { name: string; args: string[]; line: number }[];
}

export interface ServerBlock {
  /** Zones normalised to "name." ("." for the root). */
  zones: string[];
  port: number;
  directives: Directive[];
}

export class CorefileError extends Error {}

interface Tok {
  text: string;
  line: number;
}

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "#") while (i < src.length && src[i] !== "\n") i++;
    else if (c === '"') {
      let s = "";
      const l = line;
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && src[i + 1] === '"') i++;
        if (src[i] === "\n") line++;
        s += src[i++];
      }
      i++;
      out.push({ text: s, line: l });
    } else {
      let s = "";
      while (i < src.length && !/\s/.test(src[i])) s += src[i++];
      out.push({ text: s, line });
    }
  }
  return out;
}

const err = (line: number, msg: string) => new CorefileError(`${COREFILE_PATH}:${line} - Error during parsing: ${msg}`);

export function normalizeZone(z: string): string {
  const name = z.replace(/^dns:\/\//, "").toLowerCase();
  return name === "." || name === "" ? "." : name.endsWith(".") ? name : name + ".";
}

export function parseCorefile(src: string): ServerBlock[] {
  const toks = lex(src);
  const blocks: ServerBlock[] = [];
  let i = 0;
  while (i < toks.length) {
    const keys: Tok[] = [];
    while (i < toks.length && toks[i].text !== "{") {
      for (const k of toks[i].text.split(",")) if (k) keys.push({ text: k, line: toks[i].line });
      i++;
    }
    if (i >= toks.length) throw err(toks[toks.length - 1]?.line ?? 1, "Unexpected EOF");
    const open = toks[i++];
    if (keys.length === 0) throw err(open.line, "Unexpected '{'");
    let port = 53;
    const zones = keys.map((k) => {
      const m = /^(.*?)(?::(\d+))?$/.exec(k.text)!;
      if (m[2]) port = Number(m[2]);
      return normalizeZone(m[1] || ".");
    });
    const directives: Directive[] = [];
    for (;;) {
      if (i >= toks.length) throw err(toks[toks.length - 1].line, "Unexpected EOF");
      const t = toks[i];
      if (t.text === "}") {
        i++;
        break;
      }
      if (!KNOWN.has(t.text)) throw err(t.line, `Unknown directive '${t.text}'`);
      const d: Directive = { name: t.text, args: [], line: t.line, block: [] };
      i++;
      while (i < toks.length && toks[i].line === t.line && toks[i].text !== "{" && toks[i].text !== "}") d.args.push(toks[i++].text);
      if (i < toks.length && toks[i].text === "{" && toks[i].line === t.line) {
        i++;
        for (;;) {
          if (i >= toks.length) throw err(toks[toks.length - 1].line, "Unexpected EOF");
          const s = toks[i];
          if (s.text === "}") {
            i++;
            break;
          }
          const sub = { name: s.text, args: [] as string[], line: s.line };
          i++;
          while (i < toks.length && toks[i].line === s.line && toks[i].text !== "}") sub.args.push(toks[i++].text);
          d.block.push(sub);
        }
      }
      directives.push(d);
    }
    blocks.push({ zones, port, directives });
  }
  return blocks;
}

/** What the DNS server needs from one server block. */
export interface DnsConfig {
  zones: string[];
  port: number;
  kubernetes?: { zones: string[]; ttl: number; podsInsecure: boolean; fallthrough: string[] | undefined };
  hosts?: { entries: Map<string, string[]>; ttl: number; fallthrough: boolean };
  rewrites: { kind: "exact" | "prefix" | "suffix" | "substring" | "regex"; from: string; to: string }[];
  forward?: { from: string; to: string[] };
  log: boolean;
  cacheTtl?: number;
}

const argErr = (d: { line: number; args: string[]; name: string }) =>
  err(d.line, `Wrong argument count or unexpected line ending after '${d.args[d.args.length - 1] ?? d.name}'`);

/** Interprets the blocks; throws CorefileError for setup errors of the interpreted plugins.
 *  hostsFile reads a file named by the hosts plugin (default /etc/hosts of the CoreDNS image). */
export function dnsConfigs(blocks: ServerBlock[], hostsFile: (path: string) => string | undefined = () => undefined): DnsConfig[] {
  return blocks.map((b) => {
    const cfg: DnsConfig = { zones: b.zones, port: b.port, rewrites: [], log: false };
    for (const d of b.directives) {
      switch (d.name) {
        case "kubernetes": {
          const k = { zones: d.args.length ? d.args.map(normalizeZone) : b.zones, ttl: 5, podsInsecure: false, fallthrough: undefined as string[] | undefined };
          for (const s of d.block) {
            if (s.name === "pods") k.podsInsecure = s.args[0] === "insecure" || s.args[0] === "verified";
            else if (s.name === "fallthrough") k.fallthrough = s.args.map(normalizeZone);
            else if (s.name === "ttl") {
              const n = Number(s.args[0]);
              if (s.args.length !== 1 || !Number.isInteger(n)) throw argErr(s);
              if (n < 0 || n > 3600) throw err(s.line, `ttl must be in range [0, 3600]: ${n}`);
              k.ttl = n;
            }
          }
          cfg.kubernetes = k;
          break;
        }
        case "hosts": {
          const entries = new Map<string, string[]>();
          let ttl = 3600;
          let fallthrough = false;
          const add = (line: string) => {
            const f = line.replace(/#.*/, "").trim().split(/\s+/);
            if (f.length < 2 || !/^[\d.]+$|:/.test(f[0])) return;
            for (const n of f.slice(1)) {
              const key = normalizeZone(n);
              entries.set(key, [...(entries.get(key) ?? []), f[0]]);
            }
          };
          const file = d.args[0] ?? "/etc/hosts";
          for (const l of (hostsFile(file) ?? "").split("\n")) add(l);
          for (const s of d.block) {
            if (s.name === "fallthrough") fallthrough = true;
            else if (s.name === "ttl") ttl = Number(s.args[0]);
            else if (s.name === "reload" || s.name === "no_reverse") continue;
            else add([s.name, ...s.args].join(" "));
          }
          cfg.hosts = { entries, ttl, fallthrough };
          break;
        }
        case "rewrite": {
          const a = d.args[0] === "stop" || d.args[0] === "continue" ? d.args.slice(1) : d.args;
          if (a[0] !== "name") break;
          const kinds = ["exact", "prefix", "suffix", "substring", "regex"] as const;
          const kind = (kinds as readonly string[]).includes(a[1]) ? (a[1] as (typeof kinds)[number]) : "exact";
          const rest = kind === "exact" && a[1] !== "exact" ? a.slice(1) : a.slice(2);
          if (rest.length < 2) throw argErr(d);
          cfg.rewrites.push({ kind, from: rest[0], to: rest[1] });
          break;
        }
        case "forward":
          if (d.args.length < 2) throw argErr(d);
          cfg.forward = { from: normalizeZone(d.args[0]), to: d.args.slice(1) };
          break;
        case "log":
          cfg.log = true;
          break;
        case "cache":
          cfg.cacheTtl = d.args[0] ? Number(d.args[0]) : 3600;
          break;
      }
    }
    return cfg;
  });
}
