// systemctl v255 (src/systemctl/*.c) against the node's simulated manager: the verbs a CKA
// student uses, with systemctl's messages and exit codes (EXIT_PROGRAM_NOT_RUNNING = 3 for
// status/is-active, 4 for an unknown unit in status, 5 = EXIT_NOTINSTALLED for start/stop).
import type { CommandIO, NodeCommand } from "../types";
import { mangleUnitName, type Systemd } from "./manager";
import { serviceStatus, staticStatus } from "./status";
import { STATIC_UNITS } from "./vendor-units";

interface Opts {
  verb?: string;
  args: string[];
  lines: number;
  full: boolean;
  now: boolean;
  quiet: boolean;
  all: boolean;
  types: string[];
  states: string[];
  properties: string[];
  value: boolean;
  noLegend: boolean;
}

const BOOL_FLAGS = new Set(["--no-pager", "--no-ask-password", "--system", "--plain", "--no-block", "--force", "-f", "--no-reload"]);

function parse(argv: string[]): Opts | string {
  const o: Opts = { args: [], lines: 10, full: false, now: false, quiet: false, all: false, types: [], states: [], properties: [], value: false, noLegend: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const [flag, inline] = a.startsWith("--") && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const val = () => inline ?? argv[++i];
    if (BOOL_FLAGS.has(a)) continue;
    else if (flag === "-l" || flag === "--full") o.full = true;
    else if (flag === "--now") o.now = true;
    else if (flag === "-q" || flag === "--quiet") o.quiet = true;
    else if (flag === "-a" || flag === "--all") o.all = true;
    else if (flag === "--value") o.value = true;
    else if (flag === "--no-legend") o.noLegend = true;
    else if (flag === "--failed") o.states.push("failed");
    else if (flag === "-n" || flag === "--lines") o.lines = Number(val());
    else if (/^-n\d+$/.test(a)) o.lines = Number(a.slice(2));
    else if (flag === "-t" || flag === "--type") o.types.push(...val().split(","));
    else if (flag === "--state") o.states.push(...val().split(","));
    else if (flag === "-p" || flag === "--property") o.properties.push(...val().split(","));
    else if (/^-p./.test(a)) o.properties.push(...a.slice(2).split(","));
    else if (a.startsWith("-") && a !== "-") return `systemctl: unrecognized option '${a}'`;
    else if (!o.verb) o.verb = a;
    else o.args.push(a);
  }
  return o;
}

const RELOAD_WARNING = (unit: string) =>
  `Warning: The unit file, source configuration file or drop-ins of ${unit} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`;

export function systemctlCommand(sd: Systemd): NodeCommand {
  return async (io: CommandIO) => {
    const out = (s: string) => void io.stdout.write(s);
    const err = (s: string) => void io.stderr.write(s);
    const o = parse(io.argv.slice(1));
    if (typeof o === "string") {
      err(o + "\n");
      return 1;
    }
    const verb = o.verb ?? "list-units";
    const units = o.args.map(mangleUnitName);
    const known = (n: string) => sd.loaded().some((s) => s.name === n);
    const now = sd.deps.time.now();
    switch (verb) {
      case "status": {
        if (units.length === 0) {
          err("Drydock: 'systemctl status' without a unit is not simulated; name a unit.\n");
          return 1;
        }
        let code = 0;
        units.forEach((n, i) => {
          if (i > 0) out("\n");
          const st = STATIC_UNITS.find((u) => u.name === n);
          if (st) {
            out(staticStatus(st, sd.bootTime, 400 + STATIC_UNITS.indexOf(st) * 13, { now, hostname: sd.deps.nodeName, lines: o.lines, tty: io.tty, full: o.full }));
            return;
          }
          if (!known(n) && sd.service(n).def.loadState === "not-found") {
            err(`Unit ${n} could not be found.\n`);
            code = 4;
            return;
          }
          const s = sd.service(n);
          if (sd.needsReload(s)) err(RELOAD_WARNING(n));
          out(serviceStatus(sd, s, sd.deps.journal, { now, hostname: sd.deps.nodeName, lines: o.lines, tty: io.tty, full: o.full }));
          if (s.activeState !== "active" && code === 0) code = 3;
        });
        return code;
      }
      case "start":
      case "restart":
      case "try-restart":
      case "reload-or-restart":
      case "reload":
      case "stop": {
        if (units.length === 0) {
          err(`Too few arguments.\n`);
          return 1;
        }
        const past = { start: "start", restart: "restart", "try-restart": "try-restart", "reload-or-restart": "reload-or-restart", reload: "reload", stop: "stop" }[verb];
        for (const n of units) {
          if (STATIC_UNITS.some((u) => u.name === n)) continue;
          const s = sd.service(n);
          if (s.def.loadState === "not-found") {
            err(verb === "stop" ? `Failed to stop ${n}: Unit ${n} not loaded.\n` : `Failed to ${past} ${n}: Unit ${n} not found.\n`);
            return 5;
          }
          if (s.def.loadState === "masked" && verb !== "stop") {
            err(`Failed to ${past} ${n}: Unit ${n} is masked.\n`);
            return 1;
          }
          if (sd.needsReload(s)) err(RELOAD_WARNING(n));
          if (s.def.loadState === "bad-setting" && verb !== "stop") {
            err(`Failed to ${past} ${n}: Unit ${n} has a bad unit file setting.\nSee system logs and 'systemctl status ${n}' for details.\n`);
            return 1;
          }
          if (verb === "reload") {
            err(`Failed to reload ${n}: Job type reload is not applicable for unit ${n}.\n`);
            return 1;
          }
          if (verb === "stop") await s.stop();
          else if (verb === "start") s.start();
          else {
            if (verb === "try-restart" && s.activeState !== "active") continue;
            await s.stop();
            s.start();
          }
        }
        return 0;
      }
      case "is-active":
      case "is-failed": {
        let code = verb === "is-active" ? 3 : 1;
        for (const n of units) {
          const st = STATIC_UNITS.some((u) => u.name === n);
          const state = st ? "active" : known(n) ? sd.service(n).activeState : "inactive";
          if (!o.quiet) out(state + "\n");
          if (verb === "is-active" ? state === "active" : state === "failed") code = 0;
        }
        return code;
      }
      case "is-enabled": {
        let code = 1;
        for (const n of units) {
          if (STATIC_UNITS.some((u) => u.name === n)) {
            if (!o.quiet) out("static\n");
            code = 0;
            continue;
          }
          const e = sd.enablement(n);
          if (e === "not-found") {
            err(`Failed to get unit file state for ${n}: No such file or directory\n`);
            return 1;
          }
          if (!o.quiet) out(e + "\n");
          if (e === "enabled" || e === "static") code = 0;
        }
        return code;
      }
      case "enable":
      case "disable":
      case "mask":
      case "unmask":
      case "reenable": {
        if (units.length === 0) {
          err(`Too few arguments.\n`);
          return 1;
        }
        for (const n of units) {
          const exists = sd.service(n).def.loadState !== "not-found" || sd.enablement(n) !== "not-found";
          if (!exists && verb !== "mask" && verb !== "unmask") {
            err(`Failed to ${verb} unit: Unit file ${n} does not exist.\n`);
            return 1;
          }
          let lines: string[] = [];
          if (verb === "enable") lines = sd.enable(n);
          else if (verb === "disable") lines = sd.disable(n);
          else if (verb === "reenable") lines = [...sd.disable(n), ...sd.enable(n)];
          else if (verb === "mask") lines = sd.mask(n);
          else lines = sd.unmask(n);
          if (!o.quiet) for (const l of lines) err(l + "\n");
        }
        // systemctl reloads the manager after changing unit files (unless --no-reload).
        sd.daemonReload();
        if (o.now) {
          for (const n of units) {
            const s = sd.service(n);
            if (verb === "enable" || verb === "reenable") s.start();
            else if (verb === "disable" || verb === "mask") await s.stop();
          }
        }
        return 0;
      }
      case "daemon-reload":
      case "daemon-reexec":
        sd.daemonReload();
        return 0;
      case "reset-failed":
        for (const s of sd.loaded()) if (units.length === 0 || units.includes(s.name)) s.resetFailed();
        return 0;
      case "cat":
        return cat(sd, units, out, err);
      case "show":
        return show(sd, units, o, out);
      case "list-units":
        out(listUnits(sd, o, io));
        return 0;
      case "list-unit-files":
        out(listUnitFiles(sd, o));
        return 0;
      default:
        err(`Unknown command verb '${verb}'.\n`);
        return 1;
    }
  };
}

function cat(sd: Systemd, units: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (units.length === 0) {
    err("Too few arguments.\n");
    return 1;
  }
  let first = true;
  for (const n of units) {
    const s = sd.service(n);
    if (s.def.loadState === "not-found") {
      err(`No files found for ${n}.\n`);
      return 1;
    }
    if (s.def.loadState === "masked") {
      err(`Unit ${n} is masked.\n`);
      return 1;
    }
    if (sd.needsReload(s)) err(RELOAD_WARNING(n));
    for (const p of [s.def.fragmentPath!, ...s.def.dropIns]) {
      if (!first) out("\n");
      first = false;
      const text = sd.fs.read(p) ?? "";
      out(`# ${p}\n${text}${text.endsWith("\n") || text === "" ? "" : "\n"}`);
    }
  }
  return 0;
}

function show(sd: Systemd, units: string[], o: Opts, out: (s: string) => void): number {
  for (const n of units) {
    const s = sd.service(n);
    const props: [string, string][] = [
      ["Type", s.def.type],
      ["Restart", s.def.restart],
      ["MainPID", String(s.activeState === "active" ? (s.mainPid ?? 0) : 0)],
      ["NRestarts", String(s.restarts)],
      ["Result", s.result],
      ["Id", n],
      ["Names", n],
      ["Description", s.def.description],
      ["LoadState", s.def.loadState],
      ["ActiveState", s.activeState],
      ["SubState", s.subState],
      ["FragmentPath", s.def.fragmentPath ?? ""],
      ["DropInPaths", s.def.dropIns.join(" ")],
      ["UnitFileState", sd.enablement(n) === "not-found" ? "" : sd.enablement(n)],
      ["UnitFilePreset", "enabled"],
      ["Environment", s.def.environment.map(([k, v]) => `${k}=${v}`).join(" ")],
      ["EnvironmentFiles", s.def.environmentFiles.map((f) => `${f.path} (ignore_errors=${f.optional ? "yes" : "no"})`).join(" ")],
      ["NeedDaemonReload", sd.needsReload(s) ? "yes" : "no"],
    ];
    const want = o.properties;
    for (const [k, v] of props) {
      if (want.length && !want.includes(k)) continue;
      out(o.value ? `${v}\n` : `${k}=${v}\n`);
    }
  }
  return 0;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join(" ").trimEnd());
}

function listUnits(sd: Systemd, o: Opts, io: CommandIO): string {
  type Row = { name: string; load: string; active: string; sub: string; description: string };
  const rows: Row[] = STATIC_UNITS.map((u) => ({ name: u.name, load: "loaded", active: "active", sub: u.sub, description: u.description }));
  for (const s of sd.loaded()) rows.push({ name: s.name, load: s.def.loadState, active: s.activeState, sub: s.subState, description: s.def.description });
  rows.sort((a, b) => (a.name < b.name ? -1 : 1));
  const types = o.types.map((t) => "." + t);
  const shown = rows.filter(
    (r) =>
      (types.length === 0 || types.some((t) => r.name.endsWith(t))) &&
      (o.states.length ? o.states.some((st) => st === r.active || st === r.sub || st === r.load) : o.all || r.active !== "inactive"),
  );
  const cells = [["", "UNIT", "LOAD", "ACTIVE", "SUB", "DESCRIPTION"], ...shown.map((r) => [r.active === "failed" ? "●" : "", r.name, r.load, r.active, r.sub, r.description])];
  const lines = o.noLegend ? table(cells).slice(1) : table(cells);
  let text = lines.map((l) => (io.tty && !o.full ? l.slice(0, io.tty.cols) : l)).join("\n") + "\n";
  if (!o.noLegend) {
    text +=
      "\nLegend: LOAD   → Reflects whether the unit definition was properly loaded.\n" +
      "        ACTIVE → The high-level unit activation state, i.e. generalization of SUB.\n" +
      "        SUB    → The low-level unit activation state, values depend on unit type.\n\n" +
      `${shown.length} loaded units listed.` +
      (o.all ? "\n" : " Pass --all to see loaded but inactive units, too.\n") +
      "To show all installed unit files use 'systemctl list-unit-files'.\n";
  }
  return text;
}

function listUnitFiles(sd: Systemd, o: Opts): string {
  const rows: string[][] = [];
  const names = new Set<string>([...STATIC_UNITS.map((u) => u.name.replace(/@.*\.service$/, "@.service")), ...sd.loaded().map((s) => s.name)]);
  for (const n of [...names].sort()) {
    const st = STATIC_UNITS.some((u) => u.name.replace(/@.*\.service$/, "@.service") === n) ? "static" : sd.enablement(n);
    const preset = st === "static" ? "-" : "enabled";
    if (o.states.length && !o.states.includes(st)) continue;
    if (o.types.length && !o.types.some((t) => n.endsWith("." + t))) continue;
    rows.push([n, st, preset]);
  }
  const lines = table([["UNIT FILE", "STATE", "PRESET"], ...rows]);
  return (o.noLegend ? lines.slice(1) : lines).join("\n") + "\n" + (o.noLegend ? "" : `\n${rows.length} unit files listed.\n`);
}
