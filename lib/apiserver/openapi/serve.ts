// The Node http entry point for /openapi/* (kube-apiserver's /openapi/v2 and /openapi/v3
// handlers): answers from the documents scripts/openapi/build.mjs wrote to dist/openapi,
// loaded on the first request and kept for the life of the process.
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadOpenAPIDocuments, type OpenAPIDocuments } from "./documents";
import { handleOpenAPI } from "./handler";

let loaded: OpenAPIDocuments | undefined;

/** dist/openapi of the checkout this module runs from (source or the dist/drydock.mjs bundle). */
export function defaultOpenAPIDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dir, "dist", "openapi");
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : v);

/** Answers one /openapi/* request; `docs` defaults to dist/openapi, loaded once, lazily. */
export function serveOpenAPI(req: IncomingMessage, res: ServerResponse, url: URL, docs?: OpenAPIDocuments): void {
  const source = docs ?? (loaded ??= loadOpenAPIDocuments(defaultOpenAPIDir()));
  const out = handleOpenAPI(
    { path: url.pathname, query: url.searchParams, accept: header(req.headers.accept), ifNoneMatch: header(req.headers["if-none-match"]) },
    source,
    new Date(),
  ) ?? { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "404 page not found\n" };
  const body = Buffer.from(out.body);
  res.writeHead(out.status, { ...out.headers, "Content-Length": String(body.length) });
  res.end(req.method === "HEAD" ? undefined : body);
}
