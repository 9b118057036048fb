// Stored quantities are canonical: cases of apimachinery's quantity_test.go (TestQuantityParseEmit,
// TestQuantityString) applied to the quantity-typed fields of a schema, and nothing else.
import { describe, expect, it } from "vitest";
import { canonicalizeQuantities } from "./canonical-quantities";
import type { OpenAPISchema, TypeRef } from "./managedfields/typed";

const Q = { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity" };
const components: Record<string, OpenAPISchema> = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": { type: "string" },
  Pod: { type: "object", properties: { metadata: { type: "object", properties: { annotations: { type: "object", additionalProperties: { type: "string" } } } }, spec: { type: "object", properties: { containers: { type: "array", items: { $ref: "#/components/schemas/Container" } }, overhead: { type: "object", additionalProperties: Q } } } } },
  Container: { type: "object", properties: { name: { type: "string" }, resources: { type: "object", properties: { limits: { type: "object", additionalProperties: Q }, requests: { type: "object", additionalProperties: Q } } } } },
  EmptyDir: { type: "object", properties: { sizeLimit: { allOf: [Q] } } },
};
const POD: TypeRef = { schema: { $ref: "#/components/schemas/Pod" }, components };
const pod = (requests: Record<string, unknown>) => ({ metadata: { annotations: { note: "1000m" } }, spec: { containers: [{ name: "c", resources: { requests } }] } });

describe("canonicalizeQuantities", () => {
  it.each([
    ["1000m", "1"], ["1024Mi", "1Gi"], ["0.5", "500m"], ["1.5Gi", "1536Mi"], ["1000M", "1G"], ["5000m", "5"], ["128Mi", "128Mi"], [" 2 ", "2"], [2, "2"], [0.25, "250m"], ["bogus", "bogus"],
  ] as [unknown, unknown][])("%j is stored as %j", (input, want) => {
    const out = canonicalizeQuantities(pod({ cpu: input }), POD) as ReturnType<typeof pod>;
    expect(out.spec.containers[0].resources.requests.cpu).toEqual(want);
  });

  it("leaves fields that are not quantities, and its input, unchanged", () => {
    const input = pod({ memory: "1024Mi" });
    const out = canonicalizeQuantities(input, POD);
    expect(out).toEqual({ metadata: { annotations: { note: "1000m" } }, spec: { containers: [{ name: "c", resources: { requests: { memory: "1Gi" } } }] } });
    expect(input.spec.containers[0].resources.requests.memory).toBe("1024Mi");
  });

  it("follows allOf-wrapped references and maps of quantities", () => {
    expect(canonicalizeQuantities({ sizeLimit: "2048Ki" }, { schema: { $ref: "#/components/schemas/EmptyDir" }, components })).toEqual({ sizeLimit: "2Mi" });
    expect(canonicalizeQuantities({ spec: { overhead: { cpu: "250m", memory: "0.5Gi" } } }, POD)).toEqual({ spec: { overhead: { cpu: "250m", memory: "512Mi" } } });
  });
});
