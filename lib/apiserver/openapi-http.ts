// Serves /openapi/v2 and /openapi/v3 from the documents built at install time (dist/openapi),
// loaded once per process on first use.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { handleOpenAPI, loadOpenAPIDocuments, type OpenAPIDocuments } from "./openapi/index.js";
import { sendText, type Req, type Res } from "./http.js";

let docs: OpenAPIDocuments | undefined;

function distDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.join(dir, "dist", "openapi");
}

export function serveOpenAPI(req: Req, res: Res, url: URL): void {
  docs ??= loadOpenAPIDocuments(distDir());
  const out = handleOpenAPI(
    { path: url.pathname, query: url.searchParams, accept: req.headers["accept"] as string | undefined, ifNoneMatch: req.headers["if-none-match"] as string | undefined },
    docs,
    new Date(),
  );
  if (!out) return sendText(res, 404, "404 page not found\n");
  const body = Buffer.from(out.body);
  res.writeHead(out.status, { ...out.headers, "content-length": String(body.length) });
  res.end(body);
}
