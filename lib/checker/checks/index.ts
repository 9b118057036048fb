// The registry of check types: one evaluator per `type:` of the exercise format.
import type { Check, CheckType } from "../../exercises/schema.js";
import type { LabAccess } from "../lab-access.js";
import { canI } from "./auth.js";
import { dns, http } from "./network.js";
import { command, file } from "./node.js";
import { absent, condition, exists, jsonpath, match } from "./objects.js";
import type { Evaluator, Outcome } from "./types.js";

const EVALUATORS: { [T in CheckType]: Evaluator<T> } = {
  exists,
  absent,
  match,
  jsonpath,
  condition,
  "can-i": canI,
  http,
  dns,
  file,
  command,
};

export function evaluate(check: Check, lab: LabAccess): Promise<Outcome> {
  return (EVALUATORS[check.type] as Evaluator<CheckType>)(check as never, lab);
}
