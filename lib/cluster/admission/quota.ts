// ResourceQuota: what each object charges (pkg/quota/v1/evaluator/core: pods.go, services.go,
// persistent_volume_claims.go, and the object-count evaluators) and the admission check of
// plugin/pkg/admission/resourcequota (controller.go): required compute resources, then every
// matching quota's used + requested against hard, with upstream's messages.
import { StatusError, type KObject } from "../api/types.js";
import { addQuantity, cmpQuantity, parseQuantity, quantityString, type Quantity } from "../meta/quantity.js";
import type { Container, PodSpec } from "./types.js";

export type Usage = Map<string, Quantity>;

const one = () => parseQuantity("1");
const add = (u: Usage, k: string, v: Quantity) => u.set(k, u.has(k) ? addQuantity(u.get(k)!, v) : v);

/** A pod's compute requests/limits: containers summed, each init container as a floor, plus overhead. */
function podResources(spec: PodSpec, which: "requests" | "limits"): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const c of spec.containers ?? []) for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) add(out, k, parseQuantity(String(v)));
  for (const c of spec.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
      const q = parseQuantity(String(v));
      if (!out.has(k) || cmpQuantity(q, out.get(k)!) > 0) out.set(k, q);
    }
  }
  for (const [k, v] of Object.entries(spec.overhead ?? {})) if (out.has(k)) add(out, k, parseQuantity(String(v)));
  return out;
}

/** QuotaV1Pod: terminal pods and pods past their deletion grace are not charged compute. */
function podCharged(pod: KObject, now: Date): boolean {
  const phase = (pod.status as { phase?: string })?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  const m = pod.metadata ?? {};
  if (m.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined) {
    if (now.getTime() > new Date(m.deletionTimestamp).getTime() + m.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

export function podUsage(pod: KObject, now: Date): Usage {
  const u: Usage = new Map([["count/pods", one()]]);
  if (!podCharged(pod, now)) return u;
  const spec = (pod.spec ?? {}) as PodSpec;
  u.set("pods", one());
  const req = podResources(spec, "requests");
  const lim = podResources(spec, "limits");
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    if (req.has(r)) {
      u.set(r, req.get(r)!);
      u.set(`requests.${r}`, req.get(r)!);
    }
    if (lim.has(r)) u.set(`limits.${r}`, lim.get(r)!);
  }
  return u;
}

export function usageOf(resource: string, group: string, obj: KObject, now: Date): Usage {
  if (!group && resource === "pods") return podUsage(obj, now);
  const u: Usage = new Map([[group ? `count/${resource}.${group}` : `count/${resource}`, one()]]);
  if (!group && resource === "services") {
    u.set("services", one());
    const spec = (obj.spec ?? {}) as { type?: string; ports?: unknown[] };
    if (spec.type === "NodePort" || spec.type === "LoadBalancer") u.set("services.nodeports", parseQuantity(String(spec.ports?.length ?? 0)));
    if (spec.type === "LoadBalancer") u.set("services.loadbalancers", one());
  } else if (!group && resource === "persistentvolumeclaims") {
    u.set("persistentvolumeclaims", one());
    const spec = (obj.spec ?? {}) as { storageClassName?: string; resources?: { requests?: { storage?: string } } };
    const storage = spec.resources?.requests?.storage;
    if (storage) u.set("requests.storage", parseQuantity(String(storage)));
    if (spec.storageClassName) {
      u.set(`${spec.storageClassName}.storageclass.storage.k8s.io/persistentvolumeclaims`, one());
      if (storage) u.set(`${spec.storageClassName}.storageclass.storage.k8s.io/requests.storage`, parseQuantity(String(storage)));
    }
  } else if (!group && ["configmaps", "secrets", "replicationcontrollers", "resourcequotas"].includes(resource)) {
    u.set(resource, one());
  }
  return u;
}

/** Which objects a quota's hard list can charge (the evaluators by resource). */
export const QUOTA_RESOURCES: { group: string; resource: string }[] = [
  { group: "", resource: "pods" },
  { group: "", resource: "services" },
  { group: "", resource: "persistentvolumeclaims" },
  { group: "", resource: "configmaps" },
  { group: "", resource: "secrets" },
  { group: "", resource: "replicationcontrollers" },
  { group: "", resource: "resourcequotas" },
];

type Scope = "Terminating" | "NotTerminating" | "BestEffort" | "NotBestEffort" | "PriorityClass" | "CrossNamespacePodAffinity";

function isBestEffort(spec: PodSpec): boolean {
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].every((c: Container) => !Object.keys(c.resources?.requests ?? {}).length && !Object.keys(c.resources?.limits ?? {}).length);
}

/** Whether a quota's scopes select the object (non-pods match only quotas without pod scopes). */
export function quotaMatches(quota: KObject, resource: string, obj: KObject): boolean {
  const spec = (quota.spec ?? {}) as { scopes?: Scope[]; scopeSelector?: { matchExpressions?: { scopeName: Scope; operator: string; values?: string[] }[] } };
  const scopes: { scopeName: Scope; operator: string; values?: string[] }[] = [...(spec.scopes ?? []).map((s) => ({ scopeName: s, operator: "Exists" })), ...(spec.scopeSelector?.matchExpressions ?? [])];
  if (!scopes.length) return true;
  if (resource !== "pods") return false;
  const ps = (obj.spec ?? {}) as PodSpec & { activeDeadlineSeconds?: number };
  return scopes.every((s) => {
    switch (s.scopeName) {
      case "Terminating":
        return (ps.activeDeadlineSeconds ?? -1) >= 0;
      case "NotTerminating":
        return !((ps.activeDeadlineSeconds ?? -1) >= 0);
      case "BestEffort":
        return isBestEffort(ps);
      case "NotBestEffort":
        return !isBestEffort(ps);
      case "PriorityClass": {
        const pc = ps.priorityClassName ?? "";
        if (s.operator === "Exists") return pc !== "";
        if (s.operator === "DoesNotExist") return pc === "";
        if (s.operator === "In") return (s.values ?? []).includes(pc);
        if (s.operator === "NotIn") return !(s.values ?? []).includes(pc);
        return false;
      }
      default:
        return false;
    }
  });
}

const COMPUTE_VALIDATION = new Set(["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]);

/** podEvaluator.Constraints: a quota on cpu/memory needs every container to state them. */
function podConstraints(required: string[], pod: KObject): string | undefined {
  const req = required.filter((r) => COMPUTE_VALIDATION.has(r));
  if (!req.length) return undefined;
  const missing = new Map<string, Set<string>>();
  const spec = (pod.spec ?? {}) as PodSpec;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const have = new Set<string>();
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    if (r.cpu !== undefined) have.add("cpu").add("requests.cpu");
    if (l.cpu !== undefined) have.add("limits.cpu");
    if (r.memory !== undefined) have.add("memory").add("requests.memory");
    if (l.memory !== undefined) have.add("limits.memory");
    for (const x of req) if (!have.has(x)) missing.set(x, (missing.get(x) ?? new Set()).add(c.name));
  }
  if (!missing.size) return undefined;
  return "must specify " + [...missing.keys()].sort().map((k) => `${k} for: ${[...missing.get(k)!].sort().join(",")}`).join("; ");
}

const pretty = (m: Map<string, Quantity>) => [...m.keys()].sort().map((k) => `${k}=${quantityString(m.get(k)!)}`).join(",");

/**
 * Checks an object against the namespace's quotas. Returns the quotas whose status.used must
 * grow (name → new used map), or throws the 403 upstream gives.
 */
export function checkQuotas(quotas: KObject[], resource: string, group: string, obj: KObject, kindForErrors: string, nameForErrors: string, now: Date): Map<string, Record<string, string>> {
  const forbid = (msg: string) => new StatusError(403, "Forbidden", `${kindForErrors} "${nameForErrors}" is forbidden: ${msg}`, { name: nameForErrors, kind: kindForErrors });
  const delta = usageOf(resource, group, obj, now);
  const updates = new Map<string, Record<string, string>>();
  const failures: string[] = [];
  for (const quota of quotas) {
    if (!quotaMatches(quota, resource, obj)) continue;
    const hard = ((quota.status as { hard?: Record<string, string> })?.hard ?? (quota.spec as { hard?: Record<string, string> })?.hard ?? {}) as Record<string, string>;
    const used = (quota.status as { used?: Record<string, string> })?.used;
    const name = quota.metadata?.name ?? "";
    const tracked = Object.keys(hard).filter((k) => delta.has(k) || (resource === "pods" && !group && COMPUTE_VALIDATION.has(k)));
    if (!tracked.length) continue;
    if (resource === "pods" && !group) {
      const c = podConstraints(Object.keys(hard), obj);
      if (c) throw forbid(`failed quota: ${name}: ${c}`);
    }
    const charged = tracked.filter((k) => delta.has(k));
    if (!charged.length) continue;
    if (!used) throw forbid(`status unknown for quota: ${name}, resource: ${charged.sort().join(",")}`);
    const next: Record<string, string> = { ...used };
    const failedReq = new Map<string, Quantity>();
    const failedUsed = new Map<string, Quantity>();
    const failedHard = new Map<string, Quantity>();
    for (const k of charged) {
      const u = used[k] !== undefined ? parseQuantity(String(used[k])) : parseQuantity("0");
      const total = addQuantity(u, delta.get(k)!);
      const h = parseQuantity(String(hard[k]));
      if (cmpQuantity(total, h) > 0) {
        failedReq.set(k, delta.get(k)!);
        failedUsed.set(k, u);
        failedHard.set(k, h);
      }
      next[k] = quantityString(total);
    }
    if (failedReq.size) failures.push(`exceeded quota: ${name}, requested: ${pretty(failedReq)}, used: ${pretty(failedUsed)}, limited: ${pretty(failedHard)}`);
    else updates.set(name, next);
  }
  if (failures.length) throw forbid(failures.join(", "));
  return updates;
}

/** What the quota controller writes: used totals of every hard resource over live objects. */
export function computeUsed(hard: Record<string, string>, quota: KObject, objects: { resource: string; group: string; obj: KObject }[], now: Date): Record<string, string> {
  const totals = new Map<string, Quantity>();
  for (const k of Object.keys(hard)) totals.set(k, parseQuantity("0"));
  for (const { resource, group, obj } of objects) {
    if (!quotaMatches(quota, resource, obj)) continue;
    for (const [k, v] of usageOf(resource, group, obj, now)) if (totals.has(k)) add(totals, k, v);
  }
  const out: Record<string, string> = {};
  for (const k of Object.keys(hard)) out[k] = quantityString(totals.get(k)!);
  return out;
}
