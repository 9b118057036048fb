// A container's log file in the CRI format the kubelet and `kubectl logs` read
// (k8s.io/cri-api docs and containerd internal/cri/io/logger.go): one line per record,
// "<RFC3339Nano time> <stream> <P|F> <content>"; a line without its newline yet is held back
// until the newline or the stream's end, then written as a full (F) record.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Clock } from "../../cluster/api/types.js";

/** containerd's default max_container_log_line_size: longer lines are split into P records. */
export const MAX_LOG_LINE = 16 * 1024;

/** Go's time.RFC3339Nano: trailing zeros of the fraction are dropped, UTC as Z. */
export function rfc3339Nano(d: Date): string {
  const iso = d.toISOString(); // 2026-01-01T00:00:00.123Z
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return iso.slice(0, 19) + (frac ? `.${frac}` : "") + "Z";
}

export class ContainerLog {
  private partial: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };

  /** hostFile: the log file on the host (the node's /var/log/pods/... through nodePath). */
  constructor(
    readonly hostFile: string,
    private readonly clock: Clock,
  ) {
    fs.mkdirSync(path.dirname(hostFile), { recursive: true });
    fs.writeFileSync(hostFile, "");
  }

  write(stream: "stdout" | "stderr", data: string): void {
    let buf = this.partial[stream] + data;
    let nl: number;
    const out: string[] = [];
    const now = rfc3339Nano(this.clock.now());
    while ((nl = buf.indexOf("\n")) >= 0) {
      let line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      while (line.length > MAX_LOG_LINE) {
        out.push(`${now} ${stream} P ${line.slice(0, MAX_LOG_LINE)}\n`);
        line = line.slice(MAX_LOG_LINE);
      }
      out.push(`${now} ${stream} F ${line}\n`);
    }
    this.partial[stream] = buf;
    if (out.length) fs.appendFileSync(this.hostFile, out.join(""));
  }

  /** The process ended: what it wrote without a final newline becomes a record. */
  close(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.partial[stream]) this.write(stream, "\n");
    }
  }

  read(): Buffer {
    try {
      return fs.readFileSync(this.hostFile);
    } catch {
      return Buffer.alloc(0);
    }
  }
}
