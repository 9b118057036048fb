// Field sets and ownership against structured-merge-diff's rules: path strings of
// fieldpath/path_test.go, FieldsV1 of fieldpath/serialize_test.go, and the managedFields a
// v1.32 kube-apiserver records for `kubectl run nginx --image=nginx` (manager kubectl-run).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { FieldSet, pathString, type Path } from "./fieldset";
import { compare, toFieldSet, type OpenAPISchema, type TypeRef } from "./typed";
import { applyManagedFields, updateManagedFields } from "./updater";

// The slice of the core/v1 schema the cases need, in the served OpenAPI v3 form.
const components: Record<string, OpenAPISchema> = {
  Pod: { type: "object", properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { $ref: "#/components/schemas/ObjectMeta" }, spec: { allOf: [{ $ref: "#/components/schemas/PodSpec" }] } } },
  ObjectMeta: { type: "object", properties: { name: { type: "string" }, labels: { type: "object", additionalProperties: { type: "string" } }, finalizers: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" } } },
  PodSpec: {
    type: "object",
    required: ["containers"],
    properties: {
      containers: { type: "array", items: { $ref: "#/components/schemas/Container" }, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] },
      dnsPolicy: { type: "string" },
      enableServiceLinks: { type: "boolean" },
      restartPolicy: { type: "string" },
      schedulerName: { type: "string" },
      securityContext: { type: "object", properties: { runAsUser: { type: "integer" } } },
      terminationGracePeriodSeconds: { type: "integer" },
      nodeSelector: { type: "object", additionalProperties: { type: "string" }, "x-kubernetes-map-type": "atomic" },
    },
  } as OpenAPISchema,
  Container: {
    type: "object",
    properties: {
      name: { type: "string" },
      image: { type: "string" },
      imagePullPolicy: { type: "string" },
      args: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "atomic" },
      ports: { type: "array", items: { $ref: "#/components/schemas/ContainerPort" }, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["containerPort", "protocol"] },
      resources: { type: "object", properties: { limits: { type: "object", additionalProperties: { type: "string" } } } },
      terminationMessagePath: { type: "string" },
      terminationMessagePolicy: { type: "string" },
    },
  },
  ContainerPort: { type: "object", properties: { containerPort: { type: "integer" }, protocol: { type: "string", default: "TCP" } } },
};
const POD: TypeRef = { schema: { $ref: "#/components/schemas/Pod" }, components };

describe("fieldpath", () => {
  it.each([
    ["fields", [{ field: "spec" }, { field: "replicas" }], ".spec.replicas"],
    ["a keyed item", [{ field: "containers" }, { key: { name: "nginx" } }, { field: "image" }], '.containers[name="nginx"].image'],
    ["keys sorted, numbers bare", [{ field: "ports" }, { key: { protocol: "TCP", containerPort: 80 } }], '.ports[containerPort=80,protocol="TCP"]'],
    ["a set member", [{ field: "finalizers" }, { value: "a/b" }], '.finalizers[="a/b"]'],
  ] as [string, Path, string][])("%s", (_n, path, want) => expect(pathString(path)).toBe(want));

  it("FieldsV1 round-trips, with '.' only where a member has children", () => {
    const v1 = { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } }, "f:spec": { "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:image": {} } } } };
    const s = FieldSet.fromFieldsV1(v1);
    expect(s.paths().map(pathString)).toEqual([".metadata.labels", ".metadata.labels.app", '.spec.containers[name="c"]', '.spec.containers[name="c"].image']);
    expect(s.toFieldsV1()).toEqual(v1);
  });
});

describe("typed walks", () => {
  it("an applied configuration's set: leaves, list items, atomic lists and maps whole, key defaults filled in", () => {
    const config = { spec: { nodeSelector: { disk: "ssd" }, containers: [{ name: "c", image: "x", args: ["a"], ports: [{ containerPort: 80 }] }] }, metadata: { labels: { a: "1" } } };
    expect(toFieldSet(config, POD).paths().map(pathString)).toEqual([
      ".metadata.labels.a",
      '.spec.containers[name="c"]',
      '.spec.containers[name="c"].args',
      '.spec.containers[name="c"].image',
      '.spec.containers[name="c"].name',
      '.spec.containers[name="c"].ports[containerPort=80,protocol="TCP"]',
      '.spec.containers[name="c"].ports[containerPort=80,protocol="TCP"].containerPort',
      ".spec.nodeSelector",
    ]);
  });

  it("compare: modified leaves, removed items, a set member added", () => {
    const lhs = { metadata: { finalizers: ["a"] }, spec: { containers: [{ name: "c", image: "x" }, { name: "d", image: "y" }] } };
    const rhs = { metadata: { finalizers: ["a", "b"] }, spec: { containers: [{ name: "c", image: "z" }] } };
    const c = compare(lhs, rhs, POD);
    expect({ added: c.added.paths().map(pathString), modified: c.modified.paths().map(pathString), removed: c.removed.paths().map(pathString) }).toEqual({
      added: ['.metadata.finalizers[="b"]'],
      modified: ['.spec.containers[name="c"].image'],
      removed: ['.spec.containers[name="d"]', '.spec.containers[name="d"].image', '.spec.containers[name="d"].name'],
    });
  });
});

const ctx = (manager: string) => ({ manager, subresource: "", apiVersion: "v1", time: "2026-11-25T10:00:00Z", type: POD });

describe("updateManagedFields", () => {
  it("kubectl run: the create's fields, as a v1.32 apiserver records them", () => {
    const pod: KObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "nginx", labels: { run: "nginx" } },
      spec: {
        containers: [{ name: "nginx", image: "nginx", imagePullPolicy: "Always", resources: {}, terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" }],
        dnsPolicy: "ClusterFirst", enableServiceLinks: true, restartPolicy: "Always", schedulerName: "default-scheduler", securityContext: {}, terminationGracePeriodSeconds: 30,
      },
    };
    expect(updateManagedFields(undefined, pod, ctx("kubectl-run"))).toEqual([{
      manager: "kubectl-run", operation: "Update", apiVersion: "v1", time: "2026-11-25T10:00:00Z", fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": { "f:labels": { ".": {}, "f:run": {} } },
        "f:spec": {
          "f:containers": { 'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:imagePullPolicy": {}, "f:name": {}, "f:resources": {}, "f:terminationMessagePath": {}, "f:terminationMessagePolicy": {} } },
          "f:dnsPolicy": {}, "f:enableServiceLinks": {}, "f:restartPolicy": {}, "f:schedulerName": {}, "f:securityContext": {}, "f:terminationGracePeriodSeconds": {},
        },
      },
    }]);
  });
});

describe("applyManagedFields", () => {
  const live = (): KObject => {
    const obj: KObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "x" }] } };
    obj.metadata!.managedFields = updateManagedFields(undefined, obj, ctx("kubectl-create"));
    return obj;
  };
  const config = (image: string): KObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image }] } });

  it("conflicts with the updater that set another value", () => {
    expect(() => applyManagedFields(live(), config("y"), ctx("kubectl"), false)).toThrow('Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .spec.containers[name="c"].image');
  });

  it("forced, takes the field and leaves the updater the rest", () => {
    const out = applyManagedFields(live(), config("y"), ctx("kubectl"), true);
    expect((out.spec as { containers: { image: string }[] }).containers[0].image).toBe("y");
    expect((out.metadata!.managedFields as { manager: string; fieldsV1: unknown }[]).map((e) => [e.manager, e.fieldsV1])).toEqual([
      ["kubectl", { "f:spec": { "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:image": {}, "f:name": {} } } } }],
      ["kubectl-create", { "f:spec": { "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:name": {} } } } }],
    ]);
  });
});

describe("ownership under random objects", () => {
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), fc.dictionary(fc.constantFrom("spec", "containers", "name", "image", "ports", "containerPort", "metadata", "labels", "finalizers", "nodeSelector", "x"), tie("node"), { maxKeys: 4 }), fc.array(tie("node"), { maxLength: 3 })),
  })).node;
  const obj = value.map((v): KObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, ...(v && typeof v === "object" && !Array.isArray(v) ? v : {}) }) as KObject);
  it("updates and applies never fail but with a conflict, and always encode readable FieldsV1", () => {
    fc.assert(
      fc.property(obj, obj, fc.boolean(), (a, b, force) => {
        const live = { ...a, metadata: { name: "p", managedFields: updateManagedFields(undefined, a, ctx("creator")) } } as KObject;
        try {
          const out = applyManagedFields(live, b, ctx("applier"), force);
          for (const e of out.metadata!.managedFields as { fieldsV1: unknown }[]) FieldSet.fromFieldsV1(e.fieldsV1);
        } catch (e) {
          expect((e as { code?: number }).code).toBe(409);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
