// The JSON forms of the apimachinery types with hand-written MarshalJSON methods: metav1.Time
// (time.go), metav1.MicroTime (micro_time.go), metav1.Duration (duration.go, Go's
// time.Duration.String), intstr.IntOrString (intstr.go) and resource.Quantity (quantity.go).
import { WireError } from "./wire.js";

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Go's t.UTC().Format(RFC3339) (with fractional micros for MicroTime); years outside [0,9999] fail as MarshalJSON does. */
export function formatTime(seconds: number, micros?: number): string {
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(d.getTime()) || year < 0 || year > 9999) throw new WireError("Time.MarshalJSON: year outside of range [0,9999]");
  const date = `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return `${date}T${time}${micros === undefined ? "" : "." + pad(micros, 6)}Z`;
}

/** Go's time.Duration(nanos).String(): "1h0m0s", "1.5s", "300ms", "0s". */
export function formatDuration(nanos: number): string {
  if (nanos === 0) return "0s";
  const neg = nanos < 0;
  let u = BigInt(Math.abs(nanos));
  const sign = neg ? "-" : "";
  if (u < 1000000000n) {
    // sub-second: the largest unit that keeps the integer part non-zero
    const [unit, scale] = u < 1000n ? ["ns", 1n] : u < 1000000n ? ["µs", 1000n] : ["ms", 1000000n];
    return sign + fraction(u, scale) + unit;
  }
  const secondsPart = fraction(u % 60000000000n, 1000000000n) + "s";
  u /= 60000000000n; // whole minutes
  if (u === 0n) return sign + secondsPart;
  const minutes = u % 60n;
  const hours = u / 60n;
  return sign + (hours > 0n ? `${hours}h` : "") + `${minutes}m` + secondsPart;
}

/** value/scale with the trailing zeros of the fraction dropped (Go's fmtFrac + fmtInt). */
function fraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  let frac = (value % scale).toString().padStart(scale.toString().length - 1, "0").replace(/0+$/, "");
  if (scale === 1n) frac = "";
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** IntOrString.MarshalJSON: type 0 is the int, 1 the string; anything else is an error upstream. */
export function intOrString(type: number, intVal: number, strVal: string): number | string {
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new WireError("impossible IntOrString.Type");
}

// resource.ParseQuantity's grammar (quantity.go): sign, digits with at most one point, then a
// suffix that is a binary SI suffix, a decimal SI suffix or a decimal exponent.
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const SUFFIX = /^(|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)$/;

/**
 * Quantity.Unmarshal parses the string and fails on a bad one, with ParseQuantity's errors.
 * The string is passed through as sent: clients (kubectl) send Quantity.String(), already canonical.
 */
export function quantity(s: string | undefined): string {
  if (s === undefined) return "0"; // the zero Quantity marshals as "0"
  const m = QUANTITY.exec(s);
  if (!m) throw new WireError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) throw new WireError("unable to parse numeric part of quantity");
  if (!SUFFIX.test(m[2])) throw new WireError("unable to parse quantity's suffix");
  return s;
}
