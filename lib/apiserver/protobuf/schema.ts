// The shape of the generated field tables (tables/*.ts), one per protobuf package. They are written
// from k8s.io/api's generated.proto (field numbers, wire types) joined with the Go types (JSON
// names, omitempty, pointers, inline embedding), because the JSON a request carries is what Go's
// encoding/json makes of the struct the protobuf decodes into.

/** [field number, JSON name, type, flags]. Type: a proto scalar, a message of the same package, or "<pkg>.<Message>". */
export type FieldRow = readonly [number, string, string, number];

export interface PackageTable {
  /** Short package name, e.g. "apps.v1", "meta.v1", "intstr". */
  package: string;
  /** For API packages: the group/version kinds are served under, e.g. "apps/v1", "v1". */
  groupVersion?: string;
  /** Messages that are kinds (their Go struct embeds TypeMeta). */
  kinds?: readonly string[];
  messages: Record<string, readonly FieldRow[]>;
}

export const FieldFlag = {
  Repeated: 1,
  /** Go's zero value is nil (pointer, slice, map, []byte): absent means null / omitted. */
  Nilable: 2,
  OmitEmpty: 4,
  /** `json:",inline"`: the message's fields are promoted into the parent's JSON object. */
  Inline: 8,
  /** map<string, T>; each entry is a {key = 1, value = 2} message on the wire. */
  Map: 16,
  /** `json:"-"`: on the wire, never in JSON. */
  NoJSON: 32,
} as const;

export const SCALAR_TYPES = new Set([
  "string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
  "fixed32", "fixed64", "sfixed32", "sfixed64", "double", "float",
]);

export interface FieldSpec {
  no: number;
  json: string;
  /** A scalar name or a fully qualified short message name ("core.v1.PodSpec"). */
  type: string;
  flags: number;
}

export interface MessageSpec {
  /** Fully qualified short name, e.g. "apps.v1.Deployment". */
  name: string;
  /** The bare message name, as gogo-protobuf's errors print it. */
  shortName: string;
  /** In Go struct order (= JSON key order). */
  fields: FieldSpec[];
  byNumber: Map<number, FieldSpec>;
}
