// Runs a simulated node command to completion with empty stdin, collecting what it writes:
// kubeadm's exec of systemctl/crictl, and tests of any NodeCommand.
import { PassThrough } from "node:stream";
import type { CommandIO, NodeCommand } from "./types.js";

export async function runCaptured(cmd: NodeCommand, argv: string[], io: Partial<CommandIO> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const stdin = new PassThrough();
  stdin.end();
  const code = await cmd({ argv, env: {}, cwd: "/", stdin, stdout, stderr, nodePath: (p) => p, nodeName: "controlplane", ...io });
  stdout.end();
  stderr.end();
  // Writes made just before the command resolved are delivered on the next turn.
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out, stderr: err };
}
