// Cases from k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go.
import { describe, expect, it } from "vitest";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta";
import { nameIsDNSSubdomain } from "./names";
import { fieldErrorsMessage } from "./field-errors";
import type { ObjectMeta } from "../api/types";

const meta = (m: ObjectMeta): ObjectMeta => ({ name: "x", namespace: "ns", ...m });

describe("ValidateObjectMeta", () => {
  const cases: [string, ObjectMeta, boolean, string | undefined][] = [
    ["valid", meta({}), true, undefined],
    ["no name", { namespace: "ns" }, true, "metadata.name: Required value: name or generateName is required"],
    ["bad generateName", meta({ generateName: "Foo" }), true, "metadata.generateName: Invalid value: \"Foo\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
    ["missing namespace", { name: "x" }, true, "metadata.namespace: Required value"],
    ["namespace on cluster-scoped", meta({}), false, "metadata.namespace: Forbidden: not allowed on this type"],
    ["bad namespace", { name: "x", namespace: "a.b" }, true, "metadata.namespace: Invalid value: \"a.b\": must not contain dots"],
    ["negative generation", meta({ generation: -1 }), true, "metadata.generation: Invalid value: -1: must be greater than or equal to 0"],
    ["bad label value", meta({ labels: { a: "-b" } }), true, "metadata.labels: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    ["upper-case annotation key ok", meta({ annotations: { "Example.com/Key": "v" } }), true, undefined],
    ["annotations too big", meta({ annotations: { a: "x".repeat(256 * 1024) } }), true, "metadata.annotations: Too long: may not be more than 262144 bytes"],
    ["owner reference fields", meta({ ownerReferences: [{ apiVersion: "", kind: "", name: "", uid: "" }] }), true,
      "[metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty, metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty, metadata.ownerReferences.name: Invalid value: \"\": name must not be empty, metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty]"],
    ["two controllers", meta({ ownerReferences: [
      { apiVersion: "v1", kind: "A", name: "a", uid: "1", controller: true },
      { apiVersion: "v1", kind: "B", name: "b", uid: "2", controller: true }] }), true,
      "metadata.ownerReferences: Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true. Found \"true\" in references for A/a and B/b"],
    ["orphan and foreground", meta({ finalizers: ["orphan", "foregroundDeletion"] }), true,
      "metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: finalizer orphan and foregroundDeletion cannot be both set"],
  ];
  it.each(cases)("%s", (_n, m, ns, want) => expect(fieldErrorsMessage(validateObjectMeta(m, ns, nameIsDNSSubdomain)))
    .toBe(want));
});

describe("ValidateObjectMetaUpdate", () => {
  const old = { name: "x", namespace: "ns", uid: "u1", resourceVersion: "1", creationTimestamp: "2024-01-02T03:04:05Z", generation: 2 };
  const cases: [string, ObjectMeta, ObjectMeta, string | undefined][] = [
    ["unchanged", old, old, undefined],
    ["rename", { ...old, name: "y" }, old, "metadata.name: Invalid value: \"y\": field is immutable"],
    ["uid", { ...old, uid: "u2" }, old, "metadata.uid: Invalid value: \"u2\": field is immutable"],
    ["creationTimestamp", { ...old, creationTimestamp: "2025-01-02T03:04:05Z" }, old, "metadata.creationTimestamp: Invalid value: 2025-01-02 03:04:05 +0000 UTC: field is immutable"],
    ["no resourceVersion", { ...old, resourceVersion: "" }, old, "metadata.resourceVersion: Invalid value: \"\": must be specified for an update"],
    ["generation down", { ...old, generation: 1 }, old, "metadata.generation: Invalid value: 1: must not be decremented"],
    ["new finalizer while deleting", { ...old, deletionTimestamp: "2024-01-02T03:04:05Z", finalizers: ["b", "a"] },
      { ...old, deletionTimestamp: "2024-01-02T03:04:05Z" },
      "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"a\", \"b\"}"],
  ];
  it.each(cases)("%s", (_n, n, o, want) => expect(fieldErrorsMessage(validateObjectMetaUpdate(n, o))).toBe(want));
});
