// Resource names and quantities as pkg/apis/core/validation/validation.go
// (ValidateResourceRequirements, validateContainerResourceName, ValidateResourceQuantityValue)
// and pkg/apis/core/helper/helpers.go (standard, native, extended, overcommitable resources).
import type { FieldError } from "../api/types";
import { child, forbidden, invalid, key, required } from "../meta/field-errors";
import { isQualifiedName } from "../meta/names";
import { canonicalString, cmpQuantity, milliValue, newQuantity, type Quantity } from "../meta/quantity";
import { GoLiteral } from "../meta/go-format";
import { isObj, quantity, type Obj, IS_NEGATIVE_ERROR_MSG, IS_NOT_INTEGER_ERROR_MSG } from "./helpers";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const STANDARD_QUOTA_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas",
  "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
]);
const STANDARD_RESOURCES = new Set([...STANDARD_QUOTA_RESOURCES, "storage"]);
const INTEGER_RESOURCES = new Set(["pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"]);

const isHugePages = (n: string) => n.startsWith("hugepages-");
const isNative = (n: string) => !n.includes("/") || n.includes("kubernetes.io/");
const isExtended = (n: string) => !isNative(n) && !n.startsWith("requests.") && isQualifiedName("requests." + n).length === 0;
const isOvercommitAllowed = (n: string) => isNative(n) && !isHugePages(n);
const isIntegerResource = (n: string) => INTEGER_RESOURCES.has(n) || n.startsWith("count/") || isExtended(n);

/** validateResourceName: qualified, and standard unless fully qualified. */
export function validateResourceName(value: string, fldPath: string, standard: Set<string> = STANDARD_RESOURCES): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalid(fldPath, value, m));
  if (errs.length) return errs;
  if (!value.includes("/") && !standard.has(value) && !isHugePages(value) && !value.startsWith("requests.hugepages-") && !value.startsWith("limits.hugepages-")) {
    return [invalid(fldPath, value, "must be a standard resource type or fully qualified")];
  }
  return [];
}

function validateContainerResourceName(value: string, fldPath: string): FieldError[] {
  const errs = validateResourceName(value, fldPath);
  if (!value.includes("/")) {
    if (!STANDARD_CONTAINER_RESOURCES.has(value) && !isHugePages(value)) return [...errs, invalid(fldPath, value, "must be a standard resource for containers")];
  } else if (!isNative(value) && !isExtended(value)) {
    return [...errs, invalid(fldPath, value, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuantityValue: not negative, whole for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (cmpQuantity(q, newQuantity(0, "DecimalSI")) < 0) errs.push(invalid(fldPath, canonicalString(q), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResource(name) && milliValue(q) % 1000 !== 0) errs.push(invalid(fldPath, new GoLiteral(canonicalString(q)), IS_NOT_INTEGER_ERROR_MSG));
  return errs;
}

const sortedEntries = (m: unknown): Array<[string, unknown]> => (isObj(m) ? Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : []);

/** ValidateResourceRequirements of a container (Go's map order is random; we go by name). */
export function validateResourceRequirements(req: Obj, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = child(fldPath, "limits");
  const reqPath = child(fldPath, "requests");
  const limits = new Map<string, Quantity>();
  let limCPUMem = false, reqCPUMem = false, limHuge = false, reqHuge = false;
  for (const [name, raw] of sortedEntries(req.limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantity(raw);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePages(name)) limHuge = true;
    if (name === "cpu" || name === "memory") limCPUMem = true;
  }
  for (const [name, raw] of sortedEntries(req.requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantity(raw);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const lim = limits.get(name);
    if (lim) {
      if (cmpQuantity(q, lim) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, canonicalString(q), `must be equal to ${name} limit of ${canonicalString(lim)}`));
      } else if (cmpQuantity(q, lim) > 0) {
        errs.push(invalid(reqPath, canonicalString(q), `must be less than or equal to ${name} limit of ${canonicalString(lim)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
    if (isHugePages(name)) reqHuge = true;
    if (name === "cpu" || name === "memory") reqCPUMem = true;
  }
  if (!limCPUMem && !reqCPUMem && (reqHuge || limHuge)) errs.push(forbidden(fldPath, "HugePages require cpu or memory"));
  return errs;
}

export { STANDARD_QUOTA_RESOURCES };
