// Go's text/tabwriter as kubeadm uses it (minwidth, tabwidth, padding, padchar ' ', flags 0):
// every cell but a line's last is padded to max(widest cell + padding, minwidth).
export function tabwrite(lines: string[][], minwidth = 10, padding = 3): string {
  const cols = Math.max(0, ...lines.map((l) => l.length - 1));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    widths[c] = Math.max(minwidth, ...lines.filter((l) => l.length - 1 > c).map((l) => [...l[c]].length + padding));
  }
  return lines.map((l) => l.map((cell, c) => (c < l.length - 1 ? cell + " ".repeat(widths[c] - [...cell].length) : cell)).join("") + "\n").join("");
}

/** k8s.io/apimachinery/pkg/util/duration.ShortHumanDuration. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** time.ParseDuration for the forms kubeadm's --ttl takes ("24h", "1h30m", "0", "90s"). */
export function parseGoDuration(v: string): number | undefined {
  if (v === "0") return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(v)) !== null) {
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  return pos === v.length && pos > 0 ? total : undefined;
}

/** Go's time.Duration String(): 24h → "24h0m0s". */
export function goDurationString(ms: number): string {
  if (ms === 0) return "0s";
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
