// Server-side apply and field ownership through the HTTP path: conflict messages from
// k8s.io/apiserver/pkg/util/managedfields/internal/conflict.go, FieldsV1 from
// structured-merge-diff's serialisation, merge rules from the served OpenAPI (list-map keys).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiServer } from "./server.js";
import { ADMIN, newTestServer, request } from "./testing/http.js";

let api: ApiServer;
const DEPLOY = "/apis/apps/v1/namespaces/default/deployments";

const deployment = (replicas: number, image = "nginx:1.27", extra: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", ...extra },
  spec: {
    replicas,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } },
  },
});

const apply = (body: unknown, manager: string, force = false) =>
  request(api, {
    method: "PATCH",
    path: `${DEPLOY}/web?fieldManager=${manager}${force ? "&force=true" : ""}`,
    as: ADMIN,
    headers: { "content-type": "application/apply-patch+yaml" },
    body: JSON.stringify(body),
  });

type Entry = { manager: string; operation: string; apiVersion: string; fieldsV1: Record<string, unknown> };
const managed = async (): Promise<Entry[]> => {
  const r = await request(api, { method: "GET", path: `${DEPLOY}/web`, as: ADMIN });
  return ((r.json!.metadata as { managedFields: Entry[] }).managedFields).map(({ manager, operation, apiVersion, fieldsV1 }) => ({ manager, operation, apiVersion, fieldsV1 }));
};

beforeEach(async () => {
  api = await newTestServer();
  await request(api, { method: "POST", path: "/api/v1/namespaces", as: ADMIN, body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } } });
});
afterEach(() => api.close());

describe("server-side apply conflicts", () => {
  beforeEach(async () => {
    const r = await request(api, { method: "POST", path: `${DEPLOY}?fieldManager=kubectl-client-side-apply`, as: ADMIN, body: deployment(1) });
    expect(r.code).toBe(201);
  });

  it("a different value for a field another manager owns is a 409 naming it", async () => {
    const r = await apply(deployment(3), "kubectl");
    expect(r.code).toBe(409);
    expect(r.json).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: "Conflict",
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: ".spec.replicas" }] },
      code: 409,
    });
  });

  it("several conflicts are grouped by manager, in path order", async () => {
    const r = await apply(deployment(3, "nginx:1.28"), "kubectl");
    expect(r.json!.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it("the same values are no conflict: both managers own them", async () => {
    expect((await apply(deployment(1), "kubectl")).code).toBe(200);
    const entries = await managed();
    expect(entries.map((e) => `${e.manager}/${e.operation}`)).toEqual(["kubectl/Apply", "kubectl-client-side-apply/Update"]);
    expect(entries[0].fieldsV1).toEqual({
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {} } } },
        },
      },
    });
  });

  it("--force-conflicts takes the field over", async () => {
    const r = await apply(deployment(3), "kubectl", true);
    expect(r.code).toBe(200);
    expect((r.json!.spec as { replicas: number }).replicas).toBe(3);
    const [applier, updater] = await managed();
    expect(applier.manager).toBe("kubectl");
    expect((updater.fieldsV1["f:spec"] as Record<string, unknown>)["f:replicas"]).toBeUndefined();
    // The former owner now conflicts the other way round.
    const back = await request(api, { method: "PATCH", path: `${DEPLOY}/web?fieldManager=other`, as: ADMIN, headers: { "content-type": "application/apply-patch+yaml" }, body: JSON.stringify({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 5 } }) });
    expect(back.json!.message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
  });

  it("an Update takes the fields it changes from the applier", async () => {
    await apply(deployment(1), "kubectl");
    const r = await request(api, { method: "PATCH", path: `${DEPLOY}/web?fieldManager=kubectl-scale`, as: ADMIN, headers: { "content-type": "application/merge-patch+json" }, body: { spec: { replicas: 4 } } });
    expect(r.code).toBe(200);
    const entries = await managed();
    expect(entries.find((e) => e.manager === "kubectl-scale")!.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(((entries.find((e) => e.manager === "kubectl")!.fieldsV1["f:spec"]) as Record<string, unknown>)["f:replicas"]).toBeUndefined();
  });
});

describe("upgrading from client-side apply (lastappliedmanager.go)", () => {
  const LAST = "kubectl.kubernetes.io/last-applied-configuration";
  const createApplied = async (liveReplicas: number, lastReplicas: number) => {
    const annotations = { [LAST]: JSON.stringify(deployment(lastReplicas)) };
    const r = await request(api, { method: "POST", path: `${DEPLOY}?fieldManager=kubectl-client-side-apply`, as: ADMIN, body: deployment(liveReplicas, "nginx:1.27", { annotations }) });
    expect(r.code).toBe(201);
  };

  it("kubectl takes over fields whose last-applied value still matches the live object", async () => {
    await createApplied(1, 1);
    const r = await apply(deployment(3), "kubectl");
    expect(r.code).toBe(200);
    expect((r.json!.spec as { replicas: number }).replicas).toBe(3);
  });

  it("a field changed since the last client-side apply still conflicts", async () => {
    await createApplied(1, 2);
    expect((await apply(deployment(3), "kubectl")).json!.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it("another field manager gets no such allowance", async () => {
    await createApplied(1, 1);
    expect((await apply(deployment(3), "ci")).code).toBe(409);
  });
});

describe("server-side apply merging and pruning", () => {
  it("creates, then merges keyed list items and drops what the applier stopped applying", async () => {
    const first = await apply(deployment(2, "nginx:1.27", { labels: { tier: "web", team: "a" } }), "ci");
    expect(first.code).toBe(201);
    const second = await apply(deployment(2, "nginx:1.28", { labels: { tier: "web" } }), "ci");
    expect(second.code).toBe(200);
    const obj = second.json! as { metadata: { labels: Record<string, string> }; spec: { template: { spec: { containers: { name: string; image: string }[] } } } };
    expect(obj.metadata.labels).toEqual({ tier: "web" });
    expect(obj.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(["nginx=nginx:1.28"]);
  });

  it("another applier's container is added beside, not replacing", async () => {
    await apply(deployment(1), "ci");
    const side = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "sidecar", image: "busybox" }] } } } };
    const r = await apply(side, "mesh");
    expect(r.code).toBe(200);
    const containers = (r.json!.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(["nginx", "sidecar"]);
  });

  it("an undeclared field fails typed conversion: a 500 without a reason, as v1.32 answers", async () => {
    const body = deployment(1);
    (body.spec as Record<string, unknown>).replicass = 2;
    (body.spec.template.spec.containers[0] as Record<string, unknown>).imagee = "x";
    const r = await apply(body, "kubectl");
    expect(r.code).toBe(500);
    expect(r.json).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n  .spec.replicass: field not declared in schema\n  .spec.template.spec.containers[name="nginx"].imagee: field not declared in schema',
      code: 500,
    });
  });

  it("apply needs a field manager", async () => {
    const r = await request(api, { method: "PATCH", path: `${DEPLOY}/web`, as: ADMIN, headers: { "content-type": "application/apply-patch+yaml" }, body: JSON.stringify(deployment(1)) });
    expect(r.code).toBe(422);
    expect(r.json!.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });
});

describe("managedFields of Update writes", () => {
  it("a create records every field set, with '.' on maps and list items that appeared", async () => {
    await request(api, { method: "POST", path: "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create", as: ADMIN, body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", labels: { a: "1" } }, data: { k: "v" } } });
    const r = await request(api, { method: "GET", path: "/api/v1/namespaces/default/configmaps/cfg", as: ADMIN });
    const [entry] = (r.json!.metadata as { managedFields: Record<string, unknown>[] }).managedFields;
    expect(entry).toEqual({
      manager: "kubectl-create",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-11-25T10:00:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:data": { ".": {}, "f:k": {} }, "f:metadata": { "f:labels": { ".": {}, "f:a": {} } } },
    });
  });

  it("without ?fieldManager the User-Agent's prefix is the manager", async () => {
    await request(api, { method: "POST", path: "/api/v1/namespaces/default/configmaps", as: ADMIN, headers: { "user-agent": "curl/7.88.1" }, body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c2" } , data: { x: "y" } } });
    const r = await request(api, { method: "GET", path: "/api/v1/namespaces/default/configmaps/c2", as: ADMIN });
    expect((r.json!.metadata as { managedFields: { manager: string }[] }).managedFields[0].manager).toBe("curl");
  });
});
