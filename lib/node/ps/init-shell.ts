// Stand-ins forked by a bash that already runs inside the node (the node's init reads the lab's
// commands from a pipe): one short line per stand-in instead of one nsenter per stand-in. The
// subshell forks the stand-in into the background and exits at once, so the stand-in is
// reparented to the node's init, as a daemon is. Everything written is single-quoted: command
// lines come from pod specs.
import type { StandInSpawner } from "./process-table.js";

/** The pipes of a bash that runs the lines written to stdin. */
export interface ShellChannel {
  stdin: NodeJS.WritableStream;
  stdout: NodeJS.ReadableStream;
}

const TAG = "drydock-standin";

/** bash single quotes; control characters become spaces (a command line is shown, not parsed). */
export function singleQuote(s: string): string {
  return `'${s.replace(/[\x00-\x1f\x7f]/g, " ").replace(/'/g, `'\\''`)}'`;
}

export class InitShellSpawner implements StandInSpawner {
  private nextId = 1;
  private pending = new Map<number, (pid: number | undefined) => void>();
  private buf = "";
  private closed = false;
  private holds = new Set<string>();

  constructor(private readonly channel: ShellChannel) {
    channel.stdout.on("data", (d: Buffer | string) => this.onData(String(d)));
    const close = () => this.close();
    channel.stdout.on("end", close);
    channel.stdout.on("close", close);
    channel.stdin.on("error", close);
  }

  spawn(cmdline: string, link: string, hold: string): Promise<number | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Nobody ever writes the FIFO; opened read-write it never gives EOF.
      if (!this.holds.has(hold)) {
        this.holds.add(hold);
        this.channel.stdin.write(`[ -p ${singleQuote(hold)} ] || mkfifo -m 600 ${singleQuote(hold)}\n`);
      }
      this.channel.stdin.write(`( exec -a ${singleQuote(cmdline)} ${singleQuote(link)} <>${singleQuote(hold)} >/dev/null 2>&1 & echo "${TAG} ${id} $!" )\n`);
    });
  }

  kill(pid: number): void {
    if (this.closed || !Number.isInteger(pid) || pid <= 1) return;
    this.channel.stdin.write(`kill -9 ${pid} 2>/dev/null\n`);
  }

  private onData(d: string): void {
    this.buf += d;
    let i;
    while ((i = this.buf.indexOf("\n")) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 1);
      const m = new RegExp(`^${TAG} (\\d+) (\\d+)$`).exec(line);
      if (!m) continue;
      const id = Number(m[1]);
      this.pending.get(id)?.(Number(m[2]) || undefined);
      this.pending.delete(id);
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }
}
