// Wire semantics of gogo's generated Unmarshal that a decoder must share: last scalar wins,
// embedded messages merge, repeated scalars packed or not, map keys last-wins, unknown fields
// (including groups) skipped.
import { describe, expect, it } from "vitest";
import { decodeProtobufObject } from "./index.js";
import { allMessageSpecs, kindMessage, messageSpec } from "./registry.js";
import { FieldFlag, SCALAR_TYPES } from "./schema.js";
import protobuf from "protobufjs";
import { pbBody, pbMap, pbMessage, type PbField } from "./testdata/pb.js";

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const podSpec = (spec: PbField[]) => plain(decodeProtobufObject(pbBody("v1", "Pod", [[2, spec]])).spec);

describe("wire semantics", () => {
  const cases: { name: string; spec: PbField[]; want: unknown }[] = [
    { name: "last scalar wins", spec: [[3, "Always"], [3, "Never"]], want: { containers: null, restartPolicy: "Never" } },
    {
      name: "a repeated embedded message merges",
      spec: [[14, [[2, 1000]]], [14, [[5, 2000]]]],
      want: { containers: null, securityContext: { runAsUser: 1000, fsGroup: 2000 } },
    },
    {
      name: "repeated int64 unpacked and packed",
      spec: [[14, [[4, 1], [4, 2], [4, { packed: [3, 4] }]]]],
      want: { containers: null, securityContext: { supplementalGroups: [1, 2, 3, 4] } },
    },
    {
      name: "map: last value for a key wins",
      spec: [...pbMap(7, { disk: "ssd" }), ...pbMap(7, { disk: "hdd", zone: "a" })],
      want: { containers: null, nodeSelector: { disk: "hdd", zone: "a" } },
    },
    {
      name: "unknown fields of every wire type are skipped",
      spec: [[999, "x"], [998, 7], [997, { double: 1 }], [3, "Never"]],
      want: { containers: null, restartPolicy: "Never" },
    },
    {
      name: "a set pointer to a zero value is written despite omitempty",
      spec: [[14, [[3, false], [2, 0]]]],
      want: { containers: null, securityContext: { runAsUser: 0, runAsNonRoot: false } },
    },
    {
      name: "inline embedded structs (VolumeSource, LocalObjectReference) are promoted",
      spec: [
        [1, [[1, "data"], [2, [[2, [[2, [[1, "1Gi"]]]]]]]]],
        [1, [[1, "cfg"], [2, [[19, [[1, [[1, "app-config"]]], [3, 420]]]]]]],
      ],
      want: {
        volumes: [{ name: "data", emptyDir: { sizeLimit: "1Gi" } }, { name: "cfg", configMap: { name: "app-config", defaultMode: 420 } }],
        containers: null,
      },
    },
  ];
  it.each(cases)("$name", ({ spec, want }) => expect(podSpec(spec)).toEqual(want));

  it("a group around unknown fields is skipped", () => {
    // field 50 start group (wire 3), a varint field inside, end group (wire 4), then restartPolicy
    const w = protobuf.Writer.create();
    w.uint32((50 << 3) | 3).uint32(1 << 3).uint32(1).uint32((50 << 3) | 4).uint32((3 << 3) | 2).string("Never");
    const pod = pbMessage([[2, w.finish()]]);
    const body = Buffer.concat([Buffer.from("k8s\0", "latin1"), pbMessage([[1, [[1, "v1"], [2, "Pod"]]], [2, pod]])]);
    expect(plain(decodeProtobufObject(body).spec)).toEqual({ containers: null, restartPolicy: "Never" });
  });
});

describe("tables", () => {
  it("every referenced message type exists", () => {
    const missing = allMessageSpecs().flatMap((m) => m.fields.filter((f) => !SCALAR_TYPES.has(f.type)).map((f) => f.type)).filter((t) => {
      try {
        messageSpec(t);
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  it("every repeated or map field is nil-able in Go", () => {
    const wrong = allMessageSpecs().flatMap((m) => m.fields.filter((f) => f.flags & (FieldFlag.Repeated | FieldFlag.Map) && !(f.flags & FieldFlag.Nilable)).map((f) => `${m.name}.${f.json}`));
    expect(wrong).toEqual([]);
  });

  const kinds: [string, string, string][] = [
    ["v1", "Pod", "core.v1.Pod"],
    ["apps/v1", "Deployment", "apps.v1.Deployment"],
    ["autoscaling/v1", "Scale", "autoscaling.v1.Scale"],
    ["autoscaling/v2", "HorizontalPodAutoscaler", "autoscaling.v2.HorizontalPodAutoscaler"],
    ["policy/v1", "Eviction", "policy.v1.Eviction"],
    ["authentication.k8s.io/v1", "TokenRequest", "authentication.v1.TokenRequest"],
    ["flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "flowcontrol.v1.FlowSchema"],
    ["apiextensions.k8s.io/v1", "CustomResourceDefinition", "apiextensions.v1.CustomResourceDefinition"],
    ["batch/v1", "DeleteOptions", "meta.v1.DeleteOptions"],
  ];
  it.each(kinds)("%s %s is %s", (apiVersion, kind, message) => expect(kindMessage(apiVersion, kind)?.name).toBe(message));
});
