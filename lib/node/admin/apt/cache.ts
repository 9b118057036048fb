// apt's cache for the kube packages: every version the configured, fetched sources offer, the
// installed one from dpkg's status, and the candidate (the highest version: every source has
// apt's default priority 500, the installed version 100).
import type { DebPackage } from "./catalogue";
import { compareDebVersions } from "./debversion";
import { PackageDb, type InstalledPackage } from "./dpkg";
import { ensureLists, readIndex, readKubeSources, type KubeSource } from "./sources";

export interface AvailableVersion {
  pkg: DebPackage;
  source: KubeSource;
}

export interface PackageView {
  name: string;
  installed?: InstalledPackage;
  /** Newest first, as apt's version table lists them. */
  versions: AvailableVersion[];
  candidate?: string;
}

export class AptCache {
  readonly db: PackageDb;
  private readonly available = new Map<string, AvailableVersion[]>();

  constructor(
    readonly nodePath: (p: string) => string,
    kubernetesVersion: string,
  ) {
    this.db = new PackageDb(nodePath, kubernetesVersion);
    ensureLists(nodePath);
    for (const source of readKubeSources(nodePath)) {
      for (const pkg of readIndex(nodePath, source) ?? []) {
        const list = this.available.get(pkg.name) ?? [];
        list.push({ pkg, source });
        this.available.set(pkg.name, list);
      }
    }
    for (const list of this.available.values()) list.sort((a, b) => compareDebVersions(b.pkg.version, a.pkg.version));
  }

  /** undefined: apt knows no such package ("Unable to locate package"). */
  view(name: string): PackageView | undefined {
    const installed = this.db.get(name);
    const versions = this.available.get(name) ?? [];
    if (!installed && versions.length === 0) return undefined;
    let candidate = versions[0]?.pkg.version;
    if (installed && (!candidate || compareDebVersions(installed.version, candidate) > 0)) candidate = installed.version;
    return { name, installed, versions, candidate };
  }

  /** Names of installed packages whose candidate is newer. */
  upgradable(): string[] {
    return this.db
      .read()
      .filter((p) => {
        const v = this.view(p.name);
        return v?.candidate !== undefined && compareDebVersions(v.candidate, p.version) > 0;
      })
      .map((p) => p.name)
      .sort();
  }
}

/** apt's version selector: exact, or a glob ("1.33.0-*", "1.33.*"). */
export function matchVersion(versions: AvailableVersion[], spec: string): AvailableVersion | undefined {
  if (!/[*?[]/.test(spec)) return versions.find((v) => v.pkg.version === spec);
  const re = new RegExp("^" + spec.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return versions.find((v) => re.test(v.pkg.version));
}
