import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { newInvalid } from "../meta/errors";
import { validateObject } from "./index";
import { cronScheduleError } from "./cron";

const podSpec = (restartPolicy: string) => ({ restartPolicy, dnsPolicy: "ClusterFirst", containers: [{ name: "c", image: "busybox", imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File" }] });
const svc = (spec: Record<string, unknown>): KObject => ({ apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "default" }, spec: { type: "ClusterIP", sessionAffinity: "None", ...spec } } as KObject);

const cases: Array<{ name: string; group: string; kind: string; obj: KObject; old?: KObject; want: string }> = [
  { name: "job with restartPolicy Always", group: "batch", kind: "Job",
    obj: { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { backoffLimit: 6, template: { spec: podSpec("Always") } } } as KObject,
    want: `Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"` },
  { name: "job negative backoffLimit", group: "batch", kind: "Job",
    obj: { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { backoffLimit: -1, template: { spec: podSpec("Never") } } } as KObject,
    want: `Job.batch "j" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0` },
  { name: "cronjob schedule", group: "batch", kind: "CronJob",
    obj: { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" }, spec: { schedule: "*/5 * * *", concurrencyPolicy: "Allow", jobTemplate: { spec: { template: { spec: podSpec("OnFailure") } } } } } as KObject,
    want: `CronJob.batch "c" is invalid: spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]` },
  { name: "service port out of range and unknown type", group: "", kind: "Service",
    obj: svc({ type: "Internal", ports: [{ port: 0, protocol: "TCP", targetPort: 80 }] }),
    want: `Service "s" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]` },
  { name: "service clusterIP change", group: "", kind: "Service",
    obj: svc({ clusterIP: "10.96.0.20", clusterIPs: ["10.96.0.10"], ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] }),
    old: svc({ clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] }),
    want: `Service "s" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.20"}: may not change once set` },
  { name: "rolebinding roleRef change", group: "rbac.authorization.k8s.io", kind: "RoleBinding",
    obj: { metadata: { name: "rb" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "b" }, subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "default" }] } as KObject,
    old: { metadata: { name: "rb" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "a" }, subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "default" }] } as KObject,
    want: `RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef` },
  { name: "role rule without verbs", group: "rbac.authorization.k8s.io", kind: "Role",
    obj: { metadata: { name: "r" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: [] }] } as KObject,
    want: `Role.rbac.authorization.k8s.io "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value` },
  { name: "ingress path without pathType", group: "networking.k8s.io", kind: "Ingress",
    obj: { metadata: { name: "i" }, spec: { rules: [{ http: { paths: [{ path: "/", backend: { service: { name: "web", port: { number: 80 } } } }] } }] } } as KObject,
    want: `Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified` },
  { name: "bound pvc spec change", group: "", kind: "PersistentVolumeClaim",
    obj: { metadata: { name: "c" }, spec: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "1Gi" } }, storageClassName: "local-path", volumeName: "pv1" } } as KObject,
    old: { metadata: { name: "c" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, storageClassName: "local-path", volumeName: "pv1" }, status: { phase: "Bound" } } as KObject,
    want: `PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims` },
];

// ValidatePodTemplateSpecForStatefulSet: the template's volumes come from volumeClaimTemplates,
// so a volumeMount naming one is valid (only labels and annotations are checked).
describe("StatefulSet pod template", () => {
  const sts = (labels: Record<string, string>): KObject =>
    ({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        serviceName: "db",
        replicas: 1,
        podManagementPolicy: "OrderedReady",
        updateStrategy: { type: "RollingUpdate" },
        selector: { matchLabels: { app: "db" } },
        template: { metadata: { labels }, spec: { ...podSpec("Always"), containers: [{ ...podSpec("Always").containers[0], volumeMounts: [{ name: "data", mountPath: "/data" }] }] } },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      },
    }) as KObject;
  it("accepts a volumeMount of a claim template", () => expect(validateObject("apps", "StatefulSet", sts({ app: "db" }), undefined)).toEqual([]));
  it("still checks the template's labels", () =>
    expect(newInvalid({ group: "apps", kind: "StatefulSet" }, "db", validateObject("apps", "StatefulSet", sts({ app: "web" }), undefined)).message).toBe(
      'StatefulSet.apps "db" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ));
});

describe("validateObject by group", () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(newInvalid({ group: c.group, kind: c.kind }, c.obj.metadata!.name!, validateObject(c.group, c.kind, c.obj, c.old)).message).toBe(c.want);
    });
  }
});

// robfig/cron/v3 parser.go error texts.
describe("cronScheduleError", () => {
  const cases: Array<[string, string | undefined]> = [
    ["*/5 * * * *", undefined],
    ["@daily", undefined],
    ["", "empty spec string"],
    ["60 * * * *", "end of range (60) above maximum (59): 60"],
    ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["@fortnightly", "unrecognized descriptor: @fortnightly"],
  ];
  for (const [spec, want] of cases) it(spec || "(empty)", () => expect(cronScheduleError(spec)).toBe(want));
});
