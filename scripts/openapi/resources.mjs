// Drydock's own tables, for the build scripts: RESOURCES (lib/cluster/api/resources.ts), the
// kinds and resources a default kubeadm v1.32 API server serves. The TypeScript module is
// bundled in memory with esbuild (a dev dependency) so a plain `node` script can import it.
import { buildSync } from "esbuild";
import { join } from "node:path";

/** RESOURCES of lib/cluster/api/resources.ts, read from the checkout at `root`. */
export async function loadResources(root) {
  const out = buildSync({
    entryPoints: [join(root, "lib", "cluster", "api", "resources.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "silent",
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`;
  return (await import(url)).RESOURCES;
}
