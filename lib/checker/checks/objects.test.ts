import { describe, expect, it } from "vitest";
import { FakeLab, check, type Scripted } from "../testing.js";
import { evaluate } from "./index.js";
import { CheckError } from "./types.js";
import { isCustomResourceName } from "../kubectl.js";

const K = "kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=10s";
const notFound = (what: string) => ({ code: 1, stderr: `Error from server (NotFound): ${what} not found\n` });
const role = { kind: "Role", metadata: { name: "pod-reader", namespace: "dev" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }] };

interface Case {
  name: string;
  check: Record<string, unknown>;
  lab: Scripted[];
  want: { passed: boolean; detail: string };
}

const cases: Case[] = [
  {
    name: "exists: found",
    check: { type: "exists", resource: "role", name: "pod-reader", namespace: "dev" },
    lab: [{ script: `${K} get 'role' 'pod-reader' -n 'dev' -o name`, result: { stdout: "role.rbac.authorization.k8s.io/pod-reader\n" } }],
    want: { passed: true, detail: "role.rbac.authorization.k8s.io/pod-reader exists" },
  },
  {
    name: "exists: not found",
    check: { type: "exists", resource: "role", name: "pod-reader", namespace: "dev" },
    lab: [{ script: `${K} get 'role' 'pod-reader' -n 'dev' -o name`, result: notFound('roles.rbac.authorization.k8s.io "pod-reader"') }],
    want: { passed: false, detail: 'Error from server (NotFound): roles.rbac.authorization.k8s.io "pod-reader" not found' },
  },
  {
    name: "absent: gone",
    check: { type: "absent", resource: "namespace", name: "old" },
    lab: [{ script: `${K} get 'namespace' 'old' -o name`, result: notFound('namespaces "old"') }],
    want: { passed: true, detail: 'Error from server (NotFound): namespaces "old" not found' },
  },
  {
    name: "absent: still there",
    check: { type: "absent", resource: "namespace", name: "old" },
    lab: [{ script: `${K} get 'namespace' 'old' -o name`, result: { stdout: "namespace/old\n" } }],
    want: { passed: false, detail: "namespace/old exists" },
  },
  {
    name: "absent: an unreachable API server is not absence",
    check: { type: "absent", resource: "namespace", name: "old" },
    lab: [{ script: `${K} get 'namespace' 'old' -o name`, result: { code: 1, stderr: "The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n" } }],
    want: { passed: false, detail: "kubectl get 'namespace' 'old' -o name failed (exit 1): The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?" },
  },
  {
    name: "match: a named object",
    check: { type: "match", resource: "role", name: "pod-reader", namespace: "dev", expect: { rules: [{ verbs: ["list"] }] } },
    lab: [{ script: `${K} get 'role' 'pod-reader' -n 'dev' -o json`, result: { stdout: JSON.stringify(role) } }],
    want: { passed: true, detail: "role/pod-reader in namespace dev matches" },
  },
  {
    name: "match: a mismatch names the field",
    check: { type: "match", resource: "role", name: "pod-reader", namespace: "dev", expect: { rules: [{ resources: ["pods"], verbs: ["watch"] }] } },
    lab: [{ script: `${K} get 'role' 'pod-reader' -n 'dev' -o json`, result: { stdout: JSON.stringify(role) } }],
    want: { passed: false, detail: 'role/pod-reader in namespace dev: rules[0].verbs: no element matches "watch"' },
  },
  {
    name: "match: one of the listed objects",
    check: { type: "match", resource: "pods", namespace: "web", selector: "app=web", expect: { spec: { nodeName: "node01" } } },
    lab: [
      {
        script: `${K} get 'pods' -n 'web' -l 'app=web' -o json`,
        result: { stdout: JSON.stringify({ items: [{ metadata: { name: "a" }, spec: { nodeName: "node02" } }, { metadata: { name: "b" }, spec: { nodeName: "node01" } }] }) },
      },
    ],
    want: { passed: true, detail: "pods/b matches" },
  },
  {
    name: "match: an empty list",
    check: { type: "match", resource: "pods", namespace: "web", selector: "app=web", expect: {} },
    lab: [{ script: `${K} get 'pods' -n 'web' -l 'app=web' -o json`, result: { stdout: '{"items":[]}' } }],
    want: { passed: false, detail: "no pods in namespace web with labels app=web" },
  },
  {
    name: "jsonpath: equals",
    check: { type: "jsonpath", resource: "deployment", name: "web", path: "{.spec.replicas}", equals: "3" },
    lab: [{ script: `${K} get 'deployment' 'web' -o jsonpath='{.spec.replicas}'`, result: { stdout: "3" } }],
    want: { passed: true, detail: '{.spec.replicas} = "3"' },
  },
  {
    name: "jsonpath: matches fails",
    check: { type: "jsonpath", resource: "deployment", name: "web", path: "{.spec.template.spec.containers[0].image}", matches: "^nginx:1\\.27" },
    lab: [{ script: `${K} get 'deployment' 'web' -o jsonpath='{.spec.template.spec.containers[0].image}'`, result: { stdout: "nginx:1.26" } }],
    want: { passed: false, detail: '{.spec.template.spec.containers[0].image} of deployment/web "nginx:1.26" does not match /^nginx:1\\.27/' },
  },
  {
    name: "condition: holds",
    check: { type: "condition", resource: "deployment", name: "web", namespace: "shop", condition: "Available" },
    lab: [{ script: `${K} get 'deployment' 'web' -n 'shop' -o json`, result: { stdout: JSON.stringify({ status: { conditions: [{ type: "Available", status: "True", reason: "MinimumReplicasAvailable" }] } }) } }],
    want: { passed: true, detail: "deployment/web in namespace shop: Available=True (MinimumReplicasAvailable)" },
  },
  {
    name: "condition: does not hold",
    check: { type: "condition", resource: "pod", name: "db", condition: "Ready" },
    lab: [{ script: `${K} get 'pod' 'db' -o json`, result: { stdout: JSON.stringify({ status: { conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [db]" }] } }) } }],
    want: { passed: false, detail: "pod/db: Ready=False (ContainersNotReady): containers with unready status: [db]" },
  },
  {
    name: "condition: missing",
    check: { type: "condition", resource: "pod", name: "db", condition: "Ready" },
    lab: [{ script: `${K} get 'pod' 'db' -o json`, result: { stdout: "{}" } }],
    want: { passed: false, detail: "pod/db has no condition Ready" },
  },
];

describe("object checks", () => {
  it.each(cases)("$name", async ({ check: fields, lab, want }) => {
    const fake = new FakeLab(lab);
    expect(await evaluate(check(fields), fake)).toEqual(want);
    expect(fake.calls.length).toBe(1);
  });

  it.each([
    { name: "an unknown resource type", stderr: 'error: the server doesn\'t have a resource type "rolez"\n' },
    { name: "a bad JSONPath", stderr: "error: error parsing jsonpath {.spec.[}, unterminated array\n" },
  ])("$name is the check's error, not the student's", async ({ stderr }) => {
    const fake = new FakeLab([{ script: `${K} get 'rolez' 'x' -o jsonpath='{.a}'`, result: { code: 1, stderr } }]);
    await expect(evaluate(check({ type: "jsonpath", resource: "rolez", name: "x", path: "{.a}", equals: "" }), fake)).rejects.toThrow(CheckError);
  });

  it.each([
    { name: "a typo in a built-in group is still the check's error", resource: "deployments.appz.k8s.io", custom: true },
    { name: "a built-in group", resource: "roles.rbac.authorization.k8s.io", custom: false },
    { name: "a built-in group with a version", resource: "deployments.v1.apps", custom: false },
    { name: "a custom group", resource: "cacheconfigs.cache.example.com", custom: true },
    { name: "a custom group with a version", resource: "cacheconfigs.v1alpha1.cache.example.com", custom: true },
    { name: "a short name", resource: "rolez", custom: false },
  ])("isCustomResourceName: $name", ({ resource, custom }) => {
    expect(isCustomResourceName(resource)).toBe(custom);
  });

  it("an unserved custom resource is the student's failure: its CRD is not installed", async () => {
    const stderr = 'error: the server doesn\'t have a resource type "cacheconfigs"\n';
    const fake = new FakeLab([{ script: `${K} get 'cacheconfigs.cache.example.com' 'sessions' -n 'default' -o json`, result: { code: 1, stderr } }]);
    const c = check({ type: "match", resource: "cacheconfigs.cache.example.com", name: "sessions", namespace: "default", expect: { spec: {} } });
    expect(await evaluate(c, fake)).toEqual({
      passed: false,
      detail: 'error: the server doesn\'t have a resource type "cacheconfigs" (no CustomResourceDefinition serves it)',
    });
  });
});
