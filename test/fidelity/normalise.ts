// The fidelity suite's normaliser: it removes from kubectl's output what differs between two runs
// of the same lab (ages, timestamps, uids, random name suffixes, allocated addresses), so the
// remaining text can be compared with a golden file. Everything it does is listed here:
//
// 1. Tables (a line whose cells, split on runs of 2+ spaces, are all upper case, or which has an
//    "Age" cell, e.g. describe's Events) are parsed by the header's column offsets, as kubectl's
//    tabwriter aligns every cell under its header. Cells of time columns (VOLATILE_COLUMNS) become
//    `<age>` when they hold a duration, then the rows are re-aligned with 3 spaces between columns (kubectl's own padding),
//    so a wider pod IP or name cannot shift the golden. Alignment itself is kubectl's work, not
//    the simulator's, so nothing is lost.
// 2. On every other line and every table cell (before re-aligning), the substitutions of RULES (timestamps, uids, ids, random suffixes,
//    pod IPs, ClusterIPs other than the two fixed ones, resourceVersions, restart ages).
// 3. Trailing spaces are trimmed.
// A case may add its own substitutions (e.g. metrics from `kubectl top`).

const VOLATILE_COLUMNS = new Set(["AGE", "Age", "LAST SEEN", "DURATION", "LAST SCHEDULE", "FIRST SEEN"]);

type Rule = [RegExp, string];

const RAND = "[bcdfghjklmnpqrstvwxz2456789]"; // k8s.io/apimachinery/pkg/util/rand's alphabet
export const RULES: Rule[] = [
  [/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\b/g, "<time>"],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, "<time>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uid>"],
  [/containerd:\/\/[0-9a-f]{64}\b/g, "containerd://<id>"],
  [/\b[0-9a-f]{32}\b/g, "<hex>"],
  [/\bbootstrap-token-[a-z0-9]{6}\b/g, "bootstrap-token-<id>"],
  // pod-template-hash / controller-revision-hash (SafeEncodeString of a 32-bit hash).
  [new RegExp(`(pod-template-hash[=:] ?)${RAND}{6,10}\\b`, "g"), "$1<hash>"],
  [new RegExp(`-${RAND}{6,10}(?=-${RAND}{5}\\b)`, "g"), "-<hash>"],
  [new RegExp(`(coredns|calico-kube-controllers|metrics-server|local-path-provisioner|nginx-gateway|ingress-nginx-controller|web|api|frontend)-${RAND}{6,10}\\b`, "g"), "$1-<hash>"],
  // generateName suffixes: names.SimpleNameGenerator appends 5 characters of the same alphabet.
  [new RegExp(`-${RAND}{5}\\b`, "g"), "-<rand>"],
  [/\bsystem:bootstrap:[a-z0-9]{6}\b/g, "system:bootstrap:<id>"],
  [/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC\b/g, "<time>"],
  [/\b\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\b/g, "<time>"],
  [/\b10\.244\.\d{1,3}\.\d{1,3}\b(?!\/)/g, "<pod-ip>"],
  [/\b10\.(?:9[6-9]|10\d|11[01])\.\d{1,3}\.\d{1,3}\b/g, (ip: string) => (ip === "10.96.0.1" || ip === "10.96.0.10" ? ip : "<cluster-ip>")] as unknown as Rule,
  [/("?resourceVersion"?: )"\d+"/g, '$1"<rv>"'],
  [/\(\d+[smhd](\d+[smh])? ago\)/g, "(<age> ago)"],
];

function splitCells(line: string): { indent: number; cells: string[] } {
  const indent = line.length - line.trimStart().length;
  return { indent, cells: line.trim().split(/ {2,}/) };
}

function isHeader(line: string): boolean {
  const { cells } = splitCells(line);
  if (cells.length < 2) return false;
  if (cells.some((c) => VOLATILE_COLUMNS.has(c))) return true;
  return cells.every((c) => /^[A-Z][A-Z0-9 ()\-_.%/:]*$/.test(c));
}

/** A duration as printed by duration.HumanDuration, possibly with describe's "(xN over M)". */
const AGE = /^(\d+[smhdy])+( \(x\d+ over (\d+[smhdy])+\))?$/;

/** A row continues the table when it is as indented and has a space before every column start. */
function isRow(line: string, indent: number, starts: number[]): boolean {
  if (line.trim() === "" || line.length - line.trimStart().length < indent) return false;
  return starts.slice(1).every((s) => s >= line.length || line[s - 1] === " ");
}

function columnStarts(header: string): number[] {
  const starts: number[] = [];
  const re = /\S+( \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index);
  return starts;
}

function renderTable(indent: number, rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => " ".repeat(indent) + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("   ").trimEnd());
}

function substitute(text: string, rules: Rule[]): string {
  for (const [re, to] of rules) text = text.replace(re, to as string);
  return text;
}

function normaliseLines(lines: string[], rules: Rule[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isHeader(lines[i])) {
      out.push(substitute(lines[i++], rules).trimEnd());
      continue;
    }
    const header = lines[i];
    const { indent, cells: names } = splitCells(header);
    const starts = columnStarts(header);
    const rows: string[][] = [names];
    for (i++; i < lines.length && isRow(lines[i], indent, starts) && !isHeader(lines[i]); i++) {
      const line = lines[i];
      rows.push(starts.map((s, k) => {
        const cell = line.slice(s, k + 1 < starts.length ? starts[k + 1] : undefined).trim();
        return VOLATILE_COLUMNS.has(names[k]) && AGE.test(cell) ? "<age>" : substitute(cell, rules);
      }));
    }
    out.push(...renderTable(indent, rows));
  }
  return out;
}

/** stdout, then stderr (if any) under a marker, then the exit code; each stream normalised alone. */
export function renderRun(r: { stdout: string; stderr: string; code: number }, extra: Rule[] = []): string {
  return `${normalise(r.stdout, extra)}${r.stderr ? `[stderr]\n${normalise(r.stderr, extra)}` : ""}[exit ${r.code}]\n`;
}

export function normalise(text: string, extra: Rule[] = []): string {
  return normaliseLines(text.split("\n"), [...RULES, ...extra]).join("\n");
}
