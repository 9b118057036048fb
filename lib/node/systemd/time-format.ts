// systemd's time formatting (src/basic/time-util.c): format_timestamp ("Wed 2026-11-25 10:00:00
// UTC"), format_timestamp_relative ("5min ago") and format_timespan ("1min 2.345s").

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function formatTimestamp(d: Date): string {
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// time-util.h: USEC_PER_MONTH is 30.44 days, USEC_PER_YEAR 365.25 days.
const MONTH = 2629800 * SEC;
const YEAR = 31557600 * SEC;

/** format_timestamp_relative: how long ago `then` was, at millisecond resolution. */
export function formatRelative(then: Date, now: Date): string {
  const d = now.getTime() - then.getTime();
  const f = Math.floor;
  if (d < 0) return "in the future";
  if (d >= YEAR) {
    const y = f(d / YEAR);
    const m = f((d % YEAR) / MONTH);
    return `${y} ${y === 1 ? "year" : "years"} ${m} ${m === 1 ? "month" : "months"} ago`;
  }
  if (d >= MONTH) {
    const m = f(d / MONTH);
    const days = f((d % MONTH) / DAY);
    return `${m} ${m === 1 ? "month" : "months"} ${days} ${days === 1 ? "day" : "days"} ago`;
  }
  if (d >= WEEK) {
    const w = f(d / WEEK);
    const days = f((d % WEEK) / DAY);
    return `${w} ${w === 1 ? "week" : "weeks"} ${days} ${days === 1 ? "day" : "days"} ago`;
  }
  if (d >= 2 * DAY) return `${f(d / DAY)} days ago`;
  if (d >= 25 * HOUR) return `1 day ${f((d - DAY) / HOUR)}h ago`;
  if (d >= 6 * HOUR) return `${f(d / HOUR)}h ago`;
  if (d >= HOUR) return `${f(d / HOUR)}h ${f((d % HOUR) / MIN)}min ago`;
  if (d >= 5 * MIN) return `${f(d / MIN)}min ago`;
  if (d >= MIN) return `${f(d / MIN)}min ${f((d % MIN) / SEC)}s ago`;
  if (d >= SEC) return `${f(d / SEC)}s ago`;
  if (d >= 1) return `${d}ms ago`;
  return "now";
}

/** format_timespan with accuracy 1ms, as `CPU:` and `Duration:` use it: "3.128s", "95ms", "1min 2.345s". */
export function formatTimespan(ms: number): string {
  if (ms <= 0) return "0";
  const units: [string, number][] = [
    ["y", YEAR],
    ["month", MONTH],
    ["w", WEEK],
    ["d", DAY],
    ["h", HOUR],
    ["min", MIN],
    ["s", SEC],
    ["ms", 1],
  ];
  const parts: string[] = [];
  let rest = Math.floor(ms);
  for (const [name, size] of units) {
    if (rest <= 0) break;
    if (rest < size) continue;
    const n = Math.floor(rest / size);
    rest -= n * size;
    // Seconds absorb the remaining milliseconds as a fraction ("2.345s"), without trailing zeros.
    if (name === "s" && rest > 0) {
      const frac = String(rest).padStart(3, "0").replace(/0+$/, "");
      parts.push(`${n}.${frac}s`);
      rest = 0;
      break;
    }
    parts.push(`${n}${name}`);
  }
  return parts.join(" ");
}
