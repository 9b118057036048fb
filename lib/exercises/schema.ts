// The exercise format (docs/authoring.md): exercises/<domain>/<id>/exercise.yaml. Strict objects
// everywhere so a misspelt key is an error with its position, not a silently ignored field.
import { z } from "zod";
import { DOMAIN_NAMES, DOMAINS } from "./curriculum.js";
import { FEATURE_NAMES } from "./features.js";

/** Lowercase RFC 1123 label, as Kubernetes names (ids become lab and directory names). */
const Slug = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a lowercase RFC 1123 label (a-z, 0-9, '-')");

export const Localized = z.strictObject({ en: z.string().trim().min(1), ko: z.string().trim().min(1) });
export type Localized = z.infer<typeof Localized>;

const NodeName = z.string().regex(/^[a-z0-9][-a-z0-9]*$/, "must be a node name such as controlplane or node01");

const Regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, "is not a valid JavaScript regular expression");

/** An expectation on a text (trimmed before comparison); every field given must hold. */
const textExpectShape = {
  equals: z.string().optional(),
  contains: z.string().optional(),
  notContains: z.string().optional(),
  matches: Regex.optional(),
};
export const TextExpect = z
  .strictObject(textExpectShape)
  .refine((t) => Object.keys(t).length > 0, "needs at least one of equals, contains, notContains, matches");
export type TextExpect = z.infer<typeof TextExpect>;

const Retry = z.strictObject({
  timeoutSeconds: z.number().positive().max(300),
  intervalSeconds: z.number().positive().max(60).default(2),
});

const common = {
  id: Slug,
  weight: z.number().positive().max(100).default(1),
  /** Student-facing: what is wrong, never the answer. */
  message: Localized,
  hint: Localized.optional(),
  retry: Retry.optional(),
};

/** An object as kubectl names it: `kubectl get RESOURCE NAME -n NAMESPACE`. */
const ref = {
  resource: z.string().regex(/^[a-z][-a-z0-9.]*(\/[a-z]+)?$/, "must be a kubectl resource name such as deployment or roles.rbac.authorization.k8s.io"),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
};

const ObjectCheck = z.strictObject({ ...common, type: z.literal("exists"), ...ref });
const AbsentCheck = z.strictObject({ ...common, type: z.literal("absent"), ...ref });
const MatchCheck = z.strictObject({
  ...common,
  type: z.literal("match"),
  ...ref,
  name: z.string().min(1).optional(),
  /** Without a name: the objects listed (by namespace and selector); one of them must match. */
  selector: z.string().optional(),
  expect: z.record(z.string(), z.unknown()),
});
const JsonPathCheck = z.strictObject({
  ...common,
  type: z.literal("jsonpath"),
  ...ref,
  path: z.string().regex(/^\{.*\}$/s, "must be a kubectl JSONPath template such as {.spec.replicas}"),
  ...textExpectShape,
});
const ConditionCheck = z.strictObject({
  ...common,
  type: z.literal("condition"),
  ...ref,
  condition: z.string().min(1),
  status: z.enum(["True", "False", "Unknown"]).default("True"),
  reason: z.string().optional(),
});
const CanICheck = z.strictObject({
  ...common,
  type: z.literal("can-i"),
  as: z.string().min(1).optional(),
  serviceAccount: z.string().regex(/^[a-z0-9][-a-z0-9.]*\/[a-z0-9][-a-z0-9.]*$/, "must be NAMESPACE/NAME").optional(),
  groups: z.array(z.string().min(1)).optional(),
  verb: z.string().min(1),
  resource: z.string().regex(/^[a-z][-a-z0-9.]*$/, "must be a resource name such as pods or deployments.apps; use subresource for pods/log"),
  subresource: z.string().regex(/^[a-z]+$/).optional(),
  name: z.string().optional(),
  /** "*" asks for all namespaces (-A). */
  namespace: z.string().optional(),
  allowed: z.boolean(),
});
const FromPod = z.strictObject({ pod: z.string().min(1), namespace: z.string().min(1).default("default"), container: z.string().optional() });
const HttpCheck = z.strictObject({
  ...common,
  type: z.literal("http"),
  from: z.union([z.strictObject({ node: NodeName }), FromPod]),
  url: z.string().regex(/^https?:\/\/\S+$/, "must be an http:// or https:// URL"),
  status: z.number().int().min(100).max(599).optional(),
  body: TextExpect.optional(),
  /** An unreachable URL passes (e.g. blocked by a NetworkPolicy). */
  unreachable: z.boolean().optional(),
  timeoutSeconds: z.number().positive().max(30).default(5),
});
const DnsCheck = z.strictObject({
  ...common,
  type: z.literal("dns"),
  from: FromPod,
  query: z.string().min(1),
  resolves: z.boolean().default(true),
  address: TextExpect.optional(),
});
const FileCheck = z.strictObject({
  ...common,
  type: z.literal("file"),
  node: NodeName.default("controlplane"),
  path: z.string().regex(/^\//, "must be an absolute path"),
  exists: z.boolean().default(true),
  content: TextExpect.optional(),
});
const CommandCheck = z.strictObject({
  ...common,
  type: z.literal("command"),
  node: NodeName.default("controlplane"),
  /** A read-only bash script; the engine never mutates the lab, so neither may this. */
  run: z.string().min(1),
  exitCode: z.number().int().optional(),
  stdout: TextExpect.optional(),
  stderr: TextExpect.optional(),
});

export const Check = z.discriminatedUnion("type", [ObjectCheck, AbsentCheck, MatchCheck, JsonPathCheck, ConditionCheck, CanICheck, HttpCheck, DnsCheck, FileCheck, CommandCheck]);
export type Check = z.infer<typeof Check>;
export type CheckType = Check["type"];
export type CheckOf<T extends CheckType> = Extract<Check, { type: T }>;

const Script = z.strictObject({ node: NodeName.default("controlplane"), script: z.string().trim().min(1) });

/** A plausible mistake a student makes (wrong namespace, port, label, image tag): the self-test
 * types it after setup and asserts the checks named in `fails` fail, so that the mistake loses
 * points with a message that says what is wrong. */
const WrongAnswer = z.strictObject({
  id: Slug,
  /** For authors: what the mistake is. */
  description: z.string().trim().min(1),
  node: NodeName.default("controlplane"),
  /** Like a solution, it ends by waiting for the state it produces (checks are not retried). */
  script: z.string().trim().min(1),
  /** Ids of checks that must fail (not error) after the script. */
  fails: z.array(z.string().min(1)).min(1),
  /** Run afterwards, so that the next wrong answer and the solution start from the setup state. */
  undo: z.string().trim().min(1).optional(),
});
export type WrongAnswer = z.infer<typeof WrongAnswer>;

export const Exercise = z
  .strictObject({
    id: Slug,
    title: Localized,
    domain: z.enum(DOMAIN_NAMES),
    competency: z.string(),
    difficulty: z.enum(["easy", "medium", "hard"]),
    points: z.number().int().positive().max(100),
    timeEstimateMinutes: z.number().int().positive().max(120),
    lab: z.enum(["default", "ha"]).default("default"),
    requires: z.array(z.enum(FEATURE_NAMES)).default([]),
    prompt: Localized,
    setup: z
      .strictObject({ node: NodeName.default("controlplane"), manifests: z.string().trim().min(1).optional(), script: z.string().trim().min(1).optional() })
      .optional(),
    checks: z.array(Check).min(1),
    hints: z.array(Localized).default([]),
    solution: Script,
    wrongAnswers: z.array(WrongAnswer).default([]),
    explanation: Localized,
  })
  .superRefine((ex, ctx) => {
    const list: readonly string[] = DOMAINS[ex.domain].competencies;
    if (!list.includes(ex.competency)) {
      ctx.addIssue({ code: "custom", path: ["competency"], message: `is not a competency of domain ${ex.domain}; one of: ${list.map((c) => JSON.stringify(c)).join(", ")}` });
    }
    ex.checks.forEach((c, i) => {
      if (c.type === "can-i" && (c.as === undefined) === (c.serviceAccount === undefined)) {
        ctx.addIssue({ code: "custom", path: ["checks", i], message: "a can-i check needs exactly one of as or serviceAccount" });
      }
      if (c.type === "jsonpath" && c.equals === undefined && c.contains === undefined && c.notContains === undefined && c.matches === undefined) {
        ctx.addIssue({ code: "custom", path: ["checks", i], message: "a jsonpath check needs at least one of equals, contains, notContains, matches" });
      }
    });
  });
export type Exercise = z.infer<typeof Exercise>;
