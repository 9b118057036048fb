// The OpenAPI documents built by scripts/openapi/build.mjs into dist/openapi, loaded lazily
// (v3 documents are read on first request of their group-version, then kept).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface OpenAPIDocument {
  /** The JSON text served, byte for byte what the hash covers. */
  text: string;
  /** Upper-case hex SHA-512 of `text` (kube-openapi's ETag and ?hash=). */
  hash: string;
}

export interface OpenAPIDocuments {
  v2(): OpenAPIDocument | undefined;
  /** The group-version paths ("api/v1", "apis/apps/v1", ...) that have a v3 document. */
  v3Paths(): string[];
  v3(groupVersion: string): OpenAPIDocument | undefined;
}

interface IndexFile {
  v2?: { file: string; hash: string };
  v3: Record<string, { file: string; hash: string }>;
}

/** Documents from `dir` (dist/openapi); an absent build serves nothing (404s), never throws. */
export function loadOpenAPIDocuments(dir: string): OpenAPIDocuments {
  const indexPath = join(dir, "index.json");
  const index: IndexFile = existsSync(indexPath) ? JSON.parse(readFileSync(indexPath, "utf8")) : { v3: {} };
  const v3 = new Map<string, { file: string; hash: string }>(Object.entries(index.v3 ?? {}));
  const cache = new Map<string, OpenAPIDocument>();
  const read = (key: string, entry: { file: string; hash: string } | undefined) => {
    if (!entry) return undefined;
    let doc = cache.get(key);
    if (!doc) cache.set(key, (doc = { text: readFileSync(join(dir, entry.file), "utf8"), hash: entry.hash }));
    return doc;
  };
  return {
    v2: () => read("\0v2", index.v2),
    v3Paths: () => [...v3.keys()].sort(),
    v3: (gv) => read(gv, v3.get(gv)),
  };
}

/** In-memory documents (tests, and CRD group-versions the API server builds at run time). */
export function staticOpenAPIDocuments(v2: OpenAPIDocument | undefined, v3: ReadonlyMap<string, OpenAPIDocument>): OpenAPIDocuments {
  return { v2: () => v2, v3Paths: () => [...v3.keys()].sort(), v3: (gv) => v3.get(gv) };
}

/** Built-in documents overlaid with run-time ones (CRD group-versions win over nothing, never over built-ins). */
export function mergeOpenAPIDocuments(base: OpenAPIDocuments, extra: OpenAPIDocuments): OpenAPIDocuments {
  return {
    v2: () => base.v2(),
    v3Paths: () => [...new Set([...base.v3Paths(), ...extra.v3Paths()])].sort(),
    v3: (gv) => base.v3(gv) ?? extra.v3(gv),
  };
}
