// klog's header for the few lines kubeadm logs at the default verbosity:
// "I1125 10:00:00.000000    4242 version.go:261] ...".
const p2 = (n: number) => String(n).padStart(2, "0");

export function klogLine(severity: "I" | "W" | "E", now: Date, pid: number, where: string, msg: string): string {
  const micros = String(now.getUTCMilliseconds() * 1000).padStart(6, "0");
  return `${severity}${p2(now.getUTCMonth() + 1)}${p2(now.getUTCDate())} ${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}:${p2(now.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${where}] ${msg}`;
}
