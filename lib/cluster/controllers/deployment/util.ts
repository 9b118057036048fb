// Pure helpers of the Deployment controller, after pkg/controller/deployment/util/deployment_util.go:
// revisions and the annotations copied to ReplicaSets, maxSurge/maxUnavailable fenceposts,
// ReplicaSet orderings, replica sums, conditions and the completeness/progress/timeout tests.
import type { KObject } from "../../api/types.js";
import { computeHash } from "../../bootstrap/hash.js";
import { parseTime, rfc3339 } from "../util/base.js";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
export const DEFAULT_POD_TEMPLATE_HASH_LABEL = "pod-template-hash";
/** maxRevHistoryLengthInChars in the controller. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

// Reasons of the Progressing / Available / ReplicaFailure conditions (deployment_util.go).
export const NewReplicaSetReason = "NewReplicaSetCreated";
export const FoundNewRSReason = "FoundNewReplicaSet";
export const ReplicaSetUpdatedReason = "ReplicaSetUpdated";
export const NewRSAvailableReason = "NewReplicaSetAvailable";
export const TimedOutReason = "ProgressDeadlineExceeded";
export const PausedDeployReason = "DeploymentPaused";
export const ResumedDeployReason = "DeploymentResumed";
export const FailedRSCreateReason = "ReplicaSetCreateError";
export const MinimumReplicasAvailable = "MinimumReplicasAvailable";
export const MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

/** Annotations of a Deployment never copied to its ReplicaSets (skipCopyAnnotation). */
const SKIP_COPY = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  "deprecated.deployment.rollback.to",
]);

export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface RSView {
  replicas: number;
  statusReplicas: number;
  ready: number;
  available: number;
}

export const dSpec = (d: KObject) => (d.spec ?? {}) as DeploymentSpec;
export const dStatus = (d: KObject) => (d.status ?? {}) as DeploymentStatus;
export const dReplicas = (d: KObject) => dSpec(d).replicas ?? 1;
export const rsReplicas = (rs: KObject) => ((rs.spec as { replicas?: number })?.replicas ?? 1) as number;
export const rsStatus = (rs: KObject) =>
  (rs.status ?? {}) as { replicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number; conditions?: DeploymentCondition[] };

export const isRollingUpdate = (d: KObject) => (dSpec(d).strategy?.type ?? "RollingUpdate") === "RollingUpdate";

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) v = "25%";
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** ResolveFenceposts: surge rounds up, unavailable down; never both zero. */
export function resolveFenceposts(d: KObject): { surge: number; unavailable: number } {
  const ru = dSpec(d).strategy?.rollingUpdate ?? {};
  const desired = dReplicas(d);
  const surge = scaledValue(ru.maxSurge, desired, true);
  let unavailable = scaledValue(ru.maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: KObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: KObject): number {
  if (!isRollingUpdate(d) || dReplicas(d) === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, dReplicas(d));
}

export function revisionOf(obj: KObject): number {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

export const maxRevision = (rss: KObject[]) => rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);

const byCreation = (a: KObject, b: KObject) => {
  const ta = parseTime(a.metadata?.creationTimestamp) ?? 0, tb = parseTime(b.metadata?.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
};
/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export const sortByCreation = (rss: KObject[]) => [...rss].sort(byCreation);
/** ReplicaSetsBySizeNewer: biggest first, newer first on ties. */
export const sortBySizeNewer = (rss: KObject[]) => [...rss].sort((a, b) => rsReplicas(b) - rsReplicas(a) || byCreation(b, a));
/** ReplicaSetsBySizeOlder: biggest first, older first on ties. */
export const sortBySizeOlder = (rss: KObject[]) => [...rss].sort((a, b) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b));
/** ReplicaSetsByRevision: lowest revision first, then by creation. */
export const sortByRevision = (rss: KObject[]) => [...rss].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));

export const filterActive = (rss: (KObject | undefined)[]) => rss.filter((rs): rs is KObject => !!rs && rsReplicas(rs) > 0);
export const sumSpec = (rss: (KObject | undefined)[]) => rss.reduce((n, rs) => n + (rs ? rsReplicas(rs) : 0), 0);
export const sumActual = (rss: (KObject | undefined)[]) => rss.reduce((n, rs) => n + (rs ? (rsStatus(rs).replicas ?? 0) : 0), 0);
export const sumReady = (rss: (KObject | undefined)[]) => rss.reduce((n, rs) => n + (rs ? (rsStatus(rs).readyReplicas ?? 0) : 0), 0);
export const sumAvailable = (rss: (KObject | undefined)[]) => rss.reduce((n, rs) => n + (rs ? (rsStatus(rs).availableReplicas ?? 0) : 0), 0);

function withoutHash(tpl: unknown): string {
  const t = structuredClone((tpl ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (t.metadata?.labels) {
    delete t.metadata.labels[DEFAULT_POD_TEMPLATE_HASH_LABEL];
    if (!Object.keys(t.metadata.labels).length) delete t.metadata.labels;
  }
  if (t.metadata && !Object.keys(t.metadata).length) delete t.metadata;
  return canonicalJSON(t);
}

function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** EqualIgnoreHash: templates equal apart from the pod-template-hash label. */
export const equalIgnoreHash = (a: unknown, b: unknown) => withoutHash(a) === withoutHash(b);

/** FindNewReplicaSet: the oldest ReplicaSet whose template matches the Deployment's. */
export function findNewReplicaSet(d: KObject, rss: KObject[]): KObject | undefined {
  return sortByCreation(rss).find((rs) => equalIgnoreHash((rs.spec as DeploymentSpec).template, dSpec(d).template));
}

export function podTemplateHash(d: KObject): string {
  return computeHash(dSpec(d).template, dStatus(d).collisionCount);
}

/** copyDeploymentAnnotationsToReplicaSet: true when an annotation changed. */
function copyAnnotations(d: KObject, rs: KObject): boolean {
  const m = rs.metadata!;
  m.annotations ??= {};
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIP_COPY.has(k) || m.annotations[k] === v) continue;
    m.annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations. */
export function setReplicasAnnotations(rs: KObject, desired: number, max: number): boolean {
  const a = (rs.metadata!.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** SetNewReplicaSetAnnotations: copies annotations, raises the revision, keeps revision-history on rollback. */
export function setNewReplicaSetAnnotations(d: KObject, rs: KObject, newRevision: string, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const a = rs.metadata!.annotations!;
  const oldRevision = a[REVISION_ANNOTATION];
  const oldInt = oldRevision === undefined || oldRevision === "" ? 0 : Number(oldRevision);
  if (!Number.isInteger(oldInt)) return false;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    a[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (oldRevision !== undefined && oldRevision !== "" && oldInt < newInt) {
    const hist = a[REVISION_HISTORY_ANNOTATION] ?? "";
    let old = hist.split(",");
    if (old[0].length === 0) a[REVISION_HISTORY_ANNOTATION] = oldRevision;
    else {
      let total = hist.length + oldRevision.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < old.length) total -= old[start++].length + 1;
      if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
        old = [...old.slice(start), oldRevision];
        a[REVISION_HISTORY_ANNOTATION] = old.join(",");
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, dReplicas(d), dReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: KObject, all: (KObject | undefined)[], newRS: KObject): number {
  if (!isRollingUpdate(d)) return dReplicas(d);
  const surge = scaledValue(dSpec(d).strategy?.rollingUpdate?.maxSurge, dReplicas(d), true);
  const current = sumSpec(all);
  const maxTotal = dReplicas(d) + surge;
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, dReplicas(d) - rsReplicas(newRS));
  return rsReplicas(newRS) + up;
}

/** IsSaturated: the new ReplicaSet has all the replicas and they are available. */
export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  if (!Number.isInteger(desired)) return false;
  return rsReplicas(rs) === dReplicas(d) && desired === dReplicas(d) && (rsStatus(rs).availableReplicas ?? 0) === dReplicas(d);
}

/** GetProportion for proportional scaling. */
export function getProportion(rs: KObject, d: KObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KObject, d: KObject): number {
  if (dReplicas(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = dReplicas(d) + maxSurge(d);
  const ann = Number(rs.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION]);
  const annotated = Number.isInteger(ann) && rs.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION] !== undefined ? ann : (dStatus(d).replicas ?? 0);
  const size = (rsReplicas(rs) * deploymentReplicas) / annotated;
  // integer.RoundToInt32: math.Round, halves away from zero.
  return Math.sign(size) * Math.round(Math.abs(size)) - rsReplicas(rs);
}

export const hasProgressDeadline = (d: KObject) => dSpec(d).progressDeadlineSeconds !== undefined && dSpec(d).progressDeadlineSeconds !== 2147483647;

export function getCondition(s: DeploymentStatus, type: string): DeploymentCondition | undefined {
  return s.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: string, reason: string, message: string, now: Date): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: same status and reason is no change; the changed condition moves last. */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  s.conditions = (s.conditions ?? []).filter((c) => c.type !== type);
  if (!s.conditions.length) delete s.conditions;
}

export function deploymentComplete(d: KObject, s: DeploymentStatus): boolean {
  const r = dReplicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

export function deploymentProgressing(d: KObject, s: DeploymentStatus): boolean {
  const o = dStatus(d);
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: KObject, s: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, "Progressing");
  if (!c) return false;
  if (c.reason === NewRSAvailableReason) return false;
  if (c.reason === TimedOutReason) return true;
  const from = parseTime(c.lastUpdateTime) ?? 0;
  return from + dSpec(d).progressDeadlineSeconds! * 1000 < now.getTime();
}

/** calculateStatus: the replica sums and the Available condition. */
export function calculateStatus(all: (KObject | undefined)[], newRS: KObject | undefined, d: KObject, now: Date): DeploymentStatus {
  const available = sumAvailable(all);
  const total = sumSpec(all);
  const s: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: sumActual(all),
    updatedReplicas: sumActual([newRS]),
    readyReplicas: sumReady(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: dStatus(d).collisionCount,
  };
  s.conditions = (dStatus(d).conditions ?? []).map((c) => ({ ...c }));
  if (available >= dReplicas(d) - maxUnavailable(d)) setCondition(s, newCondition("Available", "True", MinimumReplicasAvailable, "Deployment has minimum availability.", now));
  else setCondition(s, newCondition("Available", "False", MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
  return s;
}

/** The status as JSON serialises it: zero int32 fields and empty lists are omitted (omitempty). */
export function omitEmpty(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const [k, v] of Object.entries(s) as [keyof DeploymentStatus, unknown][]) {
    if (v === undefined || v === 0 || (Array.isArray(v) && !v.length)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}
