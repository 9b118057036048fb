// Embedded raw documents: runtime.RawExtension, metav1.FieldsV1 and apiextensions JSON carry
// bytes that their MarshalJSON writes verbatim, so they must hold JSON. A RawExtension may also
// hold a protobuf-encoded object (k8s\0 envelope), which we decode to its JSON form.
import type { Json } from "./gojson.js";
import { decodeEnvelope, hasProtobufMagic } from "./envelope.js";
import { WireError } from "./wire.js";

/** Nesting limit for protobuf objects inside RawExtensions inside protobuf objects. */
export const MAX_RAW_NESTING = 8;
let nesting = 0;

export function parseEmbeddedRaw(raw: Uint8Array | undefined): Json {
  if (raw === undefined || raw.length === 0) return null; // Raw == nil marshals as null
  if (hasProtobufMagic(raw)) {
    if (nesting >= MAX_RAW_NESTING) throw new WireError(`embedded objects nest deeper than ${MAX_RAW_NESTING}`);
    nesting++;
    try {
      return decodeEnvelope(raw) as Json;
    } finally {
      nesting--;
    }
  }
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new WireError("json: error calling MarshalJSON for type *runtime.RawExtension: invalid character in embedded raw JSON");
  }
}
