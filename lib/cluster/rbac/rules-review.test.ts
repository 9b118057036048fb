import { describe, expect, it } from "vitest";
import { aggregateClusterRoles } from "./aggregation";
import { bootstrapPolicy } from "./bootstrap-policy";
import { staticPolicySource } from "./policy-source";
import { attributesFromSpec, selfSubjectRulesReviewStatus, subjectAccessReviewStatus } from "./rules-review";
import { kubeApiserverAuthorizer } from "./union";

const boot = bootstrapPolicy();
const policy = staticPolicySource({ ...boot, clusterRoles: aggregateClusterRoles(boot.clusterRoles) });
const graph = { podsOnNode: () => [], getPersistentVolumeClaim: () => undefined };
const chain = kubeApiserverAuthorizer(policy, graph);

describe("selfSubjectRulesReviewStatus", () => {
  it("an authenticated user without bindings gets basic-user, discovery and public-info rules", () => {
    expect(selfSubjectRulesReviewStatus(chain, { username: "jane", groups: ["system:authenticated"] }, "default")).toEqual({
      resourceRules: [
        { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] },
        { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] },
      ],
      nonResourceRules: [
        { verbs: ["get"], nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"] },
        { verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"] },
      ],
      incomplete: false,
    });
  });
  it("system:masters lists cluster-admin first", () => {
    const s = selfSubjectRulesReviewStatus(chain, { username: "m", groups: ["system:masters", "system:authenticated"] }, "default");
    expect(s.resourceRules[0]).toEqual({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(s.nonResourceRules[0]).toEqual({ verbs: ["*"], nonResourceURLs: ["*"] });
  });
  it("a node's rules are incomplete", () => {
    const s = selfSubjectRulesReviewStatus(chain, { username: "system:node:node01", groups: ["system:nodes", "system:authenticated"] }, "default");
    expect([s.incomplete, s.evaluationError]).toEqual([true, "node authorizer does not support user rule resolution"]);
  });
});

describe("subjectAccessReviewStatus", () => {
  it.each([
    ["allowed for system:masters by the privileged-group authorizer (no reason)",
      { user: "m", groups: ["system:masters"], resourceAttributes: { verb: "delete", resource: "nodes" } }, { allowed: true }],
    ["allowed through RBAC",
      { user: "system:kube-scheduler", groups: ["system:authenticated"], resourceAttributes: { verb: "list", resource: "nodes" } },
      { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"' }],
    ["denied without opinion", { user: "jane", groups: ["system:authenticated"], resourceAttributes: { verb: "get", resource: "pods", namespace: "default" } }, { allowed: false }],
    ["non-resource", { user: "jane", groups: ["system:authenticated"], nonResourceAttributes: { verb: "get", path: "/healthz" } },
      { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' }],
  ])("%s", (_n, spec, want) => expect(subjectAccessReviewStatus(chain, attributesFromSpec(spec))).toEqual(want));
});
