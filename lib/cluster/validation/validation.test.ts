import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { newInvalid } from "../meta/errors";
import { validateObject } from "./index";

const pod = (containers: unknown[], extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" },
  spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst", terminationGracePeriodSeconds: 30, containers, ...extra },
} as KObject);
const ctr = (extra: Record<string, unknown> = {}) => ({ name: "c", image: "nginx", imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File", ...extra });
const deploy = (spec: Record<string, unknown>): KObject => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
  spec: {
    replicas: 1, selector: { matchLabels: { app: "web" } },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
    template: { metadata: { labels: { app: "web" } }, spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst", containers: [ctr()] } },
    revisionHistoryLimit: 10, progressDeadlineSeconds: 600, ...spec,
  },
} as KObject);

// Messages as kubectl prints them (StatusError.message), texts from validation.go / validation_test.go.
const cases: Array<{ name: string; group: string; kind: string; obj: KObject; old?: KObject; want: string }> = [
  { name: "pod without image", group: "", kind: "Pod", obj: pod([ctr({ image: undefined })]),
    want: `Pod "p" is invalid: spec.containers[0].image: Required value` },
  { name: "containerPort out of range", group: "", kind: "Pod", obj: pod([ctr({ ports: [{ containerPort: 70000, protocol: "TCP" }] })]),
    want: `Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive` },
  { name: "requests above limits", group: "", kind: "Pod", obj: pod([ctr({ resources: { limits: { cpu: "100m" }, requests: { cpu: "200m" } } })]),
    want: `Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m` },
  { name: "mount of a missing volume", group: "", kind: "Pod", obj: pod([ctr({ volumeMounts: [{ name: "data", mountPath: "/data" }] })]),
    want: `Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"` },
  { name: "bad restartPolicy and pull policy", group: "", kind: "Pod", obj: pod([ctr({ imagePullPolicy: "Sometimes" })], { restartPolicy: "Maybe" }),
    want: `Pod "p" is invalid: [spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never", spec.restartPolicy: Unsupported value: "Maybe": supported values: "Always", "OnFailure", "Never"]` },
  { name: "env valueFrom with value", group: "", kind: "Pod", obj: pod([ctr({ env: [{ name: "A", value: "x", valueFrom: { configMapKeyRef: { name: "cm", key: "k" } } }] })]),
    want: `Pod "p" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty` },
  { name: "two volume sources", group: "", kind: "Pod", obj: pod([ctr()], { volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/x" } }] }),
    want: `Pod "p" is invalid: spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type` },
  { name: "toleration operator", group: "", kind: "Pod", obj: pod([ctr()], { tolerations: [{ key: "k", operator: "Is", value: "v" }] }),
    want: `Pod "p" is invalid: spec.tolerations[0].operator: Unsupported value: "Is": supported values: "Equal", "Exists"` },
  { name: "pod update of a port", group: "", kind: "Pod",
    obj: pod([ctr({ ports: [{ containerPort: 81, protocol: "TCP" }] })]), old: pod([ctr({ ports: [{ containerPort: 80, protocol: "TCP" }] })]),
    want: "Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n  \t... // 2 identical fields\n- \tContainers: {{Name: \"c\", Image: \"nginx\", ImagePullPolicy: \"IfNotPresent\", TerminationMessagePolicy: \"File\", Ports: {{ContainerPort: 80, Protocol: \"TCP\"}}}},\n+ \tContainers: {{Name: \"c\", Image: \"nginx\", ImagePullPolicy: \"IfNotPresent\", TerminationMessagePolicy: \"File\", Ports: {{ContainerPort: 81, Protocol: \"TCP\"}}}},\n  \t... // 30 identical fields\n  }\n" },
  { name: "deployment selector mismatch", group: "apps", kind: "Deployment",
    obj: deploy({ template: { metadata: { labels: { app: "x" } }, spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst", containers: [ctr()] } } }),
    want: "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`" },
  { name: "deployment selector immutable", group: "apps", kind: "Deployment",
    obj: deploy({ selector: { matchLabels: { app: "web", v: "2" } }, template: { metadata: { labels: { app: "web", v: "2" } }, spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst", containers: [ctr()] } } }), old: deploy({}),
    want: `Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable` },
  { name: "deployment negative replicas and zero surge", group: "apps", kind: "Deployment",
    obj: deploy({ replicas: -1, strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
    want: "Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0]" },
  { name: "configmap key", group: "", kind: "ConfigMap", obj: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { "a b": "1" } } as KObject,
    want: `ConfigMap "cm" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')` },
];

describe("validateObject", () => {
  for (const c of cases) {
    it(c.name, () => {
      const errs = validateObject(c.group, c.kind, c.obj, c.old);
      expect(newInvalid({ group: c.group, kind: c.kind }, c.obj.metadata!.name!, errs).message).toBe(c.want);
    });
  }
});
