// systemd (PID 1) of one node: the service units it has loaded, enablement through
// /etc/systemd/system/<target>.wants symlinks (src/shared/install.c), daemon-reload, boot.
import fs from "node:fs";
import path from "node:path";
import type { Time } from "../../cluster/runtime/timers.js";
import type { Journal } from "../journal/journal";
import type { NodeCommand, ProgramTable } from "../types";
import { Service } from "./service";
import { loadUnit, type UnitDefinition, type UnitFs } from "./unit-loader";
import { STATIC_UNITS, VENDOR_ENABLED, VENDOR_UNIT_FILES } from "./vendor-units";

export interface SystemdDeps {
  nodeName: string;
  /** A path inside the node → the path of the node's tree on the host. */
  nodePath(p: string): string;
  programs: ProgramTable;
  time: Time;
  journal: Journal;
  /** First PID handed out to processes systemd starts; default 1000 (after boot-time daemons). */
  firstPid?: number;
}

export type EnablementState = "enabled" | "disabled" | "static" | "masked" | "not-found";

/** The services Drydock runs itself (the rest are the static catalogue). */
export const MANAGED_UNITS = ["containerd.service", "kubelet.service", "ssh.service"];

/** Host-backed access to the node's unit files, with the vendor files as a fallback. */
export function nodeUnitFs(nodePath: (p: string) => string): UnitFs {
  const readlink = (p: string) => {
    try {
      return fs.readlinkSync(nodePath(p));
    } catch {
      return undefined;
    }
  };
  return {
    readlink,
    read(p) {
      // Symlinks in the tree hold node paths: follow them ourselves (a bounded number of hops).
      let cur = p;
      for (let i = 0; i < 8; i++) {
        const link = readlink(cur);
        if (link === undefined) break;
        cur = path.posix.resolve(path.posix.dirname(cur), link);
      }
      try {
        return fs.readFileSync(nodePath(cur), "utf8");
      } catch {
        return VENDOR_UNIT_FILES.get(cur);
      }
    },
    list(dir) {
      try {
        return fs.readdirSync(nodePath(dir));
      } catch {
        return [];
      }
    },
  };
}

/** "kubelet" → "kubelet.service" (unit_name_mangle for the names a student types). */
export function mangleUnitName(n: string): string {
  return /\.(service|socket|target|timer|mount|path|slice|scope|device|swap|automount)$/.test(n) ? n : `${n}.service`;
}

export class Systemd {
  readonly fs: UnitFs;
  private readonly services = new Map<string, Service>();
  private pid: number;
  readonly bootTime: Date;

  constructor(
    readonly deps: SystemdDeps,
    unitFs?: UnitFs,
  ) {
    this.fs = unitFs ?? nodeUnitFs(deps.nodePath);
    this.pid = deps.firstPid ?? 1000;
    this.bootTime = deps.time.now();
    for (const name of MANAGED_UNITS) this.service(name);
  }

  private env() {
    return {
      nodeName: this.deps.nodeName,
      programs: this.deps.programs,
      time: this.deps.time,
      journal: this.deps.journal,
      readFile: (p: string) => this.fs.read(p),
      nextPid: () => (this.pid += 1 + (this.pid % 7)),
    };
  }

  /** The loaded service, loading it on first use as systemd does for a unit it meets. */
  service(name: string): Service {
    let s = this.services.get(name);
    if (!s) {
      const def = loadUnit(this.fs, name);
      if (def.loadError) this.logLoadError(def);
      s = new Service(def, this.env());
      if (def.loadState !== "not-found" || MANAGED_UNITS.includes(name)) this.services.set(name, s);
    }
    return s;
  }

  private logLoadError(def: UnitDefinition): void {
    this.deps.journal.append({ time: this.deps.time.now(), unit: def.name, identifier: "systemd", pid: 1, priority: 3, message: def.loadError! });
  }

  loaded(): Service[] {
    return [...this.services.values()].filter((s) => s.def.loadState !== "not-found");
  }

  /** True when the files behind a loaded unit changed since the last daemon-reload. */
  needsReload(s: Service): boolean {
    return loadUnit(this.fs, s.name).fingerprint !== s.def.fingerprint;
  }

  daemonReload(): void {
    for (const s of this.services.values()) {
      const def = loadUnit(this.fs, s.name);
      if (def.fingerprint !== s.def.fingerprint && def.loadError) this.logLoadError(def);
      s.def = def;
    }
  }

  enablement(name: string): EnablementState {
    const def = this.services.get(name)?.def ?? loadUnit(this.fs, name);
    if (def.loadState === "masked") return "masked";
    if (def.loadState === "not-found") return "not-found";
    const fresh = loadUnit(this.fs, name);
    if (fresh.wantedBy.length === 0) return "static";
    for (const t of fresh.wantedBy) {
      if (this.fs.readlink(`/etc/systemd/system/${t}.wants/${name}`) !== undefined) return "enabled";
    }
    // Packages enabled by their postinst whose symlink the node tree does not carry.
    if (VENDOR_ENABLED.has(name) && !this.disabledVendor.has(name)) return "enabled";
    return "disabled";
  }

  private readonly disabledVendor = new Set<string>();

  /** Creates the wants/ symlinks; returns systemd's change lines. */
  enable(name: string): string[] {
    const def = loadUnit(this.fs, name);
    const lines: string[] = [];
    for (const t of def.wantedBy) {
      const link = `/etc/systemd/system/${t}.wants/${name}`;
      const host = this.deps.nodePath(link);
      if (this.fs.readlink(link) !== undefined) continue;
      fs.mkdirSync(path.dirname(host), { recursive: true });
      fs.symlinkSync(def.fragmentPath!, host);
      lines.push(`Created symlink ${link} → ${def.fragmentPath}.`);
    }
    this.disabledVendor.delete(name);
    return lines;
  }

  disable(name: string): string[] {
    const def = loadUnit(this.fs, name);
    const lines: string[] = [];
    for (const t of def.wantedBy) {
      const link = `/etc/systemd/system/${t}.wants/${name}`;
      if (this.fs.readlink(link) === undefined) continue;
      fs.unlinkSync(this.deps.nodePath(link));
      lines.push(`Removed "${link}".`);
    }
    if (VENDOR_ENABLED.has(name)) {
      if (!this.disabledVendor.has(name) && lines.length === 0) lines.push(`Removed "/etc/systemd/system/multi-user.target.wants/${name}".`);
      this.disabledVendor.add(name);
    }
    return lines;
  }

  mask(name: string): string[] {
    const link = `/etc/systemd/system/${name}`;
    if (this.fs.readlink(link) === "/dev/null") return [];
    const host = this.deps.nodePath(link);
    fs.mkdirSync(path.dirname(host), { recursive: true });
    fs.rmSync(host, { force: true });
    fs.symlinkSync("/dev/null", host);
    return [`Created symlink ${link} → /dev/null.`];
  }

  unmask(name: string): string[] {
    const link = `/etc/systemd/system/${name}`;
    if (this.fs.readlink(link) !== "/dev/null") return [];
    fs.unlinkSync(this.deps.nodePath(link));
    return [`Removed "${link}".`];
  }

  /** Starts the enabled units, as multi-user.target does at boot. */
  bootUp(): void {
    for (const name of MANAGED_UNITS) {
      const s = this.service(name);
      if (s.def.loadState === "loaded" && this.enablement(name) === "enabled") s.start();
    }
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop()));
  }

  isStatic(name: string) {
    return STATIC_UNITS.find((u) => u.name === name);
  }
}

export type { NodeCommand };
