import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { StatusError } from "../cluster/api/types.js";
import { loadOpenAPIDocuments } from "./openapi/documents.js";
import { builtinSchemaFinder, checkStrictFields, crdSchema, duplicateFields, strictDecodingErrorText, unknownFieldsBySchema, warningHeaderValue } from "./strict-fields.js";

const find = builtinSchemaFinder(loadOpenAPIDocuments(join(process.cwd(), "dist/openapi")));

// What kubectl sends for a Deployment manifest with two typos.
const typoDeployment = () => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", labels: { app: "web" } },
  spec: {
    replicass: 3, selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27", imagePullPolicyy: "Always", ports: [{ containerPort: 80 }] }] } },
  },
});

describe("unknown fields against the built-in schemas", () => {
  const cases: Array<{ name: string; group: string; version: string; kind: string; obj: unknown; want: string[] }> = [
    { name: "deployment typos", group: "apps", version: "v1", kind: "Deployment", obj: typoDeployment(), want: ["spec.replicass", "spec.template.spec.containers[0].imagePullPolicyy"] },
    { name: "maps, IntOrString, Quantity and RawExtension are open", group: "", version: "v1", kind: "Pod",
      obj: { metadata: { annotations: { a: "b" } }, spec: { containers: [{ name: "c", resources: { limits: { cpu: "1" } }, livenessProbe: { httpGet: { port: "http" } } }] } }, want: [] },
    { name: "unknown top-level and metadata fields", group: "", version: "v1", kind: "ConfigMap", obj: { metadata: { nam: "x" }, dataa: {} }, want: ["metadata.nam", "dataa"] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = find(c.group, c.version, c.kind)!;
      expect(unknownFieldsBySchema(c.obj, s.schema, s.components)).toEqual(c.want);
    });
  }
});

describe("fieldValidation directives", () => {
  it("Strict: kubectl's typo'd Deployment gets upstream's 400", () => {
    const obj = typoDeployment();
    let err: unknown;
    try {
      checkStrictFields("Strict", "Deployment", "v1", obj, find("apps", "v1", "Deployment"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(400);
    expect((err as StatusError).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
    );
  });
  it("Warn: warnings, and the fields are not kept", () => {
    const obj = typoDeployment();
    const r = checkStrictFields("Warn", "Deployment", "v1", obj, find("apps", "v1", "Deployment"));
    expect(r.warnings).toEqual(['unknown field "spec.replicass"', 'unknown field "spec.template.spec.containers[0].imagePullPolicyy"']);
    expect(obj.spec).not.toHaveProperty("replicass");
    expect(obj.spec.template.spec.containers[0]).toEqual({ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] });
    expect(warningHeaderValue(r.warnings[0])).toBe('299 - "unknown field \\"spec.replicass\\""');
  });
  it("Ignore: silent", () => {
    expect(checkStrictFields("Ignore", "Deployment", "v1", typoDeployment(), find("apps", "v1", "Deployment"))).toEqual({ warnings: [] });
  });
  it("duplicate fields come from the JSON text", () => {
    const text = '{"kind":"ConfigMap","metadata":{"name":"a","name":"b"},"data":{"x":"1"}}';
    expect(duplicateFields(text)).toEqual(["metadata.name"]);
    expect(strictDecodingErrorText(['duplicate field "metadata.name"'])).toBe('strict decoding error: duplicate field "metadata.name"');
  });
  it("CRD structural schemas, with preserve-unknown-fields honoured", () => {
    const s = crdSchema({ spec: { versions: [{ name: "v1", schema: { openAPIV3Schema: { type: "object", properties: {
      spec: { type: "object", properties: { size: { type: "integer" }, extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } },
    } } } }] } }, "v1")!;
    expect(unknownFieldsBySchema({ apiVersion: "x/v1", kind: "W", metadata: { name: "w" }, spec: { sise: 1, extra: { any: 1 } } }, s)).toEqual(["spec.sise"]);
  });
});
