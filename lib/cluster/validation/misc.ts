// The smaller groups: storage.k8s.io StorageClass (pkg/apis/storage/validation), policy PDB,
// autoscaling HPA, scheduling PriorityClass, coordination Lease (their validation.go files).
import type { FieldError } from "../api/types";
import { child, forbidden, index, invalid, notSupported, required } from "../meta/field-errors";
import { validateLabelSelector } from "../meta/labels";
import { inclusiveRangeError } from "../meta/names";
import { arr, int, objOf, objs, str, validateImmutableField, validateNonnegativeField, validateQualifiedName, intOrStringLiteral, type Obj } from "./helpers";

const RECLAIM = ["Delete", "Retain"];
const BINDING_MODES = ["Immediate", "WaitForFirstConsumer"];

function validateStorageClass(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const prov = str(obj.provisioner);
  if (!prov) errs.push(required("provisioner", ""));
  else if (prov.length > 63) errs.push(invalid("provisioner", prov, "name is too long"));
  else errs.push(...validateQualifiedName(prov.toLowerCase(), "provisioner").map((e) => ({ ...e, badValue: prov })));
  if (obj.reclaimPolicy !== undefined && !RECLAIM.includes(str(obj.reclaimPolicy))) errs.push(notSupported("reclaimPolicy", str(obj.reclaimPolicy), RECLAIM));
  if (obj.volumeBindingMode !== undefined && !BINDING_MODES.includes(str(obj.volumeBindingMode))) errs.push(notSupported("volumeBindingMode", str(obj.volumeBindingMode), BINDING_MODES));
  if (old) {
    if (JSON.stringify(obj.parameters ?? {}) !== JSON.stringify(old.parameters ?? {})) errs.push(forbidden("parameters", "updates to parameters are forbidden."));
    if (prov !== str(old.provisioner)) errs.push(forbidden("provisioner", "updates to provisioner are forbidden."));
    if (str(obj.reclaimPolicy) !== str(old.reclaimPolicy)) errs.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    errs.push(...validateImmutableField(obj.volumeBindingMode, old.volumeBindingMode, "volumeBindingMode"));
  }
  return errs;
}

function validatePDB(obj: Obj): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) errs.push(invalid("spec", "", "minAvailable and maxUnavailable cannot be both set"));
  for (const f of ["minAvailable", "maxUnavailable"]) {
    const v = spec[f];
    if (v === undefined) continue;
    if (typeof v === "string") {
      if (!/^[0-9]+%$/.test(v)) errs.push(invalid(child("spec", f), intOrStringLiteral(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      else if (Number(v.slice(0, -1)) > 100) errs.push(invalid(child("spec", f), intOrStringLiteral(v), "must not be greater than 100%"));
    } else errs.push(...validateNonnegativeField(v, child("spec", f)));
  }
  errs.push(...validateLabelSelector(objOf(spec.selector), {}, "spec.selector"));
  const upe = spec.unhealthyPodEvictionPolicy;
  if (upe !== undefined && upe !== "IfHealthyBudget" && upe !== "AlwaysAllow") errs.push(notSupported("spec.unhealthyPodEvictionPolicy", upe, ["AlwaysAllow", "IfHealthyBudget"]));
  return errs;
}

const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];

function validateHPA(obj: Obj): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const ref = objOf(spec.scaleTargetRef) ?? {};
  if (!str(ref.kind)) errs.push(required("spec.scaleTargetRef.kind", ""));
  if (!str(ref.name)) errs.push(required("spec.scaleTargetRef.name", ""));
  const min = spec.minReplicas;
  if (typeof min === "number" && min < 1) errs.push(invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
  const max = int(spec.maxReplicas);
  if (max < 1) errs.push(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (typeof min === "number" && max < min) errs.push(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  objs(spec.metrics).forEach((m, i) => {
    const p = index("spec.metrics", i);
    if (!METRIC_TYPES.includes(str(m.type))) errs.push(notSupported(child(p, "type"), str(m.type), METRIC_TYPES));
    if (m.type === "Resource") {
      const r = objOf(m.resource);
      if (!r) errs.push(required(child(p, "resource"), "must populate information for the given metric source"));
      else {
        if (!str(r.name)) errs.push(required(child(p, "resource", "name"), "must specify a resource name"));
        const t = objOf(r.target) ?? {};
        if (t.type === "Utilization" && typeof t.averageUtilization === "number" && t.averageUtilization <= 0) {
          errs.push(invalid(child(p, "resource", "target", "averageUtilization"), t.averageUtilization, "must be greater than 0"));
        }
      }
    }
  });
  return errs;
}

const HIGHEST_USER_PRIORITY = 1000000000;

function validatePriorityClass(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(objOf(obj.metadata)?.name);
  const value = int(obj.value);
  if (name.startsWith("system-") && !["system-node-critical", "system-cluster-critical"].includes(name)) {
    errs.push(forbidden("metadata.name", "priority class names with 'system-' prefix are reserved"));
  }
  if (!name.startsWith("system-") && value > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden("value", `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (obj.preemptionPolicy !== undefined && !["PreemptLowerPriority", "Never"].includes(str(obj.preemptionPolicy))) {
    errs.push(notSupported("preemptionPolicy", str(obj.preemptionPolicy), ["PreemptLowerPriority", "Never"]));
  }
  if (old) {
    if (value !== int(old.value)) errs.push(forbidden("value", "may not be changed in an update."));
    errs.push(...validateImmutableField(obj.preemptionPolicy, old.preemptionPolicy, "preemptionPolicy"));
  }
  return errs;
}

function validateLease(obj: Obj): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const d = spec.leaseDurationSeconds;
  if (typeof d === "number" && d <= 0) errs.push(invalid("spec.leaseDurationSeconds", d, "must be greater than 0"));
  const t = spec.leaseTransitions;
  if (typeof t === "number" && t < 0) errs.push(invalid("spec.leaseTransitions", t, "must be greater than or equal to 0"));
  void arr;
  void inclusiveRangeError;
  return errs;
}

export function validateMisc(group: string, kind: string, obj: Obj, old: Obj | undefined): FieldError[] | undefined {
  if (group === "storage.k8s.io" && kind === "StorageClass") return validateStorageClass(obj, old);
  if (group === "policy" && kind === "PodDisruptionBudget") return validatePDB(obj);
  if (group === "autoscaling" && kind === "HorizontalPodAutoscaler") return validateHPA(obj);
  if (group === "scheduling.k8s.io" && kind === "PriorityClass") return validatePriorityClass(obj, old);
  if (group === "coordination.k8s.io" && kind === "Lease") return validateLease(obj);
  return undefined;
}
