// The pod's QoS class, as pkg/apis/core/v1/helper/qos/qos.go ComputePodQOS: Guaranteed when every
// container sets cpu and memory limits equal to its requests, BestEffort when none sets any,
// Burstable otherwise.
import { cmpQuantity, parseQuantity } from "../meta/quantity.js";
import type { PodSpec } from "./types.js";

const SUPPORTED = ["cpu", "memory"];

export function qosClass(spec: PodSpec): "Guaranteed" | "Burstable" | "BestEffort" {
  const requests = new Map<string, string>();
  const limits = new Map<string, string>();
  let zeroQuantity = true;
  let isGuaranteed = true;
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const [name, q] of Object.entries(req)) {
      if (!SUPPORTED.includes(name)) continue;
      if (cmpQuantity(parseQuantity(String(q)), parseQuantity("0")) > 0) {
        zeroQuantity = false;
        requests.set(name, String(q));
      }
    }
    const qosLimits = new Set<string>();
    for (const [name, q] of Object.entries(lim)) {
      if (!SUPPORTED.includes(name)) continue;
      if (cmpQuantity(parseQuantity(String(q)), parseQuantity("0")) > 0) {
        zeroQuantity = false;
        qosLimits.add(name);
        limits.set(name, String(q));
      }
    }
    if (qosLimits.size !== SUPPORTED.length) isGuaranteed = false;
    // Requests default to limits, so a request that differs from its limit breaks Guaranteed.
    for (const name of SUPPORTED) {
      if (req[name] !== undefined && lim[name] !== undefined && cmpQuantity(parseQuantity(String(req[name])), parseQuantity(String(lim[name]))) !== 0) isGuaranteed = false;
    }
  }
  if (zeroQuantity) return "BestEffort";
  return isGuaranteed ? "Guaranteed" : "Burstable";
}
