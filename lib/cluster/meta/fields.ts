// Field selectors as k8s.io/apimachinery/pkg/fields/selector.go (syntax, escaping, matching),
// the per-kind field label conversions (pkg/apis/*/v1/conversion.go, the default in
// apimachinery/pkg/runtime/conversion.go) and the per-resource field sets (ToSelectableFields /
// GetAttrs in pkg/registry/*/*/strategy.go).
import type { KObject, StatusError } from "../api/types";
import { newBadRequest } from "./errors";
import { goQuote } from "./go-format";

export interface FieldRequirement {
  field: string;
  /** "=" also stands for "==" (upstream parses both into the same hasTerm). */
  operator: "=" | "!=";
  value: string;
}

export class FieldSelectorError extends Error {}

export type Fields = Record<string, string> | ReadonlyMap<string, string>;
function get(fs: Fields, k: string): string {
  return (fs instanceof Map ? fs.get(k) : Object.prototype.hasOwnProperty.call(fs, k) ? (fs as Record<string, string>)[k] : undefined) ?? "";
}

/** fields.EscapeValue: `\` `,` `=` are escaped with a backslash. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => "\\" + c);
}

/** fields.UnescapeValue, with upstream's errors (an unescaped rune prints as its code point). */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = "";
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === "\\" || c === "," || c === "=") out += c;
      else throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === "\\") inSlash = true;
    else if (c === "," || c === "=") throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

/** fields.Selector: an AND of terms. */
export class FieldSelector {
  constructor(readonly requirements: FieldRequirement[]) {}
  matches(fs: Fields): boolean {
    return this.requirements.every((r) => (r.operator === "=" ? get(fs, r.field) === r.value : get(fs, r.field) !== r.value));
  }
  empty(): boolean {
    return this.requirements.length === 0;
  }
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(",");
  }
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === "=")?.value;
  }
}

export type TransformFunc = (field: string, value: string) => [string, string];

function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === "\\") inSlash = true;
    else if (c === ",") {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

function splitTerm(term: string): [string, "!=" | "==" | "=", string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ["!=", "==", "="] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** fields.ParseAndTransformSelector. Terms are sorted as strings before parsing, as upstream does. */
export function parseFieldSelector(selector: string, fn?: TransformFunc): FieldSelector {
  const parts = splitTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const t = splitTerm(part);
    if (!t) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [lhs, op, rhs] = t;
    reqs.push({ field: lhs, operator: op === "!=" ? "!=" : "=", value: unescapeValue(rhs) });
  }
  if (!fn) return new FieldSelector(reqs);
  const out: FieldRequirement[] = [];
  for (const r of reqs) {
    const [field, value] = fn(r.field, r.value);
    // A term transformed to ("", "") is dropped (upstream: Everything()).
    if (field === "" && value === "") continue;
    out.push({ ...r, field, value });
  }
  return new FieldSelector(out);
}

// ---- which fields each kind accepts (field label conversion) ----

const META_NAME_NS = ["metadata.name", "metadata.namespace"];

/** Kinds with their own conversion func, keyed "group/Kind" ("" group for core). */
export const FIELD_LABELS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["/Pod", [...META_NAME_NS, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
    "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"]],
  ["/Node", ["metadata.name", "spec.unschedulable"]],
  ["/ReplicationController", [...META_NAME_NS, "status.replicas"]],
  ["/Event", ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
    "reportingComponent", "source", "type", ...META_NAME_NS]],
  ["/Namespace", ["status.phase", "metadata.name"]],
  ["/Secret", ["type", ...META_NAME_NS]],
  ["/Service", [...META_NAME_NS, "spec.clusterIP", "spec.type"]],
  ["apps/ReplicaSet", [...META_NAME_NS, "status.replicas"]],
  ["batch/Job", [...META_NAME_NS, "status.successful"]],
  ["certificates.k8s.io/CertificateSigningRequest", ["metadata.name", "spec.signerName"]],
]);

/** Scheme.ConvertFieldLabel: throws FieldSelectorError with upstream's text for unknown fields. */
export function convertFieldLabel(group: string, kind: string, label: string, value: string): [string, string] {
  const allowed = FIELD_LABELS.get(`${group}/${kind}`);
  if (!allowed) {
    if (label === "metadata.name" || label === "metadata.namespace") return [label, value];
    throw new FieldSelectorError(`${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  // Old v1 clients send spec.host for a pod's node.
  if (group === "" && kind === "Pod" && label === "spec.host") return ["spec.nodeName", value];
  if (allowed.includes(label)) return [label, value];
  throw new FieldSelectorError(`field label not supported: ${label}`);
}

/** The fieldSelector query parameter for a kind, as the list/watch handler treats it: errors are 400s. */
export function parseFieldSelectorParam(selector: string, group: string, kind: string): FieldSelector | StatusError {
  try {
    return parseFieldSelector(selector, (f, v) => convertFieldLabel(group, kind, f, v));
  } catch (e) {
    if (e instanceof FieldSelectorError) return newBadRequest(e.message);
    throw e;
  }
}

// ---- the field values of an object (ToSelectableFields) ----

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

const SPECIFIC: ReadonlyMap<string, (o: Obj) => Record<string, string>> = new Map<string, (o: Obj) => Record<string, string>>([
  ["/Pod", (o: Obj) => ({
    "spec.nodeName": str(o.spec?.nodeName),
    "spec.restartPolicy": str(o.spec?.restartPolicy),
    "spec.schedulerName": str(o.spec?.schedulerName),
    "spec.serviceAccountName": str(o.spec?.serviceAccountName),
    "spec.hostNetwork": String(o.spec?.hostNetwork === true),
    "status.phase": str(o.status?.phase),
    // Only the first IP is selectable; status.podIPs is accepted but never set.
    "status.podIP": str(o.status?.podIPs?.[0]?.ip),
    "status.nominatedNodeName": str(o.status?.nominatedNodeName),
  })],
  ["/Node", (o: Obj) => ({ "spec.unschedulable": String(o.spec?.unschedulable === true) })],
  ["/ReplicationController", (o: Obj) => ({ "status.replicas": String(o.status?.replicas ?? 0) })],
  ["/Event", (o: Obj) => ({
    "involvedObject.kind": str(o.involvedObject?.kind),
    "involvedObject.namespace": str(o.involvedObject?.namespace),
    "involvedObject.name": str(o.involvedObject?.name),
    "involvedObject.uid": str(o.involvedObject?.uid),
    "involvedObject.apiVersion": str(o.involvedObject?.apiVersion),
    "involvedObject.resourceVersion": str(o.involvedObject?.resourceVersion),
    "involvedObject.fieldPath": str(o.involvedObject?.fieldPath),
    reason: str(o.reason),
    reportingComponent: str(o.reportingComponent),
    source: str(o.source?.component) || str(o.reportingComponent),
    type: str(o.type),
  })],
  ["/Namespace", (o: Obj) => ({ "status.phase": str(o.status?.phase) })],
  ["/Secret", (o: Obj) => ({ type: str(o.type) })],
  ["/Service", (o: Obj) => ({ "spec.clusterIP": str(o.spec?.clusterIP), "spec.type": str(o.spec?.type) })],
  ["apps/ReplicaSet", (o: Obj) => ({ "status.replicas": String(o.status?.replicas ?? 0) })],
  ["batch/Job", (o: Obj) => ({ "status.successful": String(o.status?.succeeded ?? 0) })],
  ["certificates.k8s.io/CertificateSigningRequest", (o: Obj) => ({ "spec.signerName": str(o.spec?.signerName) })],
]);

/**
 * The field set a field selector is matched against: metadata.name, metadata.namespace for
 * namespaced kinds, plus the kind's own fields.
 */
export function selectableFields(group: string, kind: string, namespaced: boolean, obj: KObject): Map<string, string> {
  const out = new Map<string, string>();
  const specific = SPECIFIC.get(`${group}/${kind}`);
  if (specific) for (const [k, v] of Object.entries(specific(obj as Obj))) out.set(k, v);
  out.set("metadata.name", str(obj.metadata?.name));
  if (namespaced) out.set("metadata.namespace", str(obj.metadata?.namespace));
  return out;
}
