// `systemctl status` of one service (systemd v255 src/systemctl/systemctl-show.c,
// print_status_info): the glyph line, Loaded/Drop-In/Active/Docs/Process/Main PID/Tasks/Memory/
// CPU/CGroup, then the unit's last journal lines.
import { formatEntry } from "../journal/format";
import type { Journal } from "../journal/journal";
import { describeExit } from "./exit-status";
import type { Systemd } from "./manager";
import type { Service } from "./service";
import { formatRelative, formatTimespan, formatTimestamp } from "./time-format";
import type { StaticUnit } from "./vendor-units";

export interface StatusOptions {
  now: Date;
  hostname: string;
  /** Lines of journal (-n), default 10. */
  lines: number;
  /** Colours and ellipsized lines, as on a terminal. */
  tty?: { cols: number };
  /** -l/--full: no ellipsizing. */
  full?: boolean;
}

const GREEN = "\x1b[0;1;32m";
const RED = "\x1b[0;1;31m";
const OFF = "\x1b[0m";

/** Per-binary figures a real node shows (Tasks, Memory): systemd reads them from the cgroup. */
const RESOURCES: Record<string, { tasks: number; memMiB: number }> = {
  kubelet: { tasks: 11, memMiB: 36.4 },
  containerd: { tasks: 10, memMiB: 31.2 },
  sshd: { tasks: 1, memMiB: 2.1 },
};
const TASKS_LIMIT = 4557;

const label = (k: string) => k.padStart(11) + ": ";
const cont = " ".repeat(13);

function ellipsize(line: string, o: StatusOptions): string {
  if (!o.tty || o.full) return line;
  const w = o.tty.cols;
  return [...line].length > w ? [...line].slice(0, w - 1).join("") + "…" : line;
}

function colour(text: string, c: string, o: StatusOptions): string {
  return o.tty ? c + text + OFF : text;
}

function glyph(state: string, o: StatusOptions): string {
  if (state === "active") return colour("●", GREEN, o);
  if (state === "failed") return colour("×", RED, o);
  if (state === "inactive") return "○";
  return "●";
}

function mem(mib: number): string {
  return `${mib.toFixed(1)}M`;
}

export function serviceStatus(sd: Systemd, s: Service, journal: Journal, o: StatusOptions): string {
  const out: string[] = [];
  const def = s.def;
  out.push(`${glyph(s.activeState, o)} ${def.name}${def.description !== def.name && def.loadState !== "masked" ? ` - ${def.description}` : ""}`);
  if (def.loadState === "masked") {
    out.push(`${label("Loaded")}masked (Reason: Unit ${def.name} is masked.)`);
  } else if (def.loadState === "bad-setting") {
    out.push(`${label("Loaded")}bad-setting (Reason: Unit ${def.name} has a bad unit file setting.)`);
  } else {
    const en = sd.enablement(def.name);
    const enText = en === "enabled" ? colour("enabled", GREEN, o) : en;
    const preset = en === "static" ? "" : `; preset: ${colour("enabled", GREEN, o)}`;
    out.push(`${label("Loaded")}loaded (${def.fragmentPath}; ${enText}${preset})`);
  }
  if (def.dropIns.length && def.loadState !== "masked") {
    let dir = "";
    let first = true;
    for (const p of def.dropIns) {
      const d = p.slice(0, p.lastIndexOf("/"));
      const f = p.slice(p.lastIndexOf("/") + 1);
      if (d !== dir) {
        out.push(first ? `${label("Drop-In")}${d}` : `${cont}${d}`);
        out.push(`${cont}└─${f}`);
        dir = d;
        first = false;
      } else out[out.length - 1] += `, ${f}`;
    }
  }
  let active: string;
  switch (s.activeState) {
    case "active":
      active = colour(`active (${s.subState})`, GREEN, o);
      break;
    case "failed":
      active = colour(`failed (Result: ${s.result})`, RED, o);
      break;
    case "activating":
      active = s.result !== "success" ? `activating (${s.subState}) (Result: ${s.result})` : `activating (${s.subState})`;
      break;
    default:
      active = `${s.activeState} (${s.subState})`;
  }
  if (s.stateChange) active += ` since ${formatTimestamp(s.stateChange)}; ${formatRelative(s.stateChange, o.now)}`;
  out.push(`${label("Active")}${active}`);
  def.documentation.forEach((d, i) => out.push(i === 0 ? `${label("Docs")}${d}` : `${cont}${d}`));
  const running = s.activeState === "active" || s.activeState === "deactivating";
  for (const e of s.execs) {
    if (running && e.kind === "ExecStart" && !e.exit) continue;
    out.push(`${label("Process")}${e.pid} ${e.kind}=${e.words.join(" ")} (${e.exit ? describeExit(e.exit) : "running"})`);
  }
  const main = s.execs.find((e) => e.kind === "ExecStart");
  const binary = s.argv?.[0] ?? "";
  const comm = binary.slice(binary.lastIndexOf("/") + 1);
  if (main) {
    if (main.exit) out.push(`${label("Main PID")}${main.pid} (${describeExit(main.exit)})`);
    else out.push(`${label("Main PID")}${main.pid} (${comm})`);
  }
  if (running && main && !main.exit) {
    const r = RESOURCES[comm] ?? { tasks: 1, memMiB: 4.0 };
    out.push(`${label("Tasks")}${r.tasks} (limit: ${TASKS_LIMIT})`);
    out.push(`${label("Memory")}${mem(r.memMiB)} (peak: ${mem(r.memMiB * 1.04)})`);
  }
  const cpu = s.cpuNow();
  if (main && cpu > 0) out.push(`${label("CPU")}${formatTimespan(cpu)}`);
  if (running && main && !main.exit) {
    out.push(`${label("CGroup")}/system.slice/${def.name}`);
    out.push(ellipsize(`${cont}└─${main.pid} ${(s.argv ?? []).join(" ")}`, o));
  }
  const entries = journal.entries([def.name]).slice(-o.lines);
  if (o.lines > 0 && entries.length) {
    out.push("");
    for (const e of entries) out.push(ellipsize(formatEntry(e, o.hostname), o));
  }
  return out.join("\n") + "\n";
}

/** A unit of the static catalogue: always active since boot. */
export function staticStatus(u: StaticUnit, boot: Date, pid: number, o: StatusOptions): string {
  const out = [`${glyph("active", o)} ${u.name} - ${u.description}`];
  out.push(`${label("Loaded")}loaded (/usr/lib/systemd/system/${u.name.replace(/@.*\.service$/, "@.service")}; static)`);
  out.push(`${label("Active")}${colour(`active (${u.sub})`, GREEN, o)} since ${formatTimestamp(boot)}; ${formatRelative(boot, o.now)}`);
  if (u.command) {
    out.push(`${label("Main PID")}${pid} (${u.command.split(" ")[0].replace(/^@/, "").split("/").pop()})`);
    out.push(`${label("CGroup")}/system.slice/${u.name}`);
    out.push(ellipsize(`${cont}└─${pid} ${u.command}`, o));
  }
  return out.join("\n") + "\n";
}
