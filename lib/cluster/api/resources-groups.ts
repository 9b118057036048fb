// API group ordering, as kube-aggregator orders discovery.
// Priorities follow pkg/controlplane/apiserver/aggregator.go (DefaultGenericAPIServicePriorities)
// and cmd/kube-apiserver/app/aggregator.go (the kube-apiserver groups) of v1.32; CRD groups get
// the apiextensions autoregistration priority (groupPriorityMinimum 1000, versionPriority 100)
// and metrics-server's APIService asks for 100/100. Groups sort by priority, highest first, ties
// by name (kube-aggregator's byPriority); versions inside a group by version priority, then by
// Kubernetes version order (apimachinery's version.CompareKubeAwareVersionStrings).
import type { ResourceInfo } from "./types";

export interface APIServicePriority {
  group: number;
  version: number;
}

const BUILTIN: ReadonlyMap<string, APIServicePriority> = new Map([
  ["/v1", { group: 18000, version: 1 }],
  ["apps/v1", { group: 17800, version: 15 }],
  ["events.k8s.io/v1", { group: 17750, version: 15 }],
  ["authentication.k8s.io/v1", { group: 17700, version: 15 }],
  ["authorization.k8s.io/v1", { group: 17600, version: 15 }],
  ["autoscaling/v1", { group: 17500, version: 15 }],
  ["autoscaling/v2", { group: 17500, version: 30 }],
  ["batch/v1", { group: 17400, version: 15 }],
  ["certificates.k8s.io/v1", { group: 17300, version: 15 }],
  ["networking.k8s.io/v1", { group: 17200, version: 15 }],
  ["policy/v1", { group: 17100, version: 15 }],
  ["rbac.authorization.k8s.io/v1", { group: 17000, version: 15 }],
  ["storage.k8s.io/v1", { group: 16800, version: 15 }],
  ["apiextensions.k8s.io/v1", { group: 16700, version: 15 }],
  ["admissionregistration.k8s.io/v1", { group: 16700, version: 15 }],
  ["scheduling.k8s.io/v1", { group: 16600, version: 15 }],
  ["coordination.k8s.io/v1", { group: 16500, version: 15 }],
  ["node.k8s.io/v1", { group: 16300, version: 15 }],
  ["discovery.k8s.io/v1", { group: 16200, version: 15 }],
  ["flowcontrol.apiserver.k8s.io/v1", { group: 16100, version: 21 }],
  // The aggregator serves its own group; legacy /apis always lists it first.
  ["apiregistration.k8s.io/v1", { group: 18000, version: 15 }],
  // metrics-server's APIService (its deploy manifest).
  ["metrics.k8s.io/v1beta1", { group: 100, version: 100 }],
]);

/** CRD groups: pkg/controlplane/controller/crdregistration (crdregistration_controller.go). */
const CRD_PRIORITY: APIServicePriority = { group: 1000, version: 100 };

export function groupPriority(group: string, version: string): APIServicePriority {
  return BUILTIN.get(`${group}/${version}`) ?? CRD_PRIORITY;
}

/** Kubernetes version ordering: GA > beta > alpha, then the higher numbers first. */
export function compareKubeAwareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const stage = m[2] === undefined ? 2 : m[2] === "beta" ? 1 : 0;
    return { major: Number(m[1]), stage, minor: Number(m[3] ?? 0) };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa && !pb) return a < b ? -1 : a > b ? 1 : 0;
  if (!pa) return 1; // non-Kube versions sort after Kube versions
  if (!pb) return -1;
  if (pa.stage !== pb.stage) return pb.stage - pa.stage;
  if (pa.major !== pb.major) return pb.major - pa.major;
  return pb.minor - pa.minor;
}

export interface APIGroupInfo {
  /** "" for the legacy core group. */
  name: string;
  /** Served versions, preferred first. */
  versions: string[];
  preferredVersion: string;
  /** The highest group priority among its versions (what the ordering uses). */
  priority: number;
}

/** Every group of `resources`, in discovery order, with its versions (preferred first). */
export function apiGroups(resources: readonly ResourceInfo[]): APIGroupInfo[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of resources) {
    let versions = byGroup.get(r.group);
    if (!versions) byGroup.set(r.group, (versions = new Set()));
    versions.add(r.version);
  }
  const groups: APIGroupInfo[] = [];
  for (const [name, set] of byGroup) {
    const versions = [...set].sort((a, b) => {
      const d = groupPriority(name, b).version - groupPriority(name, a).version;
      return d !== 0 ? d : compareKubeAwareVersions(a, b);
    });
    const priority = Math.max(...versions.map((v) => groupPriority(name, v).group));
    groups.push({ name, versions, preferredVersion: versions[0], priority });
  }
  return groups.sort((a, b) => {
    if (a.name === "apiregistration.k8s.io" && b.name !== "") return -1;
    if (b.name === "apiregistration.k8s.io" && a.name !== "") return 1;
    if (a.priority !== b.priority) return b.priority - a.priority;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}
