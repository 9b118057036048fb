// `kubectl logs` as the kubelet serves it (pkg/kubelet/kuberuntime/logs, kubelet_pods.go
// GetKubeletContainerLogs): the CRI log lines of the current or previous container, filtered by
// sinceSeconds/tailLines/limitBytes, with RFC3339Nano timestamps on request.
import { PassThrough } from "node:stream";
import { StatusError } from "../../cluster/api/types.js";

export interface LogOptions {
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Parses CRI log lines ("<RFC3339Nano> stdout|stderr P|F <content>"), joining partial lines. */
export function parseCriLog(buf: Buffer): { time: string; stream: string; line: string }[] {
  const out: { time: string; stream: string; line: string }[] = [];
  let partial = "";
  for (const raw of buf.toString().split("\n")) {
    if (!raw) continue;
    const m = /^(\S+) (stdout|stderr) ([PF]) ?(.*)$/.exec(raw);
    if (!m) continue;
    if (m[3] === "P") {
      partial += m[4];
      continue;
    }
    out.push({ time: m[1], stream: m[2], line: partial + m[4] });
    partial = "";
  }
  return out;
}

export function renderLogs(buf: Buffer, opts: LogOptions, now: Date): string {
  let lines = parseCriLog(buf);
  if (opts.sinceSeconds !== undefined) {
    const since = now.getTime() - opts.sinceSeconds * 1000;
    lines = lines.filter((l) => Date.parse(l.time) >= since);
  }
  if (opts.tailLines !== undefined) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  let text = lines.map((l) => (opts.timestamps ? `${l.time} ${l.line}\n` : `${l.line}\n`)).join("");
  if (opts.limitBytes !== undefined) text = Buffer.from(text).subarray(0, opts.limitBytes).toString();
  return text;
}

export const badRequest = (msg: string) => new StatusError(400, "BadRequest", msg);

export function logStream(read: () => Buffer, opts: LogOptions, now: () => Date, running: () => boolean, after: (ms: number, fn: () => void) => () => void): NodeJS.ReadableStream {
  const out = new PassThrough();
  const first = read();
  out.write(renderLogs(first, opts, now()));
  if (!opts.follow) {
    out.end();
    return out;
  }
  let sent = first.length;
  const poll = () => {
    const b = read();
    if (b.length > sent) {
      out.write(renderLogs(b.subarray(sent), { timestamps: opts.timestamps }, now()));
      sent = b.length;
    }
    if (running() && !out.destroyed) after(500, poll);
    else out.end();
  };
  after(500, poll);
  return out;
}
