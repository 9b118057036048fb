// Lookups over a resource list (built-ins plus CRD-derived), as client-go's RESTMapper and the
// apiserver's request routing need them. Keys come from user input, so everything is a Map.
import type { ResourceInfo } from "./types";
import { apiGroups } from "./resources-groups";

export class ResourceIndex {
  private readonly byGR = new Map<string, ResourceInfo[]>();
  private readonly byGVR = new Map<string, ResourceInfo>();
  private readonly byGVK = new Map<string, ResourceInfo>();
  private readonly byShort = new Map<string, ResourceInfo>();
  private readonly preferred = new Map<string, string>();

  constructor(readonly resources: readonly ResourceInfo[]) {
    for (const g of apiGroups(resources)) this.preferred.set(g.name, g.preferredVersion);
    for (const r of resources) {
      const gr = `${r.group}/${r.resource}`;
      const list = this.byGR.get(gr);
      if (list) list.push(r);
      else this.byGR.set(gr, [r]);
      this.byGVR.set(`${r.group}/${r.version}/${r.resource}`, r);
      this.byGVK.set(`${r.group}/${r.version}/${r.kind}`, r);
    }
    // Short names resolve to the preferred version of the highest-priority group that claims
    // them (kubectl's shortcut expander walks discovery in group order).
    for (const g of apiGroups(resources)) {
      for (const r of resources) {
        if (r.group !== g.name || r.version !== g.preferredVersion) continue;
        for (const s of r.shortNames ?? []) if (!this.byShort.has(s)) this.byShort.set(s, r);
      }
    }
  }

  /** The resource in `group`, at `version` or else at the group's preferred version. */
  get(group: string, resource: string, version?: string): ResourceInfo | undefined {
    const v = version ?? this.preferred.get(group);
    return v === undefined ? undefined : this.byGVR.get(`${group}/${v}/${resource}`);
  }

  /** Every served version of group+resource, preferred first. */
  versionsOf(group: string, resource: string): ResourceInfo[] {
    const list = this.byGR.get(`${group}/${resource}`) ?? [];
    const pref = this.preferred.get(group);
    return [...list].sort((a, b) => (a.version === pref ? -1 : b.version === pref ? 1 : 0));
  }

  byKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.byGVK.get(`${group}/${version}/${kind}`);
  }

  byShortName(shortName: string): ResourceInfo | undefined {
    return this.byShort.get(shortName);
  }

  preferredVersion(group: string): string | undefined {
    return this.preferred.get(group);
  }
}

export function resourceIndex(resources: readonly ResourceInfo[]): ResourceIndex {
  return new ResourceIndex(resources);
}
