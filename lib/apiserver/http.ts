// HTTP plumbing shared by the handlers: bodies with the 3 MiB limit, JSON and Status answers,
// and the Accept negotiation kubectl relies on (Tables, aggregated discovery).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { StatusError, type KObject } from "../cluster/api/types.js";
import { tooLarge } from "./errors.js";

export type Req = IncomingMessage | Http2ServerRequest;
export type Res = ServerResponse | Http2ServerResponse;

/** kube-apiserver's MaxRequestBodyBytes (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: Req): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function sendJSON(res: Res, code: number, body: unknown, contentType = "application/json"): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(code, {
    "content-type": contentType,
    "content-length": String(data.length),
    "cache-control": "no-cache, private",
    "x-content-type-options": "nosniff",
  });
  res.end(data);
}

export function sendStatus(res: Res, err: StatusError): void {
  sendJSON(res, err.code, err.toStatus());
}

export function sendText(res: Res, code: number, text: string): void {
  const data = Buffer.from(text);
  res.writeHead(code, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(data.length),
    "cache-control": "no-cache, private",
    "x-content-type-options": "nosniff",
  });
  res.end(data);
}

export interface MediaType {
  type: string;
  params: Map<string, string>;
}

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [{ type: "*/*", params: new Map() }];
  return header.split(",").map((part) => {
    const [type, ...params] = part.split(";").map((s) => s.trim());
    const m = new Map<string, string>();
    for (const p of params) {
      const i = p.indexOf("=");
      if (i > 0) m.set(p.slice(0, i).trim(), p.slice(i + 1).trim());
    }
    return { type: type.toLowerCase(), params: m };
  });
}

/** The first acceptable form among what the server can produce, in the client's order. */
export function wantsTable(accept: MediaType[]): boolean {
  for (const m of accept) {
    if (m.params.get("as") === "Table" && m.params.get("g") === "meta.k8s.io" && (m.params.get("v") === "v1" || m.params.get("v") === "v1beta1")) return true;
    if (m.type === "application/json" && !m.params.has("as")) return false;
    if (m.type === "*/*") return false;
  }
  return false;
}

export function wantsPartialMetadata(accept: MediaType[]): "PartialObjectMetadata" | "PartialObjectMetadataList" | null {
  for (const m of accept) {
    const as = m.params.get("as");
    if (as === "PartialObjectMetadata" || as === "PartialObjectMetadataList") return as;
    if (m.type === "application/json" && !as) return null;
  }
  return null;
}

export function wantsAggregatedDiscovery(accept: MediaType[]): boolean {
  for (const m of accept) {
    if (m.params.get("as") === "APIGroupDiscoveryList" && m.params.get("g") === "apidiscovery.k8s.io" && m.params.get("v") === "v2") return true;
    if (m.type === "application/json" && !m.params.has("as")) return false;
  }
  return false;
}

export function metaOnly(obj: KObject): KObject {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
}
