// A container's filesystem as its processes see it: the image's files (in memory, lost when the
// container is removed, as a container's writable layer), the files the runtime writes
// (/etc/hosts, /etc/hostname, /etc/resolv.conf), and the pod's volumes: host directories of the
// node (hostPath, emptyDir, PVC) as real directories of the node tree, so other pods and
// `ssh node` see the same files; projected volumes (configMap, secret, token) as file maps.
import * as nodeFs from "node:fs";
import * as path from "node:path";
import { InMemoryFs, MountableFs, ReadWriteFs, type IFileSystem } from "just-bash";
import type { Mount, PodSandboxConfig } from "../cri/types.js";
import type { CatalogueEntry, ImageBase } from "./images/catalogue.js";

const OS_RELEASE: Record<ImageBase, string | undefined> = {
  debian: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
  alpine: `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
  ubuntu: `PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n`,
  distroless: `PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\nSUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"\nBUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"\n`,
  busybox: undefined,
  scratch: undefined,
};

const PASSWD: Record<ImageBase, string | undefined> = {
  debian: "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
  ubuntu: "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n",
  alpine: "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n",
  busybox: "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
  distroless: "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
  scratch: undefined,
};

/** The images' /etc/group: `id` names the groups, and containerd adds the user's memberships. */
const GROUP: Record<ImageBase, string | undefined> = {
  debian: "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\ndialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\ntape:x:26:\nsudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\nlist:x:38:\nirc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\n",
  ubuntu: "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:ubuntu\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\ndialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:ubuntu\nfloppy:x:25:\ntape:x:26:\nsudo:x:27:ubuntu\naudio:x:29:\ndip:x:30:ubuntu\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\nlist:x:38:\nirc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\nubuntu:x:1000:\n",
  alpine: "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin,adm\nadm:x:4:root,adm,daemon\ntty:x:5:\ndisk:x:6:root,adm\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\nconsole:x:17:\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n",
  busybox: "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnogroup:x:65534:\n",
  distroless: "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n",
  scratch: undefined,
};

/** The image's /etc/passwd and /etc/group (its own files win over the base's). */
export function imageAccounts(entry: CatalogueEntry | undefined): { passwd?: string; group?: string } {
  const base = entry?.base ?? "scratch";
  return { passwd: entry?.files?.["/etc/passwd"] ?? PASSWD[base], group: entry?.files?.["/etc/group"] ?? GROUP[base] };
}

/** The kubelet's managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
export function hostsFile(ip: string, sandbox: PodSandboxConfig): string {
  let s =
    "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" +
    `${ip}\t${sandbox.hostname}\n`;
  if (sandbox.hostsEntries?.length) s += "\n# Entries added by HostAliases.\n" + sandbox.hostsEntries.map((l) => `${l}\n`).join("");
  return s;
}

/** containerd's resolv.conf for a sandbox (internal/cri/server/sandbox_run.go parseDNSOptions). */
export function resolvConf(dns: PodSandboxConfig["dns"]): string {
  let s = "";
  if (dns.searches.length) s += `search ${dns.searches.join(" ")}\n`;
  if (dns.servers.length) s += `nameserver ${dns.servers.join("\nnameserver ")}\n`;
  if (dns.options.length) s += `options ${dns.options.join(" ")}\n`;
  return s;
}

class ReadOnlyFs {
  /**
   * Writes fail with EROFS. The message is strerror(EROFS) alone, so the commands print what
   * coreutils does (`touch: cannot touch '/x': Read-only file system`). `writable` paths stay
   * writable (the kubelet's bind-mounted files over a read-only root file system).
   */
  static wrap(inner: IFileSystem, mountPoint: string, writable: ReadonlySet<string> = new Set()): IFileSystem {
    const deny = (): never => {
      const e = new Error("Read-only file system") as Error & { code: string };
      e.code = "EROFS";
      throw e;
    };
    void mountPoint;
    return new Proxy(inner, {
      get(target, prop, receiver) {
        if (["writeFile", "appendFile", "mkdir", "rm", "cp", "mv", "chmod", "symlink", "link", "utimes"].includes(String(prop))) {
          return async (p: string, ...rest: unknown[]) => {
            if (writable.has(p)) return (Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>).call(target, p, ...rest);
            return deny();
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }
}

export interface RootfsInput {
  entry: CatalogueEntry | undefined;
  sandbox: PodSandboxConfig;
  ip: string;
  mounts: Mount[];
  /** Node path -> host path. */
  nodePath(p: string): string;
  /** securityContext.readOnlyRootFilesystem: only volumes and the kubelet's files are writable. */
  readonlyRootfs?: boolean;
}

/** The files the kubelet and containerd bind-mount into every container (writable even over a read-only root). */
const BIND_MOUNTED_FILES: ReadonlySet<string> = new Set(["/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/dev/termination-log"]);

export function buildRootfs(input: RootfsInput): IFileSystem {
  const files: Record<string, string> = Object.create(null);
  const base = input.entry?.base ?? "scratch";
  const osRelease = OS_RELEASE[base];
  if (osRelease) files["/etc/os-release"] = osRelease;
  if (base === "alpine") files["/etc/alpine-release"] = "3.21.3\n";
  if (base === "debian") files["/etc/debian_version"] = "12.10\n";
  const passwd = PASSWD[base];
  if (passwd) files["/etc/passwd"] = passwd;
  const group = GROUP[base];
  if (group) files["/etc/group"] = group;
  Object.assign(files, input.entry?.files ?? {});
  files["/etc/hostname"] = `${input.sandbox.hostname}\n`;
  files["/etc/hosts"] = hostsFile(input.ip, input.sandbox);
  files["/etc/resolv.conf"] = resolvConf(input.sandbox.dns);
  files["/dev/termination-log"] = "";
  const image = new InMemoryFs(files);
  for (const d of ["/tmp", "/root", "/var", "/home", "/proc", "/usr/local/bin", "/bin"]) void image.mkdir(d, { recursive: true });
  const root = new MountableFs({ base: input.readonlyRootfs ? ReadOnlyFs.wrap(image, "/", BIND_MOUNTED_FILES) : image });
  for (const m of input.mounts) {
    if (m.hostPath !== undefined) {
      const host = input.nodePath(m.subPath ? path.posix.join(m.hostPath, m.subPath) : m.hostPath);
      let isFile = false;
      try {
        isFile = nodeFs.statSync(host).isFile();
      } catch {
        nodeFs.mkdirSync(host, { recursive: true });
      }
      if (isFile) {
        // A file subPath: the file is bind-mounted alone; writes go through to the node.
        void image.mkdir(path.posix.dirname(m.containerPath), { recursive: true });
        void image.writeFile(m.containerPath, nodeFs.readFileSync(host));
        continue;
      }
      const fs: IFileSystem = new ReadWriteFs({ root: host, allowSymlinks: true });
      root.mount(m.containerPath, m.readonly ? ReadOnlyFs.wrap(fs, m.containerPath) : fs);
    } else if (m.files) {
      if (m.subPath) {
        const f = m.files.get(m.subPath);
        void image.mkdir(path.posix.dirname(m.containerPath), { recursive: true });
        void image.writeFile(m.containerPath, f ? f.data : "");
        continue;
      }
      const init: Record<string, { content: Uint8Array; mode: number }> = Object.create(null);
      for (const [rel, f] of m.files) init[`/${rel}`] = { content: f.data, mode: f.mode };
      const fs = new InMemoryFs(init);
      root.mount(m.containerPath, ReadOnlyFs.wrap(fs, m.containerPath));
    }
  }
  return root;
}
