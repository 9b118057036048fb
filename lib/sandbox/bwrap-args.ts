// The bwrap command line of a node sandbox. Pure: the file system is reached through FsProbe so
// the mount plan is unit-testable; node-sandbox.ts runs it.
import fs from "node:fs";
import path from "node:path";
import type { NodeSandboxSpec } from "./types";
import { RUN_DIR_IN_NODE } from "./types";

export interface FsProbe {
  /** "missing", "empty" (a zero-byte file or an empty dir, e.g. a mount point left by an earlier
   *  run), or "present". */
  kind(p: string): "missing" | "empty" | "present";
  /** Names of the directories directly under p (none when p is missing). */
  subdirs(p: string): string[];
}

/** Top-level names never taken from the node tree: host /usr (and its usrmerge links), kernel
 *  file systems, and /run, which is a fresh tmpfs at every start as after a boot. */
const RESERVED_TOP = new Set(["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "proc", "dev", "sys", "run"]);

/** Host files under /etc that programs from host /usr need (the dynamic loader, alternatives
 *  symlinks such as /usr/bin/vi, CA certificates and openssl.cnf, name service switch, terminal
 *  and editor defaults). Bound read-only only when the node tree lacks them, so a lab may ship
 *  its own; /etc/passwd, hosts, hostname and the like always come from the node tree. */
export const HOST_ETC_FALLBACKS = [
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "alternatives",
  "ssl",
  // The kubelet creates /etc/ssl/certs in the node tree (kube-apiserver's ca-certs hostPath,
  // DirectoryOrCreate), which hides the whole host /etc/ssl: fall back file by file inside it.
  "ssl/openssl.cnf",
  "ssl/certs",
  "ca-certificates",
  "ca-certificates.conf",
  "nsswitch.conf",
  "host.conf",
  "gai.conf",
  "protocols",
  "services",
  "localtime",
  "inputrc",
  "terminfo",
  "vim",
  "nanorc",
  "mime.types",
];

const USRMERGE_LINKS: [string, string][] = [
  ["usr/bin", "/bin"],
  ["usr/sbin", "/sbin"],
  ["usr/lib", "/lib"],
  ["usr/lib64", "/lib64"],
];

export function bwrapArgs(spec: NodeSandboxSpec, probe: FsProbe = realFsProbe): string[] {
  const args = [
    "--unshare-all",
    "--uid", "0",
    "--gid", "0",
    "--cap-add", "ALL",
    "--hostname", spec.nodeName,
    "--die-with-parent",
    // Our own init (a bash renamed /sbin/init, see node-sandbox.ts) is PID 1, so `ps` in the node
    // does not show bwrap's command line.
    "--as-pid-1",
    // The node's tree is its root file system, so whatever a process writes anywhere (a new
    // /srv or /data a student makes for a hostPath) is on disk where the kubelet finds it.
    "--bind", spec.rootDir, "/",
    "--ro-bind", "/usr", "/usr",
  ];
  for (const [target, link] of USRMERGE_LINKS) args.push("--symlink", target, link);
  args.push("--proc", "/proc", "--dev", "/dev");

  const dirs = probe.subdirs(spec.rootDir).filter((d) => !RESERVED_TOP.has(d)).sort();
  if (!dirs.includes("tmp")) args.push("--tmpfs", "/tmp");

  const fromHost: string[] = [];
  for (const rel of HOST_ETC_FALLBACKS) {
    const host = path.join("/etc", rel);
    if (probe.kind(host) === "missing" || fromHost.some((d) => rel.startsWith(d + "/"))) continue;
    if (probe.kind(path.join(spec.rootDir, "etc", rel)) !== "present") {
      args.push("--ro-bind", host, host);
      fromHost.push(rel);
    }
  }

  args.push("--tmpfs", "/run", "--bind", spec.runDir, RUN_DIR_IN_NODE);
  for (const b of spec.extraRoBinds ?? []) args.push("--ro-bind", b.src, b.dest);
  for (const b of spec.extraRwBinds ?? []) args.push("--bind", b.src, b.dest);
  args.push("--chdir", "/");
  return args;
}

export const realFsProbe: FsProbe = {
  kind(p) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return "missing";
    }
    if (st.isDirectory()) return fs.readdirSync(p).length === 0 ? "empty" : "present";
    return st.size === 0 && st.isFile() ? "empty" : "present";
  },
  subdirs(p) {
    try {
      return fs
        .readdirSync(p, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return [];
    }
  },
};
