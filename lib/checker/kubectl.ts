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

/** API groups a fresh cluster serves without any CRD (kube-apiserver v1.32's built-in groups). */
const BUILTIN_GROUPS = new Set([
  "apps", "batch", "autoscaling", "policy", "rbac.authorization.k8s.io", "networking.k8s.io", "storage.k8s.io",
  "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "scheduling.k8s.io", "node.k8s.io",
  "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io",
  "authentication.k8s.io", "authorization.k8s.io", "resource.k8s.io", "storagemigration.k8s.io", "metrics.k8s.io",
]);

/** `plural.group` (or `plural.version.group`) of a group no built-in API serves: a custom
 * resource, whose type is missing when the student has not installed its CRD yet. */
export function isCustomResourceName(resource: string): boolean {
  const dot = resource.indexOf(".");
  if (dot < 0) return false;
  const group = resource.slice(dot + 1).replace(/^v\d+(?:(?:alpha|beta)\d+)?\./, "");
  return !BUILTIN_GROUPS.has(group);
}

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
  // A custom resource's type is absent until its CRD is installed: the student's to fix, so it
  // reads as NotFound (and an `absent` check of such an object passes).
  const resource = /^'([^']*)'/.exec(args)?.[1] ?? "";
  if (/doesn't have a resource type/.test(err) && isCustomResourceName(resource)) {
    return { found: false, notFound: true, detail: `${firstLine(err)} (no CustomResourceDefinition serves it)` };
  }
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
