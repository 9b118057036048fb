// Field ownership on every write, as k8s.io/apiserver/pkg/util/managedfields (structuredmerge.go,
// managedfields.go, conflict.go) drives structured-merge-diff's merge.Updater (update.go):
// an Update takes the fields it changed from everyone else; an Apply owns exactly what its
// configuration sets, fails on fields another manager owns with a different value unless forced,
// and removes the fields it stopped applying that nobody else owns.
import { StatusError, type KObject } from "../../api/types";
import { FieldSet, pathString, type Path } from "./fieldset";
import { compare, merge, removeFields, toFieldSet, type TypeRef } from "./typed";

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: "Apply" | "Update";
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

interface Owner {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

export interface WriteContext {
  manager: string;
  /** "" for the main resource. */
  subresource: string;
  apiVersion: string;
  /** RFC 3339, whole seconds. */
  time: string;
  type: TypeRef;
}

/** BuildManagerIdentifier: manager, operation, subresource, and the apiVersion of updaters. */
function identifier(e: ManagedFieldsEntry): string {
  return JSON.stringify([e.manager ?? "", e.operation ?? "", e.operation === "Apply" ? "" : (e.apiVersion ?? ""), e.subresource ?? ""]);
}

function decode(entries: unknown): Map<string, Owner> {
  const out = new Map<string, Owner>();
  if (!Array.isArray(entries)) return out;
  for (const e of entries as ManagedFieldsEntry[]) {
    if (!e || typeof e !== "object") continue;
    out.set(identifier(e), { entry: e, set: FieldSet.fromFieldsV1(e.fieldsV1) });
  }
  return out;
}

/** sortEncodedManagedFields: by operation (Apply first), time, manager, apiVersion, subresource. */
function encode(owners: Map<string, Owner>): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const { entry, set } of owners.values()) {
    if (set.empty()) continue;
    const e: ManagedFieldsEntry = { manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion, time: entry.time, fieldsType: "FieldsV1", fieldsV1: set.toFieldsV1() };
    if (entry.subresource) e.subresource = entry.subresource;
    out.push(e);
  }
  const cmp = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.operation, b.operation) || cmp(a.time, b.time) || cmp(a.manager, b.manager) || cmp(a.apiVersion, b.apiVersion) || cmp(a.subresource, b.subresource));
}

/**
 * What field managers own: the object without its identity and bookkeeping metadata (the fields
 * structuredmerge strips), and without status unless the write is to the status subresource
 * (the reset fields of the main resource's strategy).
 */
function ownable(obj: KObject | undefined, subresource: string): unknown {
  if (!obj) return undefined;
  const { status: _s, ...rest } = obj as KObject & { status?: unknown };
  const meta = { ...(obj.metadata ?? {}) } as Record<string, unknown>;
  for (const k of ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName", "selfLink"]) delete meta[k];
  const out: Record<string, unknown> = { ...rest };
  delete out.apiVersion;
  delete out.kind;
  if (Object.keys(meta).length) out.metadata = meta;
  else delete out.metadata;
  if (_s !== undefined && subresource === "status") out.status = _s;
  return out;
}

/** Updater.update: strip from the other managers what the write changed or removed. */
function takeFromOthers(owners: Map<string, Owner>, me: string, changed: FieldSet, removed: FieldSet): void {
  for (const [id, o] of owners) {
    if (id === me) continue;
    o.set = o.set.difference(changed).difference(removed);
    if (o.set.empty()) owners.delete(id);
  }
}

/** The managedFields of an object written by an Update (create, update, patch, status). */
export function updateManagedFields(live: KObject | undefined, next: KObject, ctx: WriteContext): ManagedFieldsEntry[] {
  const owners = decode(live?.metadata?.managedFields);
  const c = compare(ownable(live, ctx.subresource), ownable(next, ctx.subresource), ctx.type, live === undefined);
  const changed = c.added.union(c.modified);
  const entry: ManagedFieldsEntry = { manager: ctx.manager, operation: "Update", apiVersion: ctx.apiVersion, time: ctx.time, subresource: ctx.subresource || undefined };
  const me = identifier(entry);
  takeFromOthers(owners, me, changed, c.removed);
  const mine = (owners.get(me)?.set ?? new FieldSet()).difference(c.removed).union(changed);
  // An update that changes nothing keeps the manager's entry (and its time) as it was.
  if (changed.empty() && c.removed.empty() && owners.has(me)) return encode(owners);
  owners.delete(me);
  owners.set(me, { entry, set: mine });
  return encode(owners);
}

export interface Conflict {
  manager: ManagedFieldsEntry;
  path: Path;
}

/** conflict.go printManager: `"kubectl-client-side-apply" using apps/v1`, `"x" with subresource "status"`. */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager ?? "");
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === "Update") s += ` using ${e.apiVersion}`;
  return s;
}

/** errors.NewApplyConflict with conflict.go's message and causes. */
export function applyConflictError(conflicts: Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  else {
    const byManager = new Map<string, Conflict[]>();
    for (const c of conflicts) {
      const k = printManager(c.manager);
      byManager.set(k, [...(byManager.get(k) ?? []), c]);
    }
    const lines: string[] = [];
    for (const k of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${k}:`);
      for (const c of byManager.get(k)!) lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  }
  // StatusCause.Type is "FieldManagerConflict"; StatusError carries it as the cause's reason.
  return new StatusError(409, "Conflict", message, { causes });
}

/**
 * Updater.Apply: the object with the configuration merged in and the fields this applier no
 * longer applies pruned, and its managedFields. Throws the 409 of a conflict unless forced.
 */
export function applyManagedFields(live: KObject | undefined, config: KObject, ctx: WriteContext, force: boolean, allowedConflicts?: FieldSet): KObject {
  const owners = decode(live?.metadata?.managedFields);
  const entry: ManagedFieldsEntry = { manager: ctx.manager, operation: "Apply", apiVersion: ctx.apiVersion, time: ctx.time, subresource: ctx.subresource || undefined };
  const me = identifier(entry);
  const configSet = toFieldSet(ownable(config, ctx.subresource), ctx.type);
  const lastSet = owners.get(me)?.set;
  const liveOwnable = ownable(live, ctx.subresource) as Record<string, unknown> | undefined;
  let merged = merge(liveOwnable, ownable(config, ctx.subresource), ctx.type) as Record<string, unknown>;
  // prune: what this applier owned, no longer applies, and nobody else owns, goes away.
  if (lastSet) {
    let dropped = lastSet.difference(configSet);
    for (const [id, o] of owners) if (id !== me) dropped = dropped.difference(o.set);
    merged = removeFields(merged, dropped, ctx.type) as Record<string, unknown>;
  }
  const c = compare(liveOwnable, merged, ctx.type, live === undefined);
  const changed = c.added.union(c.modified);
  const conflicts: Conflict[] = [];
  for (const [id, o] of owners) {
    if (id === me) continue;
    for (const p of o.set.intersection(changed).paths()) conflicts.push({ manager: o.entry, path: p });
  }
  if (conflicts.length && !force) {
    // lastappliedmanager.go: conflicts all within the allowed set are forced; otherwise only
    // the others are reported.
    const remaining = allowedConflicts ? conflicts.filter((x) => !allowedConflicts.has(x.path)) : conflicts;
    if (remaining.length) throw applyConflictError(remaining);
  }
  takeFromOthers(owners, me, changed, c.removed);
  owners.delete(me);
  owners.set(me, { entry, set: configSet });
  const base = live ?? config;
  const { metadata: mergedMeta, ...mergedRest } = merged;
  const status = ctx.subresource === "status" ? {} : { status: (live as { status?: unknown } | undefined)?.status };
  const out: KObject = { ...status, ...mergedRest, apiVersion: base.apiVersion ?? config.apiVersion, kind: base.kind ?? config.kind, metadata: { ...(base.metadata ?? {}), ...(mergedMeta as object), managedFields: encode(owners) } } as KObject;
  for (const k of ["labels", "annotations", "ownerReferences", "finalizers"] as const) {
    if (!(mergedMeta as Record<string, unknown> | undefined)?.[k]) delete out.metadata![k];
  }
  return out;
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * lastappliedmanager.go allowedConflictsFromLastApplied: the fields of the client-side apply
 * annotation whose values still match the live object. kubectl's server-side apply (manager
 * "kubectl") may take them over from kubectl-client-side-apply without a conflict.
 */
export function allowedConflictsFromLastApplied(live: KObject | undefined, type: TypeRef): FieldSet | undefined {
  const text = live?.metadata?.annotations?.[LAST_APPLIED];
  if (!live || !text) return undefined;
  let last: KObject;
  try {
    last = JSON.parse(text) as KObject;
  } catch {
    return undefined;
  }
  if (!last || typeof last !== "object" || last.apiVersion !== live.apiVersion) return undefined;
  const set = toFieldSet(ownable(last, ""), type);
  const c = compare(ownable(last, ""), ownable(live, ""), type);
  return set.difference(c.modified).difference(c.added).difference(c.removed);
}
