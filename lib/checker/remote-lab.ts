// LabAccess over the runner API of a running `drydock serve` (lib/labs/http-api.ts): the exec
// WebSocket, first message {"script"}, then frames tagged stdin 0 / stdout 1 / stderr 2 / exit 3,
// 255 = stdin EOF. server/client.ts streams to the terminal; the checker needs the output captured.
import { readFileSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { appendBounded, DEFAULT_EXEC_TIMEOUT_MS, TIMEOUT_EXIT_CODE, type ExecResult, type LabAccess } from "./lab-access.js";

const STDOUT = 1;
const STDERR = 2;
const EXIT = 3;
const STDIN_EOF = 255;

export interface RunnerEndpoint {
  baseUrl: string;
  /** The data dir of the server, which holds its runner-token. */
  dataDir: string;
}

export function runnerToken(dataDir: string): string {
  try {
    return readFileSync(path.join(dataDir, "runner-token"), "utf8").trim();
  } catch {
    throw new Error(`no runner token in ${dataDir} (is \`drydock serve\` running with the same DRYDOCK_DATA?)`);
  }
}

export function remoteLabAccess(endpoint: RunnerEndpoint, labName: string): LabAccess {
  return {
    async exec(node, script, opts) {
      const url = new URL(`/api/v1/labs/${encodeURIComponent(labName)}/exec?node=${encodeURIComponent(node)}`, endpoint.baseUrl.replace(/^http/, "ws"));
      const token = runnerToken(endpoint.dataDir);
      return new Promise<ExecResult>((resolve, reject) => {
        const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
        let stdout = "";
        let stderr = "";
        let code: number | undefined;
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          ws.terminate();
        }, opts?.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
        ws.on("open", () => {
          ws.send(JSON.stringify({ script }));
          ws.send(Buffer.from([STDIN_EOF]));
        });
        ws.on("message", (m: Buffer) => {
          const data = m.subarray(1);
          if (m[0] === STDOUT) stdout = appendBounded(stdout, data);
          else if (m[0] === STDERR) stderr = appendBounded(stderr, data);
          else if (m[0] === EXIT) code = JSON.parse(data.toString()).code;
        });
        ws.on("close", () => {
          clearTimeout(timer);
          if (timedOut) resolve({ stdout, stderr, code: TIMEOUT_EXIT_CODE });
          else if (code === undefined) reject(new Error(`the exec stream of lab ${labName} ended without an exit code`));
          else resolve({ stdout, stderr, code });
        });
        ws.on("error", (e) => {
          clearTimeout(timer);
          reject(new Error(`cannot reach the Drydock server at ${endpoint.baseUrl}: ${e.message}`));
        });
      });
    },
  };
}
