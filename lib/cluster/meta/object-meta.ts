// ObjectMeta validation as k8s.io/apimachinery/pkg/api/validation/objectmeta.go and the label
// checks of pkg/apis/meta/v1/validation: pure functions returning every FieldError.
import type { FieldError, ObjectMeta, OwnerReference } from "../api/types";
import { child, forbidden, invalid, required, tooLong } from "./field-errors";
import { GoLiteral, goSharpV } from "./go-format";
import { isQualifiedName, isValidLabelValue, validateNamespaceName, type ValidateNameFunc } from "./names";

export const FIELD_IMMUTABLE_ERROR_MSG = "field is immutable";
export const IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";
/** 256 kB over all annotation keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
export const FINALIZER_ORPHAN_DEPENDENTS = "orphan";
export const FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

const utf8 = new TextEncoder();

export function validateNonnegativeField(value: number, fldPath: string): FieldError[] {
  return value < 0 ? [invalid(fldPath, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validateLabelName(labelName: string, fldPath: string): FieldError[] {
  return isQualifiedName(labelName).map((m) => invalid(fldPath, labelName, m));
}

/** Upstream reports both key and value errors at the labels path itself. */
export function validateLabels(labels: Record<string, string> | undefined, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, fldPath));
    for (const m of isValidLabelValue(v)) errs.push(invalid(fldPath, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Keys are checked lower-cased: upper-case annotation keys are allowed.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(fldPath, k, m));
    total += utf8.encode(k).length + utf8.encode(String(v)).length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(fldPath, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

// schema.FromAPIVersionAndKind: "apps/v1" -> group apps, version v1; "v1" -> core.
function splitAPIVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  if (i < 0) return { group: "", version: apiVersion };
  // ParseGroupVersion fails on more than one "/"; FromAPIVersionAndKind then leaves both empty.
  if (apiVersion.indexOf("/", i + 1) >= 0) return { group: "", version: "" };
  return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

// %#v of a metav1.OwnerReference, for the "disallowed from being an owner" error.
function ownerReferenceLiteral(ref: OwnerReference): GoLiteral {
  const ptr = (v: boolean | undefined) => (v === undefined ? "(*bool)(nil)" : "(*bool)(0xc000000000)");
  return new GoLiteral(
    `v1.OwnerReference{APIVersion:${goSharpV(ref.apiVersion ?? "")}, Kind:${goSharpV(ref.kind ?? "")}, ` +
      `Name:${goSharpV(ref.name ?? "")}, UID:${goSharpV(ref.uid ?? "")}, Controller:${ptr(ref.controller)}, ` +
      `BlockOwnerDeletion:${ptr(ref.blockOwnerDeletion)}}`,
  );
}

function validateOwnerReference(ref: OwnerReference, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? "";
  const gv = splitAPIVersion(apiVersion);
  if (gv.version === "") errs.push(invalid(child(fldPath, "apiVersion"), apiVersion, "version must not be empty"));
  if (!ref.kind) errs.push(invalid(child(fldPath, "kind"), ref.kind ?? "", "kind must not be empty"));
  if (!ref.name) errs.push(invalid(child(fldPath, "name"), ref.name ?? "", "name must not be empty"));
  if (!ref.uid) errs.push(invalid(child(fldPath, "uid"), ref.uid ?? "", "uid must not be empty"));
  // BannedOwners: core v1 Event may not own anything. GroupVersionKind.String() is "/v1, Kind=Event".
  if (gv.group === "" && gv.version === "v1" && ref.kind === "Event") {
    errs.push(invalid(fldPath, ownerReferenceLiteral(ref), "/v1, Kind=Event is disallowed from being an owner"));
  }
  return errs;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstControllerName = "";
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, fldPath));
    if (ref.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstControllerName !== "") {
        // %#v of a []v1.OwnerReference (with pointer addresses) cannot be rebuilt from JSON.
        errs.push(invalid(fldPath, new GoLiteral("[]v1.OwnerReference{...}"),
          `Only one reference can have Controller set to true. Found "true" in references for ${firstControllerName} and ${cur}`));
      } else {
        firstControllerName = cur;
      }
    }
  }
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  let orphan = false;
  let foreground = false;
  for (const f of finalizers ?? []) {
    for (const m of isQualifiedName(f)) errs.push(invalid(fldPath, f, m));
    if (f === FINALIZER_ORPHAN_DEPENDENTS) orphan = true;
    if (f === FINALIZER_DELETE_DEPENDENTS) foreground = true;
  }
  if (orphan && foreground) {
    errs.push(invalid(fldPath, finalizers, `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`));
  }
  return errs;
}

/**
 * ValidateObjectMeta: name (or generateName) by nameFn, namespace present iff the resource is
 * namespaced, generation, labels, annotations, ownerReferences, finalizers.
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  requiresNamespace: boolean,
  nameFn: ValidateNameFunc,
  fldPath = "metadata",
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const m of nameFn(meta.generateName, true)) errs.push(invalid(child(fldPath, "generateName"), meta.generateName, m));
  }
  if (!meta.name) {
    errs.push(required(child(fldPath, "name"), "name or generateName is required"));
  } else {
    for (const m of nameFn(meta.name, false)) errs.push(invalid(child(fldPath, "name"), meta.name, m));
  }
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(required(child(fldPath, "namespace"), ""));
    else for (const m of validateNamespaceName(meta.namespace, false)) errs.push(invalid(child(fldPath, "namespace"), meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(forbidden(child(fldPath, "namespace"), "not allowed on this type"));
  }
  errs.push(...validateNonnegativeField(meta.generation ?? 0, child(fldPath, "generation")));
  errs.push(...validateLabels(meta.labels, child(fldPath, "labels")));
  errs.push(...validateAnnotations(meta.annotations, child(fldPath, "annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(fldPath, "ownerReferences")));
  errs.push(...validateFinalizers(meta.finalizers, child(fldPath, "finalizers")));
  return errs;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function immutable(newVal: unknown, oldVal: unknown, fldPath: string, zero: unknown): FieldError[] {
  if (sameValue(newVal, oldVal)) return [];
  return [invalid(fldPath, newVal ?? zero, FIELD_IMMUTABLE_ERROR_MSG)];
}

// metav1.Time is a fmt.Stringer, so ErrorBody prints time.Time.String(), unquoted; the zero
// creationTimestamp prints as Go's zero time.
function goTime(rfc3339: string | undefined): GoLiteral {
  if (!rfc3339) return new GoLiteral("0001-01-01 00:00:00 +0000 UTC");
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(rfc3339);
  return new GoLiteral(m ? `${m[1]} ${m[2]} +0000 UTC` : rfc3339);
}

/** ValidateObjectMetaUpdate: identity fields immutable, resourceVersion required, no new finalizers while deleting. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta, oldMeta: ObjectMeta, fldPath = "metadata"): FieldError[] {
  const errs: FieldError[] = [];
  if (oldMeta.deletionTimestamp) {
    const old = new Set(oldMeta.finalizers ?? []);
    const extra = [...new Set((newMeta.finalizers ?? []).filter((f) => !old.has(f)))].sort();
    if (extra.length > 0) {
      errs.push(forbidden(child(fldPath, "finalizers"),
        `no new finalizers can be added if the object is being deleted, found new finalizers ${goSharpV(extra)}`));
    }
  }
  if (!newMeta.resourceVersion) {
    errs.push(invalid(child(fldPath, "resourceVersion"), newMeta.resourceVersion ?? "", "must be specified for an update"));
  }
  if ((newMeta.generation ?? 0) < (oldMeta.generation ?? 0)) {
    errs.push(invalid(child(fldPath, "generation"), newMeta.generation ?? 0, "must not be decremented"));
  }
  errs.push(...immutable(newMeta.name, oldMeta.name, child(fldPath, "name"), ""));
  errs.push(...immutable(newMeta.namespace, oldMeta.namespace, child(fldPath, "namespace"), ""));
  errs.push(...immutable(newMeta.uid, oldMeta.uid, child(fldPath, "uid"), ""));
  if (!sameValue(newMeta.creationTimestamp, oldMeta.creationTimestamp)) {
    errs.push(invalid(child(fldPath, "creationTimestamp"), goTime(newMeta.creationTimestamp), FIELD_IMMUTABLE_ERROR_MSG));
  }
  if (!sameValue(newMeta.deletionTimestamp, oldMeta.deletionTimestamp)) {
    const v = newMeta.deletionTimestamp ? goTime(newMeta.deletionTimestamp) : null;
    errs.push(invalid(child(fldPath, "deletionTimestamp"), v, FIELD_IMMUTABLE_ERROR_MSG));
  }
  errs.push(...immutable(newMeta.deletionGracePeriodSeconds, oldMeta.deletionGracePeriodSeconds,
    child(fldPath, "deletionGracePeriodSeconds"), null));
  errs.push(...validateLabels(newMeta.labels, child(fldPath, "labels")));
  errs.push(...validateAnnotations(newMeta.annotations, child(fldPath, "annotations")));
  errs.push(...validateOwnerReferences(newMeta.ownerReferences, child(fldPath, "ownerReferences")));
  return errs;
}
