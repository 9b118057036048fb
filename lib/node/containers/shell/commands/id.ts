// `id` and `whoami` of the container's process user (securityContext runAsUser, runAsGroup,
// fsGroup/supplementalGroups, see ../../identity.ts), in busybox's format (coreutils/id.c,
// whoami.c: the kernel's sorted group list) or GNU coreutils' (id.c: the effective gid first).
// Names come from the container's own /etc/passwd and /etc/group.
import { defineCommand, type Command, type IFileSystem } from "just-bash";
import { parseGroup, parsePasswd, type ProcessIdentity } from "../../identity.js";

const ROOT: ProcessIdentity = { uid: 0, gid: 0, groups: [0] };

async function names(fs: IFileSystem): Promise<{ user: Map<number, string>; group: Map<number, string> }> {
  const read = async (p: string) => ((await fs.exists(p)) ? await fs.readFile(p) : "");
  const user = new Map<number, string>();
  const group = new Map<number, string>();
  for (const u of parsePasswd(await read("/etc/passwd"))) if (!user.has(u.uid)) user.set(u.uid, u.name);
  for (const g of parseGroup(await read("/etc/group"))) if (!group.has(g.gid)) group.set(g.gid, g.name);
  return { user, group };
}

export function formatId(who: ProcessIdentity, user: Map<number, string>, group: Map<number, string>, flavour: "busybox" | "gnu"): string {
  const named = (n: number, m: Map<number, string>) => (m.has(n) ? `${n}(${m.get(n)})` : String(n));
  const groups = flavour === "gnu" ? [who.gid, ...who.groups.filter((g) => g !== who.gid)] : who.groups;
  const list = groups.length ? ` groups=${groups.map((g) => named(g, group)).join(",")}` : "";
  return `uid=${named(who.uid, user)} gid=${named(who.gid, group)}${list}\n`;
}

function unknown(cmd: string, kind: "uid" | "gid", n: number, flavour: "busybox" | "gnu"): string {
  if (flavour === "busybox") return `${cmd}: unknown ${kind} ${n}\n`;
  return `${cmd}: cannot find name for ${kind === "uid" ? "user" : "group"} ID ${n}\n`;
}

export function idCommand(identity: ProcessIdentity | undefined, flavour: "busybox" | "gnu"): Command {
  return defineCommand("id", async (args, ctx) => {
    const who = identity ?? ROOT;
    let mode: "u" | "g" | "G" | null = null;
    let byName = false;
    const operands: string[] = [];
    for (const a of args) {
      if (/^-[ugGnrz]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === "n") byName = true;
          else if (f === "u" || f === "g" || f === "G") mode = f;
        }
      } else if (a.startsWith("-")) return { stdout: "", stderr: `id: invalid option -- '${a[1]}'\n`, exitCode: 1 };
      else operands.push(a);
    }
    const { user, group } = await names(ctx.fs);
    if (operands.length) {
      // `id USER`: the passwd entry's ids (no supplementary lookup beyond /etc/group).
      const entry = parsePasswd(await ctx.fs.readFile("/etc/passwd").catch(() => "")).find((u) => u.name === operands[0] || String(u.uid) === operands[0]);
      if (!entry) return { stdout: "", stderr: flavour === "busybox" ? `id: unknown user ${operands[0]}\n` : `id: '${operands[0]}': no such user\n`, exitCode: 1 };
      const groups = new Set([entry.gid]);
      for (const g of parseGroup(await ctx.fs.readFile("/etc/group").catch(() => ""))) if (g.members.includes(entry.name)) groups.add(g.gid);
      return { stdout: formatId({ uid: entry.uid, gid: entry.gid, groups: [...groups].sort((a, b) => a - b) }, user, group, flavour), stderr: "", exitCode: 0 };
    }
    if (!mode) return { stdout: formatId(who, user, group, flavour), stderr: "", exitCode: 0 };
    const one = (n: number, m: Map<number, string>, kind: "uid" | "gid"): string | { err: string } => {
      if (!byName) return String(n);
      return m.get(n) ?? { err: unknown("id", kind, n, flavour) };
    };
    const values = mode === "u" ? [one(who.uid, user, "uid")] : mode === "g" ? [one(who.gid, group, "gid")] : (flavour === "gnu" ? [who.gid, ...who.groups.filter((g) => g !== who.gid)] : who.groups).map((g) => one(g, group, "gid"));
    const err = values.find((v): v is { err: string } => typeof v !== "string");
    if (err && flavour === "busybox") return { stdout: "", stderr: err.err, exitCode: 1 };
    const out = values.map((v) => (typeof v === "string" ? v : v.err.match(/ID (\d+)/)![1])).join(" ");
    return { stdout: `${out}\n`, stderr: err ? err.err : "", exitCode: err ? 1 : 0 };
  });
}

export function whoamiCommand(identity: ProcessIdentity | undefined, flavour: "busybox" | "gnu"): Command {
  return defineCommand("whoami", async (_args, ctx) => {
    const who = identity ?? ROOT;
    const { user } = await names(ctx.fs);
    const name = user.get(who.uid);
    if (name === undefined) return { stdout: "", stderr: unknown("whoami", "uid", who.uid, flavour), exitCode: 1 };
    return { stdout: `${name}\n`, stderr: "", exitCode: 0 };
  });
}
