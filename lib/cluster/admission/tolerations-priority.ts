// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds) and Priority
// (plugin/pkg/admission/priority): what every pod of a kubeadm cluster carries.
import { StatusError, type KObject } from "../api/types.js";
import type { AdmissionLookups, PodSpec } from "./types.js";

const DEFAULT_TOLERATION_SECONDS = 300;

export function admitDefaultTolerations(pod: KObject): KObject {
  const spec = (pod.spec ??= {}) as PodSpec;
  const tols = (spec.tolerations ??= []);
  const has = (key: string) => tols.some((t) => (t.key === key || (!t.key && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"));
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!has(key)) tols.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return pod;
}

/** The two system classes exist in every cluster (scheduling/v1 SystemPriorityClasses). */
const SYSTEM_CLASSES: Record<string, number> = { "system-node-critical": 2000001000, "system-cluster-critical": 2000000000 };

export function admitPriority(pod: KObject, lookups: AdmissionLookups): KObject {
  const spec = (pod.spec ??= {}) as PodSpec;
  const classes = lookups.list("scheduling.k8s.io", "priorityclasses");
  let value = 0;
  let preemption: string | undefined = "PreemptLowerPriority";
  if (spec.priorityClassName) {
    const pc = classes.find((c) => c.metadata?.name === spec.priorityClassName);
    if (pc) {
      value = (pc as { value?: number }).value ?? 0;
      preemption = (pc as { preemptionPolicy?: string }).preemptionPolicy ?? preemption;
    } else if (SYSTEM_CLASSES[spec.priorityClassName] !== undefined) value = SYSTEM_CLASSES[spec.priorityClassName];
    else {
      throw new StatusError(403, "Forbidden", `pods "${pod.metadata?.name ?? ""}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`, { name: pod.metadata?.name, kind: "pods" });
    }
  } else {
    const def = classes.find((c) => (c as { globalDefault?: boolean }).globalDefault);
    if (def) {
      spec.priorityClassName = def.metadata?.name;
      value = (def as { value?: number }).value ?? 0;
      preemption = (def as { preemptionPolicy?: string }).preemptionPolicy ?? preemption;
    }
  }
  if (spec.priority !== undefined && spec.priority !== value) {
    throw new StatusError(403, "Forbidden", `pods "${pod.metadata?.name ?? ""}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`, { name: pod.metadata?.name, kind: "pods" });
  }
  spec.priority = value;
  spec.preemptionPolicy ??= preemption;
  return pod;
}

/** DefaultStorageClass: a claim without storageClassName gets the default class (the newest if several). */
export function admitDefaultStorageClass(pvc: KObject, lookups: AdmissionLookups): KObject {
  const spec = (pvc.spec ??= {}) as { storageClassName?: string | null };
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return pvc;
  const defaults = lookups
    .list("storage.k8s.io", "storageclasses")
    .filter((sc) => ["true"].includes(sc.metadata?.annotations?.["storageclass.kubernetes.io/is-default-class"] ?? sc.metadata?.annotations?.["storageclass.beta.kubernetes.io/is-default-class"] ?? ""))
    .sort((a, b) => (b.metadata?.creationTimestamp ?? "").localeCompare(a.metadata?.creationTimestamp ?? "") || (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  if (defaults[0]) spec.storageClassName = defaults[0].metadata!.name!;
  return pvc;
}
