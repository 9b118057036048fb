// Hand-building protobuf bodies for tests with protobufjs's Writer. A message is a list of
// [field number, value] pairs in wire order; field numbers come from k8s.io/api's generated.proto.
import protobuf from "protobufjs";

export type PbValue =
  | string // length-delimited UTF-8
  | number // varint
  | boolean // varint
  | Uint8Array // length-delimited bytes
  | { double: number }
  | { packed: number[] }
  | PbField[]; // an embedded message
export type PbField = [number, PbValue];

function writeFields(w: protobuf.Writer, fields: PbField[]): void {
  for (const [no, v] of fields) {
    if (typeof v === "string") w.uint32((no << 3) | 2).string(v);
    else if (typeof v === "number") w.uint32(no << 3).int64(v);
    else if (typeof v === "boolean") w.uint32(no << 3).bool(v);
    else if (v instanceof Uint8Array) w.uint32((no << 3) | 2).bytes(v);
    else if (Array.isArray(v)) {
      w.uint32((no << 3) | 2).fork();
      writeFields(w, v);
      w.ldelim();
    } else if ("double" in v) w.uint32((no << 3) | 1).double(v.double);
    else {
      w.uint32((no << 3) | 2).fork();
      for (const n of v.packed) w.int64(n);
      w.ldelim();
    }
  }
}

export function pbMessage(fields: PbField[]): Uint8Array {
  const w = protobuf.Writer.create();
  writeFields(w, fields);
  return w.finish();
}

/** A map<string, V> field: one {key = 1, value = 2} entry per key, in the given order. */
export function pbMap(no: number, entries: Record<string, PbValue>): PbField[] {
  return Object.entries(entries).map(([key, value]) => [no, [[1, key], [2, value]]] as PbField);
}

/** The body kubectl sends: "k8s\0" + runtime.Unknown{typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2}. */
export function pbBody(apiVersion: string, kind: string, object: PbField[]): Buffer {
  const unknown = pbMessage([
    [1, [[1, apiVersion], [2, kind]]],
    [2, pbMessage(object)],
  ]);
  return Buffer.concat([Buffer.from("k8s\0", "latin1"), unknown]);
}
