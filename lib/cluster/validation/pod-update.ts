// ValidatePodUpdate of pkg/apis/core/validation/validation.go (v1.32, InPlacePodVerticalScaling
// off): only images, activeDeadlineSeconds, added tolerations and a negative grace period set
// to 1 may change; anything else is one Forbidden error at "spec" followed by a diff.
import type { FieldError } from "../api/types";
import { child, forbidden, index, invalid, required } from "../meta/field-errors";
import { goQuote } from "../meta/go-format";
import { inclusiveRangeError } from "../meta/names";
import { deepEqual, objOf, objs, str, type Obj } from "./helpers";
import { validatePodSpec } from "./pod";

const MAX_INT32 = 2147483647;

export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

function validateContainerUpdates(next: Obj[], old: Obj[], fldPath: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(fldPath, "pod updates may not add or remove containers")], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(c.image);
    if (!image) errs.push(required(child(index(fldPath, i), "image"), ""));
    if (image.trim().length !== image.length) errs.push(invalid(child(index(fldPath, i), "image"), image, "must not have leading or trailing whitespace"));
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds may shrink). */
function validateOnlyAddedTolerations(next: Obj[], old: Obj[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const o of old) {
    const found = next.some((n) => {
      const a = { ...o, tolerationSeconds: undefined };
      const b = { ...n, tolerationSeconds: undefined };
      if (!deepEqual(a, b)) return false;
      if (o.tolerationSeconds === undefined) return n.tolerationSeconds === undefined;
      return typeof n.tolerationSeconds === "number" && n.tolerationSeconds <= (o.tolerationSeconds as number);
    });
    if (!found) errs.push(forbidden(fldPath, "existing toleration can not be modified except its tolerationSeconds"));
  }
  return errs;
}

// Go field name of a PodSpec JSON field, as cmp.Diff prints it.
const goName = (k: string) => (k === "dnsConfig" ? "DNSConfig" : k === "dnsPolicy" ? "DNSPolicy" : k[0].toUpperCase() + k.slice(1));

function goValue(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `{${v.map(goValue).join(", ")}}`;
  return `{${Object.entries(v as Obj).map(([k, x]) => `${goName(k)}: ${goValue(x)}`).join(", ")}}`;
}

/**
 * A cmp.Diff-style rendering of the changed top-level PodSpec fields. Upstream diffs the internal
 * Go structs field by field; this keeps its shape (header, "-"/"+" lines, elided identical
 * fields) at field granularity.
 */
// core.PodSpec's fields in Go declaration order (the internal type; HostNetwork etc. live in
// its SecurityContext there, so they count as one field here).
const POD_SPEC_FIELDS = [
  "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds",
  "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "automountServiceAccountToken", "nodeName",
  "securityContext", "imagePullSecrets", "hostname", "subdomain", "setHostnameAsFQDN", "affinity", "schedulerName",
  "tolerations", "hostAliases", "priorityClassName", "priority", "preemptionPolicy", "dnsConfig", "readinessGates",
  "runtimeClassName", "overhead", "enableServiceLinks", "topologySpreadConstraints", "os", "schedulingGates", "resourceClaims",
];

export function podSpecDiff(old: Obj, next: Obj): string {
  const extra = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((k) => !POD_SPEC_FIELDS.includes(k)).sort();
  const keys = [...POD_SPEC_FIELDS, ...extra];
  const lines = ["  core.PodSpec{"];
  let same = 0;
  const flush = () => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? "" : "s"}`);
    same = 0;
  };
  for (const k of keys) {
    if (deepEqual(old[k], next[k])) {
      same++;
      continue;
    }
    flush();
    lines.push(`- \t${goName(k)}: ${goValue(old[k])},`);
    lines.push(`+ \t${goName(k)}: ${goValue(next[k])},`);
  }
  flush();
  lines.push("  }");
  return lines.join("\n") + "\n";
}

/** ValidatePodUpdate (spec part; metadata is the caller's). */
export function validatePodUpdate(pod: Obj, oldPod: Obj): FieldError[] {
  const spec = objOf(pod.spec) ?? {};
  const oldSpec = objOf(oldPod.spec) ?? {};
  const errs = validatePodSpec(spec, objOf(pod.metadata), "spec", true);
  for (const f of ["containers", "initContainers"]) {
    const r = validateContainerUpdates(objs(spec[f]), objs(oldSpec[f]), child("spec", f));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === "number") {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid("spec.activeDeadlineSeconds", ads, inclusiveRangeError(0, MAX_INT32))];
    if (typeof oldAds === "number" && oldAds < ads) return [...errs, invalid("spec.activeDeadlineSeconds", ads, "must be less than or equal to previous value")];
  } else if (typeof oldAds === "number") {
    errs.push(invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  errs.push(...validateOnlyAddedTolerations(objs(spec.tolerations), objs(oldSpec.tolerations), "spec.tolerations"));
  if (deepEqual(spec, oldSpec)) return errs;

  // Munge the allowed changes back to the old values; whatever differs then is forbidden.
  const munged: Obj = structuredClone(spec);
  for (const f of ["containers", "initContainers"]) {
    const olds = objs(oldSpec[f]);
    if (Array.isArray(munged[f])) munged[f] = (munged[f] as Obj[]).map((c, i) => ({ ...c, image: olds[i]?.image }));
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.tolerations = oldSpec.tolerations;
  munged.schedulingGates = oldSpec.schedulingGates;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === "number" && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!deepEqual(munged, oldSpec)) {
    errs.push(forbidden("spec", `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}
