// Ages as kubectl shows them. Follows k8s.io/apimachinery/pkg/util/duration/duration.go
// (HumanDuration) and the translateTimestampSince helpers of pkg/printers/internalversion.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** upstream: duration.HumanDuration; `ms` is a duration in milliseconds. */
export function humanDuration(ms: number): string {
  // Go converts with integer truncation toward zero; so do we.
  const seconds = Math.trunc(ms / SECOND);
  // Allow deviation no more than 2 seconds (excluded) to tolerate clock skew, as upstream does.
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Parses an RFC3339 timestamp; undefined for a zero/missing/unparsable time. */
export function parseTime(value: unknown): Date | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return undefined;
  // Go's zero time (0001-01-01T00:00:00Z) prints as "<unknown>" too.
  if (t.getUTCFullYear() <= 1) return undefined;
  return t;
}

/** upstream: translateTimestampSince (and translateMicroTimestampSince, same rule). */
export function translateTimestampSince(timestamp: unknown, now: Date): string {
  const t = parseTime(timestamp);
  if (!t) return "<unknown>";
  return humanDuration(now.getTime() - t.getTime());
}

/** upstream: translateTimestampUntil. */
export function translateTimestampUntil(timestamp: unknown, now: Date): string {
  const t = parseTime(timestamp);
  if (!t) return "<unknown>";
  return humanDuration(t.getTime() - now.getTime());
}
