// can-i: `kubectl auth can-i` with impersonation, as a grader asks whether a user or a
// ServiceAccount may do something (kubectl/pkg/cmd/auth/cani.go prints "yes", or "no" with an
// optional " - reason").
import type { LabAccess } from "../lab-access.js";
import { firstLine } from "../kubectl.js";
import { GRADER_NODE, KUBECTL, sq } from "../shell.js";
import { fail, pass, type Evaluator } from "./types.js";
import type { CheckOf } from "../../exercises/schema.js";

export function canIScript(c: CheckOf<"can-i">): string {
  const subject = c.serviceAccount !== undefined ? `system:serviceaccount:${c.serviceAccount.replace("/", ":")}` : c.as!;
  const target = c.name !== undefined ? `${c.resource}/${c.name}` : c.resource;
  const parts = [KUBECTL, "auth can-i", sq(c.verb), sq(target), `--as=${sq(subject)}`];
  for (const g of c.groups ?? []) parts.push(`--as-group=${sq(g)}`);
  if (c.subresource !== undefined) parts.push(`--subresource=${sq(c.subresource)}`);
  if (c.namespace === "*") parts.push("-A");
  else if (c.namespace !== undefined) parts.push(`-n ${sq(c.namespace)}`);
  return parts.join(" ");
}

export const canI: Evaluator<"can-i"> = async (c, lab: LabAccess) => {
  const r = await lab.exec(GRADER_NODE, canIScript(c));
  const answer = r.stdout.trim();
  const who = c.serviceAccount !== undefined ? `serviceaccount ${c.serviceAccount}` : `user ${c.as}`;
  const what = `${who} ${c.verb} ${c.resource}${c.name ? `/${c.name}` : ""}${c.subresource ? ` (${c.subresource})` : ""}${c.namespace ? ` in ${c.namespace === "*" ? "all namespaces" : c.namespace}` : ""}`;
  let allowed: boolean;
  if (/^yes\b/.test(answer)) allowed = true;
  else if (/^no\b/.test(answer)) allowed = false;
  else return fail(`kubectl auth can-i failed (exit ${r.code}): ${firstLine(r.stderr) || "no output"}`);
  const detail = `can-i ${what}: ${allowed ? "yes" : "no"}`;
  return allowed === c.allowed ? pass(detail) : fail(detail);
};
