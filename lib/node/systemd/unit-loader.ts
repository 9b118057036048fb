// Loading a service unit the way systemd's manager does (src/core/load-fragment.c, load-dropin.c,
// src/basic/path-lookup.c): the fragment from the first search directory that has it, drop-ins
// <unit>.d/*.conf from every directory (a name in a higher directory hides the same name lower
// down), applied in file-name order; /dev/null symlinks mask the unit.
import { parseUnitFile, splitWords } from "./unit-file";

/** The system search path, highest priority first (/lib is /usr/lib on a usrmerge system). */
export const UNIT_SEARCH_PATH = ["/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system"];

/** Read access to a node's files, by node path. */
export interface UnitFs {
  read(p: string): string | undefined;
  /** The target of a symlink, or undefined when p is not one. */
  readlink(p: string): string | undefined;
  /** Names in a directory (none when missing). */
  list(dir: string): string[];
}

export interface ExecCommand {
  /** The words as written (variables unexpanded), without the "-" prefix. */
  words: string[];
  ignoreFailure: boolean;
}

export type LoadState = "loaded" | "not-found" | "masked" | "bad-setting";

export interface UnitDefinition {
  name: string;
  loadState: LoadState;
  /** The file the unit came from, e.g. /usr/lib/systemd/system/kubelet.service. */
  fragmentPath?: string;
  dropIns: string[];
  description: string;
  documentation: string[];
  type: string;
  execStartPre: ExecCommand[];
  execStart?: ExecCommand;
  environment: [string, string][];
  environmentFiles: { path: string; optional: boolean }[];
  restart: string;
  restartSecMs: number;
  wantedBy: string[];
  /** What systemd logs when it refuses the unit (bad-setting). */
  loadError?: string;
  /** The contents read, to tell later whether the files changed on disk. */
  fingerprint: string;
}

const BASENAME = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/** systemd's parse_sec: "10", "10s", "100ms", "1min 30s". */
export function parseSec(v: string): number | undefined {
  const units: Record<string, number> = { "": 1000, s: 1000, sec: 1000, second: 1000, seconds: 1000, ms: 1, msec: 1, m: 60000, min: 60000, minute: 60000, minutes: 60000, h: 3600000, hr: 3600000, hour: 3600000, hours: 3600000 };
  let total = 0;
  const re = /\s*(\d+(?:\.\d+)?)\s*([a-z]*)/gy;
  let m: RegExpExecArray | null;
  let seen = false;
  while ((m = re.exec(v)) !== null) {
    const u = units[m[2]];
    if (u === undefined) return undefined;
    total += Number(m[1]) * u;
    seen = true;
    if (re.lastIndex >= v.length) break;
  }
  return seen && v.slice(re.lastIndex).trim() === "" ? total : undefined;
}

function findFragment(fs: UnitFs, name: string): { path?: string; masked: boolean; content?: string } {
  for (const dir of UNIT_SEARCH_PATH) {
    const p = `${dir}/${name}`;
    const link = fs.readlink(p);
    if (link === "/dev/null") return { path: p, masked: true };
    const content = fs.read(p);
    if (content !== undefined) return { path: p, masked: false, content };
  }
  return { masked: false };
}

export function findDropIns(fs: UnitFs, name: string): string[] {
  const byName = new Map<string, string>();
  for (const dir of UNIT_SEARCH_PATH) {
    const d = `${dir}/${name}.d`;
    for (const f of fs.list(d)) if (f.endsWith(".conf") && !byName.has(f)) byName.set(f, `${d}/${f}`);
  }
  return [...byName.keys()].sort().map((k) => byName.get(k)!);
}

export function loadUnit(fs: UnitFs, name: string): UnitDefinition {
  const def: UnitDefinition = {
    name,
    loadState: "not-found",
    dropIns: [],
    description: name,
    documentation: [],
    type: "simple",
    execStartPre: [],
    environment: [],
    environmentFiles: [],
    restart: "no",
    restartSecMs: 100,
    wantedBy: [],
    fingerprint: "",
  };
  const frag = findFragment(fs, name);
  if (frag.masked) return { ...def, loadState: "masked", fragmentPath: frag.path, fingerprint: "masked" };
  if (frag.content === undefined) return def;
  def.loadState = "loaded";
  def.fragmentPath = frag.path;
  def.dropIns = findDropIns(fs, name);
  const sources = [{ path: frag.path!, content: frag.content }];
  for (const p of def.dropIns) sources.push({ path: p, content: fs.read(p) ?? "" });
  def.fingerprint = sources.map((s) => `${s.path}\0${s.content}`).join("\0\0");

  const execStarts: ExecCommand[] = [];
  for (const src of sources) {
    for (const a of parseUnitFile(src.content)) apply(def, a.section, a.key, a.value, execStarts);
  }
  if (execStarts.length > 1 && def.type !== "oneshot") {
    def.loadState = "bad-setting";
    def.loadError = `${name}: Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.`;
  } else if (execStarts.length === 0) {
    def.loadState = "bad-setting";
    def.loadError = `${name}: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.`;
  }
  def.execStart = execStarts[0];
  return def;
}

function execCommand(value: string): ExecCommand {
  let v = value;
  let ignoreFailure = false;
  // Prefixes of man systemd.service "Table 1": only "-" changes what Drydock does.
  while (v.length && "-@:+!".includes(v[0])) {
    if (v[0] === "-") ignoreFailure = true;
    v = v.slice(1);
  }
  return { words: splitWords(v), ignoreFailure };
}

function apply(def: UnitDefinition, section: string, key: string, value: string, execStarts: ExecCommand[]): void {
  if (section === "Unit") {
    if (key === "Description") def.description = value || def.name;
    else if (key === "Documentation") {
      if (value === "") def.documentation = [];
      else def.documentation.push(...splitWords(value));
    }
  } else if (section === "Service") {
    switch (key) {
      case "Type":
        def.type = value || "simple";
        break;
      case "ExecStart":
        if (value === "") execStarts.length = 0;
        else execStarts.push(execCommand(value));
        break;
      case "ExecStartPre":
        if (value === "") def.execStartPre = [];
        else def.execStartPre.push(execCommand(value));
        break;
      case "Environment":
        if (value === "") def.environment = [];
        for (const w of splitWords(value)) {
          const eq = w.indexOf("=");
          if (eq > 0) def.environment.push([w.slice(0, eq), w.slice(eq + 1)]);
        }
        break;
      case "EnvironmentFile":
        if (value === "") def.environmentFiles = [];
        else def.environmentFiles.push(value.startsWith("-") ? { path: value.slice(1), optional: true } : { path: value, optional: false });
        break;
      case "Restart":
        def.restart = value || "no";
        break;
      case "RestartSec": {
        const ms = parseSec(value);
        if (ms !== undefined) def.restartSecMs = ms;
        break;
      }
    }
  } else if (section === "Install") {
    if (key === "WantedBy") def.wantedBy.push(...splitWords(value));
  }
}

export { BASENAME as basename };
