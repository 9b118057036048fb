// All labs of this runner: creation with limits, lookup, deletion, expiry, and recovery of what
// an earlier run left on disk (a restart cannot resume a lab whose processes died with the old
// server, so such labs are cleaned up and reported).
import type { Time } from "../cluster/runtime/timers.js";
import { systemTime } from "./random.js";
import { readdirSync, rmSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { Clock, Random } from "../cluster/api/types.js";
import { Lab, type LabRecord } from "./lab.js";
import { KeyPool } from "./key-pool.js";
import { toolPaths, type ToolPaths } from "./tools.js";

export interface LabLimits {
  maxLabs: number;
  lifetimeSeconds: number;
  memoryBytes: number;
  pids: number;
}

export const DEFAULT_LIMITS: LabLimits = { maxLabs: 20, lifetimeSeconds: 4 * 3600, memoryBytes: 2 * 1024 ** 3, pids: 1024 };

export class LabError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export class LabManager {
  private readonly labs = new Map<string, Lab>();
  private readonly keys = new KeyPool();
  private readonly tools: ToolPaths;
  private expiryTimer: NodeJS.Timeout | undefined;
  readonly labsDir: string;

  constructor(
    dataDir: string,
    projectRoot: string,
    private readonly clock: Clock,
    private readonly random: Random,
    readonly limits: LabLimits = DEFAULT_LIMITS,
    private readonly time: Time = systemTime,
  ) {
    this.labsDir = path.join(dataDir, "labs");
    mkdirSync(this.labsDir, { recursive: true });
    this.tools = toolPaths(projectRoot);
  }

  /** Cleans what an earlier run left behind; returns the names of labs it removed. */
  recover(): string[] {
    const removed: string[] = [];
    for (const name of existsSync(this.labsDir) ? readdirSync(this.labsDir) : []) {
      if (this.labs.has(name)) continue;
      rmSync(path.join(this.labsDir, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  start(): void {
    this.keys.fill();
    this.expiryTimer = setInterval(() => void this.expire(), 30_000);
    this.expiryTimer.unref();
  }

  private async expire() {
    const now = this.clock.now().getTime();
    for (const lab of this.labs.values()) {
      if (lab.phase === "ready" && Date.parse(lab.record.expiresAt) < now) await this.delete(lab.record.name).catch(() => undefined);
    }
  }

  list(): { name: string; phase: string; createdAt: string; expiresAt: string }[] {
    return [...this.labs.values()].map((l) => ({ name: l.record.name, phase: l.phase, createdAt: l.record.createdAt, expiresAt: l.record.expiresAt }));
  }

  get(name: string): Lab {
    const lab = this.labs.get(name);
    if (!lab) throw new LabError(404, `lab "${name}" not found`);
    return lab;
  }

  async create(name: string | undefined, template = "default"): Promise<Lab> {
    const labName = name ?? `lab-${this.random.string(5)}`;
    if (!NAME.test(labName)) throw new LabError(400, `invalid lab name "${labName}": must be a lowercase RFC 1123 label`);
    if (template !== "default") throw new LabError(400, `unknown lab template "${template}" (available: default)`);
    if (this.labs.has(labName)) throw new LabError(409, `lab "${labName}" already exists`);
    if (this.labs.size >= this.limits.maxLabs) throw new LabError(429, `this server already runs ${this.labs.size} labs (the limit is ${this.limits.maxLabs}); delete one first`);
    const now = this.clock.now();
    const record: LabRecord = { name: labName, createdAt: now.toISOString(), template, expiresAt: new Date(now.getTime() + this.limits.lifetimeSeconds * 1000).toISOString() };
    const lab = new Lab(record, this.labsDir, { clock: this.clock, time: this.time, random: this.random, keys: this.keys, tools: this.tools, limits: this.limits });
    this.labs.set(labName, lab);
    try {
      await lab.create();
    } catch (e) {
      this.labs.delete(labName);
      await lab.destroy().catch(() => undefined);
      throw new LabError(500, `lab "${labName}" could not start: ${(e as Error).message}`);
    }
    return lab;
  }

  async delete(name: string): Promise<void> {
    const lab = this.get(name);
    this.labs.delete(name);
    await lab.destroy();
  }

  async shutdown(): Promise<void> {
    clearInterval(this.expiryTimer);
    await Promise.all([...this.labs.values()].map((l) => l.destroy().catch(() => undefined)));
    this.labs.clear();
  }
}
