// exit_status_to_string (systemd src/basic/exit-status.c) for the codes a service shows.
const NAMES: Record<number, string> = {
  0: "SUCCESS",
  1: "FAILURE",
  2: "INVALIDARGUMENT",
  3: "NOTIMPLEMENTED",
  4: "NOPERMISSION",
  5: "NOTINSTALLED",
  6: "NOTCONFIGURED",
  7: "NOTRUNNING",
  200: "CHDIR",
  203: "EXEC",
  209: "STDOUT",
  217: "USER",
  226: "NAMESPACE",
  255: "EXCEPTION",
};

/** "1/FAILURE", "203/EXEC", "42/n/a". */
export function exitStatus(code: number): string {
  return `${code}/${NAMES[code] ?? "n/a"}`;
}

/** The last exit of a process, as status prints it in parentheses. */
export type ProcessExit = { kind: "exited"; status: number } | { kind: "killed"; signal: string };

export function describeExit(e: ProcessExit): string {
  return e.kind === "exited" ? `code=exited, status=${exitStatus(e.status)}` : `code=killed, signal=${e.signal}`;
}
