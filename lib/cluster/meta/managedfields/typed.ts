// Objects walked with their schema, as structured-merge-diff's typed package does
// (typed/tofieldset.go, compare.go, merge.go, remove.go) over the OpenAPI v3 schemas the API
// server serves: structs (properties), granular or atomic maps (x-kubernetes-map-type), and
// lists that are atomic (the default), sets, or maps keyed by x-kubernetes-list-map-keys.
// Without a schema, SMD's deduced type: objects are granular maps, arrays atomic.
import { FieldSet, type Path, type PathElement } from "./fieldset";

export type OpenAPISchema = {
  $ref?: string;
  allOf?: OpenAPISchema[];
  type?: string;
  properties?: Record<string, OpenAPISchema>;
  additionalProperties?: OpenAPISchema | boolean;
  items?: OpenAPISchema;
  default?: unknown;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "atomic" | "granular";
  "x-kubernetes-preserve-unknown-fields"?: boolean;
};

/** A schema node with its $refs resolvable. */
export interface TypeRef {
  schema: OpenAPISchema | undefined;
  components: Record<string, OpenAPISchema>;
}

const MAX_DEPTH = 64;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The schema behind $refs and single allOf wrappers. */
export function resolveSchema(t: TypeRef): OpenAPISchema | undefined {
  let cur = t.schema;
  for (let i = 0; cur && i < 16; i++) {
    if (cur.$ref) cur = t.components[cur.$ref.replace("#/components/schemas/", "")];
    else if (cur.allOf?.length === 1 && !cur.properties) cur = { ...cur.allOf[0], ...cur, allOf: undefined };
    else return cur;
  }
  return cur;
}

type Shape =
  | { kind: "leaf" }
  | { kind: "map"; atomic: boolean; field: (name: string) => TypeRef; struct: boolean; required: readonly string[] }
  | { kind: "list"; type: "atomic" | "set" | "map"; keys: string[]; item: TypeRef };

/** What a value is, by its schema and (when the schema says nothing) by its own form. */
function shapeOf(t: TypeRef, v: unknown): Shape {
  const s = resolveSchema(t);
  const untyped: TypeRef = { schema: undefined, components: t.components };
  if (!s || s["x-kubernetes-preserve-unknown-fields"] && !s.properties) {
    if (Array.isArray(v)) return { kind: "list", type: "atomic", keys: [], item: untyped };
    if (isObj(v)) return { kind: "map", atomic: false, struct: false, required: [], field: () => untyped };
    return { kind: "leaf" };
  }
  if (Array.isArray(v) || s.type === "array") {
    const type = s["x-kubernetes-list-type"] ?? "atomic";
    return { kind: "list", type, keys: s["x-kubernetes-list-map-keys"] ?? [], item: { schema: s.items, components: t.components } };
  }
  if (isObj(v) || s.type === "object" || s.properties) {
    const props = s.properties;
    const add = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    return {
      kind: "map",
      atomic: s["x-kubernetes-map-type"] === "atomic",
      struct: Boolean(props),
      required: (s as { required?: string[] }).required ?? [],
      field: (name) => ({ schema: props && has(props, name) ? props[name] : add, components: t.components }),
    };
  }
  return { kind: "leaf" };
}

/** The path element of a list item: its keys (defaults filled in), its value, or undefined. */
function itemElement(shape: Extract<Shape, { kind: "list" }>, item: unknown): PathElement | undefined {
  if (shape.type === "set") return { value: item };
  if (shape.type !== "map" || !isObj(item)) return undefined;
  const key: Obj = {};
  const s = resolveSchema(shape.item);
  for (const k of shape.keys) {
    if (has(item, k)) key[k] = item[k];
    else {
      const d = s?.properties?.[k] ? resolveSchema({ schema: s.properties[k], components: shape.item.components })?.default : undefined;
      if (d !== undefined) key[k] = d;
    }
  }
  return { key };
}

function itemsByElement(shape: Extract<Shape, { kind: "list" }>, list: unknown[]): Map<string, { pe: PathElement; item: unknown; index: number }> {
  const out = new Map<string, { pe: PathElement; item: unknown; index: number }>();
  list.forEach((item, index) => {
    const pe = itemElement(shape, item);
    if (!pe) return;
    const k = JSON.stringify(pe);
    if (!out.has(k)) out.set(k, { pe, item, index });
  });
  return out;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : isObj(v) && Object.keys(v).length === 0);

/** typed.ToFieldSet: the fields an applied configuration sets. */
export function toFieldSet(obj: unknown, t: TypeRef): FieldSet {
  const set = new FieldSet();
  const walk = (v: unknown, tr: TypeRef, path: Path, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const shape = shapeOf(tr, v);
    if (shape.kind === "leaf" || (shape.kind === "map" && shape.atomic) || (shape.kind === "list" && shape.type === "atomic")) {
      set.insert(path);
      return;
    }
    if (shape.kind === "list") {
      if (!Array.isArray(v)) return;
      for (const { pe, item } of itemsByElement(shape, v).values()) {
        walk(item, shape.item, [...path, pe], depth + 1);
        set.insert([...path, pe]);
      }
      return;
    }
    if (!isObj(v)) return;
    if (path.length && Object.keys(v).length === 0) set.insert(path);
    for (const [k, x] of Object.entries(v)) {
      walk(x, shape.field(k), [...path, { field: k }], depth + 1);
      if (!shape.struct) set.insert([...path, { field: k }]);
    }
  };
  walk(obj, t, [], 0);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * typed.Compare with its post-item hook: leaves that were added, modified or removed, plus the
 * non-leaf nodes that appeared or vanished. `zeroStructs` stands in for the Go zero value a create
 * starts from: absent struct fields then count as present (no `.` for them), as upstream's
 * `New()` object has them.
 */
export function compare(lhs: unknown, rhs: unknown, t: TypeRef, zeroStructs = false): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const leaf = (l: unknown, r: unknown, path: Path) => {
    // The zero value marshals unset times and required lists as null: not a change.
    if (zeroStructs && l === undefined && r === null) return;
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (JSON.stringify(l) !== JSON.stringify(r)) c.modified.insert(path);
  };
  const walk = (l: unknown, r: unknown, tr: TypeRef, path: Path, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const shape = shapeOf(tr, r !== undefined ? r : l);
    const bothEmpty = isEmpty(l) && isEmpty(r);
    if (shape.kind === "leaf" || (shape.kind === "map" && shape.atomic) || (shape.kind === "list" && shape.type === "atomic") || bothEmpty) {
      if (path.length) leaf(l, r, path);
      return;
    }
    if (shape.kind === "list") {
      const lm = Array.isArray(l) ? itemsByElement(shape, l) : new Map();
      const rm = Array.isArray(r) ? itemsByElement(shape, r) : new Map();
      for (const k of new Set([...lm.keys(), ...rm.keys()])) {
        const li = lm.get(k);
        const ri = rm.get(k);
        const pe = (ri ?? li)!.pe;
        walk(li?.item, ri?.item, shape.item, [...path, pe], depth + 1);
        hook(li?.item, ri?.item, [...path, pe], false);
      }
    } else {
      const lo = isObj(l) ? l : {};
      const ro = isObj(r) ? r : {};
      for (const k of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
        const ft = shape.field(k);
        const lv = has(lo, k) ? lo[k] : undefined;
        const rv = has(ro, k) ? ro[k] : undefined;
        walk(lv, rv, ft, [...path, { field: k }], depth + 1);
        const sub = shapeOf(ft, rv !== undefined ? rv : lv);
        const isLeaf = sub.kind === "leaf" || (sub.kind === "map" && sub.atomic) || (sub.kind === "list" && sub.type === "atomic") || (isEmpty(lv) && isEmpty(rv));
        // A Go zero value has its struct fields and its required (non-omitempty) fields present.
        const inZero = zeroStructs && ((sub.kind === "map" && sub.struct) || (shape.kind === "map" && shape.required.includes(k)));
        if (!isLeaf) hook(lv, rv, [...path, { field: k }], inZero);
      }
    }
  };
  const hook = (l: unknown, r: unknown, path: Path, zero: boolean) => {
    if (l === undefined && !zero) c.added.insert(path);
    else if (r === undefined && l !== undefined) c.removed.insert(path);
  };
  walk(lhs, rhs, t, [], 0);
  return c;
}

/** typed.Merge for apply: the configuration over the live object, by the schema's rules. */
export function merge(live: unknown, config: unknown, t: TypeRef, depth = 0): unknown {
  if (config === undefined) return live;
  if (live === undefined || depth > MAX_DEPTH) return structuredClone(config);
  const shape = shapeOf(t, config);
  if (shape.kind === "leaf" || (shape.kind === "map" && shape.atomic) || (shape.kind === "list" && shape.type === "atomic")) return structuredClone(config);
  if (shape.kind === "list") {
    if (!Array.isArray(live) || !Array.isArray(config)) return structuredClone(config);
    const lm = itemsByElement(shape, live);
    const out = live.map((x) => structuredClone(x));
    for (const [k, ci] of itemsByElement(shape, config)) {
      const li = lm.get(k);
      if (li) out[li.index] = merge(li.item, ci.item, shape.item, depth + 1);
      else out.push(structuredClone(ci.item));
    }
    return out;
  }
  if (!isObj(live) || !isObj(config)) return structuredClone(config);
  const out: Obj = { ...structuredClone(live) };
  for (const [k, v] of Object.entries(config)) out[k] = merge(has(live, k) ? live[k] : undefined, v, shape.field(k), depth + 1);
  return out;
}

/** typed.RemoveItems: the object without the members of `set` (an applier's dropped fields). */
export function removeFields(obj: unknown, set: FieldSet, t: TypeRef, depth = 0): unknown {
  if (depth > MAX_DEPTH || set.empty()) return obj;
  const shape = shapeOf(t, obj);
  if (shape.kind === "list" && Array.isArray(obj) && shape.type !== "atomic") {
    const out: unknown[] = [];
    for (const item of obj) {
      const pe = itemElement(shape, item);
      const child = pe ? set.children.get(elementKey(pe)) : undefined;
      if (child?.set.member) continue;
      out.push(child ? removeFields(item, child.set, shape.item, depth + 1) : item);
    }
    return out;
  }
  if (shape.kind === "map" && isObj(obj) && !shape.atomic) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(obj)) {
      const child = set.children.get(`f:${k}`);
      if (child?.set.member) continue;
      out[k] = child ? removeFields(v, child.set, shape.field(k), depth + 1) : v;
    }
    return out;
  }
  return obj;
}

function elementKey(pe: PathElement): string {
  return FieldSet.fromPaths([[pe]]).children.keys().next().value as string;
}

/**
 * The fields of obj its schema does not declare, as typed conversion (ObjectToTyped) reports
 * them: keyed items by key, atomic list items by index. Maps, and objects that preserve unknown
 * fields, declare everything.
 */
export function undeclaredFields(obj: unknown, t: TypeRef): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, tr: TypeRef, path: Path, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const s = resolveSchema(tr);
    if (!s || s["x-kubernetes-preserve-unknown-fields"]) return;
    const shape = shapeOf(tr, v);
    if (shape.kind === "list" && Array.isArray(v)) {
      v.forEach((item, i) => walk(item, shape.item, [...path, shape.type === "atomic" ? { index: i } : (itemElement(shape, item) ?? { index: i })], depth + 1));
      return;
    }
    if (shape.kind !== "map" || !isObj(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const declared = !shape.struct || Boolean(s.properties && has(s.properties, k)) || typeof s.additionalProperties === "object" || s.additionalProperties === true;
      if (!declared) out.push([...path, { field: k }]);
      else walk(x, shape.field(k), [...path, { field: k }], depth + 1);
    }
  };
  walk(obj, t, [], 0);
  return out;
}
