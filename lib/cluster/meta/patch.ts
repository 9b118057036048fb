// The three PATCH content types kube-apiserver accepts: JSON Patch (RFC 6902, as
// evanphx/json-patch applies it), JSON Merge Patch (RFC 7386) and strategic merge patch
// (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go, the server's MergeParallelList +
// IgnoreUnmatchedNulls mode), driven by a PatchMeta lookup instead of Go struct tags.
export class PatchError extends Error {}

type JSONValue = null | boolean | number | string | JSONValue[] | { [k: string]: JSONValue };
type JMap = { [k: string]: JSONValue };

const isMap = (v: unknown): v is JMap => typeof v === "object" && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
// Copies into null-prototype objects: patch keys are user input.
function safe(v: JSONValue): JSONValue {
  if (Array.isArray(v)) return v.map(safe);
  if (isMap(v)) {
    const o: JMap = Object.create(null);
    for (const [k, x] of Object.entries(v)) o[k] = safe(x);
    return o;
  }
  return v;
}
const has = (m: JMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);
const deepEqual = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]));
  return v;
}

// ---------------- JSON Merge Patch (RFC 7386) ----------------

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return clone(patch);
  const target: JMap = isMap(original) ? (safe(original as JSONValue) as JMap) : Object.create(null);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else target[k] = jsonMergePatch(has(target, k) ? target[k] : undefined, v) as JSONValue;
  }
  return target;
}

// ---------------- JSON Patch (RFC 6902) ----------------

export interface JSONPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function decodePointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new PatchError(`invalid path: ${path}`);
  return path.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

// Finds the container of the last token; evanphx reports a missing parent as "missing path".
function container(doc: JSONValue, tokens: string[], op: string, path: string): JSONValue {
  let cur: JSONValue = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^(0|[1-9][0-9]*)$/.test(t) || i >= cur.length) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      cur = cur[i];
    } else if (isMap(cur) && has(cur, t)) {
      cur = cur[t];
    } else {
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
  }
  return cur;
}

function getAt(doc: JSONValue, path: string, op: string): JSONValue {
  const tokens = decodePointer(path);
  if (tokens.length === 0) return doc;
  const parent = container(doc, tokens, op, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!/^(0|[1-9][0-9]*)$/.test(last) || i >= parent.length) throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
    return parent[i];
  }
  if (isMap(parent) && has(parent, last)) return parent[last];
  throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
}

function removeAt(doc: JSONValue, path: string, op: string): JSONValue {
  const tokens = decodePointer(path);
  const parent = container(doc, tokens, op, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length - 1 : Number(last);
    if (!(last === "-" || /^(0|[1-9][0-9]*)$/.test(last)) || i < 0 || i >= parent.length) {
      throw new PatchError(`Unable to access invalid index: ${last}: invalid index referenced`);
    }
    return parent.splice(i, 1)[0];
  }
  if (isMap(parent) && has(parent, last)) {
    const v = parent[last];
    delete parent[last];
    return v;
  }
  throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
}

function addAt(doc: JSONValue, path: string, value: JSONValue, op: string, replace: boolean): JSONValue {
  const tokens = decodePointer(path);
  if (tokens.length === 0) return value;
  const parent = container(doc, tokens, op, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    if (replace) {
      const i = Number(last);
      if (!/^(0|[1-9][0-9]*)$/.test(last) || i >= parent.length) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      parent[i] = value;
    } else if (last === "-") {
      parent.push(value);
    } else {
      const i = Number(last);
      if (!/^(0|[1-9][0-9]*)$/.test(last) || i > parent.length) throw new PatchError(`Unable to access invalid index: ${last}: invalid index referenced`);
      parent.splice(i, 0, value);
    }
  } else if (isMap(parent)) {
    if (replace && !has(parent, last)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = value;
  } else {
    throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return doc;
}

/** Applies an RFC 6902 patch; throws PatchError (the server answers those with a 422, see below). */
export function jsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = safe(clone(original) as JSONValue);
  for (const raw of ops as JSONPatchOp[]) {
    const op = raw?.op;
    const path = raw?.path;
    if (typeof path !== "string") throw new PatchError(`${op} operation missing path`);
    const value = () => {
      if (!("value" in raw)) throw new PatchError(`${op} operation missing value`);
      return safe(clone(raw.value) as JSONValue);
    };
    switch (op) {
      case "add":
        doc = addAt(doc, path, value(), "add", false);
        break;
      case "remove":
        removeAt(doc, path, "remove");
        break;
      case "replace":
        doc = addAt(doc, path, value(), "replace", true);
        break;
      case "move": {
        if (typeof raw.from !== "string") throw new PatchError("move operation missing from");
        const v = removeAt(doc, raw.from, "move");
        doc = addAt(doc, path, v, "move", false);
        break;
      }
      case "copy": {
        if (typeof raw.from !== "string") throw new PatchError("copy operation missing from");
        const v = clone(getAt(doc, raw.from, "copy"));
        doc = addAt(doc, path, v, "copy", false);
        break;
      }
      case "test": {
        let cur: JSONValue | undefined;
        try {
          cur = getAt(doc, path, "test");
        } catch {
          cur = undefined;
        }
        const want = "value" in raw ? raw.value : null;
        if (cur === undefined ? want !== null : !deepEqual(cur, want)) {
          throw new PatchError(`testing value ${path} failed: test failed`);
        }
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

// ---------------- Strategic merge patch ----------------

/** The patch strategy and merge key of a field, by its path of field names (list items add none). */
export type PatchMeta = (path: string[]) => { strategy?: string; mergeKey?: string };

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
const SET_ELEMENT_ORDER = "$setElementOrder/";

/** StrategicMergeMapPatchUsingLookupPatchMeta, as the apiserver's PATCH handler runs it. */
export function strategicMergePatch(original: unknown, patch: unknown, meta: PatchMeta): unknown {
  if (!isMap(patch)) throw new PatchError("invalid JSON document");
  const o = isMap(original) ? (safe(clone(original as JSONValue)) as JMap) : (Object.create(null) as JMap);
  return mergeMap(o, safe(clone(patch as JSONValue)) as JMap, [], meta);
}

function strategies(meta: PatchMeta, path: string[]): { strategy: string; mergeKey: string } {
  const m = meta(path);
  const parts = (m.strategy ?? "").split(",").filter((s) => s && s !== "retainKeys");
  if (parts.length > 1) throw new PatchError(`unexpected patch strategy: [${(m.strategy ?? "").split(",").join(" ")}]`);
  return { strategy: parts[0] ?? "", mergeKey: m.mergeKey ?? "" };
}

// Go's %v of a map, for the error texts that print one.
function goMap(m: JMap): string {
  return `map[${Object.keys(m).sort().map((k) => `${k}:${goV(m[k])}`).join(" ")}]`;
}
function goV(v: JSONValue): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goV).join(" ")}]`;
  if (isMap(v)) return goMap(v);
  return String(v);
}

function mergeMap(original: JMap, patch: JMap, path: string[], meta: PatchMeta): JMap {
  if (has(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === "replace") {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (d === "delete") return Object.create(null);
    throw new PatchError(`unknown patch type: ${goV(d)} in map: ${goMap(patch)}`);
  }
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, path, meta);

  for (let k of Object.keys(patch)) {
    const patchV = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      k = k.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!has(original, k) || kindOf(original[k]) !== kindOf(patchV)) {
      if (!isDeleteList) {
        discardNulls(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
      continue;
    }
    const child = [...path, k];
    const { strategy, mergeKey } = strategies(meta, child);
    if (isMap(patchV)) {
      original[k] = strategy === "replace" ? patchV : mergeMap(original[k] as JMap, patchV, child, meta);
    } else if (Array.isArray(patchV)) {
      original[k] = mergeSliceHandler(original[k] as JSONValue[], patchV, child, meta, strategy, mergeKey, isDeleteList);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) original[k] = v;
      else delete original[k];
    }
  }
  return original;
}

function kindOf(v: JSONValue): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function discardNulls(v: JSONValue): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) v.forEach(discardNulls);
}

function removeDirectives(v: JSONValue): [JSONValue, boolean] {
  if (isMap(v)) {
    if (has(v, DIRECTIVE)) return [null, false];
    for (const k of Object.keys(v)) {
      const [nv, keep] = removeDirectives(v[k]);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: JSONValue[] = [];
    for (const e of v) {
      const [nv, keep] = removeDirectives(e);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [v, true];
}

const ERR_RETAIN_KEYS = "invalid patch: the patch has a $retainKeys directive, but the list of retained keys doesn't include all keys in the patch";

// $retainKeys: drop every original key not listed (the fields of a union, e.g. a volume source).
function applyRetainKeys(original: JMap, patch: JMap): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw new PatchError(ERR_RETAIN_KEYS);
  const keep = new Set(list.map(String));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw new PatchError(ERR_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

// $setElementOrder/<field>: merge that list now and order it as the patch says.
function mergeSetElementOrder(original: JMap, patch: JMap, path: string[], meta: PatchMeta): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw new PatchError("invalid patch: the patch has a $setElementOrder directive, but its value is not a list");
    const field = key.slice(SET_ELEMENT_ORDER.length);
    const foundOriginal = has(original, field);
    const foundPatch = has(patch, field);
    const originalList = foundOriginal ? original[field] : undefined;
    const patchList = foundPatch ? patch[field] : undefined;
    if (foundOriginal && !Array.isArray(originalList)) throw new PatchError(`expected a list for ${field}`);
    if (foundPatch && !Array.isArray(patchList)) throw new PatchError(`expected a list for ${field}`);
    const child = [...path, field];
    const { strategy, mergeKey } = strategies(meta, child);
    let merged: JSONValue[];
    if (foundOriginal && !foundPatch) merged = originalList as JSONValue[];
    else if (!foundOriginal && foundPatch) {
      merged = removeDirectives(patchList as JSONValue[])[0] as JSONValue[];
    } else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalList as JSONValue[], patchList as JSONValue[], child, meta, strategy, mergeKey, false);
    } else continue;
    const [inOrder, serverOnly] = partition(merged, order, mergeKey);
    const elems = [...((originalList as JSONValue[]) ?? []), ...((patchList as JSONValue[]) ?? [])];
    const kind = elems.length > 0 && isMap(elems[0]) ? "map" : "scalar";
    original[field] = normalizeElementOrder(inOrder, serverOnly, order, (originalList as JSONValue[]) ?? [], mergeKey, kind);
    delete patch[field];
  }
}

function mergeSliceHandler(original: JSONValue[], patch: JSONValue[], path: string[], meta: PatchMeta,
  strategy: string, mergeKey: string, isDeleteList: boolean): JSONValue[] {
  if (strategy === "merge" || isDeleteList) return mergeSlice(original, patch, path, meta, mergeKey, isDeleteList);
  return patch;
}

function elementKind(lists: JSONValue[][]): "map" | "scalar" {
  let kind: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === "array") throw new PatchError("lists of lists are not supported");
        kind = k;
      } else if (kind !== k) {
        throw new PatchError(`list element types are not identical: ${goV(lists as JSONValue)}`);
      }
    }
  }
  if (kind === undefined) throw new PatchError("no elements in any of the given slices");
  return kind === "object" ? "map" : "scalar";
}

function mergeSlice(original: JSONValue[], patch: JSONValue[], path: string[], meta: PatchMeta, mergeKey: string, isDeleteList: boolean): JSONValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch]);
  let merged: JSONValue[];
  if (kind !== "map") {
    if (isDeleteList) {
      return original.filter((v) => !patch.some((d) => d === v));
    }
    merged = dedupScalars([...original, ...patch]);
  } else {
    if (mergeKey === "") throw new PatchError(`cannot merge lists without merge key for ${path[path.length - 1]}`);
    // Upstream deletes and appends in place on the caller's slice; its $setElementOrder step
    // then orders by that mutated array, so we reproduce the aliasing (see GoSlice).
    const s = new GoSlice(original);
    patch = mergeSpecialElements(s, patch, mergeKey);
    original = s.view();
    for (const v of patch as JMap[]) {
      if (!has(v, mergeKey)) throw new PatchError(`map: ${goMap(v)} does not contain declared merge key: ${mergeKey}`);
      const cur = s.view();
      const i = cur.findIndex((m) => isMap(m) && has(m, mergeKey) && m[mergeKey] === v[mergeKey]);
      if (i >= 0) s.set(i, mergeMap(cur[i] as JMap, v, path, meta));
      else s.append(v);
    }
    merged = s.view();
  }
  const [inPatch, serverOnly] = partition(merged, patch, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
}

// A Go slice over a backing array: in-place deletes shift the backing array, appends within
// capacity write into it, so the caller still holding the backing array sees both.
class GoSlice {
  private len: number;
  constructor(private backing: JSONValue[]) {
    this.len = backing.length;
  }
  view(): JSONValue[] {
    return this.backing.slice(0, this.len);
  }
  set(i: number, v: JSONValue): void {
    this.backing[i] = v;
  }
  deleteAt(i: number): void {
    this.backing.copyWithin(i, i + 1, this.len);
    this.len--;
  }
  append(v: JSONValue): void {
    if (this.len < this.backing.length) this.backing[this.len] = v;
    else this.backing = [...this.backing.slice(0, this.len), v];
    this.len++;
  }
  replaceWith(items: JSONValue[]): void {
    this.backing = items;
    this.len = items.length;
  }
}

// deduplicateScalars: a duplicate is replaced by the last element, as upstream does.
function dedupScalars(s: JSONValue[]): JSONValue[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

// `$patch: delete` elements remove their match; `$patch: replace` makes the patch the list.
// Returns the remaining patch items.
function mergeSpecialElements(original: GoSlice, patch: JSONValue[], mergeKey: string): JSONValue[] {
  const rest: JSONValue[] = [];
  let replace = false;
  for (const v of patch as JMap[]) {
    if (!has(v, DIRECTIVE)) {
      rest.push(v);
      continue;
    }
    const d = v[DIRECTIVE];
    if (d === "delete") {
      if (!has(v, mergeKey)) throw new PatchError(`map: ${goMap(v)} does not contain declared merge key: ${mergeKey}`);
      for (;;) {
        const i = original.view().findIndex((o) => isMap(o) && has(o, mergeKey) && o[mergeKey] === v[mergeKey]);
        if (i < 0) break;
        original.deleteAt(i);
      }
    } else if (d === "replace") {
      replace = true;
    } else if (d === "merge") {
      throw new PatchError("merging lists cannot yet be specified in the patch");
    } else {
      throw new PatchError(`unknown patch type: ${goV(d)} in map: ${goMap(v)}`);
    }
  }
  if (replace) {
    original.replaceWith(rest);
    return [];
  }
  return rest;
}

function keyOf(v: JSONValue, mergeKey: string, kind: string): JSONValue | undefined {
  return kind === "map" ? (isMap(v) ? v[mergeKey] : undefined) : v;
}
function indexIn(list: JSONValue[], v: JSONValue, mergeKey: string, kind: string): number {
  const want = keyOf(v, mergeKey, kind);
  return list.findIndex((x) => keyOf(x, mergeKey, kind) === want);
}

function partition(merged: JSONValue[], by: JSONValue[], mergeKey: string): [JSONValue[], JSONValue[]] {
  const inBy: JSONValue[] = [];
  const only: JSONValue[] = [];
  for (const v of merged) {
    const found = mergeKey
      ? by.some((b) => isMap(b) && isMap(v) && has(b, mergeKey) && b[mergeKey] === v[mergeKey])
      : by.some((b) => b === v);
    (found ? inBy : only).push(v);
  }
  return [inBy, only];
}

function normalizeElementOrder(patch: JSONValue[], serverOnly: JSONValue[], patchOrder: JSONValue[],
  serverOrder: JSONValue[], mergeKey: string, kind: string): JSONValue[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  // mergeSortedSlice: interleave, server-only items keep their place relative to the server order.
  const out: JSONValue[] = [];
  let i = 0;
  let j = 0;
  while (i < s.length || j < p.length) {
    if (i >= s.length) out.push(p[j++]);
    else if (j >= p.length) out.push(s[i++]);
    else {
      const li = indexIn(serverOrder, s[i], mergeKey, kind);
      const ri = indexIn(serverOrder, p[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(s[i++]);
      else out.push(p[j++]);
    }
  }
  return out;
}

// Upstream sorts with sort.SliceStable and a comparator that is not a strict order; the
// insertion sort below is what Go runs for lists of up to 20 items, so results match there.
function normalizeSliceOrder(toSort: JSONValue[], order: JSONValue[], mergeKey: string, kind: string): JSONValue[] {
  let toDelete: JSONValue[] = [];
  let items = [...toSort];
  if (kind === "map") {
    for (const m of [...toSort, ...order]) {
      if (!isMap(m) || !has(m, mergeKey)) throw new PatchError(`map: ${goV(m)} does not contain declared merge key: ${mergeKey}`);
    }
    toDelete = items.filter((m) => isMap(m) && m[DIRECTIVE] === "delete");
    items = items.filter((m) => !(isMap(m) && m[DIRECTIVE] === "delete"));
  }
  const less = (a: JSONValue, b: JSONValue) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      [items[j], items[j - 1]] = [items[j - 1], items[j]];
    }
  }
  return [...items, ...toDelete];
}
