// The build pipeline and the /openapi handler over a hand-written fixture (testdata/spec: the
// shapes of upstream's swagger.json with placeholder prose, not upstream text).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build, sha512Hex } from "../../../scripts/openapi/build.mjs";
import { ensurePatchOperations, groupVersionOfPath, v2ToV3Documents } from "../../../scripts/openapi/convert.mjs";
import { patchMetaForGVK } from "../../cluster/api/resources-patchmeta";
import { handleOpenAPI, loadOpenAPIDocuments, staticOpenAPIDocuments } from "./index";

const SPEC = join(__dirname, "testdata", "spec");
const swagger = JSON.parse(readFileSync(join(SPEC, "swagger.json"), "utf8"));
const out = mkdtempSync(join(tmpdir(), "drydock-openapi-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("v2 to v3", () => {
  it.each([
    ["/api/v1/namespaces/{namespace}/pods", "api/v1"],
    ["/api/", "api"],
    ["/apis/apps/v1/deployments", "apis/apps/v1"],
    ["/apis/apps/", "apis/apps"],
    ["/apis/", "apis"],
    ["/version/", "version"],
    ["/.well-known/openid-configuration/", ".well-known/openid-configuration"],
    ["/openid/v1/jwks/", "openid/v1/jwks"],
  ])("%s belongs to %s", (path, gv) => expect(groupVersionOfPath(path)).toBe(gv));

  it("the PATCH operation keeps GVK, fieldValidation and strategic-merge content", () => {
    const doc = v2ToV3Documents(swagger).get("apis/apps/v1")!;
    const item = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
    const patchRef = { schema: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } };
    expect(item.patch).toEqual({
      tags: ["apps_v1"],
      operationId: "patchAppsV1NamespacedDeployment",
      parameters: [{ name: "fieldValidation", in: "query", description: "fixture: field validation", schema: { type: "string", uniqueItems: true } }],
      requestBody: {
        content: {
          "application/json-patch+json": patchRef,
          "application/merge-patch+json": patchRef,
          "application/strategic-merge-patch+json": patchRef,
          "application/apply-patch+yaml": patchRef,
        },
        required: true,
      },
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/io.k8s.api.apps.v1.Deployment" } },
            "application/yaml": { schema: { $ref: "#/components/schemas/io.k8s.api.apps.v1.Deployment" } },
          },
        },
      },
      "x-kubernetes-action": "patch",
      "x-kubernetes-group-version-kind": { group: "apps", version: "v1", kind: "Deployment" },
    });
    expect(Object.keys(doc.components.schemas)).toEqual([
      "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.DeploymentSpec", "io.k8s.api.core.v1.Container",
      "io.k8s.api.core.v1.ContainerPort", "io.k8s.api.core.v1.PodSpec", "io.k8s.api.core.v1.PodTemplateSpec",
      "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
    ]);
    // A $ref with siblings becomes allOf, as in upstream's v3 documents.
    expect(doc.components.schemas["io.k8s.api.apps.v1.Deployment"].properties.spec).toEqual({
      description: "fixture: spec", allOf: [{ $ref: "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec" }],
    });
    expect(ensurePatchOperations(doc)).toEqual([]);
  });

  it("keeps property names that are schema keywords as properties (JSONSchemaProps has $ref and allOf)", () => {
    const def = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
    const v2 = {
      swagger: "2.0",
      info: { title: "Kubernetes", version: "v1.32.3" },
      paths: { "/apis/apiextensions.k8s.io/v1/customresourcedefinitions": { get: { responses: { "200": { description: "OK", schema: { $ref: `#/definitions/${def}` } } } } } },
      definitions: {
        [def]: { properties: { $ref: { type: "string" }, allOf: { type: "array", items: { $ref: `#/definitions/${def}` } } } },
      },
    };
    const doc = v2ToV3Documents(v2).get("apis/apiextensions.k8s.io/v1")!;
    // kube-openapi's spec3 decoder refuses a schema that is an array (kubectl then falls back to /openapi/v2).
    expect(doc.components.schemas[def].properties).toEqual({ $ref: { type: "string" }, allOf: { type: "array", items: { $ref: `#/components/schemas/${def}` } } });
  });

  it("reports PATCH operations kubectl would reject", () => {
    const doc = v2ToV3Documents(swagger).get("api/v1")!;
    const p = "/api/v1/namespaces/{namespace}/configmaps/{name}";
    expect(ensurePatchOperations(doc)).toEqual([
      `${p}: PATCH without x-kubernetes-group-version-kind`,
      `${p}: PATCH without fieldValidation`,
      `${p}: PATCH without application/strategic-merge-patch+json`,
    ]);
  });
});

describe("build and serve", () => {
  const index = build(SPEC, out);
  const docs = loadOpenAPIDocuments(out);
  const now = new Date("2025-03-04T05:06:07Z");
  const get = (path: string, query = "", headers: { accept?: string; ifNoneMatch?: string } = {}) =>
    handleOpenAPI({ path, query: new URLSearchParams(query), ...headers }, docs, now)!;

  it("writes an index with SHA-512 hashes", () => {
    expect(Object.keys(index.v3)).toEqual(["api/v1", "apis/apps/v1", "version"]);
    const text = readFileSync(join(out, index.v3["apis/apps/v1"].file), "utf8");
    expect(index.v3["apis/apps/v1"].hash).toBe(sha512Hex(text));
    expect(index.v3["apis/apps/v1"].hash).toMatch(/^[0-9A-F]{128}$/);
  });

  it("/openapi/v3 lists every group-version with its hash", () => {
    const res = get("/openapi/v3");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      paths: Object.fromEntries(Object.entries(index.v3).map(([gv, e]) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${e.hash}` }])),
    });
  });

  it("hashed documents are immutable for a year; stale hashes redirect; ETags give 304", () => {
    const hash = index.v3["apis/apps/v1"].hash;
    const ok = get("/openapi/v3/apis/apps/v1", `hash=${hash}`, { accept: "application/json" });
    expect([ok.status, ok.headers]).toEqual([200, {
      "Content-Type": "application/json", Vary: "Accept", "Cache-Control": "public, immutable",
      Expires: "Wed, 04 Mar 2026 05:06:07 UTC", Etag: `"${hash}"`,
    }]);
    expect(JSON.parse(ok.body).openapi).toBe("3.0.0");
    const stale = get("/openapi/v3/apis/apps/v1", "hash=ABC");
    expect([stale.status, stale.headers.Location]).toEqual([301, `/openapi/v3/apis/apps/v1?hash=${hash}`]);
    const plain = get("/openapi/v3/apis/apps/v1");
    expect([plain.status, plain.headers["Cache-Control"]]).toEqual([200, undefined]);
    expect(get("/openapi/v3/apis/apps/v1", "", { ifNoneMatch: `"${hash}"` }).status).toBe(304);
    expect(get("/openapi/v3/apis/batch/v1").status).toBe(404);
  });

  it("/openapi/v2 is JSON only: protobuf-only clients get 406", () => {
    expect(get("/openapi/v2").status).toBe(200);
    expect(get("/openapi/v2", "", { accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" }).status).toBe(406);
    expect(get("/openapi/v2", "", { accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json" }).status).toBe(200);
    expect(handleOpenAPI({ path: "/api/v1", query: new URLSearchParams() }, docs, now)).toBeUndefined();
  });

  it("an unbuilt dist serves 404s", () => {
    const none = staticOpenAPIDocuments(undefined, new Map());
    expect(handleOpenAPI({ path: "/openapi/v2", query: new URLSearchParams() }, none, now)!.status).toBe(404);
    expect(JSON.parse(handleOpenAPI({ path: "/openapi/v3", query: new URLSearchParams() }, none, now)!.body)).toEqual({ paths: {} });
  });
});

describe("strategic merge metadata from the schema", () => {
  it.each([["v2", swagger], ["v3", v2ToV3Documents(swagger).get("apis/apps/v1")!]])("Deployment (%s document)", (_, doc) => {
    expect([...patchMetaForGVK(doc, "apps", "v1", "Deployment")]).toEqual([
      ["spec.template.spec.containers", { patchStrategy: "merge", patchMergeKey: "name", listType: "map", listMapKeys: ["name"] }],
      ["spec.template.spec.containers.ports", {
        patchStrategy: "merge", patchMergeKey: "containerPort", listType: "map", listMapKeys: ["containerPort", "protocol"],
      }],
    ]);
  });

  it("unknown kinds have no metadata", () => {
    expect(patchMetaForGVK(swagger, "apps", "v1", "StatefulSet").size).toBe(0);
  });
});
