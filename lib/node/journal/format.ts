// journalctl's output modes (systemd src/shared/logs-show.c): short (the default), short-iso,
// short-precise, cat and json. Times are UTC, as the lab's nodes run with TZ=UTC.
import type { JournalEntry } from "./journal";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "Nov 25 10:00:00": strftime "%b %d %H:%M:%S" in UTC. */
export function syslogTime(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export type OutputMode = "short" | "short-iso" | "short-precise" | "short-full" | "cat" | "json" | "with-unit";

export const OUTPUT_MODES: readonly OutputMode[] = ["short", "short-iso", "short-precise", "short-full", "cat", "json", "with-unit"];

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function isoTime(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}

/** One entry as journalctl prints it (without the newline). */
export function formatEntry(e: JournalEntry, hostname: string, mode: OutputMode = "short", bootId = ""): string {
  const who = `${e.identifier}[${e.pid}]`;
  switch (mode) {
    case "cat":
      return e.message;
    case "short-iso":
      return `${isoTime(e.time)} ${hostname} ${who}: ${e.message}`;
    case "short-precise":
      return `${syslogTime(e.time)}.${pad(e.time.getUTCMilliseconds(), 3)}000 ${hostname} ${who}: ${e.message}`;
    case "short-full": {
      const d = e.time;
      return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${hostname} ${who}: ${e.message}`;
    }
    case "with-unit":
      return `${syslogTime(e.time)} ${hostname} ${e.unit ?? e.identifier}[${e.pid}]: ${e.message}`;
    case "json": {
      const us = String(e.time.getTime() * 1000);
      const obj: Record<string, string> = {
        __REALTIME_TIMESTAMP: us,
        _BOOT_ID: bootId,
        PRIORITY: String(e.priority),
        SYSLOG_IDENTIFIER: e.identifier,
        _PID: String(e.pid),
        _HOSTNAME: hostname,
        MESSAGE: e.message,
      };
      if (e.unit) obj[e.identifier === "systemd" ? "UNIT" : "_SYSTEMD_UNIT"] = e.unit;
      return JSON.stringify(obj);
    }
    default:
      return `${syslogTime(e.time)} ${hostname} ${who}: ${e.message}`;
  }
}
