// A LabAccess for unit tests: answers scripts from a table and records what was run.
import { Check } from "../exercises/schema.js";
import type { ExecResult, LabAccess } from "./lab-access.js";

export interface Scripted {
  node?: string;
  script: string;
  result: Partial<ExecResult>;
}

export class FakeLab implements LabAccess {
  readonly calls: { node: string; script: string }[] = [];
  constructor(private readonly answers: Scripted[]) {}
  async exec(node: string, script: string): Promise<ExecResult> {
    this.calls.push({ node, script });
    const a = this.answers.find((x) => x.script === script && (x.node ?? "controlplane") === node);
    if (!a) throw new Error(`FakeLab: unexpected script on ${node}: ${script}`);
    return { stdout: "", stderr: "", code: 0, ...a.result };
  }
}

/** A check with the schema's defaults filled in, from the fields a test cares about. */
export function check(fields: Record<string, unknown>): Check {
  return Check.parse({ id: "c", message: { en: "wrong", ko: "틀림" }, ...fields });
}
