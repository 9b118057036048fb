// Wrong JSON kinds in create/update bodies, as encoding/json's UnmarshalTypeError reads
// (Go 1.20+: the innermost struct and the full field path) inside the handlers' "cannot be
// handled as" BadRequest; quantity texts from apimachinery's resource.Quantity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiServer } from "./server.js";
import { ADMIN, newTestServer, request } from "./testing/http.js";

let api: ApiServer;
beforeAll(async () => {
  api = await newTestServer();
  await request(api, { method: "POST", path: "/api/v1/namespaces", as: ADMIN, body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } } });
});
afterAll(() => api.close());

const deployment = (spec: Record<string, unknown>, template: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" } },
  spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx", ...template }] } }, ...spec },
});
const HANDLED = 'Deployment in version "v1" cannot be handled as a Deployment: ';

describe("decode type errors", () => {
  it.each([
    ["a quoted number", deployment({ replicas: "3" }), "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"],
    ["a fraction into int32", deployment({ replicas: 1.5 }), "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"],
    ["a nested container field", deployment({}, { ports: [{ containerPort: "80" }] }), "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32"],
    ["a string for a bool", deployment({ paused: "true" }), "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool"],
    ["an object for a list", deployment({}, { args: { a: 1 } }), "json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.args of type []string"],
    ["a number as a label value", { ...deployment({}), metadata: { name: "web", labels: { tier: 1 } } }, "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"],
    ["an unparsable quantity", deployment({}, { resources: { limits: { memory: "1 GB" } } }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
  ] as [string, unknown, string][])("%s", async (_n, body, want) => {
    const r = await request(api, { method: "POST", path: "/apis/apps/v1/namespaces/default/deployments", as: ADMIN, body: body as object });
    expect({ code: r.code, reason: r.json?.reason, message: r.json?.message }).toEqual({ code: 400, reason: "BadRequest", message: HANDLED + want });
  });

  it("numbers for int-or-string and quantities decode", async () => {
    const r = await request(api, { method: "POST", path: "/apis/apps/v1/namespaces/default/deployments", as: ADMIN, body: deployment({ strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" } } }, { resources: { limits: { cpu: 1 } } }) });
    expect(r.code).toBe(201);
  });
});

describe("patches that leave a wrong type (patch.go)", () => {
  const patch = (ct: string, body: unknown) => request(api, { method: "PATCH", path: "/apis/apps/v1/namespaces/default/deployments/patched", as: ADMIN, headers: { "content-type": ct }, body: body as object });
  beforeAll(async () => {
    await request(api, { method: "POST", path: "/apis/apps/v1/namespaces/default/deployments", as: ADMIN, body: { ...deployment({ replicas: 1 }), metadata: { name: "patched", labels: { app: "web" } } } });
  });

  it("strategic merge: the patch map and the converter's error, nothing stored", async () => {
    const r = await patch("application/strategic-merge-patch+json", { spec: { replicas: "3" } });
    expect(r.json).toMatchObject({ code: 422, reason: "Invalid", message: ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32' });
    const live = await request(api, { method: "GET", path: "/apis/apps/v1/namespaces/default/deployments/patched", as: ADMIN });
    expect((live.json!.spec as { replicas: number }).replicas).toBe(1);
  });

  it.each([
    ["a fraction", { spec: { replicas: 1.5 } }, "cannot convert float64 to int32"],
    ["a string for a list", { spec: { template: { spec: { containers: "x" } } } }, "cannot restore slice from string"],
    ["a number for a struct", { spec: { strategy: 3 } }, "cannot restore struct from: int64"],
  ])("strategic merge with %s", async (_n, body, want) => {
    expect(((await patch("application/strategic-merge-patch+json", body)).json!.message as string).endsWith(`: ${want}`)).toBe(true);
  });

  it("merge patch: the patched document and the decoder's error", async () => {
    const r = await patch("application/merge-patch+json", { spec: { paused: "yes" } });
    expect(r.code).toBe(422);
    expect(r.json!.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{.*\}": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.paused of type bool$/);
  });
});
