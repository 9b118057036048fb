// Paths of a node's tree as the node resolves them: a symlink with an absolute target (kubeadm's
// kubelet-client-current.pem) points inside the node, not at the host's root.
import { existsSync, lstatSync, mkdirSync, readlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The host path of node path p under root, following symlinks inside the node (at most 40, as Linux). */
export function resolveInNode(root: string, p: string): string {
  let parts = path.posix.normalize(p).split("/").filter(Boolean);
  let resolved: string[] = [];
  let hops = 0;
  while (parts.length) {
    const next = parts.shift()!;
    if (next === "..") {
      resolved.pop();
      continue;
    }
    const candidate = [...resolved, next];
    const host = path.join(root, ...candidate);
    let link: string | undefined;
    try {
      if (lstatSync(host).isSymbolicLink()) link = readlinkSync(host);
    } catch {
      link = undefined;
    }
    if (link === undefined) {
      resolved = candidate;
      continue;
    }
    if (++hops > 40) throw Object.assign(new Error(`${p}: too many levels of symbolic links`), { code: "ELOOP" });
    const target = link.split("/").filter(Boolean);
    resolved = link.startsWith("/") ? [] : resolved;
    parts = [...target, ...parts];
  }
  return path.join(root, ...resolved);
}

type HostPathVolume = { hostPath?: { path: string; type?: string } };

/**
 * The host directories and files a fresh node has for its add-ons' hostPath volumes (CNI
 * directories, /sys/fs/bpf, /lib/modules, /run/xtables.lock): created in the node's tree so the
 * kubelet's type checks find them, as they exist on a real node.
 */
export function prepareHostPaths(root: string, pods: import("../../cluster/api/types.js").KObject[], systemRoot = root): void {
  for (const pod of pods) {
    for (const v of ((pod.spec as { volumes?: HostPathVolume[] })?.volumes ?? [])) {
      const hp = v.hostPath;
      if (!hp?.path) continue;
      const host = path.join(isSystemPath(hp.path) ? systemRoot : root, hp.path);
      try {
        if (hp.type === "File" || hp.type === "FileOrCreate") {
          mkdirSync(path.dirname(host), { recursive: true });
          if (!existsSync(host)) writeFileSync(host, "");
        } else if (hp.type === "Directory" || hp.type === "DirectoryOrCreate" || !hp.type) {
          if (!existsSync(host)) mkdirSync(host, { recursive: true });
        }
      } catch {
        // A path that cannot be made here (a file where a directory is wanted) stays as it is.
      }
    }
  }
}

/**
 * Paths the node gets from the host and the kernel, not from its tree (/proc, /sys, /dev, /run,
 * and /lib through usrmerge): the simulator keeps what it needs of them (the add-ons' hostPath
 * volumes such as /sys/fs/bpf and /lib/modules) in a shadow tree beside the node's.
 */
const SYSTEM_TOP = new Set(["proc", "sys", "dev", "run", "lib", "lib32", "lib64", "bin", "sbin"]);
export function isSystemPath(p: string): boolean {
  return SYSTEM_TOP.has(path.posix.resolve("/", p).split("/")[1] ?? "");
}
