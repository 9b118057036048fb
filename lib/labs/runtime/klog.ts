// klog's text header, as the Kubernetes components print each log line:
// Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function klogLine(severity: "I" | "W" | "E" | "F", at: Date, pid: number, source: string, msg: string): string {
  const us = at.getUTCMilliseconds() * 1000;
  return `${severity}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(us, 6)} ${String(pid).padStart(7)} ${source}] ${msg}`;
}

/** Structured klog values: strings quoted as Go's %q, others as they print. */
export function klogKV(msg: string, kv: Record<string, unknown> = {}): string {
  const parts = [JSON.stringify(msg)];
  for (const [k, v] of Object.entries(kv)) parts.push(`${k}=${typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v)}`);
  return parts.join(" ");
}
