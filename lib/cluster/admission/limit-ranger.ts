// The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go): container
// defaults from LimitRanges of type Container (annotated "kubernetes.io/limit-ranger"), then
// min/max/maxLimitRequestRatio per Container and per Pod.
import { StatusError, type KObject } from "../api/types.js";
import { milliValue, newMilliQuantity, newQuantity, parseQuantity, quantityString, value, type Quantity } from "../meta/quantity.js";
import type { AdmissionLookups, Container, PodSpec } from "./types.js";

type ResourceList = Record<string, string>;
interface LimitItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

const MAX_MILLI = Number.MAX_SAFE_INTEGER / 1000;
const q = (s: string): Quantity => parseQuantity(String(s));
const str = (s: string) => quantityString(q(s));

/** Values at a common precision, as requestLimitEnforcedValues does. */
function comparable(...qs: (string | undefined)[]): number[] {
  const vals = qs.map((s) => (s === undefined ? 0 : value(q(s))));
  if (vals.every((v) => v <= MAX_MILLI)) return qs.map((s) => (s === undefined ? 0 : milliValue(q(s))));
  return vals;
}

function constraints(kind: "Container" | "Pod", item: LimitItem, requests: ResourceList, limits: ResourceList): string[] {
  const errs: string[] = [];
  for (const [res, enforced] of Object.entries(item.min ?? {})) {
    const [r, l, e] = comparable(requests[res], limits[res], enforced);
    if (requests[res] === undefined) errs.push(`minimum ${res} usage per ${kind} is ${str(enforced)}.  No request is specified.`);
    else if (r < e) errs.push(`minimum ${res} usage per ${kind} is ${str(enforced)}, but request is ${str(requests[res])}.`);
    else if (limits[res] !== undefined && l < e) errs.push(`minimum ${res} usage per ${kind} is ${str(enforced)}, but limit is ${str(limits[res])}.`);
  }
  for (const [res, enforced] of Object.entries(item.max ?? {})) {
    const [r, l, e] = comparable(requests[res], limits[res], enforced);
    if (limits[res] === undefined) errs.push(`maximum ${res} usage per ${kind} is ${str(enforced)}.  No limit is specified.`);
    else if (l > e) errs.push(`maximum ${res} usage per ${kind} is ${str(enforced)}, but limit is ${str(limits[res])}.`);
    else if (requests[res] !== undefined && r > e) errs.push(`maximum ${res} usage per ${kind} is ${str(enforced)}, but request is ${str(requests[res])}.`);
  }
  for (const [res, enforced] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const [r, l] = comparable(requests[res], limits[res], enforced);
    if (requests[res] === undefined || r === 0) errs.push(`${res} max limit to request ratio per ${kind} is ${str(enforced)}, but no request is specified or request is 0.`);
    else if (limits[res] === undefined || l === 0) errs.push(`${res} max limit to request ratio per ${kind} is ${str(enforced)}, but no limit is specified or limit is 0.`);
    else {
      const ratio = l / r;
      if (ratio * 1000 > milliValue(q(enforced))) errs.push(`${res} max limit to request ratio per ${kind} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}.`);
    }
  }
  return errs;
}

/** Totals over containers; a resource missing in any container is left out (upstream's sum). */
function sum(lists: ResourceList[]): ResourceList {
  const keys = new Set(lists.flatMap((l) => Object.keys(l)));
  const out: ResourceList = {};
  for (const k of keys) {
    if (!lists.every((l) => l[k] !== undefined)) continue;
    out[k] = k === "cpu" ? quantityString(newMilliQuantity(lists.reduce((a, l) => a + milliValue(q(l[k])), 0), "DecimalSI")) : quantityString(newQuantity(lists.reduce((a, l) => a + value(q(l[k])), 0), "DecimalSI"));
  }
  return out;
}

export function admitLimitRanger(pod: KObject, lookups: AdmissionLookups, nameForErrors: string): KObject {
  const ns = pod.metadata?.namespace ?? "";
  const ranges = lookups.list("", "limitranges", ns);
  if (!ranges.length) return pod;
  const spec = (pod.spec ??= {}) as PodSpec;
  const errs: string[] = [];
  for (const lr of ranges) {
    const items = ((lr.spec as { limits?: LimitItem[] })?.limits ?? []) as LimitItem[];
    const defLimits: ResourceList = {};
    const defRequests: ResourceList = {};
    for (const it of items) {
      if (it.type !== "Container") continue;
      Object.assign(defRequests, it.defaultRequest ?? {});
      Object.assign(defLimits, it.default ?? {});
    }
    const notes: string[] = [];
    for (const c of spec.containers ?? []) {
      const res = (c.resources ??= {});
      const limits = (res.limits ??= {});
      const requests = (res.requests ??= {});
      const setL = Object.keys(defLimits).filter((k) => limits[k] === undefined).sort();
      const setR = Object.keys(defRequests).filter((k) => requests[k] === undefined).sort();
      for (const k of setL) limits[k] = defLimits[k];
      for (const k of setR) requests[k] = defRequests[k];
      if (setR.length) notes.push(`${setR.join(", ")} request for container ${c.name}`);
      if (setL.length) notes.push(`${setL.join(", ")} limit for container ${c.name}`);
    }
    if (notes.length) pod.metadata = { ...pod.metadata, annotations: { ...(pod.metadata?.annotations ?? {}), "kubernetes.io/limit-ranger": `LimitRanger plugin set: ${notes.join("; ")}` } };
    for (const it of items) {
      if (it.type === "Container") for (const c of spec.containers ?? []) errs.push(...constraints("Container", it, c.resources?.requests ?? {}, c.resources?.limits ?? {}));
      if (it.type === "Pod") {
        const cs: Container[] = spec.containers ?? [];
        errs.push(...constraints("Pod", it, sum(cs.map((c) => c.resources?.requests ?? {})), sum(cs.map((c) => c.resources?.limits ?? {}))));
      }
    }
  }
  // Empty maps the merge created are not kept (the object is served as the user sent it).
  for (const c of spec.containers ?? []) {
    if (c.resources?.limits && !Object.keys(c.resources.limits).length) delete c.resources.limits;
    if (c.resources?.requests && !Object.keys(c.resources.requests).length) delete c.resources.requests;
  }
  if (errs.length) {
    const msg = errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
    throw new StatusError(403, "Forbidden", `pods "${nameForErrors}" is forbidden: ${msg}`, { name: nameForErrors, kind: "pods" });
  }
  return pod;
}
