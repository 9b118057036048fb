// The envelope of a Kubernetes protobuf body, as k8s.io/apimachinery/pkg/runtime/serializer/
// protobuf/protobuf.go writes and reads it: the magic "k8s\0", then a runtime.Unknown whose
// typeMeta names the kind and whose raw is the object's message.
import type { KObject } from "../../cluster/api/types.js";
import { messageJSON } from "./gojson.js";
import { decodeMessage } from "./message.js";
import { kindMessage, messageSpec } from "./registry.js";
import { WireError } from "./wire.js";

export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00); // "k8s\0"

export function hasProtobufMagic(body: Uint8Array): boolean {
  return body.length >= 4 && body[0] === 0x6b && body[1] === 0x38 && body[2] === 0x73 && body[3] === 0x00;
}

/** A group/version/kind, as schema.GroupVersionKind. */
export interface GVK {
  group: string;
  version: string;
  kind: string;
}

export function parseAPIVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function apiVersionOf(gvk: GVK): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** Raised once the envelope named a kind, so callers can word the error as transformDecodeError does. */
export class KindDecodeError extends WireError {
  constructor(
    message: string,
    readonly gvk: GVK,
  ) {
    super(message);
  }
}

/** Go's %#v of runtime.TypeMeta, which the missing-kind/version errors print. */
function typeMetaGoString(apiVersion: string, kind: string): string {
  return `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
}

/**
 * Decodes magic + runtime.Unknown + object (Serializer.Decode); `defaults` fills a missing kind or
 * version as copyKindDefaults does with the GVK the request path implies.
 */
export function decodeEnvelope(body: Uint8Array, defaults?: GVK): KObject {
  if (body.length === 0) throw new WireError("empty data");
  if (!hasProtobufMagic(body)) throw new WireError(`provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]`);
  if (body.length === 4) throw new WireError("empty body");
  const unknown = decodeMessage(messageSpec("runtime.Unknown"), body, 4, body.length);
  const typeMeta = unknown.fields.get(1) as { fields: Map<number, unknown> } | undefined;
  const apiVersion = (typeMeta?.fields.get(1) as string | undefined) ?? "";
  const kind = (typeMeta?.fields.get(2) as string | undefined) ?? "";
  const actual: GVK = { ...parseAPIVersion(apiVersion), kind };
  if (defaults) {
    if (!actual.kind) actual.kind = defaults.kind;
    if (!actual.version && defaults.version) {
      actual.group = defaults.group;
      actual.version = defaults.version;
    }
  }
  if (!actual.kind) throw new KindDecodeError(`Object 'Kind' is missing in '${typeMetaGoString(apiVersion, kind)}'`, actual);
  if (!actual.version) throw new KindDecodeError(`Object 'apiVersion' is missing in '${typeMetaGoString(apiVersion, kind)}'`, actual);
  const gv = apiVersionOf(actual);
  const spec = kindMessage(gv, actual.kind);
  if (!spec) throw new KindDecodeError(`no kind ${JSON.stringify(actual.kind)} is registered for version ${JSON.stringify(gv)} in scheme "pkg/api/legacyscheme/scheme.go:30"`, actual);
  const raw = (unknown.fields.get(2) as Uint8Array | undefined) ?? new Uint8Array();
  try {
    const object = messageJSON(decodeMessage(spec, raw, 0, raw.length)) as KObject;
    // TypeMeta comes first in Go's JSON (it is the first, inlined, field of every kind)
    return { kind: actual.kind, apiVersion: gv, ...object };
  } catch (err) {
    if (err instanceof WireError && !(err instanceof KindDecodeError)) throw new KindDecodeError(err.message, actual);
    throw err;
  }
}
