// What the storage controllers read of pods: the claims a pod's volumes name (a
// persistentVolumeClaim by name, a generic ephemeral volume as "<pod>-<volume>") and
// volume/util.IsPodTerminated.
import type { KObject } from "../api/types.js";

type PodVolume = { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown };

export function podClaimNames(pod: KObject): string[] {
  const vols = ((pod.spec as { volumes?: PodVolume[] })?.volumes ?? []) as PodVolume[];
  const out: string[] = [];
  for (const v of vols) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata?.name}-${v.name}`);
  }
  return out;
}

type ContainerStatus = { state?: { terminated?: unknown; waiting?: unknown } };

/** Failed or Succeeded, or being deleted with every container terminated or waiting. */
export function podIsTerminated(pod: KObject): boolean {
  const st = (pod.status ?? {}) as { phase?: string; [k: string]: unknown };
  if (st.phase === "Failed" || st.phase === "Succeeded") return true;
  if (!pod.metadata?.deletionTimestamp) return false;
  const all = ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"].flatMap((k) => (st[k] as ContainerStatus[] | undefined) ?? []);
  return all.every((c) => !!(c.state?.terminated || c.state?.waiting));
}
