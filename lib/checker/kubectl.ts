// Reading API objects the way the student sees them: the lab's own kubectl, through exec.
import { CheckError } from "./checks/types.js";
import type { LabAccess, ExecResult } from "./lab-access.js";
import { GRADER_NODE, KUBECTL, sq } from "./shell.js";

export interface ObjectRef {
  resource: string;
  name?: string;
  namespace?: string;
}

/** kubectl's wording for mistakes of the check itself (unknown resource type, bad JSONPath). */
const AUTHOR_ERRORS = [/doesn't have a resource type/, /error parsing jsonpath/i, /unknown (?:shorthand )?flag/, /unable to parse requirement/, /couldn't find resource for/];

export function firstLine(s: string): string {
  return s.trim().split("\n")[0] ?? "";
}

export function refArgs(ref: ObjectRef): string {
  return [sq(ref.resource), ref.name !== undefined ? sq(ref.name) : "", ref.namespace !== undefined ? `-n ${sq(ref.namespace)}` : ""].filter(Boolean).join(" ");
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.resource}${ref.name !== undefined ? `/${ref.name}` : ""}${ref.namespace !== undefined ? ` in namespace ${ref.namespace}` : ""}`;
}

export type GetResult = { found: true; stdout: string } | { found: false; notFound: boolean; detail: string };

/** Runs `kubectl get ...ARGS`; NotFound and an unreachable API are answers, author mistakes throw. */
export async function kubectlGet(lab: LabAccess, args: string): Promise<GetResult> {
  const r: ExecResult = await lab.exec(GRADER_NODE, `${KUBECTL} get ${args}`);
  if (r.code === 0) return { found: true, stdout: r.stdout };
  const err = r.stderr.trim();
  if (AUTHOR_ERRORS.some((re) => re.test(err))) throw new CheckError(`kubectl get ${args}: ${firstLine(err)}`);
  if (/\(NotFound\)/.test(err)) return { found: false, notFound: true, detail: firstLine(err) };
  return { found: false, notFound: false, detail: `kubectl get ${args} failed (exit ${r.code}): ${firstLine(err) || "no output"}` };
}

export async function getJSON(lab: LabAccess, ref: ObjectRef, extra = ""): Promise<{ object?: Record<string, unknown>; notFound?: boolean; detail: string }> {
  const r = await kubectlGet(lab, `${refArgs(ref)}${extra ? " " + extra : ""} -o json`);
  if (!r.found) return { notFound: r.notFound, detail: r.detail };
  try {
    return { object: JSON.parse(r.stdout), detail: "" };
  } catch {
    throw new CheckError(`kubectl get ${refArgs(ref)} -o json printed no JSON: ${firstLine(r.stdout)}`);
  }
}
