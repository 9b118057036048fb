// ReplicaSet status as pkg/controller/replicaset/replica_set_utils.go computes it
// (calculateStatus, NewReplicaSetCondition, SetCondition, RemoveCondition).
import type { KObject } from "../../api/types.js";
import { rfc3339 } from "../util/base.js";
import { isPodAvailable, isPodReady } from "../util/pods.js";

export interface RSCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface RSStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: RSCondition[];
}

/** Spec of a ReplicaSet or ReplicationController, as the controller reads it. */
export interface ReplicaSetSpecView {
  replicas: number;
  minReadySeconds: number;
  templateLabels: Record<string, string>;
}

/** Zero-valued int32 fields carry `omitempty` upstream, except replicas. */
export function calculateStatus(rs: KObject, spec: ReplicaSetSpecView, pods: KObject[], manageErr: Error | undefined, diff: number, now: Date): RSStatus {
  const prev = (rs.status ?? {}) as RSStatus;
  let fully = 0, ready = 0, available = 0;
  const tl = Object.entries(spec.templateLabels);
  for (const p of pods) {
    const labels = p.metadata?.labels ?? {};
    if (tl.every(([k, v]) => labels[k] === v)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, spec.minReadySeconds, now)) available++;
    }
  }
  let conditions = [...(prev.conditions ?? [])];
  const failure = conditions.find((c) => c.type === "ReplicaFailure");
  if (manageErr && !failure) {
    conditions.push({ type: "ReplicaFailure", status: "True", lastTransitionTime: rfc3339(now), reason: diff < 0 ? "FailedCreate" : "FailedDelete", message: manageErr.message });
  } else if (!manageErr && failure) {
    conditions = conditions.filter((c) => c.type !== "ReplicaFailure");
  }
  const s: RSStatus = { replicas: pods.length };
  if (fully) s.fullyLabeledReplicas = fully;
  if (ready) s.readyReplicas = ready;
  if (available) s.availableReplicas = available;
  if (rs.metadata?.generation) s.observedGeneration = rs.metadata.generation;
  if (conditions.length) s.conditions = conditions;
  return s;
}

export function statusEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, canonical(o[k])]));
  }
  return v;
}
