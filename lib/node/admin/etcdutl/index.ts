// etcdutl (etcd v3.5 etcdutl/ctl.go) for the offline snapshot verbs, run by the Debian etcdctl
// 3.4 that works on snapshot files offline (ETCDCTL_API=3 etcdctl snapshot status|restore) and
// printed in etcdutl 3.5's formats (etcdutl/etcdutl/printer_*.go, olekukonko/tablewriter).
import { execFile } from "node:child_process";
import type { CommandIO, NodeCommand } from "../../types";

export interface EtcdutlDeps {
  /** The host's etcdctl 3.4; default /usr/bin/etcdctl. */
  etcdctl?: string;
  now?: () => Date;
}

export const ETCDUTL_VERSION = "3.5.16";
/** The storage version etcdutl 3.5 reports for a 3.5 cluster's snapshot. */
const STORAGE_VERSION = "3.5.0";

function runEtcdctl(bin: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { env: { ETCDCTL_API: "3", PATH: "/usr/bin:/bin" }, timeout: 60_000 }, (e, out, err) =>
      resolve({ code: e ? (typeof (e as { code?: unknown }).code === "number" ? ((e as { code: number }).code) : 1) : 0, out, err }),
    );
  });
}

/** go-humanize Bytes: SI units, one decimal under 10 ("2.1 MB", "25 kB"). */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ["B", "kB", "MB", "GB", "TB"];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const v = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  // Go's %.0f rounds half to even.
  const whole = v - Math.floor(v) === 0.5 ? (Math.floor(v) % 2 === 0 ? Math.floor(v) : Math.ceil(v)) : Math.round(v);
  return `${v < 10 ? v.toFixed(1) : String(whole)} ${units[e]}`;
}

/** tablewriter's defaults as etcdutl uses them: centred headers, numbers right-aligned, text left. */
export function etcdTable(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = "+" + w.map((x) => "-".repeat(x + 2)).join("+") + "+\n";
  const center = (s: string, x: number) => {
    const gap = x - s.length;
    const left = Math.floor(gap / 2);
    return " ".repeat(left) + s + " ".repeat(gap - left);
  };
  let out = line + "|" + header.map((h, i) => ` ${center(h, w[i])} `).join("|") + "|\n" + line;
  const numeric = (c: string) => /^[-+]?\d*\.?\d+$/.test(c);
  for (const r of rows) out += "|" + r.map((c, i) => ` ${numeric(c) ? c.padStart(w[i]) : c.padEnd(w[i])} `).join("|") + "|\n";
  return out + line;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
function zapTime(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

export function etcdutlCommand(deps: EtcdutlDeps = {}): NodeCommand {
  const bin = deps.etcdctl ?? "/usr/bin/etcdctl";
  const now = deps.now ?? (() => new Date());
  return async (io: CommandIO) => {
    const args = io.argv.slice(1);
    const flags = new Map<string, string>();
    const pos: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.startsWith("-")) {
        const eq = a.indexOf("=");
        const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^--?/, "");
        flags.set(name, eq > 0 ? a.slice(eq + 1) : (args[++i] ?? ""));
      } else pos.push(a);
    }
    if (pos[0] === "version") {
      io.stdout.write(`etcdutl version: ${ETCDUTL_VERSION}\nAPI version: 3.5\n`);
      return 0;
    }
    if (pos[0] !== "snapshot" || !["status", "restore"].includes(pos[1])) {
      io.stderr.write(`Drydock: 'etcdutl ${pos.join(" ")}' is not simulated yet.\n`);
      return 1;
    }
    const file = pos[2];
    if (!file) {
      io.stderr.write(`Error: snapshot ${pos[1]} requires exactly one argument\n`);
      return 1;
    }
    const hostFile = io.nodePath(file.startsWith("/") ? file : `${io.cwd}/${file}`);
    if (pos[1] === "status") {
      const r = await runEtcdctl(bin, ["snapshot", "status", hostFile, "-w", "json"]);
      if (r.code !== 0) {
        io.stderr.write(r.err.split(hostFile).join(file));
        return r.code;
      }
      const st = JSON.parse(r.out) as { hash: number; revision: number; totalKey: number; totalSize: number };
      const hash = (st.hash >>> 0).toString(16);
      const w = flags.get("w") ?? flags.get("write-out") ?? "simple";
      if (w === "json") io.stdout.write(JSON.stringify({ hash: st.hash, revision: st.revision, totalKey: st.totalKey, totalSize: st.totalSize, version: STORAGE_VERSION }) + "\n");
      else if (w === "table")
        io.stdout.write(etcdTable(["HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE", "VERSION"], [[hash, String(st.revision), String(st.totalKey), humanizeBytes(st.totalSize), STORAGE_VERSION]]));
      else io.stdout.write(`${hash}, ${st.revision}, ${st.totalKey}, ${humanizeBytes(st.totalSize)}, ${STORAGE_VERSION}\n`);
      return 0;
    }
    const dataDir = flags.get("data-dir") ?? `${flags.get("name") ?? "default"}.etcd`;
    const absData = dataDir.startsWith("/") ? dataDir : `${io.cwd}/${dataDir}`;
    const hostData = io.nodePath(absData);
    const pass = ["name", "initial-cluster", "initial-cluster-token", "initial-advertise-peer-urls", "skip-hash-check"];
    const extra = pass.filter((f) => flags.has(f)).map((f) => `--${f}=${flags.get(f)}`);
    const r = await runEtcdctl(bin, ["snapshot", "restore", hostFile, `--data-dir=${hostData}`, ...extra]);
    if (r.code !== 0) {
      const msg = r.err.split("\n").filter((l) => l.startsWith("Error:")).join("\n") || r.err.trim();
      io.stderr.write(msg.split(hostData).join(dataDir).split(hostFile).join(file) + "\n");
      return r.code;
    }
    const fields = `{"path": "${file}", "wal-dir": "${dataDir}/member/wal", "data-dir": "${dataDir}", "snap-dir": "${dataDir}/member/snap"}`;
    io.stderr.write(`${zapTime(now())}\tinfo\tsnapshot/v3_snapshot.go:248\trestoring snapshot\t${fields}\n`);
    io.stderr.write(`${zapTime(now())}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...\n`);
    io.stderr.write(`${zapTime(now())}\tinfo\tsnapshot/v3_snapshot.go:269\trestored snapshot\t${fields}\n`);
    return 0;
  };
}
