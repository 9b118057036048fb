// time.Duration.String (Go's time package): the text every kubelet message prints for a
// duration, e.g. "40s", "2m40s", "5m0s", "1.234s", "350ms".

export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    // Sub-second durations print in the largest unit that keeps an integer part.
    out = `${trimFraction(rest)}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = `${trimFraction(rest / 1000)}s`;
    out = h ? `${h}h${m}m${s}` : m ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFraction(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** Duration.Truncate(time.Millisecond). */
export const truncateMs = (ms: number): number => Math.trunc(ms);

/** time.ParseDuration for the units configs use ("10s", "1m30s", "500ms", "2h"); undefined if invalid. */
export function parseGoDuration(s: string): number | undefined {
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let sign = 1;
  let str = s;
  if (str.startsWith("-") || str.startsWith("+")) {
    sign = str.startsWith("-") ? -1 : 1;
    str = str.slice(1);
  }
  if (!str) return undefined;
  let total = 0;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  let pos = 0;
  while ((m = re.exec(str))) {
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== str.length) return undefined;
  return sign * total;
}
