// A pod's resource requests and a node's allocatable, as the scheduler counts them:
// k8s.io/component-helpers/resource/helpers.go (PodRequests: containers summed, restartable init
// containers (sidecars) added, the max with each regular init container, plus overhead) and
// pkg/scheduler/framework/types.go (framework.Resource, NonZeroRequested: 100m CPU and 200Mi
// memory for a container that requests none, used only for scoring).
import { milliValue, parseQuantity, value } from "../meta/quantity.js";
import type { Container, Node, Pod } from "./types.js";

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources and hugepages, by name. */
  scalar: Map<string, number>;
}

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

function qty(s: string | undefined, milli: boolean): number {
  if (s === undefined) return 0;
  try {
    const q = parseQuantity(String(s));
    return milli ? milliValue(q) : value(q);
  } catch {
    return 0;
  }
}

/** A ResourceList as framework.Resource. Only resources the scheduler tracks as scalar count. */
export function fromResourceList(list: Record<string, string> | undefined): Resources {
  const r = emptyResources();
  for (const [name, v] of Object.entries(list ?? {})) {
    if (name === "cpu") r.milliCPU = qty(v, true);
    else if (name === "memory") r.memory = qty(v, false);
    else if (name === "ephemeral-storage") r.ephemeralStorage = qty(v, false);
    else if (name === "pods") r.allowedPodNumber = qty(v, false);
    else if (isScalarResourceName(name)) r.scalar.set(name, qty(v, false));
  }
  return r;
}

// v1helper.IsScalarResourceName: extended (domain-qualified, not kubernetes.io/), hugepages-*,
// attachable-volumes-*.
function isScalarResourceName(name: string): boolean {
  if (name.startsWith("hugepages-") || name.startsWith("attachable-volumes-")) return true;
  if (!name.includes("/")) return false;
  return !name.startsWith("kubernetes.io/") && !name.startsWith("requests.");
}

export function addResources(into: Resources, r: Resources): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  into.allowedPodNumber += r.allowedPodNumber;
  for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + v);
}

function maxResources(into: Resources, r: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of r.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, v));
}

function cloneResources(r: Resources): Resources {
  return { ...r, scalar: new Map(r.scalar) };
}

// The API server defaults a missing request to the limit (pkg/apis/core/v1/defaults.go); a pod
// written before that defaulting ran (or by a test) is read the same way.
function containerRequests(c: Container, nonZero: boolean): Resources {
  const req = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
  const r = fromResourceList(req);
  r.allowedPodNumber = 0;
  if (nonZero) {
    if (!("cpu" in req) || r.milliCPU === 0) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!("memory" in req) || r.memory === 0) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** resourcehelper.PodRequests (nonZero: with NonMissingContainerRequests, for scoring). */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const reqs = emptyResources();
  for (const c of pod.spec.containers ?? []) addResources(reqs, containerRequests(c, nonZero));
  const restartable = emptyResources();
  const initMax = emptyResources();
  for (const c of pod.spec.initContainers ?? []) {
    const cr = containerRequests(c, nonZero);
    let effective: Resources;
    if (c.restartPolicy === "Always") {
      addResources(reqs, cr);
      addResources(restartable, cr);
      effective = restartable;
    } else {
      effective = cloneResources(cr);
      addResources(effective, restartable);
    }
    maxResources(initMax, effective);
  }
  maxResources(reqs, initMax);
  if (pod.spec.overhead) addResources(reqs, fromResourceList(pod.spec.overhead));
  return reqs;
}

export function nodeAllocatable(node: Node): Resources {
  return fromResourceList(node.status?.allocatable);
}
