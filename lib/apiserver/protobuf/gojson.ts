// What Go's encoding/json writes for the struct a protobuf message decodes into: fields in struct
// order, `omitempty` dropping false/0/""/nil/empty slices and maps (never structs), nil pointers,
// slices and maps without omitempty written as null, map keys sorted, []byte as base64, inline
// (embedded) structs promoted, and the hand-written MarshalJSON of the apimachinery and
// apiextensions types (see wellknown.ts and apiextensions' marshal.go).
import { messageSpec } from "./registry.js";
import { FieldFlag, SCALAR_TYPES, type FieldSpec, type MessageSpec } from "./schema.js";
import type { Decoded, FieldValue, Scalar } from "./message.js";
import { formatDuration, formatTime, intOrString, quantity } from "./wellknown.js";
import { WireError } from "./wire.js";
import { parseEmbeddedRaw } from "./raw.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function emptyMessage(spec: MessageSpec): Decoded {
  return { spec, fields: new Map(), empty: true };
}

function scalarZero(type: string): Scalar {
  if (type === "string") return "";
  if (type === "bool") return false;
  return 0;
}

function scalarJSON(v: Scalar): Json {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  if (typeof v === "number" && !Number.isFinite(v)) throw new WireError(`json: unsupported value: ${v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : "NaN"}`);
  return v;
}

/** The JSON of a value of `type` (absent = Go's zero value of a non-pointer). */
function valueJSON(type: string, v: FieldValue | undefined): Json {
  if (SCALAR_TYPES.has(type)) return scalarJSON(v === undefined ? (type === "bytes" ? new Uint8Array() : scalarZero(type)) : (v as Scalar));
  return messageJSON(v === undefined ? emptyMessage(messageSpec(type)) : (v as Decoded));
}

function get<T extends FieldValue>(d: Decoded, no: number): T | undefined {
  return d.fields.get(no) as T | undefined;
}

/** Types whose Go MarshalJSON does not write a plain object. */
const CUSTOM: Record<string, (d: Decoded) => Json> = {
  "meta.v1.Time": (d) => (d.empty ? null : formatTime(get<number>(d, 1) ?? 0)),
  "meta.v1.MicroTime": (d) => (d.empty ? null : formatTime(get<number>(d, 1) ?? 0, Math.floor((get<number>(d, 2) ?? 0) / 1000))),
  "meta.v1.Duration": (d) => formatDuration(get<number>(d, 1) ?? 0),
  "resource.Quantity": (d) => quantity(get<string>(d, 1)),
  "intstr.IntOrString": (d) => intOrString(get<number>(d, 1) ?? 0, get<number>(d, 2) ?? 0, get<string>(d, 3) ?? ""),
  "runtime.RawExtension": (d) => parseEmbeddedRaw(get<Uint8Array>(d, 1)),
  "meta.v1.FieldsV1": (d) => parseEmbeddedRaw(get<Uint8Array>(d, 1)),
  "apiextensions.v1.JSON": (d) => parseEmbeddedRaw(get<Uint8Array>(d, 1)),
  // Go slices behind a wrapper message (ExtraValue []string, Verbs []string)
  "authentication.v1.ExtraValue": (d) => get<string[]>(d, 1) ?? null,
  "authorization.v1.ExtraValue": (d) => get<string[]>(d, 1) ?? null,
  "certificates.v1.ExtraValue": (d) => get<string[]>(d, 1) ?? null,
  "meta.v1.Verbs": (d) => get<string[]>(d, 1) ?? null,
  "apiextensions.v1.JSONSchemaPropsOrBool": (d) => {
    const schema = get<Decoded>(d, 2);
    if (schema) return messageJSON(schema);
    return get<boolean>(d, 1) === true;
  },
  "apiextensions.v1.JSONSchemaPropsOrArray": (d) => {
    const schemas = get<Decoded[]>(d, 2);
    if (schemas && schemas.length > 0) return schemas.map(messageJSON);
    const schema = get<Decoded>(d, 1);
    return schema ? messageJSON(schema) : null;
  },
  "apiextensions.v1.JSONSchemaPropsOrStringArray": (d) => {
    const property = get<string[]>(d, 2);
    if (property && property.length > 0) return property;
    const schema = get<Decoded>(d, 1);
    return schema ? messageJSON(schema) : null;
  },
};

/** Go's "empty value" test for omitempty. Structs (messages, non-nil pointers aside) are never empty. */
function isEmpty(field: FieldSpec, v: FieldValue | undefined): boolean {
  if (v === undefined) return field.flags & FieldFlag.Nilable ? true : SCALAR_TYPES.has(field.type);
  if (field.flags & FieldFlag.Repeated) return (v as FieldValue[]).length === 0;
  if (field.flags & FieldFlag.Map) return (v as Map<string, unknown>).size === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (!SCALAR_TYPES.has(field.type)) return false;
  if (field.flags & FieldFlag.Nilable) return false; // a set pointer, even to a zero value
  return v === "" || v === 0 || v === false;
}

function fieldJSON(field: FieldSpec, v: FieldValue | undefined): Json {
  if (v === undefined && field.flags & FieldFlag.Nilable) return null;
  if (field.flags & FieldFlag.Repeated) return (v as FieldValue[]).map((e) => valueJSON(field.type, e));
  if (field.flags & FieldFlag.Map) {
    // Go writes map keys sorted; user-keyed maps get a null prototype
    const out = Object.create(null) as { [key: string]: Json };
    const map = v as Map<string, FieldValue | undefined>;
    for (const key of [...map.keys()].sort(compareGoStrings)) out[key] = valueJSON(field.type, map.get(key));
    return out;
  }
  return valueJSON(field.type, v);
}

/** Go sorts map keys by their UTF-8 bytes. */
function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function structFields(d: Decoded, out: { [key: string]: Json }): void {
  for (const field of d.spec.fields) {
    if (field.flags & FieldFlag.NoJSON) continue;
    const v = d.fields.get(field.no);
    if (field.flags & FieldFlag.Inline) {
      if (v === undefined && field.flags & FieldFlag.Nilable) continue; // nil embedded pointer: nothing promoted
      const inner = v === undefined ? emptyMessage(messageSpec(field.type)) : (v as Decoded);
      if (CUSTOM[inner.spec.name]) continue; // not reached for API types: inlined types are plain structs
      structFields(inner, out);
      continue;
    }
    if (field.flags & FieldFlag.OmitEmpty && isEmpty(field, v)) continue;
    out[field.json] = fieldJSON(field, v);
  }
}

/** The JSON of a decoded message. */
export function messageJSON(d: Decoded): Json {
  const custom = CUSTOM[d.spec.name];
  if (custom) return custom(d);
  const out: { [key: string]: Json } = {};
  structFields(d, out);
  return out;
}

export type { Json };
