// apps/v1 validation as pkg/apis/apps/validation/validation.go plus the selector immutability
// of pkg/registry/apps/*/strategy.go (ValidateUpdate for apps/v1).
import type { FieldError } from "../api/types";
import { child, forbidden, invalid, notSupported, required } from "../meta/field-errors";
import { labelSelectorAsSelector, validateLabelSelector, type LabelSelector } from "../meta/labels";
import { isObj, intOrStringLiteral, labelSelectorLiteral, objOf, str, validateImmutableField, validateNonnegativeField, deepEqual, type Obj } from "./helpers";
import { validatePodTemplateSpec } from "./pod";
import { GoLiteral, goQuote } from "../meta/go-format";
import { regexError } from "../meta/names";
import { validateAnnotations, validateLabels } from "../meta/object-meta";

const PERCENT = /^[0-9]+%$/;

function validatePositiveIntOrPercent(v: unknown, fldPath: string): FieldError[] {
  if (typeof v === "string") {
    return PERCENT.test(v) ? [] : [invalid(fldPath, intOrStringLiteral(v), regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"))];
  }
  return validateNonnegativeField(v, fldPath);
}
const percentValue = (v: unknown) => (typeof v === "string" && PERCENT.test(v) ? Number(v.slice(0, -1)) : undefined);
const intOrPercentValue = (v: unknown) => percentValue(v) ?? (typeof v === "number" ? v : 0);
function isNotMoreThan100Percent(v: unknown, fldPath: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(fldPath, intOrStringLiteral(v), "must not be greater than 100%")] : [];
}

function selectorErrors(spec: Obj, fldPath: string, kind: string): { errs: FieldError[]; matches?: (labels: Record<string, string>) => boolean; empty: boolean } {
  const errs: FieldError[] = [];
  const sel = objOf(spec.selector) as LabelSelector | undefined;
  if (!sel) errs.push(required(child(fldPath, "selector"), ""));
  else {
    errs.push(...validateLabelSelector(sel, {}, child(fldPath, "selector")));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(invalid(child(fldPath, "selector"), labelSelectorLiteral(sel), `empty selector is invalid for ${kind}`));
    }
  }
  try {
    const s = labelSelectorAsSelector(sel);
    return { errs, matches: (l) => s.matches(l), empty: s.empty() };
  } catch {
    errs.push(invalid(child(fldPath, "selector"), labelSelectorLiteral(sel), kind === "statefulset" ? "" : "invalid label selector"));
    return { errs, empty: true };
  }
}

/** ValidatePodTemplateSpecForReplicaSet (also used by Deployment). */
function validateTemplateForReplicaSet(spec: Obj, fldPath: string, matches: ((l: Record<string, string>) => boolean) | undefined, empty: boolean, owner: string): FieldError[] {
  const errs: FieldError[] = [];
  const tpl = objOf(spec.template);
  const tp = child(fldPath, "template");
  if (!matches) return errs;
  if (!tpl) return [required(tp, "")];
  const labels = (objOf(objOf(tpl.metadata)?.labels) ?? {}) as Record<string, string>;
  if (!empty && !matches(labels)) errs.push(invalid(child(tp, "metadata", "labels"), labels, "`selector` does not match template `labels`"));
  errs.push(...validatePodTemplateSpec(tpl, tp));
  const ps = objOf(tpl.spec) ?? {};
  if (ps.restartPolicy !== undefined && ps.restartPolicy !== "Always") errs.push(notSupported(child(tp, "spec", "restartPolicy"), ps.restartPolicy, ["Always"]));
  if (ps.activeDeadlineSeconds !== undefined) errs.push(forbidden(child(tp, "spec", "activeDeadlineSeconds"), `activeDeadlineSeconds in ${owner} is not Supported`));
  return errs;
}

function validateDeploymentSpec(spec: Obj, fldPath: string): FieldError[] {
  const errs = validateNonnegativeField(spec.replicas, child(fldPath, "replicas"));
  const sel = selectorErrors(spec, fldPath, "deployment");
  errs.push(...sel.errs, ...validateTemplateForReplicaSet(spec, fldPath, sel.matches, sel.empty, "ReplicaSet"));
  const strategy = objOf(spec.strategy) ?? {};
  const sp = child(fldPath, "strategy");
  const ru = objOf(strategy.rollingUpdate);
  switch (strategy.type) {
    case "Recreate":
      if (ru) errs.push(forbidden(child(sp, "rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case "RollingUpdate":
    case undefined:
      if (ru) {
        const rp = child(sp, "rollingUpdate");
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, "maxUnavailable")));
        errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, "maxSurge")));
        if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
          errs.push(invalid(child(rp, "maxUnavailable"), intOrStringLiteral(ru.maxUnavailable), "may not be 0 when `maxSurge` is 0"));
        }
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, "maxUnavailable")));
      }
      break;
    default:
      errs.push(notSupported(sp, strategyLiteral(strategy), ["Recreate", "RollingUpdate"]));
  }
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(fldPath, "minReadySeconds")));
  errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, child(fldPath, "revisionHistoryLimit")));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === "number") {
    errs.push(...validateNonnegativeField(pds, child(fldPath, "progressDeadlineSeconds")));
    if (pds <= (typeof spec.minReadySeconds === "number" ? spec.minReadySeconds : 0)) errs.push(invalid(child(fldPath, "progressDeadlineSeconds"), pds, "must be greater than minReadySeconds"));
  }
  return errs;
}

function strategyLiteral(s: Obj): GoLiteral {
  return new GoLiteral(`apps.DeploymentStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`);
}

function validateReplicaSetSpec(spec: Obj, fldPath: string): FieldError[] {
  const errs = validateNonnegativeField(spec.replicas, child(fldPath, "replicas"));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(fldPath, "minReadySeconds")));
  const sel = selectorErrors(spec, fldPath, "deployment");
  return errs.concat(sel.errs, validateTemplateForReplicaSet(spec, fldPath, sel.matches, sel.empty, "ReplicaSet"));
}

function validateStatefulSetSpec(spec: Obj, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (pmp === "") errs.push(required(child(fldPath, "podManagementPolicy"), ""));
  else if (pmp !== undefined && pmp !== "OrderedReady" && pmp !== "Parallel") errs.push(invalid(child(fldPath, "podManagementPolicy"), pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = objOf(spec.updateStrategy) ?? {};
  if (us.type === "OnDelete" && isObj(us.rollingUpdate)) {
    errs.push(invalid(child(fldPath, "updateStrategy", "rollingUpdate"), new GoLiteral("apps.RollingUpdateStatefulSetStrategy{...}"), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === "RollingUpdate" && isObj(us.rollingUpdate)) {
    const rp = child(fldPath, "updateStrategy", "rollingUpdate");
    errs.push(...validateNonnegativeField(us.rollingUpdate.partition, child(rp, "partition")));
  } else if (us.type !== undefined && us.type !== "RollingUpdate" && us.type !== "OnDelete") {
    errs.push(invalid(child(fldPath, "updateStrategy"), new GoLiteral(`apps.StatefulSetUpdateStrategy{Type:${goQuote(str(us.type))}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  errs.push(...validateNonnegativeField(spec.replicas, child(fldPath, "replicas")));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(fldPath, "minReadySeconds")));
  const sel = selectorErrors(spec, fldPath, "statefulset");
  errs.push(...sel.errs);
  const tpl = objOf(spec.template) ?? {};
  const tp = child(fldPath, "template");
  if (sel.matches) {
    const labels = (objOf(objOf(tpl.metadata)?.labels) ?? {}) as Record<string, string>;
    if (!sel.empty && !sel.matches(labels)) errs.push(invalid(child(tp, "metadata", "labels"), labels, "`selector` does not match template `labels`"));
    // ValidatePodTemplateSpecForStatefulSet checks only the template's labels and annotations:
    // its volumes are completed by volumeClaimTemplates, so the pod spec is validated per pod.
    const meta = objOf(tpl.metadata) ?? {};
    errs.push(...validateLabels(objOf(meta.labels) as Record<string, string> | undefined, child(tp, "labels")));
    errs.push(...validateAnnotations(objOf(meta.annotations) as Record<string, string> | undefined, child(tp, "annotations")));
  }
  const ps = objOf(tpl.spec) ?? {};
  if (ps.restartPolicy !== undefined && ps.restartPolicy !== "Always") errs.push(notSupported(child(tp, "spec", "restartPolicy"), ps.restartPolicy, ["Always"]));
  if (ps.activeDeadlineSeconds !== undefined) errs.push(forbidden(child(tp, "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported"));
  return errs;
}

function validateDaemonSetSpec(spec: Obj, fldPath: string): FieldError[] {
  const errs = validateLabelSelector(objOf(spec.selector) as LabelSelector | undefined, {}, child(fldPath, "selector"));
  const tpl = objOf(spec.template) ?? {};
  const labels = (objOf(objOf(tpl.metadata)?.labels) ?? {}) as Record<string, string>;
  try {
    const s = labelSelectorAsSelector(objOf(spec.selector) as LabelSelector | undefined);
    if (!s.matches(labels)) errs.push(invalid(child(fldPath, "template", "metadata", "labels"), labels, "`selector` does not match template `labels`"));
  } catch { /* reported by the selector validation */ }
  const sel = objOf(spec.selector) as LabelSelector | undefined;
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(invalid(child(fldPath, "selector"), labelSelectorLiteral(sel), "empty selector is invalid for daemonset"));
  }
  errs.push(...validatePodTemplateSpec(tpl, child(fldPath, "template")));
  const ps = objOf(tpl.spec) ?? {};
  if (ps.restartPolicy !== undefined && ps.restartPolicy !== "Always") errs.push(notSupported(child(fldPath, "template", "spec", "restartPolicy"), ps.restartPolicy, ["Always"]));
  if (ps.activeDeadlineSeconds !== undefined) errs.push(forbidden(child(fldPath, "template", "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported"));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(fldPath, "minReadySeconds")));
  const us = objOf(spec.updateStrategy) ?? {};
  const up = child(fldPath, "updateStrategy");
  if (us.type === "RollingUpdate") {
    const ru = objOf(us.rollingUpdate);
    if (!ru) errs.push(required(child(up, "rollingUpdate"), ""));
    else {
      const rp = child(up, "rollingUpdate");
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, "maxUnavailable")));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, "maxSurge")));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, "maxUnavailable")));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, child(rp, "maxSurge")));
      const hasU = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasS = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasU && hasS) errs.push(invalid(child(rp, "maxSurge"), intOrStringLiteral(ru.maxSurge), "may not be set when maxUnavailable is non-zero"));
      if (!hasU && !hasS) errs.push(required(child(rp, "maxUnavailable"), "cannot be 0 when maxSurge is 0"));
    }
  } else if (us.type !== undefined && us.type !== "OnDelete") {
    errs.push(notSupported(up, new GoLiteral(`apps.DaemonSetUpdateStrategy{Type:${goQuote(str(us.type))}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`), ["RollingUpdate", "OnDelete"]));
  }
  errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, child(fldPath, "revisionHistoryLimit")));
  return errs;
}

const selectorImmutable = (spec: Obj, oldSpec: Obj) =>
  validateImmutableField(spec.selector, oldSpec.selector, "spec.selector", labelSelectorLiteral(spec.selector));

export function validateApps(kind: string, obj: Obj, old: Obj | undefined): FieldError[] | undefined {
  const spec = objOf(obj.spec) ?? {};
  const oldSpec = objOf(old?.spec) ?? {};
  switch (kind) {
    case "Deployment": {
      const errs = validateDeploymentSpec(spec, "spec");
      return old ? errs.concat(selectorImmutable(spec, oldSpec)) : errs;
    }
    case "ReplicaSet": {
      const errs = validateReplicaSetSpec(spec, "spec");
      return old ? errs.concat(selectorImmutable(spec, oldSpec)) : errs;
    }
    case "DaemonSet": {
      const errs = validateDaemonSetSpec(spec, "spec");
      return old ? errs.concat(selectorImmutable(spec, oldSpec)) : errs;
    }
    case "StatefulSet": {
      const errs = validateStatefulSetSpec(spec, "spec");
      if (old) {
        const a = { ...spec }, b = { ...oldSpec };
        for (const f of ["replicas", "template", "updateStrategy", "minReadySeconds", "ordinals", "persistentVolumeClaimRetentionPolicy"]) {
          delete a[f];
          delete b[f];
        }
        if (!deepEqual(a, b)) {
          errs.push(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
      }
      return errs;
    }
  }
  return undefined;
}
