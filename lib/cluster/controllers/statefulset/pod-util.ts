// Pod readiness as pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable), shared by the DaemonSet
// and StatefulSet controllers.
import type { KObject } from "../../api/types.js";

interface Cond {
  type: string;
  status: string;
  lastTransitionTime?: string;
}
const readyCondition = (p: KObject) => ((p.status as { conditions?: Cond[] } | undefined)?.conditions ?? []).find((c) => c.type === "Ready");

export function isPodReady(p: KObject): boolean {
  return readyCondition(p)?.status === "True";
}

/** Ready for at least minReadySeconds (or since when, for requeueing). */
export function isPodAvailable(p: KObject, minReadySeconds: number, now: Date): boolean {
  const c = readyCondition(p);
  if (c?.status !== "True") return false;
  if (!minReadySeconds) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
  return since + minReadySeconds * 1000 <= now.getTime();
}

export const podPhase = (p: KObject) => (p.status as { phase?: string } | undefined)?.phase ?? "";
export const isTerminating = (p: KObject) => !!p.metadata?.deletionTimestamp;

/** metav1.GetControllerOf matched against an owner uid. */
export function isControlledBy(p: KObject, uid: string | undefined): boolean {
  return !!p.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid);
}

export function controllerRef(owner: KObject, kind: string) {
  return { apiVersion: "apps/v1", kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}
