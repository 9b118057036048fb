// pkg/registry/core/persistentvolume/strategy.go and persistentvolumeclaim/strategy.go: what the
// API server does to PV/PVC status on its own. A new PV starts Pending with
// lastPhaseTransitionTime now (status sent on create is dropped); a status update that changes
// the phase stamps lastPhaseTransitionTime unless the client set a new one; a new claim starts
// Pending.
import type { KObject } from "../api/types.js";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

type Status = { phase?: string; lastPhaseTransitionTime?: string; [k: string]: unknown };

export function persistentVolumePrepareForCreate(pv: KObject, now: Date): KObject {
  return { ...pv, status: { phase: "Pending", lastPhaseTransitionTime: rfc3339(now) } };
}

/** The status strategy's PrepareForUpdate: spec stays as stored. */
export function persistentVolumeStatusPrepareForUpdate(pv: KObject, old: KObject, now: Date): KObject {
  const st: Status = { ...((pv.status as Status) ?? {}) };
  const oldSt = (old.status as Status) ?? {};
  if (oldSt.phase === st.phase && !st.lastPhaseTransitionTime) {
    if (oldSt.lastPhaseTransitionTime) st.lastPhaseTransitionTime = oldSt.lastPhaseTransitionTime;
  } else if (oldSt.phase !== st.phase && (!st.lastPhaseTransitionTime || st.lastPhaseTransitionTime === oldSt.lastPhaseTransitionTime)) {
    st.lastPhaseTransitionTime = rfc3339(now);
  }
  return { ...pv, spec: old.spec, status: st };
}

export function persistentVolumeClaimPrepareForCreate(pvc: KObject): KObject {
  return { ...pvc, status: { phase: "Pending" } };
}
