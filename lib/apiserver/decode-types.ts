// Decoding a JSON body into the kind's Go types: a value of the wrong JSON kind (`replicas: "3"`)
// fails there with encoding/json's UnmarshalTypeError, which the handlers wrap as
// `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string
// into Go struct field DeploymentSpec.spec.replicas of type int32` (400). resource.Quantity's own
// UnmarshalJSON reports an unparsable quantity the same way. The Go types are read off the
// served OpenAPI schema; the first error in document order wins, as the decoder keeps the first.
import type { KObject, ResourceInfo } from "../cluster/api/types.js";
import { parseQuantity } from "../cluster/meta/quantity.js";
import type { OpenAPISchema, TypeRef } from "../cluster/meta/managedfields/typed.js";
import { badRequest } from "./errors.js";
import { goFloat } from "../cluster/meta/go-format.js";
import { invalid } from "../cluster/meta/field-errors.js";
import { newInvalid } from "../cluster/meta/errors.js";

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const MAX_DEPTH = 64;

/** The schema behind references, and the name of the last component reached (the Go type). */
function resolve(s: OpenAPISchema | undefined, components: Record<string, OpenAPISchema>): { s?: OpenAPISchema; name?: string } {
  let name: string | undefined;
  let cur = s;
  for (let i = 0; cur && i < 16; i++) {
    if (cur.$ref) {
      name = cur.$ref.replace("#/components/schemas/", "");
      cur = components[name];
    } else if (cur.allOf?.length === 1 && !cur.properties) cur = cur.allOf[0];
    else break;
  }
  return { s: cur, name };
}

/** A Go type as encoding/json names it: `v1.PodSpec`, `[]v1.Container`, `int32`, `map[string]string`. */
function goType(s: OpenAPISchema | undefined, components: Record<string, OpenAPISchema>): string {
  const { s: r, name } = resolve(s, components);
  if (name) return name.split(".").slice(-2).join(".");
  if (!r) return "interface {}";
  if (r.type === "array") return `[]${goType(r.items, components)}`;
  if (r.type === "object" && typeof r.additionalProperties === "object") return `map[string]${goType(r.additionalProperties, components)}`;
  if (r.type === "integer") return (r as { format?: string }).format === "int32" ? "int32" : "int64";
  if (r.type === "number") return "float64";
  if (r.type === "boolean") return "bool";
  if (r.type === "string") return (r as { format?: string }).format === "byte" ? "[]uint8" : "string";
  return "interface {}";
}

const jsonKind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v === "object" ? "object" : typeof v === "boolean" ? "bool" : typeof v === "number" ? "number" : "string");

/** The first UnmarshalTypeError (or Quantity error) of obj against its kind's schema, if any. */
export function firstDecodeTypeError(obj: unknown, t: TypeRef): string | undefined {
  const walk = (v: unknown, schema: OpenAPISchema | undefined, struct: string, fields: string[], depth: number): string | undefined => {
    if (v === null || v === undefined || depth > MAX_DEPTH) return undefined;
    const { s, name } = resolve(schema, t.components);
    if (!s || s["x-kubernetes-preserve-unknown-fields"]) return undefined;
    if (name === QUANTITY) {
      if (typeof v !== "string" && typeof v !== "number") return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${fields.join(".")} of type resource.Quantity`;
      try {
        parseQuantity(typeof v === "number" ? String(v) : v.trim());
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    }
    if (name === INT_OR_STRING) return undefined;
    const want = goType(schema, t.components);
    const mismatch = () => `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${fields.join(".")} of type ${want}`;
    if (s.type === "integer") {
      if (typeof v !== "number") return mismatch();
      const limit = want === "int32" ? 2 ** 31 : 2 ** 63;
      if (!Number.isInteger(v) || v >= limit || v < -limit) return `json: cannot unmarshal number ${v} into Go struct field ${struct}.${fields.join(".")} of type ${want}`;
      return undefined;
    }
    if (s.type === "number") return typeof v === "number" ? undefined : mismatch();
    if (s.type === "boolean") return typeof v === "boolean" ? undefined : mismatch();
    if (s.type === "string") return typeof v === "string" ? undefined : mismatch();
    if (s.type === "array") {
      if (!Array.isArray(v)) return mismatch();
      for (const x of v) {
        const e = walk(x, s.items, struct, fields, depth + 1);
        if (e) return e;
      }
      return undefined;
    }
    if (s.type === "object" || s.properties) {
      if (typeof v !== "object" || Array.isArray(v)) return fields.length ? mismatch() : undefined;
      const inner = name ? name.split(".").pop()! : struct;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, k)) {
          const e = walk(x, s.properties[k], inner, [...fields, k], depth + 1);
          if (e) return e;
        } else if (typeof s.additionalProperties === "object") {
          // Map values keep the enclosing struct field's path (the decoder adds no key).
          const e = walk(x, s.additionalProperties, struct, fields, depth + 1);
          if (e) return e;
        }
      }
    }
    return undefined;
  };
  return walk(obj, t.schema, "", [], 0);
}

/** The 400 the create and update handlers answer for such a body. */
export function checkDecodeTypes(info: ResourceInfo, obj: KObject, t: TypeRef): void {
  if (!t.schema) return;
  const err = firstDecodeTypeError(obj, t);
  if (err) throw badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${err}`);
}

/** The reflect.Kind name of an unstructured value (JSON numbers are int64 or float64). */
const goKind = (v: unknown) => (Array.isArray(v) ? "slice" : typeof v === "object" ? "map" : typeof v === "boolean" ? "bool" : typeof v === "number" ? (Number.isInteger(v) ? "int64" : "float64") : "string");

/**
 * The first error of runtime.DefaultUnstructuredConverter.FromUnstructured (converter.go) turning
 * a patched object map into the kind's Go types: "unrecognized type: int32", "cannot convert
 * float64 to int32", "cannot restore struct from: string".
 */
export function firstConversionError(obj: unknown, t: TypeRef): string | undefined {
  const walk = (v: unknown, schema: OpenAPISchema | undefined, depth: number): string | undefined => {
    if (v === null || v === undefined || depth > MAX_DEPTH) return undefined;
    const { s, name } = resolve(schema, t.components);
    if (!s || s["x-kubernetes-preserve-unknown-fields"] || name === INT_OR_STRING) return undefined;
    if (name === QUANTITY) {
      if (typeof v !== "string" && typeof v !== "number") return `json: cannot unmarshal ${jsonKind(v)} into Go value of type resource.Quantity`;
      try {
        parseQuantity(typeof v === "number" ? String(v) : v.trim());
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    }
    const want = goType(schema, t.components);
    const kind = goKind(v);
    if (s.type === "integer" || s.type === "number") {
      if (kind === "int64" || (kind === "float64" && (s.type === "number" || Number.isInteger(v)))) return undefined;
      return kind === "float64" ? `cannot convert float64 to ${want}` : `unrecognized type: ${want}`;
    }
    if (s.type === "boolean") return kind === "bool" ? undefined : `unrecognized type: bool`;
    if (s.type === "string") {
      if (kind === "string") return undefined;
      return kind === "int64" || kind === "float64" ? `cannot convert ${kind} to string` : `unrecognized type: string`;
    }
    if (s.type === "array") {
      if (kind !== "slice") return want === "[]uint8" && kind === "string" ? undefined : `cannot restore slice from ${kind}`;
      for (const x of v as unknown[]) {
        const e = walk(x, s.items, depth + 1);
        if (e) return e;
      }
      return undefined;
    }
    if (s.type === "object" || s.properties) {
      const isStruct = Boolean(s.properties);
      if (kind !== "map") return isStruct ? `cannot restore struct from: ${kind}` : `cannot restore map from ${kind}`;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const fs = s.properties && Object.prototype.hasOwnProperty.call(s.properties, k) ? s.properties[k] : typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
        const e = fs ? walk(x, fs, depth + 1) : undefined;
        if (e) return e;
      }
    }
    return undefined;
  };
  return walk(obj, t.schema, 0);
}

/** fmt's %+v of an unstructured value: map[a:1 b:map[c:x]], [x y], <nil>. */
export function goPlusV(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goPlusV).join(" ")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goPlusV((v as Record<string, unknown>)[k])}`).join(" ")}]`;
  }
  return String(v);
}

/**
 * patch.go: a patched object that does not convert back to the kind's types is a 422 about the
 * patch: for strategic merge, the patch map with the converter's error; for JSON and merge
 * patches (decoded from the patched JSON), the patched document with the decoder's error.
 */
export function checkPatchedTypes(contentType: string, patch: unknown, patched: KObject, t: TypeRef): void {
  if (!t.schema) return;
  if (contentType === "application/strategic-merge-patch+json") {
    const err = firstConversionError(patched, t);
    if (err) throw newInvalid({ group: "", kind: "" }, "", [invalid("patch", goPlusV(patch), err)]);
    return;
  }
  const err = firstDecodeTypeError(patched, t);
  if (err) throw newInvalid({ group: "", kind: "" }, "", [invalid("patch", JSON.stringify(patched), err)]);
}
