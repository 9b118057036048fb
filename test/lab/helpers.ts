// Test fixture: real labs from the lab runtime, and a way to run a script in a node exactly as
// `drydock lab exec` does (bash -c, the student's environment), capturing what real tools print.
import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import os from "node:os";
import path from "node:path";
import { LabManager } from "../../lib/labs/manager.js";
import { systemClock, systemRandom } from "../../lib/labs/random.js";
import type { Lab } from "../../lib/labs/lab.js";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export function run(lab: Lab, script: string, node = "controlplane", stdin?: string): Promise<RunResult> {
  const sb = lab.nodes.get(node);
  if (!sb) throw new Error(`no node ${node}`);
  return new Promise((resolve) => {
    const child = sb.exec(["/usr/bin/bash", "-c", script], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.stdin!.end(stdin ?? "");
    child.on("close", (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}

export async function startLabs(): Promise<{ manager: LabManager; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "drydock-test-"));
  const manager = new LabManager(dataDir, path.resolve(import.meta.dirname, "../.."), systemClock, systemRandom);
  manager.start();
  return {
    manager,
    async cleanup() {
      await manager.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One lab for a whole test file: created before its first test, removed after its last. `run`
 * and `sh` (trimmed stdout) run scripts on a node as `drydock lab exec` does.
 */
export function useLab(name: string) {
  let lab: Lab | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const t = await startLabs();
    cleanup = t.cleanup;
    lab = await t.manager.create(name);
  }, 120_000);
  afterAll(async () => cleanup?.());
  const runOn = (script: string, node?: string, stdin?: string) => run(lab!, script, node, stdin);
  return {
    lab: () => lab!,
    run: runOn,
    sh: async (script: string, node?: string) => (await runOn(script, node)).stdout.trim(),
  };
}
