// Kubernetes protobuf request bodies (Content-Type application/vnd.kubernetes.protobuf) turned into
// the JSON object the same request would carry as JSON. kubectl v1.32 sends them for `create
// <generator>`, `expose`, `create token`, `auth can-i`, `auth whoami`; see docs/kubectl-wire.md.
import { StatusError, type KObject } from "../../cluster/api/types.js";
import { decodeEnvelope, hasProtobufMagic, KindDecodeError, parseAPIVersion, type GVK } from "./envelope.js";
import { WireError } from "./wire.js";

export const PROTOBUF_CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

/** True when the body starts with the protobuf envelope's magic "k8s\0". */
export function isProtobufBody(body: Buffer | Uint8Array): boolean {
  return hasProtobufMagic(body);
}

/** The kind the endpoint decodes into (the request scope's kind), e.g. {apiVersion: "apps/v1", kind: "Deployment"}. */
export interface DecodeTarget {
  apiVersion: string;
  kind: string;
}

/** summarizeData from apiserver/pkg/endpoints/handlers/rest.go: the body's start, as text or hex. */
function summarizeData(data: Uint8Array, maxLength: number): string {
  if (data.length === 0) return "<empty>";
  const cut = data.length > maxLength;
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, maxLength));
  const text = data[0] === 0x7b ? head.toString("latin1") : head.toString("hex");
  return cut ? `${text} ...` : text;
}

/**
 * Decodes a protobuf body to its JSON object (kind and apiVersion first). Throws a 400 BadRequest
 * StatusError on anything undecodable. Given the endpoint's `into` kind, the envelope's missing
 * kind/version default to it and the message is worded as kube-apiserver's transformDecodeError;
 * without it the message is the bare decode error.
 */
export function decodeProtobufObject(body: Buffer | Uint8Array, into?: DecodeTarget): KObject {
  const defaults: GVK | undefined = into && { ...parseAPIVersion(into.apiVersion), kind: into.kind };
  try {
    return decodeEnvelope(body, defaults);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    if (!into) throw new StatusError(400, "BadRequest", err.message);
    if (err instanceof KindDecodeError && err.gvk.kind) {
      throw new StatusError(400, "BadRequest", `${err.gvk.kind} in version ${JSON.stringify(err.gvk.version)} cannot be handled as a ${into.kind}: ${err.message}`);
    }
    throw new StatusError(400, "BadRequest", `the object provided is unrecognized (must be of type ${into.kind}): ${err.message} (${summarizeData(body, 30)})`);
  }
}
