// API Priority and Fairness defaults the API server maintains
// (staging/src/k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go).

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";

const V = "flowcontrol.apiserver.k8s.io/v1";
const AUTOUPDATE = { "apf.kubernetes.io/autoupdate-spec": "true" };

// [name, nominalConcurrencyShares, lendablePercent, queues, handSize, queueLengthLimit] (queues 0 = Reject)
const LIMITED: [string, number, number, number, number, number][] = [
  ["catch-all", 5, 0, 0, 0, 0],
  ["global-default", 30, 50, 128, 6, 50],
  ["leader-election", 10, 0, 16, 4, 50],
  ["node-high", 40, 25, 64, 6, 50],
  ["system", 30, 33, 64, 6, 50],
  ["workload-high", 40, 50, 128, 6, 50],
  ["workload-low", 100, 90, 128, 6, 50],
];

// [name, precedence, priority level, distinguisher method or "" for none]
export const FLOW_SCHEMAS: [string, number, string, string][] = [
  ["exempt", 1, "exempt", ""],
  ["probes", 2, "exempt", ""],
  ["system-leader-election", 100, "leader-election", "ByUser"],
  ["endpoint-controller", 150, "workload-high", "ByUser"],
  ["workload-leader-election", 200, "leader-election", "ByUser"],
  ["system-node-high", 400, "node-high", "ByUser"],
  ["system-nodes", 500, "system", "ByUser"],
  ["kube-controller-manager", 800, "workload-high", "ByNamespace"],
  ["kube-scheduler", 800, "workload-high", "ByNamespace"],
  ["kube-system-service-accounts", 900, "workload-high", "ByNamespace"],
  ["service-accounts", 9000, "workload-low", "ByUser"],
  ["global-default", 9900, "global-default", "ByUser"],
  ["catch-all", 10000, "catch-all", "ByUser"],
];

const ALL_RESOURCES = { apiGroups: ["*"], clusterScope: true, namespaces: ["*"], resources: ["*"], verbs: ["*"] };
const ALL_NON_RESOURCES = { nonResourceURLs: ["*"], verbs: ["*"] };
const group = (name: string) => ({ group: { name }, kind: "Group" });
const user = (name: string) => ({ kind: "User", user: { name } });
const sa = (namespace: string, name: string) => ({ kind: "ServiceAccount", serviceAccount: { name, namespace } });

// Rules of each schema, from default.go.
const RULES: Record<string, unknown[]> = {
  exempt: [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [group("system:masters")] }],
  probes: [{ nonResourceRules: [{ nonResourceURLs: ["/healthz", "/readyz", "/livez"], verbs: ["get"] }], subjects: [group("system:unauthenticated"), group("system:authenticated")] }],
  "system-leader-election": [
    {
      resourceRules: [{ apiGroups: ["coordination.k8s.io"], namespaces: ["*"], resources: ["leases"], verbs: ["get", "create", "update"] }],
      subjects: [user("system:kube-controller-manager"), user("system:kube-scheduler"), sa("kube-system", "*")],
    },
  ],
  "endpoint-controller": [
    {
      resourceRules: [{ apiGroups: [""], namespaces: ["*"], resources: ["endpoints"], verbs: ["get", "create", "update"] }],
      subjects: [user("system:kube-controller-manager"), sa("kube-system", "endpoint-controller")],
    },
  ],
  "workload-leader-election": [
    { resourceRules: [{ apiGroups: ["coordination.k8s.io"], namespaces: ["*"], resources: ["leases"], verbs: ["get", "create", "update"] }], subjects: [sa("kube-system", "*")] },
  ],
  "system-node-high": [
    {
      nonResourceRules: [ALL_NON_RESOURCES],
      resourceRules: [
        { apiGroups: [""], clusterScope: true, resources: ["nodes", "nodes/status"], verbs: ["*"] },
        { apiGroups: ["coordination.k8s.io"], namespaces: ["*"], resources: ["leases"], verbs: ["*"] },
      ],
      subjects: [group("system:nodes")],
    },
  ],
  "system-nodes": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [group("system:nodes")] }],
  "kube-controller-manager": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [user("system:kube-controller-manager")] }],
  "kube-scheduler": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [user("system:kube-scheduler")] }],
  "kube-system-service-accounts": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [sa("kube-system", "*")] }],
  "service-accounts": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [group("system:serviceaccounts")] }],
  "global-default": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [group("system:unauthenticated"), group("system:authenticated")] }],
  "catch-all": [{ nonResourceRules: [ALL_NON_RESOURCES], resourceRules: [ALL_RESOURCES], subjects: [group("system:unauthenticated"), group("system:authenticated")] }],
};

export function buildAPFObjects(ctx: BuildContext): KObject[] {
  const at = 8;
  const out: KObject[] = [];
  out.push(
    obj(V, "PriorityLevelConfiguration", ctx, { name: "exempt", annotations: AUTOUPDATE, createdAt: at, generation: 1 }, {
      spec: { exempt: { lendablePercent: 0, nominalConcurrencyShares: 0 }, type: "Exempt" },
      status: {},
    }),
  );
  for (const [name, shares, lendable, queues, handSize, qll] of LIMITED) {
    const limitResponse = queues === 0 ? { type: "Reject" } : { queuing: { handSize, queueLengthLimit: qll, queues }, type: "Queue" };
    out.push(
      obj(V, "PriorityLevelConfiguration", ctx, { name, annotations: AUTOUPDATE, createdAt: at, generation: 1 }, {
        spec: { limited: { lendablePercent: lendable, limitResponse, nominalConcurrencyShares: shares }, type: "Limited" },
        status: {},
      }),
    );
  }
  for (const [name, precedence, plc, distinguisher] of FLOW_SCHEMAS) {
    const spec: Record<string, unknown> = { matchingPrecedence: precedence, priorityLevelConfiguration: { name: plc }, rules: RULES[name] };
    if (distinguisher) spec.distinguisherMethod = { type: distinguisher };
    out.push(
      obj(V, "FlowSchema", ctx, { name, annotations: AUTOUPDATE, createdAt: at, generation: 1 }, {
        spec,
        status: {
          conditions: [
            {
              lastTransitionTime: ctx.at(at),
              message: `This FlowSchema references the PriorityLevelConfiguration object named "${plc}" and it exists`,
              reason: "Found",
              status: "False",
              type: "Dangling",
            },
          ],
        },
      }),
    );
  }
  return out;
}
