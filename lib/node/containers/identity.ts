// Who a container's processes run as: the CRI LinuxContainerSecurityContext the kubelet sends
// (run_as_user, run_as_group, supplemental_groups, readonly_rootfs) applied the way containerd
// builds the OCI process user (pkg/oci/spec_opts.go WithUserID / WithAdditionalGIDs and the CRI
// plugin's WithSupplementalGroups): the uid from runAsUser or the image's USER, the primary gid
// from runAsGroup or the user's passwd entry, additional gids = the primary gid + the groups of
// /etc/group that list the user + the pod's supplemental groups (fsGroup among them). The kernel
// keeps the additional gids sorted (setgroups), which is the order `id` prints them in.
import type { ContainerConfig } from "../cri/types.js";

/** The subset of CRI's LinuxContainerSecurityContext that Drydock models. */
export interface LinuxContainerSecurity {
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  readonlyRootfs?: boolean;
  privileged?: boolean;
}

/**
 * ContainerConfig as the kubelet fills it: ContainerConfig (lib/node/cri/types.ts) plus CRI's
 * linux.security_context. TODO(lead): fold `securityContext` into the shared ContainerConfig.
 */
export type ContainerConfigWithSecurity = ContainerConfig & { securityContext?: LinuxContainerSecurity };

export function securityOf(config: ContainerConfig): LinuxContainerSecurity {
  return (config as ContainerConfigWithSecurity).securityContext ?? {};
}

export interface ProcessIdentity {
  uid: number;
  gid: number;
  /** Additional gids, ascending, as getgroups(2) returns them. */
  groups: number[];
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

export function parsePasswd(text: string | undefined): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of (text ?? "").split("\n")) {
    const f = line.split(":");
    if (f.length < 4 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3])) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]) });
  }
  return out;
}

export function parseGroup(text: string | undefined): { name: string; gid: number; members: string[] }[] {
  const out: { name: string; gid: number; members: string[] }[] = [];
  for (const line of (text ?? "").split("\n")) {
    const f = line.split(":");
    if (f.length < 3 || !/^\d+$/.test(f[2])) continue;
    out.push({ name: f[0], gid: Number(f[2]), members: (f[3] ?? "").split(",").filter(Boolean) });
  }
  return out;
}

/** The process user of a container whose image runs as `imageUser` (Docker's USER: "name", "uid", "uid:gid"). */
export function processIdentity(sec: LinuxContainerSecurity, imageUser: string, passwd: string | undefined, group: string | undefined): ProcessIdentity {
  const users = parsePasswd(passwd);
  const [userPart, groupPart] = imageUser.split(":");
  let entry: PasswdEntry | undefined;
  let uid = 0;
  if (sec.runAsUser !== undefined) {
    uid = sec.runAsUser;
    entry = users.find((u) => u.uid === uid);
  } else if (userPart) {
    entry = /^\d+$/.test(userPart) ? users.find((u) => u.uid === Number(userPart)) : users.find((u) => u.name === userPart);
    uid = /^\d+$/.test(userPart) ? Number(userPart) : (entry?.uid ?? 0);
  } else entry = users.find((u) => u.uid === 0);
  const imageGid = groupPart && /^\d+$/.test(groupPart) ? Number(groupPart) : undefined;
  const gid = sec.runAsGroup ?? imageGid ?? entry?.gid ?? 0;
  const groups = new Set<number>([gid]);
  if (entry) for (const g of parseGroup(group)) if (g.members.includes(entry.name)) groups.add(g.gid);
  for (const g of sec.supplementalGroups ?? []) groups.add(g);
  return { uid, gid, groups: [...groups].sort((a, b) => a - b) };
}
