// klog's text header and structured values (k8s.io/klog/v2 and its textlogger): the lines
// `journalctl -u kubelet` shows, e.g.
//   I0101 10:00:00.123456    1234 kubelet_node_status.go:75] "Attempting to register node" node="node01"
export type Severity = "I" | "W" | "E" | "F";

function quoteValue(v: unknown): string {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(String(x))).join(",")}]`;
  const s = String(v);
  // Multi-line values are printed as a <\n\t...\n > block, as klog does.
  if (s.includes("\n")) return `<\n\t${s.split("\n").join("\n\t")}\n >`;
  return JSON.stringify(s);
}

export function klogHeader(sev: Severity, at: Date, pid: number, source: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const micros = p(at.getUTCMilliseconds(), 3) + "000";
  return `${sev}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${source}]`;
}

/** One structured line: message then key="value" pairs (an "err" key first when given as error). */
export function klogLine(sev: Severity, at: Date, pid: number, source: string, msg: string, kv: [string, unknown][] = []): string {
  const parts = [klogHeader(sev, at, pid, source), JSON.stringify(msg)];
  for (const [k, v] of kv) parts.push(`${k}=${quoteValue(v)}`);
  return parts.join(" ");
}

/** A printf-style (non-structured) line. */
export function klogText(sev: Severity, at: Date, pid: number, source: string, text: string): string {
  return `${klogHeader(sev, at, pid, source)} ${text}`;
}
