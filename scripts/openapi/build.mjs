#!/usr/bin/env node
// Builds the OpenAPI documents Drydock's kube-apiserver serves (dist/openapi/) from the real
// Kubernetes v1.32 spec, which is upstream's text and so is never committed here: it is read at
// build time from a dependency (or a directory) laid out like kubernetes/kubernetes api/openapi-spec/:
//   swagger.json                     the /openapi/v2 document
//   v3/<gv with "/"→"__">_openapi.json   the /openapi/v3/<gv> documents (optional: derived from v2 if absent)
// Source, first found: --spec-dir DIR, $DRYDOCK_OPENAPI_SPEC_DIR, node_modules/<SPEC_PACKAGES...>.
// Output: dist/openapi/v2.json, dist/openapi/v3/<gv with "/"→"__">.json and dist/openapi/index.json
// ({ v2: {file, hash}, v3: { "<gv>": {file, hash} } }), hash = upper-case hex SHA-512 as
// kube-openapi's handler3 computes its ETag.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { v2ToV3Documents, ensurePatchOperations } from "./convert.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** npm packages known to carry api/openapi-spec (none carries v1.32 today: see KNOWN_GAPS.md). */
const SPEC_PACKAGES = [];

function findSpecDir(argv) {
  const i = argv.indexOf("--spec-dir");
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1]);
  if (process.env.DRYDOCK_OPENAPI_SPEC_DIR) return resolve(process.env.DRYDOCK_OPENAPI_SPEC_DIR);
  for (const { name, dir } of SPEC_PACKAGES) {
    const candidate = join(ROOT, "node_modules", name, dir);
    if (existsSync(join(candidate, "swagger.json"))) return candidate;
  }
  return undefined;
}

export const sha512Hex = (text) => createHash("sha512").update(text).digest("hex").toUpperCase();
const fileName = (gv) => `${gv.replaceAll("/", "__")}.json`;

/** Writes dist/openapi from specDir; returns the index. */
export function build(specDir, outDir) {
  const swagger = JSON.parse(readFileSync(join(specDir, "swagger.json"), "utf8"));
  const v3Dir = join(specDir, "v3");
  let v3 = new Map();
  if (existsSync(v3Dir)) {
    for (const f of readdirSync(v3Dir)) {
      const m = /^(.*)_openapi\.json$/.exec(f);
      if (m) v3.set(m[1].replaceAll("__", "/"), JSON.parse(readFileSync(join(v3Dir, f), "utf8")));
    }
  }
  if (v3.size === 0) v3 = v2ToV3Documents(swagger);
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
  if (!specDir) {
    console.error(
      "openapi: no Kubernetes v1.32 OpenAPI source found (pass --spec-dir DIR or set DRYDOCK_OPENAPI_SPEC_DIR " +
        "to a directory laid out like api/openapi-spec/); /openapi/* will answer 404 until then.",
    );
    process.exit(process.argv.includes("--require") ? 1 : 0);
  }
  const index = build(specDir, out);
  console.log(`openapi: wrote ${Object.keys(index.v3).length} v3 documents and v2.json to ${out}`);
}
