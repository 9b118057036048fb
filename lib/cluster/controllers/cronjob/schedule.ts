// Schedule arithmetic of the CronJob controller, pkg/controller/cronjob/utils.go
// (mostRecentScheduleTime, nextScheduleTimeDuration, getJobName) over cron-parser instead of
// robfig/cron. Times are in the CronJob's spec.timeZone, else kube-controller-manager's own zone
// (UTC in kubeadm's static pod).
import { CronExpressionParser } from "cron-parser";

/** Upstream gives up listing missed start times after 100 (and says so in an event). */
export const MAX_MISSED_START_TIMES = 100;

export interface Schedule {
  /** Times t with after < t <= until, at most limit + 1 of them. */
  between(after: number, until: number, limit: number): number[];
  next(after: number): number;
}

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** cron.ParseStandard: five fields or a descriptor; throws with a message on bad input. */
export function parseSchedule(expr: string, tz = "UTC"): Schedule {
  const std = DESCRIPTORS[expr.trim()] ?? expr.trim();
  const fields = std.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  CronExpressionParser.parse(std, { tz }); // validates
  const iter = (from: number) => CronExpressionParser.parse(std, { tz, currentDate: new Date(from) });
  return {
    between(after, until, limit) {
      const it = iter(after);
      const out: number[] = [];
      for (;;) {
        const t = it.next().getTime();
        if (t > until || out.length > limit) break;
        out.push(t);
      }
      return out;
    },
    next(after) {
      return iter(after).next().getTime();
    },
  };
}

/** getJobName: "<cronjob>-<minutes since the epoch of the scheduled time>". */
export function jobName(cronJobName: string, scheduled: number): string {
  return `${cronJobName}-${Math.floor(scheduled / 60_000)}`;
}

/** time.RFC3339 of t in the zone (the cronjob-scheduled-timestamp annotation). */
export function rfc3339InZone(t: number, tz: string): string {
  const d = new Date(t);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offMin = Math.round((local - Math.floor(t / 1000) * 1000) / 60_000);
  const base = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  if (offMin === 0) return `${base}Z`;
  const sign = offMin < 0 ? "-" : "+";
  const a = Math.abs(offMin);
  return `${base}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

/** time.RFC1123Z in UTC, as the MissSchedule event prints the scheduled time. */
export function rfc1123z(t: number): string {
  const d = new Date(t);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
