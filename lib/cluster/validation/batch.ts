// batch/v1 validation as pkg/apis/batch/validation/validation.go (ValidateJob, ValidateJobSpec,
// ValidateJobUpdate, ValidateCronJobCreate/Update) of v1.32.
import type { FieldError } from "../api/types";
import { child, invalid, notSupported, required } from "../meta/field-errors";
import { GoLiteral } from "../meta/go-format";
import { labelSelectorAsSelector, validateLabelSelector, type LabelSelector } from "../meta/labels";
import { labelSelectorLiteral, objOf, str, validateImmutableField, validateNonnegativeField, type Obj } from "./helpers";
import { validatePodTemplateSpec } from "./pod";
import { cronScheduleError } from "./cron";

// %#v of a core.PodTemplateSpec is a page of Go; kubectl users only read its head and the end.
const POD_TEMPLATE_LITERAL = new GoLiteral("core.PodTemplateSpec{...}");

function validateJobSpecCommon(spec: Obj, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"]) {
    errs.push(...validateNonnegativeField(spec[f], child(fldPath, f)));
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) errs.push(required(child(fldPath, "backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== "NonIndexed" && mode !== "Indexed") errs.push(notSupported(child(fldPath, "completionMode"), mode, ["NonIndexed", "Indexed"]));
  if (mode === "Indexed" && spec.completions === undefined) errs.push(required(child(fldPath, "completions"), "when completion mode is Indexed"));
  if (mode !== "Indexed") {
    if (typeof spec.backoffLimitPerIndex === "number") errs.push(invalid(child(fldPath, "backoffLimitPerIndex"), spec.backoffLimitPerIndex, "requires indexed completion mode"));
    if (typeof spec.maxFailedIndexes === "number") errs.push(invalid(child(fldPath, "maxFailedIndexes"), spec.maxFailedIndexes, "requires indexed completion mode"));
  }
  const tpl = objOf(spec.template) ?? {};
  errs.push(...validatePodTemplateSpec(tpl, child(fldPath, "template")));
  const rp = (objOf(tpl.spec) ?? {}).restartPolicy;
  const rpPath = child(fldPath, "template", "spec", "restartPolicy");
  if (rp === "Always" || rp === "" || rp === undefined) errs.push(required(rpPath, `valid values: "OnFailure", "Never"`));
  else if (rp !== "OnFailure" && rp !== "Never") errs.push(notSupported(rpPath, rp, ["OnFailure", "Never"]));
  else if (spec.podFailurePolicy !== undefined && rp !== "Never") errs.push(invalid(rpPath, rp, `only "Never" is supported when podFailurePolicy is specified`));
  return errs;
}

function validateJobSpec(spec: Obj, fldPath: string): FieldError[] {
  const errs = validateJobSpecCommon(spec, fldPath);
  const sel = objOf(spec.selector) as LabelSelector | undefined;
  // Without manualSelector the registry generates the selector (PrepareForCreate) before this runs.
  if (!sel) {
    if (spec.manualSelector === true) errs.push(required(child(fldPath, "selector"), ""));
  } else errs.push(...validateLabelSelector(sel, {}, child(fldPath, "selector")));
  try {
    const s = labelSelectorAsSelector(sel);
    const labels = (objOf(objOf(objOf(spec.template)?.metadata)?.labels) ?? {}) as Record<string, string>;
    if (sel && !s.matches(labels)) errs.push(invalid(child(fldPath, "template", "metadata", "labels"), labels, "`selector` does not match template `labels`"));
  } catch { /* reported above */ }
  return errs;
}

function validateJob(obj: Obj, old: Obj | undefined): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs = validateJobSpec(spec, "spec");
  if (!old) return errs;
  // ValidateJobSpecUpdate: the selector, completions (outside elastic indexed jobs) and the
  // pod template (unless the job is suspended and never started) are immutable.
  const oldSpec = objOf(old.spec) ?? {};
  errs.push(...validateImmutableField(spec.selector, oldSpec.selector, "spec.selector", labelSelectorLiteral(spec.selector)));
  if (!(spec.completionMode === "Indexed" && spec.completions === spec.parallelism && oldSpec.completions === oldSpec.parallelism)) {
    errs.push(...validateImmutableField(spec.completions, oldSpec.completions, "spec.completions"));
  }
  const suspendedNeverStarted = oldSpec.suspend === true && !(objOf(old.status) ?? {}).startTime;
  if (!suspendedNeverStarted) errs.push(...validateImmutableField(spec.template, oldSpec.template, "spec.template", POD_TEMPLATE_LITERAL));
  errs.push(...validateImmutableField(spec.completionMode, oldSpec.completionMode, "spec.completionMode"));
  errs.push(...validateImmutableField(spec.podFailurePolicy, oldSpec.podFailurePolicy, "spec.podFailurePolicy", new GoLiteral("batch.PodFailurePolicy{...}")));
  return errs;
}

const CONCURRENCY_POLICIES = ["Allow", "Forbid", "Replace"];

function validateCronJob(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(objOf(obj.metadata)?.name);
  if (name.length > 52) errs.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  const spec = objOf(obj.spec) ?? {};
  const schedule = spec.schedule;
  if (typeof schedule !== "string" || schedule === "") errs.push(required("spec.schedule", ""));
  else {
    const e = cronScheduleError(schedule);
    if (e) errs.push(invalid("spec.schedule", schedule, e));
    if (schedule.includes("TZ")) errs.push(invalid("spec.schedule", schedule, spec.timeZone !== undefined ? "cannot use both timeZone field and TZ or CRON_TZ in schedule" : "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  errs.push(...validateNonnegativeField(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  const cp = spec.concurrencyPolicy;
  if (cp === "") errs.push(required("spec.concurrencyPolicy", ""));
  else if (cp !== undefined && !CONCURRENCY_POLICIES.includes(cp as string)) errs.push(notSupported("spec.concurrencyPolicy", cp, CONCURRENCY_POLICIES));
  const jt = objOf(spec.jobTemplate) ?? {};
  const jtSpec = objOf(jt.spec) ?? {};
  errs.push(...validateJobSpecCommon(jtSpec, "spec.jobTemplate.spec"));
  if (jtSpec.selector !== undefined) errs.push(invalid("spec.jobTemplate.spec.selector", labelSelectorLiteral(jtSpec.selector), "`selector` will be auto-generated"));
  if (jtSpec.manualSelector === true) errs.push(notSupported("spec.jobTemplate.spec.manualSelector", true, ["nil", "false"]));
  errs.push(...validateNonnegativeField(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  errs.push(...validateNonnegativeField(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  void old;
  return errs;
}

export function validateBatch(kind: string, obj: Obj, old: Obj | undefined): FieldError[] | undefined {
  if (kind === "Job") return validateJob(obj, old);
  if (kind === "CronJob") return validateCronJob(obj, old);
  return undefined;
}
