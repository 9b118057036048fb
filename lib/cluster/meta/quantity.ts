// resource.Quantity as k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go, amount.go).
// Every parsed quantity is rounded up to nano units, so we keep it as a bigint count of nanos:
// exact, and the canonical text follows from it as upstream's does. The original text is kept
// (and serialised) exactly when upstream keeps it (the `s` cache of ParseQuantity).

export type Format = "DecimalExponent" | "BinarySI" | "DecimalSI";

const SPLIT_RE_STRING = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
export const ERR_NUMERIC = "unable to parse numeric part of quantity";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const NANO = 10n ** 9n;
const MAX_INT64 = 2n ** 63n - 1n;

export interface Quantity {
  /** The value in units of 10^-9. */
  readonly nanos: bigint;
  readonly format: Format;
  /** The text to serialise, when upstream keeps the input as is. */
  readonly cached?: string;
}

const DEC_SUFFIX: Record<string, number> = Object.assign(Object.create(null), {
  "": 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
});
const BIN_SUFFIX: Record<string, number> = Object.assign(Object.create(null), {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
});

function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: Format } | undefined {
  if (s in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[s], format: "DecimalSI" };
  if (s in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[s], format: "BinarySI" };
  if (s.length > 1 && (s[0] === "e" || s[0] === "E") && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const e = Number(s.slice(1));
    // strconv.ParseInt(.., 64) then int32(): out-of-range exponents are not meaningful; reject.
    if (Number.isSafeInteger(e)) return { base: 10, exponent: e, format: "DecimalExponent" };
  }
  return undefined;
}

// parseQuantityString: sign, integer digits (leading zeros dropped), fraction, suffix.
function splitQuantity(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let positive = true;
  let pos = 0;
  if (str[0] === "-") {
    positive = false;
    pos++;
  } else if (str[0] === "+") pos++;
  while (pos < str.length && str[pos] === "0") pos++;
  if (pos >= str.length) return { positive, num: "0", denom: "", suffix: "" };
  const numStart = pos;
  while (pos < str.length && str[pos] >= "0" && str[pos] <= "9") pos++;
  let num = str.slice(numStart, pos);
  if (num === "") num = "0";
  let denom = "";
  if (str[pos] === ".") {
    pos++;
    const ds = pos;
    while (pos < str.length && str[pos] >= "0" && str[pos] <= "9") pos++;
    denom = str.slice(ds, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && "eEinumkKMGTP".includes(str[pos])) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (pos < str.length && str[pos] >= "0" && str[pos] <= "9") pos++;
  if (pos < str.length) throw new QuantityError(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

// Divides toward +-infinity (away from zero), as inf.RoundUp and ScaledValue do.
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n < 0n ? q - 1n : q + 1n;
}

/** resource.ParseQuantity; throws QuantityError with upstream's message. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  if (str === "0") return { nanos: 0n, format: "DecimalSI", cached: "0" };
  const { positive, num, denom, suffix } = splitQuantity(str);
  const suf = interpretSuffix(suffix);
  if (!suf) throw new QuantityError(ERR_SUFFIX);
  let { format } = suf;
  const { base, exponent } = suf;

  // The exact value is (num.denom) * base^exponent; bring it to nanos, rounding away from zero.
  let numer = BigInt(num + denom);
  const scale10 = base === 10 ? BigInt(exponent) : 0n; // value = numer * 10^(scale10 - len(denom))
  if (base === 2) numer *= 2n ** BigInt(exponent);
  const shift = scale10 + 9n - BigInt(denom.length);
  // Magnitude first (the sign is applied last, so rounding is away from zero).
  let nanos = shift >= 0n ? numer * 10n ** shift : divAwayFromZero(numer, 10n ** -shift);
  if (format === "BinarySI" && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === "BinarySI" && nanos > 0n && nanos < NANO) format = "DecimalSI";
  if (!positive) nanos = -nanos;
  return { nanos, format, cached: keepsText(str, num, denom, base, exponent, format) ? str : undefined };
}

// ParseQuantity's int64 fast path returns the input text for later serialisation only when it
// is already canonical-looking; mirror its conditions.
function keepsText(str: string, num: string, denom: string, base: number, exponent: number, format: Format): boolean {
  let precision: number;
  let scale = 0;
  if (base === 10) {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    precision = 15 - num.length - Math.trunc(Math.fround(exponent) * 3 / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision < 0) return false;
  scale -= denom.length;
  if (scale < -9) return false;
  const shifted = num + denom;
  const value = BigInt(shifted);
  if (value > MAX_INT64) return false;
  if (base === 2) {
    if (value << BigInt(exponent) > MAX_INT64) return false;
    return format === "BinarySI" && exponent % 10 === 0 && (value & 7n) !== 0n;
  }
  return scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
}

function removeFactors(v: bigint, f: bigint): [bigint, number] {
  let times = 0;
  if (v === 0n) return [v, 0];
  while (v % f === 0n) {
    v /= f;
    times++;
  }
  return [v, times];
}

/** Quantity.String(): the canonical text (the kept input text if any). */
export function quantityString(q: Quantity): string {
  return q.cached ?? canonicalString(q);
}

/** CanonicalizeBytes: the canonical text ignoring any kept input. */
export function canonicalString(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    // Small or fractional binary values print in decimal.
    if (q.nanos > -1024n * NANO && q.nanos < 1024n * NANO) format = "DecimalSI";
    else if (q.nanos % NANO !== 0n) format = "DecimalSI";
  }
  if (format === "BinarySI") {
    const [amount, e] = removeFactors(q.nanos / NANO, 1024n);
    const sfx = Object.keys(BIN_SUFFIX).find((k) => BIN_SUFFIX[k] === e * 10);
    return amount.toString() + (sfx ?? "");
  }
  let [amount, exponent] = removeFactors(q.nanos, 10n);
  exponent -= 9;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === "DecimalExponent") return amount.toString() + (exponent === 0 ? "" : `e${exponent}`);
  // A decimal exponent with no SI suffix (beyond E) prints without one, as upstream does.
  const sfx = Object.keys(DEC_SUFFIX).find((k) => DEC_SUFFIX[k] === exponent);
  return amount.toString() + (sfx ?? "");
}

/** The JSON form: the quantity's string. */
export function quantityToJSON(q: Quantity): string {
  return quantityString(q);
}

/** UnmarshalJSON: a string (trimmed) or a JSON number. */
export function quantityFromJSON(v: unknown): Quantity {
  if (typeof v === "number") return parseQuantity(String(v));
  if (typeof v === "string") return parseQuantity(v.trim());
  throw new QuantityError(ERR_FORMAT_WRONG);
}

/** Cmp: -1, 0 or 1. */
export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Add: the sum takes a's format unless a is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function isZero(q: Quantity): boolean {
  return q.nanos === 0n;
}

/** ScaledValue(scale): ceil(q / 10^scale), away from zero, as a bigint. */
export function scaledValue(q: Quantity, scale: number): bigint {
  const shift = 9 + scale;
  return shift >= 0 ? divAwayFromZero(q.nanos, 10n ** BigInt(shift)) : q.nanos * 10n ** BigInt(-shift);
}

/** Value(): ceil to a whole number. */
export function value(q: Quantity): number {
  return Number(scaledValue(q, 0));
}

/** MilliValue(): ceil(q * 1000). */
export function milliValue(q: Quantity): number {
  return Number(scaledValue(q, -3));
}

/** NewQuantity / NewMilliQuantity / NewScaledQuantity. */
export function newQuantity(v: number | bigint, format: Format): Quantity {
  return { nanos: BigInt(v) * NANO, format };
}
export function newMilliQuantity(v: number | bigint, format: Format): Quantity {
  return { nanos: BigInt(v) * 10n ** 6n, format };
}
