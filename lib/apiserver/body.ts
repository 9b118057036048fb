// Decoding request bodies by Content-Type: JSON, YAML and Kubernetes protobuf (kubectl sends
// protobuf for `create <kind>` and `auth can-i`; there is no JSON fallback on its side).
import YAML from "yaml";
import type { KObject } from "../cluster/api/types.js";
import { badRequest, unsupportedMediaType } from "./errors.js";
import { decodeProtobufObject } from "./protobuf/index.js";

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function decodeObject(body: Buffer, contentType: string | undefined): KObject {
  const type = mediaTypeOf(contentType);
  if (type === "application/vnd.kubernetes.protobuf") return decodeProtobufObject(body);
  if (type === "application/json" || type === "" ) return parseJSON(body);
  if (type === "application/yaml") return parseYAML(body);
  throw unsupportedMediaType(type);
}

export function parseJSON(body: Buffer): KObject {
  const text = body.toString("utf8");
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("not an object");
    return v as KObject;
  } catch (e) {
    // Upstream's json-iterator / serializer message for malformed bodies.
    throw badRequest(`the object provided is unrecognized (${text.length ? "json" : "empty body"}): ${(e as Error).message}`);
  }
}

export function parseYAML(body: Buffer): KObject {
  try {
    const v = YAML.parse(body.toString("utf8"));
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("not an object");
    return v as KObject;
  } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}
