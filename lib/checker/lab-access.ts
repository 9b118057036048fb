// How the checker reaches a lab: a bash script run as root on one of its nodes, in the student's
// environment, exactly as `drydock lab exec` runs it. Two implementations: in-process over a
// LabManager's Lab (the web app, tests) and over the runner API (the CLI against `drydock serve`).

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface LabAccess {
  exec(node: string, script: string, opts?: { timeoutMs?: number }): Promise<ExecResult>;
}

/** Every exec has a bound; a script still running then is killed and reported with code 124,
 * as timeout(1) does. */
export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;
export const TIMEOUT_EXIT_CODE = 124;
/** Output beyond this is dropped: checks read objects and short answers, not logs of gigabytes. */
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** Appends a chunk to a bounded buffer. */
export function appendBounded(buf: string, chunk: Buffer | string): string {
  if (buf.length >= MAX_OUTPUT_BYTES) return buf;
  const s = typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return buf + s.slice(0, MAX_OUTPUT_BYTES - buf.length);
}
