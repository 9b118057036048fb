// Go's fmt verbs as upstream error texts use them (%q, %v, %#v), so our messages match
// kube-apiserver byte for byte. Follows strconv.Quote and strconv.FormatFloat(f, 'g', -1, 64).

/**
 * A value to print verbatim where Go would print a typed value we cannot reproduce from JSON
 * (e.g. a struct: `v1.OwnerReference{...}` or a named slice type).
 */
export class GoLiteral {
  constructor(public readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote: double-quoted Go string literal; printable Unicode is kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

/** %v of a float64: strconv.FormatFloat(f, 'g', -1, 64) (shortest digits, exponent past 1e+06). */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  // Shortest round-trip digits, as JS also produces them.
  const [mant, expStr] = f.toExponential().split("e");
  const exp = Number(expStr);
  // With the shortest precision, %g switches to an exponent when exp < -4 || exp >= 6.
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? "0" + abs : abs}`;
  }
  return String(f);
}

/** %#v of a JSON value, with Go's spelling for the types our JSON values stand for. */
export function goSharpV(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) {
    const allStrings = v.every((e) => typeof e === "string");
    const type = allStrings ? "[]string" : "[]interface {}";
    return `${type}{${v.map((e) => goSharpV(e)).join(", ")}}`;
  }
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const allStrings = entries.every(([, e]) => typeof e === "string");
    const type = allStrings ? "map[string]string" : "map[string]interface {}";
    return `${type}{${entries.map(([k, e]) => `${goQuote(k)}:${goSharpV(e)}`).join(", ")}}`;
  }
  return String(v);
}
