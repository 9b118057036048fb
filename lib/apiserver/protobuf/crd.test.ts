// CustomResourceDefinition bodies: JSONSchemaProps' special JSON names ($ref, $schema,
// x-kubernetes-*), the Or* unions of apiextensions/v1 marshal.go, embedded JSON (default, enum)
// and the CRD status fields without omitempty (types.go).
import { describe, expect, it } from "vitest";
import { decodeProtobufObject } from "./index.js";
import { pbBody, pbMap, type PbField } from "./testdata/pb.js";

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const json = (v: unknown): PbField[] => [[1, new TextEncoder().encode(JSON.stringify(v))]];
const schema = (fields: PbField[]): PbField[] => fields;

const openAPIV3Schema = schema([
  [5, "object"],
  ...pbMap(29, {
    spec: schema([
      [5, "object"],
      [23, "size"],
      ...pbMap(29, {
        size: schema([[5, "integer"], [9, { double: 10 }], [11, { double: 1 }], [8, json(3)]]),
        mode: schema([[5, "string"], [20, json("fast")], [20, json("slow")], [8, json("fast")]]),
        tags: schema([[5, "array"], [24, [[1, schema([[5, "string"]])]]], [42, "set"]]),
        port: schema([[40, true], [4, "a port"]]),
        labels: schema([[5, "object"], [30, [[2, schema([[5, "string"]])]]]]),
        extra: schema([[5, "object"], [38, true], [30, [[1, false]]]]),
        ref: schema([[3, "#/definitions/x"], [2, "http://json-schema.org/schema#"]]),
        tuple: schema([[24, [[2, schema([[5, "string"]])], [2, schema([[5, "integer"]])]]]]),
        deps: schema(pbMap(32, { a: [[2, "b"], [2, "c"]] })),
      }),
    ]),
  }),
]);

const crd: PbField[] = [
  [1, [[1, "widgets.example.com"]]],
  [2, [
    [1, "example.com"],
    [3, [[1, "widgets"], [2, "widget"], [3, "wd"], [4, "Widget"], [5, "WidgetList"]]],
    [4, "Namespaced"],
    [7, [[1, "v1"], [2, true], [3, true], [4, [[1, openAPIV3Schema]]], [5, [[1, []]]]]],
  ]],
];

describe("CustomResourceDefinition", () => {
  it("decodes a CRD with a structural schema to Go's JSON", () => {
    expect(plain(decodeProtobufObject(pbBody("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd)))).toEqual({
      kind: "CustomResourceDefinition",
      apiVersion: "apiextensions.k8s.io/v1",
      metadata: { name: "widgets.example.com", creationTimestamp: null },
      spec: {
        group: "example.com",
        names: { plural: "widgets", singular: "widget", shortNames: ["wd"], kind: "Widget", listKind: "WidgetList" },
        scope: "Namespaced",
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["size"],
                  properties: {
                    deps: { dependencies: { a: ["b", "c"] } },
                    extra: { type: "object", additionalProperties: false, "x-kubernetes-preserve-unknown-fields": true },
                    labels: { type: "object", additionalProperties: { type: "string" } },
                    mode: { type: "string", default: "fast", enum: ["fast", "slow"] },
                    port: { description: "a port", "x-kubernetes-int-or-string": true },
                    ref: { $schema: "http://json-schema.org/schema#", $ref: "#/definitions/x" },
                    size: { type: "integer", default: 3, maximum: 10, minimum: 1 },
                    tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
                    tuple: { items: [{ type: "string" }, { type: "integer" }] },
                  },
                },
              },
            },
          },
          subresources: { status: {} },
        }],
      },
      // CustomResourceDefinitionStatus: conditions, acceptedNames, storedVersions have no omitempty
      status: { conditions: null, acceptedNames: { plural: "", kind: "" }, storedVersions: null },
    });
  });

  it("keeps JSON key order of Go's struct (id, $schema, $ref, description, type, ...)", () => {
    const body = pbBody("apiextensions.k8s.io/v1", "CustomResourceDefinition", [
      [2, [[7, [[4, [[1, [[5, "object"], [3, "#/r"], [4, "d"], [2, "s"], [1, "i"]]]]]]]]],
    ]);
    const versions = (decodeProtobufObject(body).spec as { versions: { schema: { openAPIV3Schema: object } }[] }).versions;
    expect(Object.keys(versions[0].schema.openAPIV3Schema)).toEqual(["id", "$schema", "$ref", "description", "type"]);
  });
});
