#!/usr/bin/env node
// Builds the OpenAPI documents Drydock's kube-apiserver serves (dist/openapi/). Upstream's text
// is never committed here: it is read at build time from a dependency. Sources, first found:
//   --spec-dir DIR or $DRYDOCK_OPENAPI_SPEC_DIR: a directory laid out like kubernetes/kubernetes
//     api/openapi-spec/ (swagger.json, and optionally v3/<gv with "/"→"__">_openapi.json);
//   node_modules/@kubernetes/client-node (pinned to a release generated from v1.32's swagger.json):
//     swagger.mjs rebuilds the v2 document from its generated models and API classes, restricted
//     to what Drydock serves (lib/cluster/api/resources.ts).
// The v3 documents are derived from v2 when the source has none (convert.mjs).
// Output: dist/openapi/v2.json, dist/openapi/v3/<gv with "/"→"__">.json and dist/openapi/index.json
// ({ v2: {file, hash}, v3: { "<gv>": {file, hash} } }), hash = upper-case hex SHA-512 as
// kube-openapi's handler3 computes its ETag.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { v2ToV3Documents, ensurePatchOperations } from "./convert.mjs";
import { loadResources } from "./resources.mjs";
import { swaggerFromClientNode } from "./swagger.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The kube-apiserver version the documents describe (info.version). */
export const KUBERNETES_VERSION = "v1.32.3";
const CLIENT_NODE = join(ROOT, "node_modules", "@kubernetes", "client-node");

function findSpecDir(argv) {
  const i = argv.indexOf("--spec-dir");
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1]);
  if (process.env.DRYDOCK_OPENAPI_SPEC_DIR) return resolve(process.env.DRYDOCK_OPENAPI_SPEC_DIR);
  return undefined;
}

export const sha512Hex = (text) => createHash("sha512").update(text).digest("hex").toUpperCase();
const fileName = (gv) => `${gv.replaceAll("/", "__")}.json`;

/** Writes dist/openapi from specDir; returns the index. */
export function build(specDir, outDir) {
  const swagger = JSON.parse(readFileSync(join(specDir, "swagger.json"), "utf8"));
  const v3Dir = join(specDir, "v3");
  const v3 = new Map();
  if (existsSync(v3Dir)) {
    for (const f of readdirSync(v3Dir)) {
      const m = /^(.*)_openapi\.json$/.exec(f);
      if (m) v3.set(m[1].replaceAll("__", "/"), JSON.parse(readFileSync(join(v3Dir, f), "utf8")));
    }
  }
  return writeDocuments(swagger, v3.size ? v3 : v2ToV3Documents(swagger), outDir);
}

/** Writes dist/openapi from the client-node package at pkgDir and Drydock's RESOURCES; returns the index. */
export async function buildFromClientNode(pkgDir, outDir, root = ROOT) {
  const swagger = swaggerFromClientNode(pkgDir, await loadResources(root), KUBERNETES_VERSION);
  return writeDocuments(swagger, v2ToV3Documents(swagger), outDir);
}

/** Writes v2.json, v3/*.json and index.json; returns the index. */
export function writeDocuments(swagger, v3, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "v3"), { recursive: true });
  const v2Text = JSON.stringify(swagger);
  writeFileSync(join(outDir, "v2.json"), v2Text);
  const index = { v2: { file: "v2.json", hash: sha512Hex(v2Text) }, v3: {} };
  for (const [gv, doc] of [...v3].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const problems = ensurePatchOperations(doc);
    for (const p of problems) console.warn(`openapi: ${gv}: ${p}`);
    const text = JSON.stringify(doc);
    writeFileSync(join(outDir, "v3", fileName(gv)), text);
    index.v3[gv] = { file: `v3/${fileName(gv)}`, hash: sha512Hex(text) };
  }
  writeFileSync(join(outDir, "index.json"), JSON.stringify(index, null, 1));
  return index;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const specDir = findSpecDir(process.argv);
  const out = join(ROOT, "dist", "openapi");
  let index;
  if (specDir) index = build(specDir, out);
  else if (existsSync(join(CLIENT_NODE, "dist", "gen", "models"))) index = await buildFromClientNode(CLIENT_NODE, out);
  else {
    console.error(
      "openapi: no OpenAPI source found (install @kubernetes/client-node, pass --spec-dir DIR or set " +
        "DRYDOCK_OPENAPI_SPEC_DIR); /openapi/* will answer 404 until then.",
    );
    process.exit(process.argv.includes("--require") ? 1 : 0);
  }
  console.log(`openapi: wrote ${Object.keys(index.v3).length} v3 documents and v2.json to ${out}`);
}
