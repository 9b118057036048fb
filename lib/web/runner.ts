// The web app's client of the lab runner (lib/labs/http-api.ts): plain HTTP + a WebSocket for
// exec, as docs/architecture.md asks, so runners can move to their own machines later. Today the
// runner is the same process; `drydock serve` tells us its URL (DRYDOCK_RUNNER_URL) and the token
// sits in the data dir.
import { readFileSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { DEFAULT_EXEC_TIMEOUT_MS, TIMEOUT_EXIT_CODE, type ExecResult, type LabAccess } from "../checker/lab-access";
import { dataDir } from "./db/client";

const EXEC_STDOUT = 1;
const EXEC_STDERR = 2;
const EXEC_EXIT = 3;
const EXEC_STDIN_EOF = 255;
/** Output kept per exec (checks print little; a runaway script must not fill memory). */
export const MAX_EXEC_OUTPUT = 1024 * 1024;

export class RunnerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Runner {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string,
  ) {}

  private async call(method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(new URL(p, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.token()}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (e) {
      throw new RunnerError(503, `the lab runner is not reachable: ${(e as Error).message}`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new RunnerError(res.status, String(json.error ?? `HTTP ${res.status}`));
    return json;
  }

  async create(name: string): Promise<void> {
    await this.call("POST", "/api/v1/labs", { name });
  }
  async delete(name: string): Promise<void> {
    await this.call("DELETE", `/api/v1/labs/${encodeURIComponent(name)}`).catch((e: RunnerError) => {
      if (e.status !== 404) throw e;
    });
  }
  async phase(name: string): Promise<string | undefined> {
    try {
      return String((await this.call("GET", `/api/v1/labs/${encodeURIComponent(name)}`)).phase);
    } catch (e) {
      if ((e as RunnerError).status === 404) return undefined;
      throw e;
    }
  }

  exec(name: string, node: string, script: string, timeoutMs = 60_000): Promise<ExecResult> {
    const url = new URL(`/api/v1/labs/${encodeURIComponent(name)}/exec?node=${encodeURIComponent(node)}`, this.baseUrl.replace(/^http/, "ws"));
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.token()}` } });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let code: number | undefined;
      let timedOut = false;
      // A script still running at the bound is killed and reported with code 124, as timeout(1)
      // and lib/checker's own LabAccess implementations do.
      const timer = setTimeout(() => {
        timedOut = true;
        ws.terminate();
      }, timeoutMs);
      ws.on("open", () => {
        ws.send(JSON.stringify({ script }));
        ws.send(Buffer.from([EXEC_STDIN_EOF]));
      });
      ws.on("message", (m: Buffer) => {
        const data = m.subarray(1);
        if (m[0] === EXEC_EXIT) code = JSON.parse(data.toString()).code;
        else if (size + data.length <= MAX_EXEC_OUTPUT) {
          size += data.length;
          (m[0] === EXEC_STDOUT ? out : m[0] === EXEC_STDERR ? err : []).push(data);
        }
      });
      ws.on("close", () => {
        clearTimeout(timer);
        if (timedOut) resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code: TIMEOUT_EXIT_CODE });
        else if (code === undefined) reject(new RunnerError(502, "the exec stream ended without an exit code"));
        else resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code });
      });
      ws.on("error", (e) => {
        clearTimeout(timer);
        if (!timedOut) reject(new RunnerError(503, `the lab runner is not reachable: ${e.message}`));
      });
    });
  }

  /** lib/checker's view of one lab: the runner API's exec WebSocket. */
  labAccess(name: string): LabAccess {
    return { exec: (node, script, opts) => this.exec(name, node, script, opts?.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS) };
  }
}

export function runner(): Runner {
  const base = process.env.DRYDOCK_RUNNER_URL ?? "http://127.0.0.1:3000";
  return new Runner(base, () => {
    try {
      return readFileSync(path.join(dataDir(), "runner-token"), "utf8").trim();
    } catch {
      throw new RunnerError(503, "the lab runner's token is missing (is this app started by `drydock serve`?)");
    }
  });
}
