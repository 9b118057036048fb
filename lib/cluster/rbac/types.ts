// RBAC v1 shapes (k8s.io/api/rbac/v1/types.go) and the authorizer contract
// (k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go), as plain JSON-friendly objects.
import type { KObject, ObjectMeta, UserInfo } from "../api/types";

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}
export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}

/** Role or ClusterRole. */
export interface RoleObject extends KObject {
  metadata: ObjectMeta & { name: string };
  rules?: PolicyRule[] | null;
  aggregationRule?: AggregationRule;
}

export interface Subject {
  kind: string; // "User" | "Group" | "ServiceAccount"
  apiGroup?: string;
  name: string;
  namespace?: string;
}
export interface RoleRef {
  apiGroup: string;
  kind: string; // "Role" | "ClusterRole"
  name: string;
}
/** RoleBinding or ClusterRoleBinding. */
export interface BindingObject extends KObject {
  metadata: ObjectMeta & { name: string };
  subjects?: Subject[];
  roleRef: RoleRef;
}

/** upstream authorizer.Attributes, as a plain object. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  namespace?: string;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  resourceRequest: boolean;
  path?: string;
  /** Raw fieldSelector of a list/watch (used by the Node authorizer, e.g. "spec.nodeName=node01"). */
  fieldSelector?: string;
}

export type Decision = "allow" | "deny" | "no-opinion";
export interface AuthorizationResult {
  decision: Decision;
  reason: string;
  /** upstream's evaluation error (e.g. a binding that references a missing role), "" when none. */
  error?: string;
}

/**
 * What the RBAC authorizer reads (upstream: the Role/ClusterRole getters and binding listers).
 * get* return undefined when the object does not exist.
 */
export interface PolicySource {
  getRole(namespace: string, name: string): RoleObject | undefined;
  getClusterRole(name: string): RoleObject | undefined;
  listRoleBindings(namespace: string): BindingObject[];
  listClusterRoleBindings(): BindingObject[];
}

/** An authorizer that can also enumerate a user's rules (upstream: authorizer.Authorizer + RuleResolver). */
export interface Authorizer {
  authorize(attrs: Attributes): AuthorizationResult;
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}
export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs: string[];
}
export interface RulesForResult {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  incomplete: boolean;
  /** Errors met while resolving (flattened, as utilerrors.Aggregate would visit them). */
  errors: string[];
}
export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): RulesForResult;
}
