// One service unit's runtime state machine (systemd src/core/service.c), reduced to what a
// kubeadm node shows: start → running; the main process exits → "Main process exited" and
// Result, then Restart= decides between failed and activating (auto-restart) for RestartSec;
// stop → SIGTERM and dead. The unit definition is the one loaded at the last daemon-reload.
import type { Time } from "../../cluster/runtime/timers.js";
import type { Journal } from "../journal/journal";
import { Priority } from "../journal/journal";
import type { ProgramTable, ServiceProcess } from "../types";
import { describeExit, exitStatus, type ProcessExit } from "./exit-status";
import { expandCommand, parseEnvFile } from "./unit-file";
import type { UnitDefinition } from "./unit-loader";

export type ActiveState = "active" | "inactive" | "activating" | "deactivating" | "failed";

export interface ServiceEnv {
  nodeName: string;
  programs: ProgramTable;
  time: Time;
  journal: Journal;
  /** Reads a node file (for EnvironmentFile=); undefined when missing. */
  readFile(p: string): string | undefined;
  nextPid(): number;
}

export interface ExecRecord {
  /** "ExecStart", "ExecStartPre". */
  kind: string;
  words: string[];
  pid: number;
  exit?: ProcessExit;
}

/** Why systemd considers the unit's last run a success or not (service_result_to_string). */
export type ServiceResult = "success" | "exit-code" | "signal" | "core-dump" | "timeout" | "start-limit-hit";

export class Service {
  def: UnitDefinition;
  activeState: ActiveState = "inactive";
  subState = "dead";
  result: ServiceResult = "success";
  /** When the unit last changed active state ("since ..."). */
  stateChange?: Date;
  activeEnter?: Date;
  mainPid?: number;
  argv?: string[];
  execs: ExecRecord[] = [];
  restarts = 0;
  /** CPU consumed by earlier runs, in ms. */
  cpuMs = 0;
  private proc?: ServiceProcess;
  private procStart?: Date;
  private cancelRestart?: () => void;
  private stopping = false;

  constructor(
    def: UnitDefinition,
    private readonly env: ServiceEnv,
  ) {
    this.def = def;
  }

  get name(): string {
    return this.def.name;
  }

  private log(message: string, priority: number = Priority.info): void {
    this.env.journal.append({ time: this.env.time.now(), unit: this.name, identifier: "systemd", pid: 1, priority, message });
  }

  private setState(active: ActiveState, sub: string): void {
    if (active !== this.activeState) this.stateChange = this.env.time.now();
    if (active === "active" && this.activeState !== "active") this.activeEnter = this.env.time.now();
    this.activeState = active;
    this.subState = sub;
  }

  /** "kubelet: The Kubernetes Node Agent" → "kubelet.service - kubelet: The Kubernetes Node Agent" (unit_status_string). */
  private label(): string {
    return this.def.description && this.def.description !== this.name ? `${this.name} - ${this.def.description}` : this.name;
  }

  /** CPU so far: a run's share grows with its uptime (a kubelet uses about 2% of a core). */
  cpuNow(): number {
    if (!this.proc || !this.procStart) return this.cpuMs;
    return this.cpuMs + Math.floor((this.env.time.now().getTime() - this.procStart.getTime()) * 0.02) + 60;
  }

  /** The environment of the process: Environment= then EnvironmentFile= (files win), read now. */
  private environment(): Record<string, string> | { missing: string } {
    const env: Record<string, string> = Object.create(null);
    env.PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    env.LANG = "C.UTF-8";
    for (const [k, v] of this.def.environment) env[k] = v;
    for (const f of this.def.environmentFiles) {
      const text = this.env.readFile(f.path);
      if (text === undefined) {
        if (!f.optional) return { missing: f.path };
        continue;
      }
      for (const [k, v] of parseEnvFile(text)) env[k] = v;
    }
    return env;
  }

  /** Manual start (systemctl start) resets the restart counter; an automatic one does not. */
  start(auto = false): void {
    if (this.activeState === "active" || this.proc) return;
    this.cancelRestart?.();
    this.cancelRestart = undefined;
    if (!auto) this.restarts = 0;
    // A new run gets a new cgroup: CPU accounting starts over.
    this.cpuMs = 0;
    this.result = "success";
    this.execs = [];
    this.mainPid = undefined;
    const exec = this.def.execStart;
    if (!exec) return;
    for (const pre of this.def.execStartPre) {
      this.execs.push({ kind: "ExecStartPre", words: pre.words, pid: this.env.nextPid(), exit: { kind: "exited", status: 0 } });
    }
    const env = this.environment();
    const pid = this.env.nextPid();
    const record: ExecRecord = { kind: "ExecStart", words: exec.words, pid };
    this.execs.push(record);
    this.mainPid = pid;
    if ("missing" in env) {
      // exec_context_load_environment fails before the fork: status=243/CREDENTIALS in newer
      // systemd; v255 reports the spawn failure as a resources failure.
      this.log(`${this.name}: Failed to load environment files: No such file or directory`, Priority.err);
      this.log(`${this.name}: Failed to spawn 'start' task: No such file or directory`, Priority.err);
      this.log(`${this.name}: Failed with result 'resources'.`, Priority.warning);
      this.log(`Failed to start ${this.label()}.`, Priority.err);
      this.execs.pop();
      this.mainPid = undefined;
      this.setState("failed", "failed");
      return;
    }
    const argv = expandCommand(exec.words, env);
    this.argv = argv;
    const binary = argv[0] ?? "";
    const program = this.env.programs.get(binary);
    this.setState("active", "running");
    this.log(`Started ${this.label()}.`);
    if (!program) {
      // The forked child is named "(kubelet)" until it execs (systemd v254+).
      const child = `(${binary.slice(binary.lastIndexOf("/") + 1)})`;
      const at = this.env.time.now();
      this.env.journal.append({ time: at, unit: this.name, identifier: child, pid, priority: Priority.err, message: `${this.name}: Unable to locate executable '${binary}': No such file or directory` });
      this.env.journal.append({ time: at, unit: this.name, identifier: child, pid, priority: Priority.err, message: `${this.name}: Failed at step EXEC spawning ${binary}: No such file or directory` });
      this.exited(record, 203);
      return;
    }
    const ident = binary.slice(binary.lastIndexOf("/") + 1);
    this.procStart = this.env.time.now();
    let proc: ServiceProcess | undefined;
    let earlyExit: number | undefined;
    // Lines logged before the process's pid is known carry it once known.
    let knownPid: number | undefined;
    const early: { time: Date; line: string }[] = [];
    const append = (time: Date, line: string, p: number) => this.env.journal.append({ time, unit: this.name, identifier: ident, pid: p, message: line });
    proc = program(argv, { ...env }, {
      log: (line) => (knownPid !== undefined ? append(this.env.time.now(), line, knownPid) : early.push({ time: this.env.time.now(), line })),
      exit: (code) => {
        if (!proc) earlyExit = code;
        else if (this.proc === proc && !this.stopping) this.exited(record, code);
      },
    });
    this.proc = proc;
    const settle = (p: number) => {
      knownPid = p;
      for (const e of early.splice(0)) append(e.time, e.line, p);
      record.pid = p;
      // A later start has its own records and Main PID.
      if (this.execs.includes(record)) this.mainPid = p;
    };
    const fallback = proc.pid;
    if (proc.pidReady) void proc.pidReady.then((p) => settle(p ?? fallback), () => settle(fallback));
    else settle(proc.pid);
    if (earlyExit !== undefined) this.exited(record, earlyExit);
  }

  private exited(record: ExecRecord, code: number): void {
    record.exit = { kind: "exited", status: code };
    this.cpuMs = this.cpuNow();
    this.proc = undefined;
    this.procStart = undefined;
    if (code === 0) {
      this.log(`${this.name}: Deactivated successfully.`);
    } else {
      this.log(`${this.name}: Main process exited, code=exited, status=${exitStatus(code)}`, Priority.notice);
      this.result = "exit-code";
      this.log(`${this.name}: Failed with result 'exit-code'.`, Priority.warning);
    }
    const restart = this.def.restart === "always" || (this.def.restart === "on-failure" && code !== 0);
    if (!restart) {
      if (code === 0) this.setState("inactive", "dead");
      else this.setState("failed", "failed");
      return;
    }
    this.setState("activating", "auto-restart");
    this.cancelRestart = this.env.time.after(this.def.restartSecMs, () => {
      this.cancelRestart = undefined;
      this.restarts++;
      this.log(`${this.name}: Scheduled restart job, restart counter is at ${this.restarts}.`);
      this.log(`Stopped ${this.label()}.`);
      this.setState("inactive", "dead");
      this.start(true);
    });
  }

  async stop(): Promise<void> {
    if (this.cancelRestart) {
      this.cancelRestart();
      this.cancelRestart = undefined;
      this.setState("inactive", "dead");
      this.log(`Stopped ${this.label()}.`);
      return;
    }
    if (this.activeState === "failed") {
      this.setState("inactive", "dead");
      return;
    }
    if (!this.proc) return;
    const proc = this.proc;
    this.stopping = true;
    this.log(`Stopping ${this.label()}...`);
    this.setState("deactivating", "stop-sigterm");
    await proc.stop();
    this.stopping = false;
    const record = this.execs.find((e) => e.kind === "ExecStart" && e.exit === undefined);
    if (record) record.exit = { kind: "exited", status: 0 };
    this.cpuMs = this.cpuNow();
    this.proc = undefined;
    this.procStart = undefined;
    this.setState("inactive", "dead");
    this.log(`${this.name}: Deactivated successfully.`);
    this.log(`Stopped ${this.label()}.`);
    this.log(`${this.name}: Consumed ${formatCpu(this.cpuMs)} CPU time.`);
  }

  resetFailed(): void {
    if (this.activeState === "failed") this.setState("inactive", "dead");
    this.result = "success";
    this.restarts = 0;
  }

  describeExec(e: ExecRecord): string {
    return `${e.kind}=${e.words.join(" ")} (${e.exit ? describeExit(e.exit) : "running"})`;
  }
}

import { formatTimespan } from "./time-format";
function formatCpu(ms: number): string {
  return formatTimespan(ms);
}
