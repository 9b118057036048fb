// SelfSubjectRulesReview and (Self/Local)SubjectAccessReview evaluation:
// pkg/registry/authorization/selfsubjectrulesreview/rest.go,
// pkg/registry/authorization/subjectaccessreview/rest.go and
// pkg/registry/authorization/util/helpers.go (AuthorizationAttributesFrom).
import type { UserInfo } from "../api/types";
import type { Attributes, Authorizer, RuleResolver } from "./types";
import { aggregateError } from "./go-format";

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}
export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}
/** authorization.k8s.io/v1 SubjectRulesReviewStatus. */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

/** The status for a SelfSubjectRulesReview of namespace (the REST layer rejects an empty one:
 * BadRequest "no namespace on request"). Empty lists are omitted from each rule, as v1's omitempty. */
export function selfSubjectRulesReviewStatus(resolver: RuleResolver, user: UserInfo, namespace: string): SubjectRulesReviewStatus {
  const got = resolver.rulesFor(user, namespace);
  const status: SubjectRulesReviewStatus = {
    resourceRules: got.resourceRules.map((r) => {
      const rule: ResourceRule = { verbs: [...r.verbs] };
      if (r.apiGroups.length > 0) rule.apiGroups = [...r.apiGroups];
      if (r.resources.length > 0) rule.resources = [...r.resources];
      if (r.resourceNames.length > 0) rule.resourceNames = [...r.resourceNames];
      return rule;
    }),
    nonResourceRules: got.nonResourceRules.map((r) => {
      const rule: NonResourceRule = { verbs: [...r.verbs] };
      if (r.nonResourceURLs.length > 0) rule.nonResourceURLs = [...r.nonResourceURLs];
      return rule;
    }),
    incomplete: got.incomplete,
  };
  const err = aggregateError(got.errors);
  if (err) status.evaluationError = err;
  return status;
}

/** authorization.k8s.io/v1 SubjectAccessReviewSpec (the part that matters for evaluation). */
export interface SubjectAccessReviewSpec {
  resourceAttributes?: {
    namespace?: string;
    verb?: string;
    group?: string;
    version?: string;
    resource?: string;
    subresource?: string;
    name?: string;
  };
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}
export interface SubjectAccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/** The user of a SubjectAccessReview's spec (for Self* reviews the caller passes the requester). */
export function userFromSpec(spec: SubjectAccessReviewSpec): UserInfo {
  const user: UserInfo = { username: spec.user ?? "", groups: [...(spec.groups ?? [])] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return user;
}

/** AuthorizationAttributesFrom / ResourceAttributesFrom / NonResourceAttributesFrom. */
export function attributesFromSpec(spec: SubjectAccessReviewSpec, user: UserInfo = userFromSpec(spec)): Attributes {
  const ra = spec.resourceAttributes;
  if (ra) {
    return {
      user,
      verb: ra.verb ?? "",
      namespace: ra.namespace ?? "",
      apiGroup: ra.group ?? "",
      apiVersion: ra.version ?? "",
      resource: ra.resource ?? "",
      subresource: ra.subresource ?? "",
      name: ra.name ?? "",
      resourceRequest: true,
    };
  }
  const na = spec.nonResourceAttributes ?? {};
  return { user, verb: na.verb ?? "", path: na.path ?? "", resourceRequest: false };
}

/** The status the SubjectAccessReview REST handlers write. */
export function subjectAccessReviewStatus(authorizer: Authorizer, attrs: Attributes): SubjectAccessReviewStatus {
  const r = authorizer.authorize(attrs);
  const status: SubjectAccessReviewStatus = { allowed: r.decision === "allow" };
  if (r.decision === "deny") status.denied = true;
  if (r.reason) status.reason = r.reason;
  if (r.error) status.evaluationError = r.error;
  return status;
}
