// The five-field cron syntax CronJob accepts: github.com/robfig/cron/v3 ParseStandard (parser.go),
// with its error texts, which kube-apiserver prints after `spec.schedule: Invalid value: "...": `.

interface Bounds { min: number; max: number; names?: Record<string, number> }
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOWS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DOWS },
];
const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

class CronError extends Error {}

// strconv.Atoi's error for a non-number.
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}
function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const n = names?.[expr.toLowerCase()];
  return n !== undefined ? n : mustParseInt(expr);
}

function parseRange(expr: string, b: Bounds): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  const singleDigit = lowAndHigh.length === 1;
  let start: number, end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = b.min;
    end = b.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 2) {
    const step = mustParseInt(rangeAndStep[1]);
    if (singleDigit && lowAndHigh[0] !== "*" && lowAndHigh[0] !== "?") end = b.max;
    if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
}

/** The error ParseStandard returns for a spec, or undefined when it parses. */
export function cronScheduleError(spec: string): string | undefined {
  try {
    if (spec.length === 0) throw new CronError("empty spec string");
    let s = spec;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      const i = s.indexOf(" ");
      s = i < 0 ? "" : s.slice(i).trim();
    }
    if (s.startsWith("@")) {
      if (DESCRIPTORS.has(s) || s.startsWith("@every ")) return undefined;
      throw new CronError(`unrecognized descriptor: ${s}`);
    }
    const fields = s.split(/\s+/).filter((f) => f !== "");
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
    fields.forEach((f, i) => {
      for (const part of f.split(",")) parseRange(part, FIELDS[i]);
    });
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
