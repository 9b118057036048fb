import { describe, expect, it } from "vitest";
import { aggregateClusterRoles, aggregatedRules } from "./aggregation";
import { bootstrapPolicy } from "./bootstrap-policy";
import { R } from "./bootstrap/dsl";
import { labelSelectorMatches } from "./label-selector";
import type { LabelSelector, PolicyRule, RoleObject } from "./types";

// system:aggregate-to-view and system:aggregate-to-admin as testdata/cluster-roles.yaml lists them.
const READ = "get list watch";
const VIEW: PolicyRule[] = [
  R(READ, "core", "configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status"),
  R(READ, "core", "bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status"),
  R(READ, "core", "namespaces"),
  R(READ, "discovery.k8s.io", "endpointslices"),
  R(READ, "apps", "controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status"),
  R(READ, "autoscaling", "horizontalpodautoscalers horizontalpodautoscalers/status"),
  R(READ, "batch", "cronjobs cronjobs/status jobs jobs/status"),
  R(READ, "extensions", "daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale"),
  R(READ, "policy", "poddisruptionbudgets poddisruptionbudgets/status"),
  R(READ, "networking.k8s.io", "ingresses ingresses/status networkpolicies"),
];
const TO_ADMIN: PolicyRule[] = [
  R("create", "authorization.k8s.io", "localsubjectaccessreviews"),
  R("create delete deletecollection get list patch update watch", "rbac.authorization.k8s.io", "rolebindings roles"),
];

describe("aggregation of the bootstrap roles", () => {
  const roles = aggregateClusterRoles(bootstrapPolicy().clusterRoles);
  const rules = (name: string) => roles.find((r) => r.metadata.name === name)!.rules;
  const toEdit = bootstrapPolicy().clusterRoles.find((r) => r.metadata.name === "system:aggregate-to-edit")!.rules!;

  it("view = system:aggregate-to-view", () => expect(rules("view")).toEqual(VIEW));
  it("edit = system:aggregate-to-edit, then view (sorted by name)", () => {
    expect(toEdit).toHaveLength(13);
    expect(rules("edit")).toEqual([...toEdit, ...VIEW]);
  });
  it("admin = edit, then system:aggregate-to-admin", () => expect(rules("admin")).toEqual([...toEdit, ...VIEW, ...TO_ADMIN]));
  it("leaves roles without aggregationRule alone", () => expect(rules("cluster-admin")).toHaveLength(2));
});

const cr = (name: string, labels: Record<string, string>, rules: PolicyRule[], selectors?: LabelSelector[]): RoleObject => ({
  kind: "ClusterRole",
  metadata: { name, labels },
  rules,
  ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
});

describe("aggregatedRules", () => {
  const pods = R("get", "core", "pods");
  const svcs = R("get", "core", "services");
  it.each([
    {
      name: "dedupes equal rules across roles",
      all: [cr("b", { x: "1" }, [pods, svcs]), cr("a", { x: "1" }, [pods])],
      selectors: [{ matchLabels: { x: "1" } }],
      want: [pods, svcs],
    },
    {
      name: "selectors in order, roles by name within each",
      all: [cr("z", { y: "1" }, [pods]), cr("b", { x: "1" }, [svcs])],
      selectors: [{ matchLabels: { x: "1" } }, { matchLabels: { y: "1" } }],
      want: [svcs, pods],
    },
    {
      name: "skips itself",
      all: [cr("t", { x: "1" }, [pods])],
      selectors: [{ matchLabels: { x: "1" } }],
      want: [],
    },
    {
      name: "matchExpressions In and DoesNotExist",
      all: [cr("a", { tier: "web" }, [pods]), cr("b", { tier: "web", skip: "" }, [svcs]), cr("c", { tier: "db" }, [svcs])],
      selectors: [{ matchExpressions: [{ key: "tier", operator: "In" as const, values: ["web"] }, { key: "skip", operator: "DoesNotExist" as const }] }],
      want: [pods],
    },
  ] as { name: string; all: RoleObject[]; selectors: LabelSelector[]; want: PolicyRule[] }[])("$name", ({ all, selectors, want }) => {
    const target = cr("t", { x: "1" }, [], selectors);
    expect(aggregatedRules(target, [...all, target])).toEqual(want);
  });
});

describe("labelSelectorMatches", () => {
  it.each([
    ["empty selector matches everything", {}, { a: "1" }, true],
    ["matchLabels mismatch", { matchLabels: { a: "2" } }, { a: "1" }, false],
    ["NotIn on a missing key", { matchExpressions: [{ key: "a", operator: "NotIn" as const, values: ["1"] }] }, {}, true],
    ["Exists", { matchExpressions: [{ key: "a", operator: "Exists" as const }] }, { a: "" }, true],
    ["no inherited keys", { matchExpressions: [{ key: "toString", operator: "Exists" as const }] }, {}, false],
  ])("%s", (_n, selector, labels, want) => expect(labelSelectorMatches(selector, labels)).toBe(want));
});
