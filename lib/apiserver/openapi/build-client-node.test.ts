// The documents built from the installed @kubernetes/client-node, checked against facts of
// upstream's v1.32 documents (kinds, operation shapes, struct tags), and fed to the real kubectl
// v1.32 (.tools/v1.32/kubectl, when installed) over a throwaway HTTP server: explain and apply
// must work from /openapi/v3 alone. Expected kubectl output is upstream's layout for these fields.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFromClientNode } from "../../../scripts/openapi/build.mjs";
import { ensurePatchOperations } from "../../../scripts/openapi/convert.mjs";
import { patchMetaForGVK } from "../../cluster/api/resources-patchmeta";
import { RESOURCES } from "../../cluster/api/resources";
import { loadOpenAPIDocuments, serveOpenAPI } from "./index";

const ROOT = resolve(__dirname, "../../..");
const PKG = join(ROOT, "node_modules", "@kubernetes", "client-node");
const KUBECTL = join(ROOT, ".tools", "v1.32", "kubectl");
const out = mkdtempSync(join(tmpdir(), "drydock-openapi-cn-"));
let index: Awaited<ReturnType<typeof buildFromClientNode>>;
const v3 = (gv: string) => JSON.parse(readFileSync(join(out, index.v3[gv].file), "utf8"));

describe.skipIf(!existsSync(PKG))("documents from @kubernetes/client-node", () => {
  beforeAll(async () => { index = await buildFromClientNode(PKG, out, ROOT); });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("has a document per served group-version and none for unserved ones", () => {
    const gvs = Object.keys(index.v3);
    for (const gv of ["api/v1", "apis/apps/v1", "apis/autoscaling/v2", "apis/apiextensions.k8s.io/v1", "apis/apiregistration.k8s.io/v1", "version", "apis"]) {
      expect(gvs).toContain(gv);
    }
    expect(gvs.filter((gv) => /alpha|beta|\{/.test(gv))).toEqual([]);
  });

  it("every PATCH operation is one kubectl accepts", () => {
    for (const gv of Object.keys(index.v3)) expect([gv, ensurePatchOperations(v3(gv))]).toEqual([gv, []]);
  });

  it("PATCH of a Deployment has upstream's shape", () => {
    const item = v3("apis/apps/v1").paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
    expect(item.parameters.map((p: { name: string }) => p.name)).toEqual(["name", "namespace", "pretty"]);
    const op = item.patch;
    expect(op.operationId).toBe("patchAppsV1NamespacedDeployment");
    expect(op["x-kubernetes-action"]).toBe("patch");
    expect(op["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["dryRun", "fieldManager", "fieldValidation", "force"]);
    expect(Object.keys(op.requestBody.content)).toEqual([
      "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
      "application/apply-patch+yaml", "application/apply-patch+cbor",
    ]);
    expect(Object.keys(op.responses)).toEqual(["200", "201", "401"]);
    const scale = v3("apis/apps/v1").paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"].put;
    expect(scale["x-kubernetes-group-version-kind"]).toEqual({ group: "autoscaling", version: "v1", kind: "Scale" });
  });

  it("definitions carry GVKs, required fields and struct-tag extensions", () => {
    const s = v3("apis/apps/v1").components.schemas;
    expect(s["io.k8s.api.apps.v1.Deployment"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", version: "v1", kind: "Deployment" }]);
    expect(s["io.k8s.api.apps.v1.DeploymentList"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", version: "v1", kind: "DeploymentList" }]);
    expect(s["io.k8s.api.apps.v1.DeploymentSpec"].required).toEqual(["selector", "template"]);
    expect(s["io.k8s.api.core.v1.Container"].required).toEqual(["name"]);
    expect(s["io.k8s.api.core.v1.ContainerPort"].properties.containerPort).toEqual({
      description: expect.any(String), type: "integer", format: "int32",
    });
    expect(s["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toEqual({
      description: expect.stringMatching(/^IntOrString is /), oneOf: [{ type: "integer" }, { type: "string" }], format: "int-or-string",
    });
    expect(s["io.k8s.api.core.v1.ResourceRequirements"].properties.limits.additionalProperties).toEqual({
      $ref: "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity",
    });
    expect(s["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"].properties.creationTimestamp).toEqual({
      description: expect.any(String), allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }],
    });
    expect([...patchMetaForGVK(v3("apis/apps/v1"), "apps", "v1", "Deployment")].map(([p, m]) => [p, m.patchStrategy, m.patchMergeKey])
      .filter(([, strategy]) => strategy)).toEqual([
      ["metadata.finalizers", "merge", undefined],
      ["metadata.ownerReferences", "merge", "uid"],
      ["spec.strategy", "retainKeys", undefined],
      ["spec.template.metadata.finalizers", "merge", undefined],
      ["spec.template.metadata.ownerReferences", "merge", "uid"],
      ["spec.template.spec.containers", "merge", "name"],
      ["spec.template.spec.containers.env", "merge", "name"],
      ["spec.template.spec.containers.ports", "merge", "containerPort"],
      ["spec.template.spec.containers.volumeDevices", "merge", "devicePath"],
      ["spec.template.spec.containers.volumeMounts", "merge", "mountPath"],
      ["spec.template.spec.ephemeralContainers", "merge", "name"],
      ["spec.template.spec.ephemeralContainers.env", "merge", "name"],
      ["spec.template.spec.ephemeralContainers.ports", "merge", "containerPort"],
      ["spec.template.spec.ephemeralContainers.volumeDevices", "merge", "devicePath"],
      ["spec.template.spec.ephemeralContainers.volumeMounts", "merge", "mountPath"],
      ["spec.template.spec.hostAliases", "merge", "ip"],
      ["spec.template.spec.imagePullSecrets", "merge", "name"],
      ["spec.template.spec.initContainers", "merge", "name"],
      ["spec.template.spec.initContainers.env", "merge", "name"],
      ["spec.template.spec.initContainers.ports", "merge", "containerPort"],
      ["spec.template.spec.initContainers.volumeDevices", "merge", "devicePath"],
      ["spec.template.spec.initContainers.volumeMounts", "merge", "mountPath"],
      ["spec.template.spec.resourceClaims", "merge,retainKeys", "name"],
      ["spec.template.spec.schedulingGates", "merge", "name"],
      ["spec.template.spec.topologySpreadConstraints", "merge", "topologyKey"],
      ["spec.template.spec.volumes", "merge,retainKeys", "name"],
      ["spec.template.spec.volumes.ephemeral.volumeClaimTemplate.metadata.finalizers", "merge", undefined],
      ["spec.template.spec.volumes.ephemeral.volumeClaimTemplate.metadata.ownerReferences", "merge", "uid"],
      ["status.conditions", "merge", "type"],
    ]);
  });

  it("types land in the package that declares them", () => {
    expect(Object.keys(v3("apis/storage.k8s.io/v1").components.schemas)).toContain("io.k8s.api.core.v1.TopologySelectorTerm");
    expect(Object.keys(v3("apis/events.k8s.io/v1").components.schemas)).toContain("io.k8s.api.events.v1.Event");
    expect(Object.keys(v3("api/v1").components.schemas)).toContain("io.k8s.api.core.v1.Event");
    // pods/eviction is served under /api/v1, so policy/v1 Eviction is a schema of the api/v1 document.
    expect(Object.keys(v3("api/v1").components.schemas)).toContain("io.k8s.api.policy.v1.Eviction");
    expect(Object.keys(v3("version").components.schemas)).toEqual(["io.k8s.apimachinery.pkg.version.Info"]);
  });
});

// Minimal discovery (legacy JSON) plus /openapi/*, enough for kubectl's RESTMapper and OpenAPI clients.
function fakeAPIServer(dir: string): Server {
  const docs = loadOpenAPIDocuments(dir);
  const send = (res: import("node:http").ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/openapi/")) return serveOpenAPI(req, res, url, docs);
    if (url.pathname === "/api") return send(res, 200, { kind: "APIVersions", versions: ["v1"] });
    const groups = [...new Set(RESOURCES.filter((r) => r.group).map((r) => `${r.group}/${r.version}`))];
    if (url.pathname === "/apis") {
      return send(res, 200, {
        kind: "APIGroupList", apiVersion: "v1",
        groups: groups.map((gv) => ({ name: gv.split("/")[0], versions: [{ groupVersion: gv, version: gv.split("/")[1] }], preferredVersion: { groupVersion: gv, version: gv.split("/")[1] } })),
      });
    }
    const gv = url.pathname === "/api/v1" ? "/v1" : url.pathname.replace(/^\/apis\//, "");
    const list = RESOURCES.filter((r) => `${r.group}/${r.version}` === gv);
    if (list.length) {
      const resources = list.map((r) => ({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs }));
      return send(res, 200, { kind: "APIResourceList", apiVersion: "v1", groupVersion: gv.replace(/^\//, ""), resources });
    }
    send(res, 404, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "NotFound", code: 404 });
  });
}

describe.skipIf(!existsSync(PKG) || !existsSync(KUBECTL))("kubectl v1.32 against the documents", () => {
  const dir = mkdtempSync(join(tmpdir(), "drydock-openapi-kubectl-"));
  let server: Server;
  const kubectl = async (...args: string[]) => {
    const r = await promisify(execFile)(KUBECTL, [...args, "-v=6"], { env: { HOME: dir, KUBECONFIG: join(dir, "kubeconfig"), PATH: "/usr/bin:/bin" } });
    return { stdout: r.stdout, log: r.stderr };
  };
  beforeAll(async () => {
    await buildFromClientNode(PKG, join(dir, "openapi"), ROOT);
    server = fakeAPIServer(join(dir, "openapi"));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const port = (server.address() as import("node:net").AddressInfo).port;
    writeFileSync(join(dir, "kubeconfig"), [
      "apiVersion: v1", "kind: Config", "clusters:", `- cluster: {server: "http://127.0.0.1:${port}"}`, "  name: t",
      "contexts:", "- context: {cluster: t, user: u, namespace: default}", "  name: t", "current-context: t", "users:", "- name: u", "  user: {}",
    ].join("\n"));
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  it("explain deployment.spec.strategy", async () => {
    const { stdout, log } = await kubectl("explain", "deployment.spec.strategy");
    expect(stdout.split("\n").slice(0, 5)).toEqual(["GROUP:      apps", "KIND:       Deployment", "VERSION:    v1", "", "FIELD: strategy <DeploymentStrategy>"]);
    expect(stdout).toContain("  type\t<string>\n");
    expect(log).not.toContain("/openapi/v2");
  });

  it("explain pod.spec.containers.ports --recursive", async () => {
    const { stdout } = await kubectl("explain", "pod.spec.containers.ports", "--recursive");
    expect(stdout.split("\n").slice(0, 4)).toEqual(["KIND:       Pod", "VERSION:    v1", "", "FIELD: ports <[]ContainerPort>"]);
    // upstream lists protocol's enum (SCTP, TCP, UDP) too: client-node carries no enums.
    expect(stdout.slice(stdout.indexOf("FIELDS:"))).toBe(
      "FIELDS:\n  containerPort\t<integer> -required-\n  hostIP\t<string>\n  hostPort\t<integer>\n  name\t<string>\n  protocol\t<string>\n\n",
    );
  });

  it("explain names IntOrString and Quantity types", async () => {
    expect((await kubectl("explain", "pod.spec.containers.resources.limits")).stdout).toContain("FIELD: limits <map[string]Quantity>");
    expect((await kubectl("explain", "deployment.spec.strategy.rollingUpdate")).stdout).toContain("  maxSurge\t<IntOrString>\n");
  });

  it("create and apply --dry-run=client validate against /openapi/v3 only", async () => {
    const file = join(dir, "deploy.yaml");
    writeFileSync(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: nginx}]}\n");
    const created = await kubectl("create", "--dry-run=client", "-o", "yaml", "-f", file);
    expect(created.stdout).toContain("kind: Deployment\nmetadata:\n  name: web\n  namespace: default\n");
    expect(created.log).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}.* 200 OK/);
    const applied = await kubectl("apply", "--dry-run=client", "-f", file);
    expect(applied.stdout).toBe("deployment.apps/web created (dry run)\n");
    expect(applied.log).not.toContain("/openapi/v2");
  });
});
