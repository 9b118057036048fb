#!/usr/bin/env node
// Bundles the runtime (CLI, lab runtime, API server) into dist/drydock.mjs so every `drydock`
// call starts in tens of milliseconds; npm packages stay external.
import { build } from "esbuild";
import path from "node:path";
import { cpSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateClients } from "./prisma-generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The web app's Prisma clients first: both the bundle below and `next build` import them.
generateClients();
await build({
  entryPoints: [path.join(root, "server/main.ts")],
  outfile: path.join(root, "dist/drydock.mjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// The in-node ssh/scp clients are read next to their module at run time.
cpSync(path.join(root, "lib/sandbox/clients"), path.join(root, "dist/clients"), { recursive: true });
// So is the node agent's client (systemctl, journalctl, crictl, kubeadm, ... inside the nodes).
cpSync(path.join(root, "lib/node/agent/client.mjs"), path.join(root, "dist/client.mjs"));
console.log("build: dist/drydock.mjs");
