// The kubelet's own admission of a pod bound to it (pkg/kubelet/lifecycle/predicate.go and the
// scheduler's noderesources/nodeaffinity plugins it runs again): a pod it cannot run is rejected
// with phase Failed, the reason and "Pod was rejected: <message>".
import { milliValue, parseQuantity, value as qValue } from "../meta/quantity.js";
import type { KObject } from "../api/types.js";
import type { NodeSelector, NodeSelectorRequirement, Pod } from "./types.js";

export interface Rejection {
  reason: string;
  message: string;
}

interface NodeLike {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: { allocatable?: Record<string, string> };
}

function requirementMatches(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case "In":
      return has && (r.values ?? []).includes(v);
    case "NotIn":
      return !has || !(r.values ?? []).includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
      return has && Number(v) > Number((r.values ?? [])[0]);
    case "Lt":
      return has && Number(v) < Number((r.values ?? [])[0]);
  }
  return false;
}

function nodeSelectorMatches(sel: NodeSelector, node: NodeLike): boolean {
  const labels = node.metadata?.labels ?? {};
  const fields: Record<string, string> = { "metadata.name": node.metadata?.name ?? "" };
  return (sel.nodeSelectorTerms ?? []).some((t) => {
    if (!t.matchExpressions?.length && !t.matchFields?.length) return false;
    return (t.matchExpressions ?? []).every((r) => requirementMatches(r, labels)) && (t.matchFields ?? []).every((r) => requirementMatches(r, fields));
  });
}

/** The NodeAffinity predicate: spec.nodeSelector and required node affinity. */
export function matchesNodeAffinity(pod: Pod, node: NodeLike): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return req ? nodeSelectorMatches(req, node) : true;
}

function podRequests(pod: Pod): { cpuMilli: number; memory: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec.containers) {
    const r = c.resources?.requests ?? c.resources?.limits ?? {};
    if (r.cpu !== undefined) cpu += milliValue(parseQuantity(String(r.cpu)));
    if (r.memory !== undefined) mem += qValue(parseQuantity(String(r.memory)));
  }
  for (const c of pod.spec.initContainers ?? []) {
    const r = c.resources?.requests ?? c.resources?.limits ?? {};
    if (r.cpu !== undefined) cpu = Math.max(cpu, milliValue(parseQuantity(String(r.cpu))));
    if (r.memory !== undefined) mem = Math.max(mem, qValue(parseQuantity(String(r.memory))));
  }
  return { cpuMilli: cpu, memory: mem };
}

/**
 * canAdmitPod: `admitted` are the pods already running on the node (not terminal). The checks run
 * in the scheduler's order: resources (pods first), then node affinity.
 */
export function admitPod(pod: Pod, admitted: Pod[], node: KObject): Rejection | undefined {
  const n = node as NodeLike;
  const alloc = n.status?.allocatable ?? {};
  const podsCap = Number(alloc.pods ?? "110");
  if (admitted.length + 1 > podsCap) {
    return { reason: "OutOfpods", message: `Node didn't have enough resource: pods, requested: 1, used: ${admitted.length}, capacity: ${podsCap}` };
  }
  const want = podRequests(pod);
  const used = admitted.map(podRequests).reduce((a, b) => ({ cpuMilli: a.cpuMilli + b.cpuMilli, memory: a.memory + b.memory }), { cpuMilli: 0, memory: 0 });
  if (alloc.cpu !== undefined && want.cpuMilli > 0) {
    const cap = milliValue(parseQuantity(alloc.cpu));
    if (used.cpuMilli + want.cpuMilli > cap) return { reason: "OutOfcpu", message: `Node didn't have enough resource: cpu, requested: ${want.cpuMilli}, used: ${used.cpuMilli}, capacity: ${cap}` };
  }
  if (alloc.memory !== undefined && want.memory > 0) {
    const cap = qValue(parseQuantity(alloc.memory));
    if (used.memory + want.memory > cap) return { reason: "OutOfmemory", message: `Node didn't have enough resource: memory, requested: ${want.memory}, used: ${used.memory}, capacity: ${cap}` };
  }
  if (!matchesNodeAffinity(pod, n)) return { reason: "NodeAffinity", message: "Predicate NodeAffinity failed" };
  return undefined;
}

/** The status the kubelet posts for a rejected pod (kubelet.go rejectPod). */
export function rejectedStatus(pod: Pod, r: Rejection): Record<string, unknown> {
  return { ...(pod.status ?? {}), phase: "Failed", reason: r.reason, message: `Pod was rejected: ${r.message}` };
}
