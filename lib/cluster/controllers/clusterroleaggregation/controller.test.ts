// The clusterrole-aggregation controller against the scenario of the Kubernetes RBAC docs
// ("Aggregated ClusterRoles": a `monitoring` role filled from roles labelled
// rbac.example.com/aggregate-to-monitoring: "true"), and its upstream test's behaviour of
// following later label changes (clusterroleaggregation_controller_test.go).
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { harness, quiesce } from "../util/testing.js";
import { CLUSTER_ROLES, newClusterRoleAggregationController } from "./controller.js";

const LABEL = "rbac.example.com/aggregate-to-monitoring";
const role = (name: string, labels: Record<string, string>, rules: object[]): KObject => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name, labels }, rules } as KObject);
const endpointsRule = { apiGroups: [""], resources: ["services", "endpoints"], verbs: ["get", "list", "watch"] };
const podsRule = { apiGroups: [""], resources: ["pods"], verbs: ["get"] };

describe("clusterrole-aggregation controller", () => {
  it("fills the aggregated role, follows new and relabelled roles, and leaves others alone", async () => {
    const h = harness();
    h.client.seed(CLUSTER_ROLES, { ...role("monitoring", {}, []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [LABEL]: "true" } }] } } as KObject);
    h.client.seed(CLUSTER_ROLES, role("monitoring-endpoints", { [LABEL]: "true" }, [endpointsRule]));
    h.client.seed(CLUSTER_ROLES, role("unrelated", {}, [podsRule]));
    newClusterRoleAggregationController(h.ctx).start();
    await quiesce(h);
    const rulesOf = (n: string) => (h.client.get(CLUSTER_ROLES, "", n) as { rules?: unknown[] }).rules;
    expect(rulesOf("monitoring")).toEqual([endpointsRule]);

    await h.client.create(CLUSTER_ROLES, role("a-pods", { [LABEL]: "true" }, [podsRule, endpointsRule]));
    await quiesce(h);
    // Matching roles are taken in name order; a rule already present is not repeated.
    expect(rulesOf("monitoring")).toEqual([podsRule, endpointsRule]);

    const relabelled = structuredClone(h.client.get(CLUSTER_ROLES, "", "monitoring-endpoints")!);
    relabelled.metadata!.labels = {};
    await h.client.update(CLUSTER_ROLES, relabelled);
    await h.client.delete(CLUSTER_ROLES, "", "a-pods");
    await quiesce(h);
    expect(rulesOf("monitoring")).toEqual([]);
    expect(rulesOf("unrelated")).toEqual([podsRule]);
  });
});
