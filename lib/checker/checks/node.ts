// Checks on a node's own state: a file's presence and content, a read-only command's output.
import type { CheckOf } from "../../exercises/schema.js";
import { sq } from "../shell.js";
import { checkText } from "../text.js";
import { fail, pass, type Evaluator } from "./types.js";

const MISSING = 3;
const NOT_A_FILE = 4;

export function fileScript(c: CheckOf<"file">): string {
  const p = sq(c.path);
  return `if [ ! -e ${p} ]; then exit ${MISSING}; elif [ -d ${p} ]; then exit ${NOT_A_FILE}; else cat -- ${p}; fi`;
}

export const file: Evaluator<"file"> = async (c, lab) => {
  const r = await lab.exec(c.node, fileScript(c));
  const where = `${c.path} on ${c.node}`;
  if (r.code === MISSING) return c.exists ? fail(`${where} does not exist`) : pass(`${where} does not exist`);
  if (!c.exists) return fail(`${where} exists`);
  if (r.code === NOT_A_FILE) return fail(`${where} is a directory`);
  if (r.code !== 0) return fail(`cannot read ${where}: ${r.stderr.trim() || `exit ${r.code}`}`);
  const why = c.content ? checkText(where, r.stdout, c.content) : null;
  return why ? fail(why) : pass(`${where} exists${c.content ? " with the expected content" : ""}`);
};

export const command: Evaluator<"command"> = async (c, lab) => {
  const r = await lab.exec(c.node, c.run);
  if (c.exitCode !== undefined && r.code !== c.exitCode) {
    return fail(`the command exited ${r.code}, expected ${c.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().split("\n")[0]}` : ""}`);
  }
  const why = (c.stdout ? checkText("its output", r.stdout, c.stdout) : null) ?? (c.stderr ? checkText("its error output", r.stderr, c.stderr) : null);
  if (why) return fail(why);
  if (c.exitCode === undefined && !c.stdout && !c.stderr && r.code !== 0) return fail(`the command exited ${r.code}`);
  return pass(`exit ${r.code}`);
};
