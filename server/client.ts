// The CLI's client of the runner API (lib/labs/http-api.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";

export const EXEC = { stdin: 0, stdout: 1, stderr: 2, exit: 3, stdinEof: 255 } as const;

export class RunnerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly dataDir: string,
  ) {}

  private token(): string {
    try {
      return readFileSync(path.join(this.dataDir, "runner-token"), "utf8").trim();
    } catch {
      throw new Error(`no runner token in ${this.dataDir} (is \`drydock serve\` running with the same DRYDOCK_DATA?)`);
    }
  }

  private async call(method: string, p: string, body?: unknown) {
    let res: Response;
    try {
      res = await fetch(new URL(p, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.token()}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(600_000),
      });
    } catch (e) {
      throw new Error(`cannot reach the Drydock server at ${this.baseUrl}: ${(e as Error).cause ?? (e as Error).message}`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new Error(String(json.error ?? `HTTP ${res.status}`));
    return json;
  }

  create(name?: string, template?: string) {
    return this.call("POST", "/api/v1/labs", { name, template }) as Promise<{ name: string }>;
  }
  async list() {
    return ((await this.call("GET", "/api/v1/labs")).items ?? []) as { name: string; phase: string; createdAt: string; expiresAt: string }[];
  }
  delete(name: string) {
    return this.call("DELETE", `/api/v1/labs/${encodeURIComponent(name)}`);
  }

  /** Runs the script, passing stdin through and output to this process's; resolves to the exit code. */
  exec(name: string, node: string, script: string): Promise<number> {
    const url = new URL(`/api/v1/labs/${encodeURIComponent(name)}/exec?node=${encodeURIComponent(node)}`, this.baseUrl.replace(/^http/, "ws"));
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.token()}` } });
      let code: number | undefined;
      ws.on("open", () => {
        ws.send(JSON.stringify({ script }));
        if (process.stdin.isTTY) {
          ws.send(Buffer.from([EXEC.stdinEof]));
        } else {
          process.stdin.on("data", (d: Buffer) => ws.send(Buffer.concat([Buffer.from([EXEC.stdin]), d])));
          process.stdin.on("end", () => ws.readyState === ws.OPEN && ws.send(Buffer.from([EXEC.stdinEof])));
          process.stdin.on("error", () => ws.readyState === ws.OPEN && ws.send(Buffer.from([EXEC.stdinEof])));
        }
      });
      ws.on("message", (m: Buffer) => {
        const ch = m[0];
        const data = m.subarray(1);
        if (ch === EXEC.stdout) process.stdout.write(data);
        else if (ch === EXEC.stderr) process.stderr.write(data);
        else if (ch === EXEC.exit) code = JSON.parse(data.toString()).code;
      });
      ws.on("close", () => {
        process.stdin.destroy();
        if (code === undefined) reject(new Error("the exec stream ended without an exit code"));
        else resolve(code);
      });
      ws.on("error", (e) => reject(new Error(`cannot reach the Drydock server at ${this.baseUrl}: ${e.message}`)));
    });
  }
}
