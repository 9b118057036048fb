// The node's package database: /var/lib/dpkg/status in dpkg's own format, holding the kube
// packages. It is the single source of truth for what is installed and held: the simulated
// apt-get/apt-mark write it, the host's real dpkg/dpkg-query (visible in every node through
// /usr) read it, so `dpkg -l | grep kube` needs no simulation, and kubeadm, the kubelet and
// kubectl ask installedVersion() which version they are.
import fs from "node:fs";
import path from "node:path";
import { CHANNELS, debToKubeVersion, type DebPackage } from "./catalogue";

export const DPKG_STATUS = "/var/lib/dpkg/status";

export interface InstalledPackage {
  name: string;
  version: string;
  /** dpkg selection: apt-mark hold sets "hold". */
  want: "install" | "hold";
  installedSize: number;
  description: string;
  depends?: string;
}

/** The kube packages a fresh lab node has (install-kubeadm.md: kubelet kubeadm kubectl, held). */
export function defaultInstalled(kubernetesVersion: string): InstalledPackage[] {
  const minor = kubernetesVersion.split(".").slice(0, 2).join(".");
  const channel = CHANNELS.get(minor);
  if (!channel) throw new Error(`no pkgs.k8s.io channel ${minor}`);
  const deb = `${kubernetesVersion.replace(/^v/, "")}-1.1`;
  const pick = (name: string, version?: string): DebPackage => {
    const p = channel.packages.find((x) => x.name === name && (version === undefined || x.version === version));
    if (!p) throw new Error(`no ${name} ${version ?? ""} in ${minor}`);
    return p;
  };
  return [
    { ...fromDeb(pick("cri-tools")), want: "install" },
    { ...fromDeb(pick("kubeadm", deb)), want: "hold" },
    { ...fromDeb(pick("kubectl", deb)), want: "hold" },
    { ...fromDeb(pick("kubelet", deb)), want: "hold" },
    { ...fromDeb(pick("kubernetes-cni")), want: "install" },
  ];
}

export function fromDeb(p: DebPackage): InstalledPackage {
  return { name: p.name, version: p.version, want: "install", installedSize: p.installedSize, description: p.description, depends: p.depends };
}

/** dpkg's field order for a status stanza. */
export function formatStatus(pkgs: InstalledPackage[]): string {
  return [...pkgs]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((p) =>
      [
        `Package: ${p.name}`,
        `Status: ${p.want} ok installed`,
        "Priority: optional",
        "Section: admin",
        `Installed-Size: ${p.installedSize}`,
        "Maintainer: Kubernetes Authors <dev@kubernetes.io>",
        "Architecture: amd64",
        `Version: ${p.version}`,
        ...(p.depends ? [`Depends: ${p.depends}`] : []),
        `Description: ${p.description}`,
        ` ${p.description}.`,
        "Homepage: https://kubernetes.io",
        "",
      ].join("\n") + "\n",
    )
    .join("");
}

/** Reads the stanzas of installed packages; other packages' stanzas are kept verbatim by writeStatus. */
export function parseStatus(text: string): { installed: InstalledPackage[]; others: string[] } {
  const installed: InstalledPackage[] = [];
  const others: string[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    if (!stanza.trim()) continue;
    const fields = new Map<string, string>();
    let last = "";
    for (const line of stanza.split("\n")) {
      if (/^\s/.test(line)) continue; // continuation (long description)
      const i = line.indexOf(":");
      if (i < 0) continue;
      last = line.slice(0, i);
      fields.set(last, line.slice(i + 1).trim());
    }
    const status = (fields.get("Status") ?? "").split(/\s+/);
    const name = fields.get("Package");
    if (!name || status[2] !== "installed" || !/^(cri-tools|kubeadm|kubectl|kubelet|kubernetes-cni)$/.test(name)) {
      others.push(stanza.trim() + "\n");
      continue;
    }
    installed.push({
      name,
      version: fields.get("Version") ?? "",
      want: status[0] === "hold" ? "hold" : "install",
      installedSize: Number(fields.get("Installed-Size") ?? 0),
      description: fields.get("Description") ?? "",
      depends: fields.get("Depends"),
    });
  }
  return { installed, others };
}

export class PackageDb {
  constructor(
    private readonly nodePath: (p: string) => string,
    private readonly kubernetesVersion: string,
  ) {}

  private get file(): string {
    return this.nodePath(DPKG_STATUS);
  }

  /** The installed kube packages; a node tree without a status file gets the fresh lab's. */
  read(): InstalledPackage[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch {
      const pkgs = defaultInstalled(this.kubernetesVersion);
      this.write(pkgs);
      return pkgs;
    }
    return parseStatus(text).installed;
  }

  write(pkgs: InstalledPackage[]): void {
    let others: string[] = [];
    try {
      others = parseStatus(fs.readFileSync(this.file, "utf8")).others;
    } catch {
      // first write
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const body = [...others.map((s) => s + "\n"), formatStatus(pkgs)].join("");
    // Write then rename, as dpkg does (status-new), so a concurrent reader never sees half a file.
    fs.writeFileSync(this.file + "-new", body);
    fs.renameSync(this.file + "-new", this.file);
  }

  get(name: string): InstalledPackage | undefined {
    return this.read().find((p) => p.name === name);
  }
}

/**
 * The Kubernetes version ("v1.33.0") of an installed kube package on a node: what `kubeadm
 * version`, `kubelet --version` and the kubelet's nodeInfo.kubeletVersion report.
 */
export function installedVersion(nodePath: (p: string) => string, name: "kubeadm" | "kubelet" | "kubectl", fallback: string): string {
  const p = new PackageDb(nodePath, fallback).get(name);
  return p ? debToKubeVersion(p.version) : fallback;
}
