// LabAccess over a Lab of this process (lib/labs): `bash -c SCRIPT` in the node sandbox, as the
// runner API's exec does (lib/labs/http-api.ts).
import type { Lab } from "../labs/lab.js";
import { appendBounded, DEFAULT_EXEC_TIMEOUT_MS, TIMEOUT_EXIT_CODE, type ExecResult, type LabAccess } from "./lab-access.js";

export function localLabAccess(lab: Lab): LabAccess {
  return {
    exec(node, script, opts) {
      const sb = lab.nodes.get(node);
      if (!sb) return Promise.reject(new Error(`lab ${lab.record.name} has no node "${node}"`));
      return new Promise<ExecResult>((resolve) => {
        const child = sb.exec(["/usr/bin/bash", "-c", script], { stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, opts?.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
        child.stdout!.on("data", (d: Buffer) => (stdout = appendBounded(stdout, d)));
        child.stderr!.on("data", (d: Buffer) => (stderr = appendBounded(stderr, d)));
        child.stdin!.on("error", () => undefined);
        child.stdin!.end();
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          resolve({ stdout, stderr, code: timedOut ? TIMEOUT_EXIT_CODE : (code ?? (signal ? 128 + 9 : 1)) });
        });
      });
    },
  };
}
