// Decoding one message into field values keyed by field number, following the semantics of the
// gogo-protobuf Unmarshal methods in k8s.io/api's generated.pb.go: scalars last-wins, repeated
// fields append (packed or not), map entries insert (last key wins), and an embedded message that
// appears twice is merged, except for the types with hand-written Unmarshal (metav1.Time,
// MicroTime, resource.Quantity), which replace.
import { messageSpec } from "./registry.js";
import { FieldFlag, SCALAR_TYPES, type FieldSpec, type MessageSpec } from "./schema.js";
import { Reader, WireError, WireType, toInt32, toInt64, toUint64, type Varint } from "./wire.js";

/** Nesting limit for messages (recursive JSONSchemaProps, hostile input): keeps the stack bounded. */
export const MAX_MESSAGE_DEPTH = 100;

export type Scalar = string | number | boolean | Uint8Array;
export type FieldValue = Scalar | Decoded | FieldValue[] | Map<string, FieldValue | undefined>;

/** A decoded message: field number -> value; `empty` records a zero-length encoding (metav1.Time needs it). */
export interface Decoded {
  spec: MessageSpec;
  fields: Map<number, FieldValue>;
  empty: boolean;
}

const REPLACING_MESSAGES = new Set(["meta.v1.Time", "meta.v1.MicroTime", "resource.Quantity"]);

// Go keeps invalid UTF-8 in strings and encoding/json writes it as U+FFFD; the decoder does the same.
const utf8 = new TextDecoder();

const VARINT_TYPES = new Set(["bool", "int32", "int64", "uint32", "uint64", "sint32", "sint64"]);
const FIXED64_TYPES = new Set(["double", "fixed64", "sfixed64"]);
const FIXED32_TYPES = new Set(["float", "fixed32", "sfixed32"]);

function expectedWireType(type: string): number {
  if (VARINT_TYPES.has(type)) return WireType.Varint;
  if (FIXED64_TYPES.has(type)) return WireType.Fixed64;
  if (FIXED32_TYPES.has(type)) return WireType.Fixed32;
  return WireType.Bytes; // string, bytes, messages, map entries
}

/** The Go field name gogo's "wrong wireType" error names (ours: the JSON name, capitalised). */
function goFieldName(field: FieldSpec): string {
  const name = field.json.replace(/^\$/, "");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function fromVarint(type: string, v: Varint): number | boolean {
  switch (type) {
    case "bool":
      return v.lo !== 0 || v.hi !== 0;
    case "int32":
      return toInt32(v);
    case "uint32":
      return v.lo;
    case "uint64":
      return toUint64(v);
    case "sint32":
      return (v.lo >>> 1) ^ -(v.lo & 1);
    case "sint64": {
      const n = toUint64(v);
      return v.lo & 1 ? -Math.floor(n / 2) - 1 : Math.floor(n / 2);
    }
    default:
      return toInt64(v);
  }
}

function readScalar(r: Reader, type: string): Scalar {
  switch (type) {
    case "string":
      return utf8.decode(r.bytes());
    case "bytes":
      return r.bytes().slice();
    case "double":
      return r.double();
    case "float":
      return r.float();
    case "fixed32":
      return r.fixed32();
    case "sfixed32":
      return r.fixed32() | 0;
    case "fixed64":
      return toUint64(r.fixed64());
    case "sfixed64":
      return toInt64(r.fixed64());
    default:
      return fromVarint(type, r.varint());
  }
}

function readValue(r: Reader, type: string, depth: number, into?: FieldValue): FieldValue {
  if (SCALAR_TYPES.has(type)) return readScalar(r, type);
  const [start, end] = r.lengthDelimited();
  const spec = messageSpec(type);
  const previous = into !== undefined && !REPLACING_MESSAGES.has(type) ? (into as Decoded) : undefined;
  return decodeMessage(spec, r.buf, start, end, depth + 1, previous);
}

/** A map entry: {key = 1, value = 2}; absent parts are Go's zero values (undefined here). */
function readMapEntry(r: Reader, field: FieldSpec, depth: number): [string, FieldValue | undefined] {
  const [start, end] = r.lengthDelimited();
  const entry = new Reader(r.buf, start, end);
  let key = "";
  let value: FieldValue | undefined;
  while (!entry.done()) {
    const tag = entry.varint();
    const wireType = tag.lo & 7;
    const fieldNum = Math.floor(toUint64(tag) / 8);
    if (fieldNum === 1 && wireType === WireType.Bytes) key = utf8.decode(entry.bytes());
    else if (fieldNum === 2 && wireType === expectedWireType(field.type)) value = readValue(entry, field.type, depth);
    else if (fieldNum === 1 || fieldNum === 2) throw new WireError(`proto: wrong wireType = ${wireType} for field ${goFieldName(field)}`);
    else entry.skip(wireType);
  }
  return [key, value];
}

/** Decodes buf[start, end) as `spec`, merging into `into` when given. */
export function decodeMessage(spec: MessageSpec, buf: Uint8Array, start: number, end: number, depth = 0, into?: Decoded): Decoded {
  if (depth > MAX_MESSAGE_DEPTH) throw new WireError(`proto: ${spec.shortName}: message nesting exceeds ${MAX_MESSAGE_DEPTH}`);
  const out: Decoded = into ?? { spec, fields: new Map(), empty: true };
  if (end > start) out.empty = false;
  const r = new Reader(buf, start, end);
  while (!r.done()) {
    const tag = r.varint();
    const wireType = tag.lo & 7;
    const fieldNum = Math.floor(toUint64(tag) / 8);
    if (wireType === WireType.EndGroup) throw new WireError(`proto: ${spec.shortName}: wiretype end group for non-group`);
    if (fieldNum <= 0 || tag.hi >= 0x80000000) throw new WireError(`proto: ${spec.shortName}: illegal tag ${fieldNum} (wire type ${wireType})`);
    const field = spec.byNumber.get(fieldNum);
    if (!field) {
      r.skip(wireType);
      continue;
    }
    const expected = expectedWireType(field.type);
    if (field.flags & FieldFlag.Map) {
      if (wireType !== WireType.Bytes) throw new WireError(`proto: wrong wireType = ${wireType} for field ${goFieldName(field)}`);
      const map = (out.fields.get(fieldNum) as Map<string, FieldValue | undefined> | undefined) ?? new Map();
      const [key, value] = readMapEntry(r, field, depth);
      map.set(key, value);
      out.fields.set(fieldNum, map);
    } else if (field.flags & FieldFlag.Repeated) {
      const list = (out.fields.get(fieldNum) as FieldValue[] | undefined) ?? [];
      if (wireType === expected) list.push(readValue(r, field.type, depth));
      else if (wireType === WireType.Bytes && expected !== WireType.Bytes) {
        // packed repeated scalars
        const [s, e] = r.lengthDelimited();
        const packed = new Reader(r.buf, s, e);
        while (!packed.done()) list.push(readScalar(packed, field.type));
      } else throw new WireError(`proto: wrong wireType = ${wireType} for field ${goFieldName(field)}`);
      out.fields.set(fieldNum, list);
    } else {
      if (wireType !== expected) throw new WireError(`proto: wrong wireType = ${wireType} for field ${goFieldName(field)}`);
      out.fields.set(fieldNum, readValue(r, field.type, depth, out.fields.get(fieldNum)));
    }
  }
  return out;
}
