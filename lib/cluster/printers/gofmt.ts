// How Go prints JSON values in a CRD "string" column: client-go jsonpath PrintResults, i.e.
// fmt.Fprint for scalars (int64, float64 as %v, bool), json.Marshal for maps and slices, and
// "<no value>" for a JSON null (text/template's printableValue of an invalid value).
import { isMap } from "./fields";

/**
 * A JSON number as Go prints it from unstructured content: integers are int64 (plain decimal);
 * other numbers are float64 printed with %v, i.e. strconv 'g' with shortest digits, which uses
 * the exponent form when exp < -4 || exp >= 6 and pads the exponent to two digits.
 */
export function goFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  const [mant, expStr] = v.toExponential().split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? "0" + abs : abs}`;
  }
  return String(v);
}

/** encoding/json.Marshal: sorted map keys, HTML-safe escaping of <, >, &. */
export function goJSONMarshal(v: unknown): string {
  const esc = (s: string) => JSON.stringify(s).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return esc(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : JSON.stringify(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(goJSONMarshal).join(",")}]`;
  if (isMap(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${esc(k)}:${goJSONMarshal(v[k])}`)
      .join(",")}}`;
  }
  return "null";
}

/** One JSONPath result as client-go's PrintResults writes it. */
export function jsonPathText(v: unknown): string {
  if (v === null || v === undefined) return "<no value>";
  if (Array.isArray(v) || isMap(v)) return goJSONMarshal(v);
  if (typeof v === "number") return goFloat(v);
  return String(v);
}
