// Test fixtures for the sandbox suites: minimal node trees, a two-node lab, command helpers.
// Not used by production code.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startNodeSandbox, type NodeSandbox } from "./node-sandbox";
import { writeNodeClients } from "./node-clients";

export const HAVE_BWRAP = spawnSync("bwrap", ["--version"]).status === 0 && process.getuid?.() === 0;
export const SKIP_REASON = "bwrap missing or not root: real-sandbox tests skipped";

export const NODES = [
  { name: "controlplane", ip: "172.30.1.2" },
  { name: "node01", ip: "172.30.2.2" },
];

/** A node tree as the lab runtime would lay it out, reduced to what a shell and ssh need. */
export function makeNodeTree(root: string, name: string): void {
  for (const d of ["etc", "root", "var/lib", "opt", "tmp", "home"]) fs.mkdirSync(path.join(root, d), { recursive: true });
  const w = (p: string, s: string) => fs.writeFileSync(path.join(root, p), s);
  w("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  w("etc/group", "root:x:0:\n");
  w("etc/hostname", name + "\n");
  w("etc/hosts", "127.0.0.1 localhost\n" + NODES.map((n) => `${n.ip} ${n.name}`).join("\n") + "\n");
  // files only: an unknown name fails at once, as with a working resolver answering NXDOMAIN
  w("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n");
}

export interface TestLab {
  dir: string;
  runDir: string;
  sandboxes: NodeSandbox[];
  stop(): Promise<void>;
}

export async function startTestLab(labId: string): Promise<TestLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-sbx-"));
  const runDir = path.join(dir, "run");
  const tools = path.join(dir, "tools");
  fs.mkdirSync(runDir);
  writeNodeClients(tools);
  const sandboxes: NodeSandbox[] = [];
  for (const n of NODES) {
    const rootDir = path.join(dir, n.name);
    makeNodeTree(rootDir, n.name);
    const t0 = performance.now();
    sandboxes.push(
      await startNodeSandbox({
        labId,
        nodeName: n.name,
        nodeIp: n.ip,
        rootDir,
        runDir,
        peerNodeIps: NODES.filter((m) => m !== n).map((m) => m.ip),
        extraRoBinds: [{ src: tools, dest: "/usr/local/bin" }],
      }),
    );
    console.log(`[timing] sandbox ${n.name} started in ${(performance.now() - t0).toFixed(1)} ms`);
  }
  return {
    dir,
    runDir,
    sandboxes,
    async stop() {
      await Promise.all(sandboxes.map((s) => s.stop()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** bash -c script on a node, stdin optional. */
export function run(sb: NodeSandbox, script: string, stdin?: string): Promise<RunResult> {
  const c = sb.exec(["/bin/bash", "-c", script]);
  let stdout = "";
  let stderr = "";
  c.stdout!.on("data", (d) => (stdout += d));
  c.stderr!.on("data", (d) => (stderr += d));
  c.stdin!.end(stdin ?? "");
  return new Promise((resolve) => c.on("close", (code) => resolve({ code, stdout, stderr })));
}
