// Structured checks on API objects: exists, absent, match, jsonpath, condition.
import { formatMismatch, matchTree } from "../match.js";
import { describeRef, getJSON, kubectlGet, refArgs } from "../kubectl.js";
import { sq } from "../shell.js";
import { checkText } from "../text.js";
import { fail, pass, type Evaluator } from "./types.js";

export const exists: Evaluator<"exists"> = async (c, lab) => {
  const r = await kubectlGet(lab, `${refArgs(c)} -o name`);
  return r.found ? pass(`${r.stdout.trim()} exists`) : fail(r.detail);
};

export const absent: Evaluator<"absent"> = async (c, lab) => {
  const r = await kubectlGet(lab, `${refArgs(c)} -o name`);
  if (r.found) return fail(`${r.stdout.trim()} exists`);
  return r.notFound ? pass(r.detail) : fail(r.detail);
};

export const match: Evaluator<"match"> = async (c, lab) => {
  if (c.name !== undefined) {
    const r = await getJSON(lab, c);
    if (!r.object) return fail(r.detail);
    const m = matchTree(c.expect, r.object);
    return m ? fail(`${describeRef(c)}: ${formatMismatch(m)}`) : pass(`${describeRef(c)} matches`);
  }
  const r = await getJSON(lab, c, c.selector !== undefined ? `-l ${sq(c.selector)}` : "");
  if (!r.object) return fail(r.detail);
  const items = (r.object.items ?? []) as Record<string, unknown>[];
  if (!items.length) return fail(`no ${describeRef(c)}${c.selector ? ` with labels ${c.selector}` : ""}`);
  let first = "";
  for (const item of items) {
    const m = matchTree(c.expect, item);
    const name = (item.metadata as { name?: string } | undefined)?.name ?? "?";
    if (!m) return pass(`${c.resource}/${name} matches`);
    first ||= `${c.resource}/${name}: ${formatMismatch(m)}`;
  }
  return fail(`none of ${items.length} ${describeRef(c)} matches; ${first}`);
};

export const jsonpath: Evaluator<"jsonpath"> = async (c, lab) => {
  const r = await kubectlGet(lab, `${refArgs(c)} -o jsonpath=${sq(c.path)}`);
  if (!r.found) return fail(r.detail);
  const why = checkText(`${c.path} of ${describeRef(c)}`, r.stdout, c);
  return why ? fail(why) : pass(`${c.path} = ${JSON.stringify(r.stdout.trim())}`);
};

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export const condition: Evaluator<"condition"> = async (c, lab) => {
  const r = await getJSON(lab, c);
  if (!r.object) return fail(r.detail);
  const conds = ((r.object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
  const found = conds.find((x) => x.type === c.condition);
  if (!found) return fail(`${describeRef(c)} has no condition ${c.condition}`);
  const desc = `${c.condition}=${found.status}${found.reason ? ` (${found.reason})` : ""}`;
  if (found.status !== c.status) return fail(`${describeRef(c)}: ${desc}${found.message ? `: ${found.message}` : ""}`);
  if (c.reason !== undefined && found.reason !== c.reason) return fail(`${describeRef(c)}: ${desc}, reason is not ${c.reason}`);
  return pass(`${describeRef(c)}: ${desc}`);
};
