// One cgroup per lab, holding every process of its node sandboxes, with memory and pids limits.
// RLIMIT_NPROC cannot do this job: every lab runs as the same uid (root), so a per-uid count
// would be shared by all labs. cgroup v2 is used when the unified hierarchy has the memory and
// pids controllers; otherwise the v1 memory and pids hierarchies; otherwise nothing (reported
// through `mode`, and the rlimits of the sandbox still apply).
import fs from "node:fs";
import path from "node:path";

export type CgroupMode = "v2" | "v1" | "none";

export interface LabCgroup {
  mode: CgroupMode;
  /** The cgroup.procs files a process must be written to, one per hierarchy ([] for "none"). */
  procsFiles: string[];
  /** Why mode is "none", when it is. */
  reason?: string;
  /** Drop one reference; the last one removes the cgroup directories (best effort). */
  release(): void;
}

export interface CgroupLimits {
  memoryBytes: number;
  pids: number;
}

const PARENT = "drydock";
const held = new Map<string, { cg: LabCgroup; refs: number }>();

/** Creates (or shares, for the other nodes of the same lab) the lab's cgroup. Never throws. */
export function acquireLabCgroup(labId: string, limits: CgroupLimits, root = "/sys/fs/cgroup"): LabCgroup {
  const key = root + "\0" + labId;
  const have = held.get(key);
  if (have) {
    have.refs++;
    return have.cg;
  }
  const name = labId.replace(/[^A-Za-z0-9_.-]/g, "_");
  let cg: LabCgroup;
  try {
    cg = createV2(root, name, limits) ?? createV1(root, name, limits) ?? none("no writable cgroup v2 or v1 memory+pids hierarchy under " + root);
  } catch (e) {
    cg = none((e as Error).message);
  }
  const entry = { cg, refs: 1 };
  const release = () => {
    if (--entry.refs > 0) return;
    held.delete(key);
    for (const f of cg.procsFiles) rmdirQuiet(path.dirname(f));
  };
  cg.release = release;
  held.set(key, entry);
  return cg;
}

function none(reason: string): LabCgroup {
  return { mode: "none", procsFiles: [], reason, release() {} };
}

function createV2(root: string, name: string, limits: CgroupLimits): LabCgroup | undefined {
  const controllers = readQuiet(path.join(root, "cgroup.controllers"));
  if (controllers === undefined) return undefined;
  const have = controllers.split(/\s+/);
  if (!have.includes("memory") || !have.includes("pids")) return undefined;
  const parent = path.join(root, PARENT);
  fs.mkdirSync(parent, { recursive: true });
  // Controllers must be enabled top-down for the lab's cgroup to get memory.max and pids.max.
  fs.writeFileSync(path.join(root, "cgroup.subtree_control"), "+memory +pids");
  fs.writeFileSync(path.join(parent, "cgroup.subtree_control"), "+memory +pids");
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "memory.max"), String(limits.memoryBytes));
  fs.writeFileSync(path.join(dir, "pids.max"), String(limits.pids));
  return { mode: "v2", procsFiles: [path.join(dir, "cgroup.procs")], release() {} };
}

function createV1(root: string, name: string, limits: CgroupLimits): LabCgroup | undefined {
  const mem = path.join(root, "memory");
  const pids = path.join(root, "pids");
  if (!fs.existsSync(path.join(mem, "cgroup.procs")) || !fs.existsSync(path.join(pids, "cgroup.procs"))) return undefined;
  const memDir = path.join(mem, PARENT, name);
  const pidsDir = path.join(pids, PARENT, name);
  fs.mkdirSync(memDir, { recursive: true });
  fs.mkdirSync(pidsDir, { recursive: true });
  fs.writeFileSync(path.join(memDir, "memory.limit_in_bytes"), String(limits.memoryBytes));
  fs.writeFileSync(path.join(pidsDir, "pids.max"), String(limits.pids));
  return { mode: "v1", procsFiles: [path.join(memDir, "cgroup.procs"), path.join(pidsDir, "cgroup.procs")], release() {} };
}

function readQuiet(p: string): string | undefined {
  try {
    return fs.readFileSync(p, "utf8").trim();
  } catch {
    return undefined;
  }
}

function rmdirQuiet(p: string): void {
  try {
    fs.rmdirSync(p);
  } catch {
    // Still busy (a process has not been reaped yet) or already gone: the next lab with the same
    // id reuses it, nothing else depends on its removal.
  }
}
