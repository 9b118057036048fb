// GET /openapi/v2, /openapi/v3 and /openapi/v3/<group-version>, following kube-openapi's
// pkg/handler/handler.go (v2) and pkg/handler3/handler.go (v3): the v3 root lists each
// group-version with a serverRelativeURL carrying the document's hash; a request with the
// current hash is cacheable forever (Cache-Control: public, immutable; Expires one year on),
// a stale hash is redirected (301) to the current one; ETag/If-None-Match give 304s.
// Only JSON is produced. kubectl asks /openapi/v2 for protobuf only
// (application/com.github.proto-openapi.spec.v2@v1.0+protobuf): it gets 406, as from a server
// that cannot encode it, and kubectl then works from /openapi/v3, which it prefers anyway.
import type { OpenAPIDocuments } from "./documents";

export interface OpenAPIRequest {
  path: string;
  query: URLSearchParams;
  accept?: string;
  ifNoneMatch?: string;
}

export interface OpenAPIResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
export const OPENAPI_V3_PROTOBUF = "application/com.github.proto-openapi.spec.v3@v1.0+protobuf";

// Does the Accept header allow JSON? Absent, any type, application/any, or application/json.
export function acceptsJSON(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(",").some((part) => {
    const type = part.split(";")[0].trim().toLowerCase();
    return type === "application/json" || type === "*/*" || type === "application/*";
  });
}

/** Go's time.Format(time.RFC1123) for a UTC time: "Mon, 02 Jan 2006 15:04:05 UTC". */
export function rfc1123(t: Date): string {
  return t.toUTCString().replace(/GMT$/, "UTC");
}

const notFound = (): OpenAPIResponse => ({ status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "404 page not found\n" });
const notAcceptable = (): OpenAPIResponse => ({ status: 406, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "406 Not Acceptable\n" });

function serveDocument(req: OpenAPIRequest, text: string, hash: string, extra: Record<string, string>): OpenAPIResponse {
  const etag = JSON.stringify(hash);
  const headers: Record<string, string> = { "Content-Type": "application/json", ...extra, Etag: etag };
  if (req.ifNoneMatch && req.ifNoneMatch.split(",").some((t) => t.trim() === etag)) return { status: 304, headers, body: "" };
  return { status: 200, headers, body: text };
}

/** The /openapi/v3 root document. */
export function openAPIV3Root(docs: OpenAPIDocuments): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = Object.create(null);
  for (const gv of docs.v3Paths()) {
    const doc = docs.v3(gv);
    if (doc) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${doc.hash}` };
  }
  return { paths: { ...paths } };
}

/** Answers an /openapi/* request, or returns undefined when `path` is not one. */
export function handleOpenAPI(req: OpenAPIRequest, docs: OpenAPIDocuments, now: Date): OpenAPIResponse | undefined {
  const path = req.path.replace(/\/+$/, "");
  if (path === "/openapi/v2") {
    const doc = docs.v2();
    if (!doc) return notFound();
    if (!acceptsJSON(req.accept)) return notAcceptable();
    return serveDocument(req, doc.text, doc.hash, { Vary: "Accept" });
  }
  if (path === "/openapi/v3") {
    if (!acceptsJSON(req.accept)) return notAcceptable();
    return { status: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(openAPIV3Root(docs)) };
  }
  if (!path.startsWith("/openapi/v3/")) return undefined;
  const gv = path.slice("/openapi/v3/".length);
  const doc = docs.v3(gv);
  if (!doc) return notFound();
  if (!acceptsJSON(req.accept)) return notAcceptable();
  const hash = req.query.get("hash");
  if (hash === null || hash === "") return serveDocument(req, doc.text, doc.hash, {});
  if (hash !== doc.hash) {
    const location = `/openapi/v3/${gv}?hash=${doc.hash}`;
    return { status: 301, headers: { Location: location, "Content-Type": "text/html; charset=utf-8" }, body: `<a href="${location}">Moved Permanently</a>.\n\n` };
  }
  const expires = new Date(now.getTime());
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return serveDocument(req, doc.text, doc.hash, { Vary: "Accept", "Cache-Control": "public, immutable", Expires: rfc1123(expires) });
}
