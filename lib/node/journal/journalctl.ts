// journalctl v255 (src/journal/journalctl.c) over a node's Journal: -u, -n, -f, -e, -r, -o,
// -p, --since/--until, -b, -x, -q, --no-pager, --no-hostname; "-- No entries --" when nothing matches.
import type { Time } from "../../cluster/runtime/timers.js";
import type { CommandIO, NodeCommand } from "../types";
import { formatEntry, OUTPUT_MODES, type OutputMode } from "./format";
import type { Journal, JournalEntry } from "./journal";
import { Priority } from "./journal";

interface Opts {
  units: string[];
  identifiers: string[];
  lines?: number;
  follow: boolean;
  reverse: boolean;
  output: OutputMode;
  since?: Date;
  until?: Date;
  maxPriority: number;
  quiet: boolean;
  noHostname: boolean;
}

const mangle = (n: string) => (n.includes(".") ? n : `${n}.service`);

/** parse_timestamp (src/basic/time-util.c) for the forms people type. */
export function parseTimestamp(v: string, now: Date): Date | undefined {
  const day = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (v === "now") return now;
  if (v === "today") return day(now);
  if (v === "yesterday") return new Date(day(now).getTime() - 86400000);
  if (v === "tomorrow") return new Date(day(now).getTime() + 86400000);
  const units: Record<string, number> = { s: 1e3, sec: 1e3, second: 1e3, seconds: 1e3, m: 6e4, min: 6e4, minute: 6e4, minutes: 6e4, h: 36e5, hour: 36e5, hours: 36e5, d: 864e5, day: 864e5, days: 864e5 };
  const rel = /^([+-])?\s*(\d+)\s*([a-z]+)(\s+ago)?$/.exec(v.trim());
  if (rel && units[rel[3]] !== undefined) {
    const sign = rel[1] === "-" || rel[4] ? -1 : 1;
    return new Date(now.getTime() + sign * Number(rel[2]) * units[rel[3]]);
  }
  const abs = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v.trim());
  if (abs) return new Date(Date.UTC(+abs[1], +abs[2] - 1, +abs[3], +(abs[4] ?? 0), +(abs[5] ?? 0), +(abs[6] ?? 0)));
  const time = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v.trim());
  if (time) return new Date(day(now).getTime() + (+time[1] * 3600 + +time[2] * 60 + +(time[3] ?? 0)) * 1000);
  return undefined;
}

const PRIORITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

function parse(argv: string[], now: Date): Opts | string {
  const o: Opts = { units: [], identifiers: [], follow: false, reverse: false, output: "short", maxPriority: Priority.debug, quiet: false, noHostname: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const long = a.startsWith("--") && eq > 0;
    const flag = long ? a.slice(0, eq) : a;
    const inline = long ? a.slice(eq + 1) : undefined;
    const val = (): string | undefined => inline ?? argv[++i];
    const shortVal = (f: string) => (a.length > 2 && a.startsWith(f) && !a.startsWith("--") ? a.slice(2) : undefined);
    if (["--no-pager", "-b", "--boot", "-x", "--catalog", "-a", "--all", "--system", "-l", "--full", "--no-tail", "--merge", "-m"].includes(flag)) {
      // -b with an explicit boot id/offset: only the current boot exists.
      if ((flag === "-b" || flag === "--boot") && inline === undefined && argv[i + 1] !== undefined && /^(-?\d+|[0-9a-f]{32})$/.test(argv[i + 1])) i++;
      continue;
    }
    if (flag === "-u" || flag === "--unit" || shortVal("-u") !== undefined) {
      const v = shortVal("-u") ?? val();
      if (v === undefined) return "journalctl: option requires an argument -- 'u'";
      o.units.push(mangle(v));
    } else if (flag === "-t" || flag === "--identifier") {
      const v = val();
      if (v === undefined) return "journalctl: option requires an argument -- 't'";
      o.identifiers.push(v);
    } else if (flag === "-n" || flag === "--lines" || shortVal("-n") !== undefined) {
      let v = shortVal("-n") ?? inline;
      if (v === undefined && argv[i + 1] !== undefined && /^\+?\d+$/.test(argv[i + 1])) v = argv[++i];
      if (v === "all") o.lines = undefined;
      else if (v === undefined) o.lines = 10;
      else if (/^\+?\d+$/.test(v)) o.lines = Number(v.replace("+", ""));
      else return `Failed to parse lines '${v}'`;
    } else if (flag === "-f" || flag === "--follow") o.follow = true;
    else if (flag === "-e" || flag === "--pager-end") o.lines ??= 1000;
    else if (flag === "-r" || flag === "--reverse") o.reverse = true;
    else if (flag === "-q" || flag === "--quiet") o.quiet = true;
    else if (flag === "--no-hostname") o.noHostname = true;
    else if (flag === "-o" || flag === "--output" || shortVal("-o") !== undefined) {
      const v = shortVal("-o") ?? val();
      if (!v || !OUTPUT_MODES.includes(v as OutputMode)) return `Unknown output format '${v}'.`;
      o.output = v as OutputMode;
    } else if (flag === "-p" || flag === "--priority" || shortVal("-p") !== undefined) {
      const v = shortVal("-p") ?? val() ?? "";
      const hi = v.includes("..") ? v.split("..")[1] : v;
      const n = /^\d$/.test(hi) ? Number(hi) : PRIORITIES.indexOf(hi);
      if (n < 0) return `Unknown log level ${v}`;
      o.maxPriority = n;
    } else if (flag === "-S" || flag === "--since" || flag === "-U" || flag === "--until") {
      const v = val() ?? "";
      const t = parseTimestamp(v, now);
      if (!t) return `Failed to parse timestamp: ${v}`;
      if (flag === "-S" || flag === "--since") o.since = t;
      else o.until = t;
    } else return `journalctl: unrecognized option '${a}'`;
  }
  return o;
}

export interface JournalctlDeps {
  journal: Journal;
  time: Time;
  hostname: string;
  bootId: string;
}

export function journalctlCommand(deps: JournalctlDeps): NodeCommand {
  return async (io: CommandIO) => {
    const o = parse(io.argv.slice(1), deps.time.now());
    if (typeof o === "string") {
      io.stderr.write(o + "\n");
      return 1;
    }
    const match = (e: JournalEntry) =>
      (o.units.length === 0 || (e.unit !== undefined && o.units.includes(e.unit))) &&
      (o.identifiers.length === 0 || o.identifiers.includes(e.identifier)) &&
      e.priority <= o.maxPriority &&
      (!o.since || e.time >= o.since) &&
      (!o.until || e.time <= o.until);
    const line = (e: JournalEntry) => {
      const text = formatEntry(e, deps.hostname, o.output, deps.bootId);
      return (o.noHostname && o.output.startsWith("short") ? text.replace(` ${deps.hostname} `, " ") : text) + "\n";
    };
    let list = deps.journal.entries().filter(match);
    // -f alone shows the last 10 lines first, as journalctl does.
    const lines = o.lines ?? (o.follow ? 10 : undefined);
    if (lines !== undefined) list = list.slice(Math.max(0, list.length - lines));
    if (o.reverse) list.reverse();
    for (const e of list) io.stdout.write(line(e));
    if (!o.follow) {
      if (list.length === 0 && !o.quiet) io.stdout.write("-- No entries --\n");
      return 0;
    }
    // Follow until the client goes away (Ctrl-C closes our stdout) or its stdin ends on a tty-less pipe.
    return new Promise<number>((resolve) => {
      const stop = deps.journal.subscribe((e) => {
        if (match(e)) io.stdout.write(line(e));
      });
      const done = () => {
        stop();
        resolve(0);
      };
      io.stdout.once("close", done);
      io.stdout.once("error", done);
    });
  };
}
