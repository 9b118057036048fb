// Hand-built bodies (field numbers from k8s.io/api's generated.proto) against the JSON Go's
// encoding/json writes for the decoded struct (JSON names and omitempty from the Go types.go).
import { describe, expect, it } from "vitest";
import { decodeProtobufObject } from "./index.js";
import { pbBody, pbMap, type PbField } from "./testdata/pb.js";

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const meta = (name: string, extra: PbField[] = []): PbField[] => [[1, name], ...extra];
const intstrInt = (n: number): PbField[] => [[1, 0], [2, n]];
const intstrStr = (s: string): PbField[] => [[1, 1], [3, s]];
const quantity = (s: string): PbField[] => [[1, s]];

interface Case {
  name: string;
  apiVersion: string;
  kind: string;
  object: PbField[];
  want: unknown;
}

const cases: Case[] = [
  {
    name: "Deployment: containers, ports, resources (Quantity), strategy intstr both ways, labels sorted",
    apiVersion: "apps/v1",
    kind: "Deployment",
    object: [
      [1, meta("web", [[3, "prod"], ...pbMap(11, { tier: "front", app: "web" })])],
      [2, [
        [1, 3],
        [2, pbMap(1, { app: "web" })],
        [3, [
          [1, pbMap(11, { app: "web" })],
          [2, [[2, [
            [1, "nginx"], [2, "nginx:1.27"],
            [6, [[3, 80], [4, "TCP"]]],
            [8, [...pbMap(1, { cpu: quantity("500m"), memory: quantity("128Mi") }), ...pbMap(2, { cpu: quantity("250m") })]],
          ]]]],
        ]],
        [4, [[1, "RollingUpdate"], [2, [[1, intstrInt(1)], [2, intstrStr("25%")]]]]],
      ]],
    ],
    want: {
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", namespace: "prod", creationTimestamp: null, labels: { app: "web", tier: "front" } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: "web" } },
          spec: {
            containers: [{
              name: "nginx",
              image: "nginx:1.27",
              ports: [{ containerPort: 80, protocol: "TCP" }],
              resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "250m" } },
            }],
          },
        },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: "25%" } },
      },
      status: {},
    },
  },
  {
    name: "Secret: data bytes become base64, stringData and type",
    apiVersion: "v1",
    kind: "Secret",
    object: [
      [1, meta("db")],
      ...pbMap(2, { password: new Uint8Array([0x73, 0x33, 0x63, 0x72, 0x33, 0x74]), blob: new Uint8Array([0, 255, 128]) }),
      ...pbMap(4, { extra: "plain" }),
      [3, "Opaque"],
      [5, true],
    ],
    want: {
      kind: "Secret",
      apiVersion: "v1",
      metadata: { name: "db", creationTimestamp: null },
      immutable: true,
      data: { blob: "AP+A", password: "czNjcjN0" },
      stringData: { extra: "plain" },
      type: "Opaque",
    },
  },
  {
    name: "ConfigMap: data and binaryData, a map entry without value is the zero value",
    apiVersion: "v1",
    kind: "ConfigMap",
    object: [[1, meta("cfg")], ...pbMap(2, { "app.conf": "a=1\n" }), [2, [[1, "empty"]]], ...pbMap(3, { bin: new Uint8Array([1, 2]) })],
    want: {
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: { name: "cfg", creationTimestamp: null },
      data: { "app.conf": "a=1\n", empty: "" },
      binaryData: { bin: "AQI=" },
    },
  },
  {
    name: "Namespace: empty spec and status structs are written, finalizers list",
    apiVersion: "v1",
    kind: "Namespace",
    object: [[1, meta("dev", [[8, [[1, 1700000000]]]])], [2, [[1, "kubernetes"]]]],
    want: {
      kind: "Namespace",
      apiVersion: "v1",
      metadata: { name: "dev", creationTimestamp: "2023-11-14T22:13:20Z" },
      spec: { finalizers: ["kubernetes"] },
      status: {},
    },
  },
  {
    name: "Service: ports with named targetPort, selector, type; port 0 without omitempty stays",
    apiVersion: "v1",
    kind: "Service",
    object: [
      [1, meta("web")],
      [2, [
        [1, [[1, "http"], [2, "TCP"], [3, 80], [4, intstrStr("http")]]],
        [1, [[1, "metrics"], [2, "TCP"], [4, intstrInt(9090)]]],
        ...pbMap(2, { app: "web" }),
        [4, "NodePort"],
      ]],
    ],
    want: {
      kind: "Service",
      apiVersion: "v1",
      metadata: { name: "web", creationTimestamp: null },
      spec: {
        ports: [
          { name: "http", protocol: "TCP", port: 80, targetPort: "http" },
          { name: "metrics", protocol: "TCP", port: 0, targetPort: 9090 },
        ],
        selector: { app: "web" },
        type: "NodePort",
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: "RoleBinding: subjects and roleRef (no omitempty on roleRef fields)",
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    object: [
      [1, meta("rb", [[3, "dev"]])],
      [2, [[1, "ServiceAccount"], [3, "bot"], [4, "dev"]]],
      [2, [[1, "User"], [2, "rbac.authorization.k8s.io"], [3, "jane"]]],
      [3, [[1, "rbac.authorization.k8s.io"], [2, "Role"], [3, "reader"]]],
    ],
    want: {
      kind: "RoleBinding",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: { name: "rb", namespace: "dev", creationTimestamp: null },
      subjects: [
        { kind: "ServiceAccount", name: "bot", namespace: "dev" },
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" },
      ],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
    },
  },
  {
    name: "ClusterRole: rules (verbs without omitempty) and aggregationRule selectors",
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    object: [
      [1, meta("agg")],
      [2, [[1, "get"], [1, "list"], [2, ""], [3, "pods"]]],
      [2, [[5, "/healthz"]]],
      [3, [[1, pbMap(1, { "rbac.example.com/aggregate": "true" })]]],
    ],
    want: {
      kind: "ClusterRole",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: { name: "agg", creationTimestamp: null },
      rules: [
        { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
        { verbs: null, nonResourceURLs: ["/healthz"] },
      ],
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate": "true" } }] },
    },
  },
  {
    name: "events.k8s.io Event: MicroTime with micros, Time, ObjectReference",
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    object: [
      [1, meta("e1")],
      [2, [[1, 1700000000], [2, 123456789]]],
      [4, "kubelet"], [5, "node01"], [7, "Pulled"],
      [8, [[1, "Pod"], [3, "web-1"]]],
      [11, "Normal"],
      [13, [[1, 0]]],
    ],
    want: {
      kind: "Event",
      apiVersion: "events.k8s.io/v1",
      metadata: { name: "e1", creationTimestamp: null },
      eventTime: "2023-11-14T22:13:20.123456Z",
      reportingController: "kubelet",
      reportingInstance: "node01",
      reason: "Pulled",
      regarding: { kind: "Pod", name: "web-1" },
      type: "Normal",
      deprecatedSource: {}, // a struct: omitempty never drops it
      // a non-empty Timestamp{seconds: 0} is the Unix epoch, not the zero time (time_proto.go)
      deprecatedFirstTimestamp: "1970-01-01T00:00:00Z",
      deprecatedLastTimestamp: null,
    },
  },
  {
    name: "ControllerRevision: RawExtension holding JSON is embedded as JSON",
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    object: [[1, meta("web-1")], [2, [[1, new TextEncoder().encode('{"spec":{"replicas":2}}')]]], [3, 2]],
    want: { kind: "ControllerRevision", apiVersion: "apps/v1", metadata: { name: "web-1", creationTimestamp: null }, data: { spec: { replicas: 2 } }, revision: 2 },
  },
  {
    name: "ControllerRevision: RawExtension holding a protobuf object is decoded",
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    object: [[1, meta("web-2")], [2, [[1, pbBody("v1", "Namespace", [[1, meta("dev")]])]]], [3, 0]],
    want: {
      kind: "ControllerRevision",
      apiVersion: "apps/v1",
      metadata: { name: "web-2", creationTimestamp: null },
      data: { kind: "Namespace", apiVersion: "v1", metadata: { name: "dev", creationTimestamp: null }, spec: {}, status: {} },
      revision: 0,
    },
  },
];

describe("decodeProtobufObject: hand-built bodies", () => {
  it.each(cases)("$name", ({ apiVersion, kind, object, want }) => {
    expect(plain(decodeProtobufObject(pbBody(apiVersion, kind, object)))).toEqual(want);
  });
});
