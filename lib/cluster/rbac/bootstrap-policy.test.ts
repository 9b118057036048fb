import { describe, expect, it } from "vitest";
import { bootstrapPolicy } from "./bootstrap-policy";

// Rule counts per ClusterRole, counted in upstream's testdata/cluster-roles.yaml and
// controller-roles.yaml (v1.32 defaults: gated controller roles absent).
const CLUSTER_ROLE_RULE_COUNTS: [string, number][] = [
  ["admin", 0], ["cluster-admin", 2], ["edit", 0], ["system:aggregate-to-admin", 2],
  ["system:aggregate-to-edit", 13], ["system:aggregate-to-view", 10], ["system:auth-delegator", 2],
  ["system:basic-user", 2], ["system:certificates.k8s.io:certificatesigningrequests:nodeclient", 1],
  ["system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", 1],
  ["system:certificates.k8s.io:kube-apiserver-client-approver", 1],
  ["system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", 1],
  ["system:certificates.k8s.io:kubelet-serving-approver", 1], ["system:certificates.k8s.io:legacy-unknown-approver", 1],
  ["system:discovery", 1], ["system:heapster", 2], ["system:kube-aggregator", 1], ["system:kube-controller-manager", 11],
  ["system:kube-dns", 1], ["system:kube-scheduler", 18], ["system:kubelet-api-admin", 3], ["system:monitoring", 1],
  ["system:node", 22], ["system:node-bootstrapper", 1], ["system:node-problem-detector", 3], ["system:node-proxier", 4],
  ["system:persistent-volume-provisioner", 5], ["system:public-info-viewer", 1],
  ["system:service-account-issuer-discovery", 1], ["system:volume-scheduler", 3], ["view", 0],
];
const CONTROLLER_RULE_COUNTS: [string, number][] = [
  ["attachdetach-controller", 8], ["certificate-controller", 6], ["clusterrole-aggregation-controller", 1],
  ["cronjob-controller", 6], ["daemon-set-controller", 8], ["deployment-controller", 6], ["disruption-controller", 9],
  ["endpoint-controller", 4], ["endpointslice-controller", 4], ["endpointslicemirroring-controller", 5],
  ["ephemeral-volume-controller", 4], ["expand-controller", 4], ["generic-garbage-collector", 2],
  ["horizontal-pod-autoscaler", 8], ["job-controller", 5], ["legacy-service-account-token-cleaner", 2],
  ["namespace-controller", 3], ["node-controller", 5], ["persistent-volume-binder", 9], ["pod-garbage-collector", 3],
  ["pv-protection-controller", 2], ["pvc-protection-controller", 3], ["replicaset-controller", 5],
  ["replication-controller", 5], ["resourcequota-controller", 3], ["root-ca-cert-publisher", 2], ["route-controller", 3],
  ["service-account-controller", 2], ["service-controller", 4], ["statefulset-controller", 10],
  ["ttl-after-finished-controller", 2], ["ttl-controller", 2], ["validatingadmissionpolicy-status-controller", 3],
];

describe("bootstrap ClusterRoles", () => {
  const policy = bootstrapPolicy();
  it("has upstream's ClusterRoles, in order, with upstream's rule counts", () => {
    const expected = [
      ...CLUSTER_ROLE_RULE_COUNTS,
      ...CONTROLLER_RULE_COUNTS.map(([n, c]) => [`system:controller:${n}`, c] as [string, number]),
    ];
    expect(policy.clusterRoles.map((r) => [r.metadata.name, r.rules?.length])).toEqual(expected);
  });
  it.each([
    ["admin", { "kubernetes.io/bootstrapping": "rbac-defaults" }, "rbac.authorization.k8s.io/aggregate-to-admin"],
    ["edit", { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true" }, "rbac.authorization.k8s.io/aggregate-to-edit"],
    ["view", { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-edit": "true" }, "rbac.authorization.k8s.io/aggregate-to-view"],
  ])("%s has its labels and aggregationRule", (name, labels, selectorKey) => {
    const role = policy.clusterRoles.find((r) => r.metadata.name === name)!;
    expect({ ...role.metadata.labels }).toEqual(labels);
    expect(role.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { [selectorKey]: "true" } }] });
  });
  it("writes a whole object as the API serves it", () => {
    const role = policy.clusterRoles.find((r) => r.metadata.name === "system:certificates.k8s.io:kubelet-serving-approver")!;
    expect(JSON.parse(JSON.stringify(role))).toEqual({
      kind: "ClusterRole",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: {
        name: "system:certificates.k8s.io:kubelet-serving-approver",
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
        annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
      },
      rules: [
        { verbs: ["approve"], apiGroups: ["certificates.k8s.io"], resources: ["signers"], resourceNames: ["kubernetes.io/kubelet-serving"] },
      ],
    });
  });
  it("every object is labelled and annotated", () => {
    const all = [...policy.clusterRoles, ...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings];
    for (const o of all) {
      expect(o.metadata.labels?.["kubernetes.io/bootstrapping"]).toBe("rbac-defaults");
      expect(o.metadata.annotations?.["rbac.authorization.kubernetes.io/autoupdate"]).toBe("true");
    }
  });
});

describe("bootstrap bindings and namespace roles", () => {
  const policy = bootstrapPolicy();
  it("has upstream's ClusterRoleBindings with their subjects", () => {
    const summary = policy.clusterRoleBindings
      .filter((b) => !b.metadata.name.startsWith("system:controller:"))
      .map((b) => [b.metadata.name, b.roleRef.name, (b.subjects ?? []).map((s) => `${s.kind}:${s.namespace ? s.namespace + "/" : ""}${s.name}`)]);
    expect(summary).toEqual([
      ["cluster-admin", "cluster-admin", ["Group:system:masters"]],
      ["system:basic-user", "system:basic-user", ["Group:system:authenticated"]],
      ["system:discovery", "system:discovery", ["Group:system:authenticated"]],
      ["system:kube-controller-manager", "system:kube-controller-manager", ["User:system:kube-controller-manager"]],
      ["system:kube-dns", "system:kube-dns", ["ServiceAccount:kube-system/kube-dns"]],
      ["system:kube-scheduler", "system:kube-scheduler", ["User:system:kube-scheduler"]],
      ["system:monitoring", "system:monitoring", ["Group:system:monitoring"]],
      ["system:node", "system:node", []],
      ["system:node-proxier", "system:node-proxier", ["User:system:kube-proxy"]],
      ["system:public-info-viewer", "system:public-info-viewer", ["Group:system:authenticated", "Group:system:unauthenticated"]],
      ["system:service-account-issuer-discovery", "system:service-account-issuer-discovery", ["Group:system:serviceaccounts"]],
      ["system:volume-scheduler", "system:volume-scheduler", ["User:system:kube-scheduler"]],
    ]);
  });
  it("binds each controller role to its ServiceAccount in kube-system", () => {
    const b = policy.clusterRoleBindings.find((x) => x.metadata.name === "system:controller:job-controller")!;
    expect(JSON.parse(JSON.stringify(b))).toEqual({
      kind: "ClusterRoleBinding",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: {
        name: "system:controller:job-controller",
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
        annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
      },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:controller:job-controller" },
      subjects: [{ kind: "ServiceAccount", name: "job-controller", namespace: "kube-system" }],
    });
    expect(policy.clusterRoleBindings.filter((x) => x.metadata.name.startsWith("system:controller:"))).toHaveLength(CONTROLLER_RULE_COUNTS.length);
  });
  it("has upstream's namespaced Roles and RoleBindings", () => {
    expect(policy.roles.map((r) => `${r.metadata.namespace}/${r.metadata.name}:${r.rules?.length}`)).toEqual([
      "kube-public/system:controller:bootstrap-signer:3",
      "kube-system/extension-apiserver-authentication-reader:1",
      "kube-system/system::leader-locking-kube-controller-manager:4",
      "kube-system/system::leader-locking-kube-scheduler:4",
      "kube-system/system:controller:bootstrap-signer:1",
      "kube-system/system:controller:cloud-provider:1",
      "kube-system/system:controller:token-cleaner:2",
    ]);
    expect(policy.roleBindings.map((r) => `${r.metadata.namespace}/${r.metadata.name}->${r.roleRef.name}`)).toEqual([
      "kube-public/system:controller:bootstrap-signer->system:controller:bootstrap-signer",
      "kube-system/system::extension-apiserver-authentication-reader->extension-apiserver-authentication-reader",
      "kube-system/system::leader-locking-kube-controller-manager->system::leader-locking-kube-controller-manager",
      "kube-system/system::leader-locking-kube-scheduler->system::leader-locking-kube-scheduler",
      "kube-system/system:controller:bootstrap-signer->system:controller:bootstrap-signer",
      "kube-system/system:controller:cloud-provider->system:controller:cloud-provider",
      "kube-system/system:controller:token-cleaner->system:controller:token-cleaner",
    ]);
  });
  it("returns fresh copies", () => {
    const a = bootstrapPolicy();
    a.clusterRoles[1].rules!.push({ verbs: ["x"] });
    expect(bootstrapPolicy().clusterRoles[1].rules).toHaveLength(2);
  });
});
