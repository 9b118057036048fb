// apt's view of the repositories: the one-line sources in /etc/apt/sources.list.d/*.list that
// name pkgs.k8s.io, and the index files `apt-get update` leaves in /var/lib/apt/lists (named as
// apt's URItoFileName names them). Ubuntu's own archive is listed but carries nothing Drydock
// simulates.
import fs from "node:fs";
import path from "node:path";
import { CHANNELS, type DebPackage } from "./catalogue";

export const SOURCES_DIR = "/etc/apt/sources.list.d";
export const LISTS_DIR = "/var/lib/apt/lists";

export interface KubeSource {
  /** As written, normalised to end in "/": "https://pkgs.k8s.io/core:/stable:/v1.33/deb/". */
  uri: string;
  /** "v1.33", or undefined when the URI is not a pkgs.k8s.io core stable channel. */
  minor?: string;
}

/** The pkgs.k8s.io "deb URI /" lines of every *.list file (comments and deb-src ignored). */
export function readKubeSources(nodePath: (p: string) => string): KubeSource[] {
  const out: KubeSource[] = [];
  let files: string[] = [];
  try {
    files = fs.readdirSync(nodePath(SOURCES_DIR)).filter((f) => f.endsWith(".list")).sort();
  } catch {
    return out;
  }
  for (const f of files) {
    let text = "";
    try {
      text = fs.readFileSync(path.join(nodePath(SOURCES_DIR), f), "utf8");
    } catch {
      continue;
    }
    for (const raw of text.split("\n")) {
      const line = raw.replace(/#.*/, "").trim();
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
      if (!m || !/^https?:\/\/pkgs\.k8s\.io\//.test(m[1])) continue;
      const uri = m[1].endsWith("/") ? m[1] : m[1] + "/";
      const minor = /^https?:\/\/pkgs\.k8s\.io\/core:\/stable:\/(v1\.\d+)\/deb\/$/.exec(uri)?.[1];
      out.push({ uri, minor });
    }
  }
  return out;
}

/** How apt names a flat repository's index: the URI without scheme, "/" → "_". */
export function listFileName(uri: string, file: "InRelease" | "Packages"): string {
  return uri.replace(/^https?:\/\//, "").replace(/\//g, "_") + file;
}

/** Describe(true) of a flat repository's Packages index, as madison and policy print it. */
export function describeIndex(uri: string): string {
  return `${uri.replace(/\/$/, "")}  Packages`;
}

/** The CDN address pkgs.k8s.io redirects to, which `apt-get update` and `Get:` lines show. */
export function cdnUri(uri: string): string {
  return uri.replace(/^https?:\/\/pkgs\.k8s\.io\//, "https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/").replace(/\/$/, "");
}

/** The Release's origin label apt shows in "Selected version ... (label [amd64])". */
export function releaseLabel(minor: string): string {
  return `isv:kubernetes:core:stable:${minor}:pkgs.k8s.io`;
}

/** A Packages index in the repository's format. */
export function packagesIndex(pkgs: DebPackage[]): string {
  return pkgs
    .map(
      (p) =>
        [
          `Package: ${p.name}`,
          "Architecture: amd64",
          `Version: ${p.version}`,
          "Priority: optional",
          "Section: admin",
          "Maintainer: Kubernetes Authors <dev@kubernetes.io>",
          `Installed-Size: ${p.installedSize}`,
          ...(p.depends ? [`Depends: ${p.depends}`] : []),
          `Filename: amd64/${p.name}_${p.version}_amd64.deb`,
          `Size: ${p.size}`,
          "Homepage: https://kubernetes.io",
          `Description: ${p.description}`,
          ` ${p.description}.`,
          "",
        ].join("\n"),
    )
    .join("\n");
}

/** What the fetched index of a source lists; undefined when `apt-get update` never fetched it. */
export function readIndex(nodePath: (p: string) => string, src: KubeSource): DebPackage[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(nodePath(LISTS_DIR), listFileName(src.uri, "Packages")), "utf8");
  } catch {
    return undefined;
  }
  const out: DebPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const f = new Map<string, string>();
    for (const line of stanza.split("\n")) {
      const i = line.indexOf(":");
      if (i > 0 && !/^\s/.test(line)) f.set(line.slice(0, i), line.slice(i + 1).trim());
    }
    if (!f.get("Package") || !f.get("Version")) continue;
    out.push({
      name: f.get("Package")!,
      version: f.get("Version")!,
      size: Number(f.get("Size") ?? 0),
      installedSize: Number(f.get("Installed-Size") ?? 0),
      description: f.get("Description") ?? "",
      depends: f.get("Depends"),
    });
  }
  return out;
}

/** Writes the index files `apt-get update` fetches for a known channel; returns their sizes. */
export function writeIndex(nodePath: (p: string) => string, src: KubeSource): { inRelease: number; packages: number } | undefined {
  const channel = src.minor ? CHANNELS.get(src.minor) : undefined;
  if (!channel) return undefined;
  const dir = nodePath(LISTS_DIR);
  fs.mkdirSync(path.join(dir, "partial"), { recursive: true });
  const packages = packagesIndex(channel.packages);
  const inRelease = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: obs://build.opensuse.org/isv:kubernetes:core:stable:${channel.minor}/deb\nLabel: isv:kubernetes:core:stable:${channel.minor}\nArchitectures: amd64 arm64 ppc64le s390x\n`;
  fs.writeFileSync(path.join(dir, listFileName(src.uri, "InRelease")), inRelease);
  fs.writeFileSync(path.join(dir, listFileName(src.uri, "Packages")), packages);
  return { inRelease: 1227, packages: Buffer.byteLength(packages) };
}

/** A node tree whose lists were never written gets them as the image build's `apt-get update` left them. */
export function ensureLists(nodePath: (p: string) => string): void {
  if (fs.existsSync(nodePath(LISTS_DIR))) return;
  for (const src of readKubeSources(nodePath)) writeIndex(nodePath, src);
}
