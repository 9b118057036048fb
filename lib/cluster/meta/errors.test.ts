// Expectations from k8s.io/apimachinery/pkg/api/errors/errors.go and
// util/validation/field/errors_test.go (TestErrorUsefulMessage, ErrorBody value formatting).
import { describe, expect, it } from "vitest";
import { newAlreadyExists, newConflict, newForbidden, newInvalid, newMethodNotSupported, newNotFound, OPTIMISTIC_LOCK_ERROR_MSG } from "./errors";
import { fieldErrorString, invalid, notSupported, required, tooLong, tooMany } from "./field-errors";
import { goFloat } from "./go-format";

describe("field.Error.Error()", () => {
  const cases: [string, ReturnType<typeof invalid>, string][] = [
    ["string quoted", invalid("f", "a\"b\n", "d"), "f: Invalid value: \"a\\\"b\\n\": d"],
    ["int bare", invalid("spec.replicas", -1, "must be greater than or equal to 0"), "spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
    ["float %v", invalid("f", 1.5, "d"), "f: Invalid value: 1.5: d"],
    ["bool", invalid("f", true, "d"), "f: Invalid value: true: d"],
    ["null", invalid("f", null, "d"), "f: Invalid value: null: d"],
    ["map", invalid("f", { b: "2", a: "1" }, "d"), "f: Invalid value: map[string]string{\"a\":\"1\", \"b\":\"2\"}: d"],
    ["required", required("f", "d"), "f: Required value: d"],
    ["not supported", notSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"]),
      "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""],
    ["too long", tooLong("f", 10), "f: Too long: may not be more than 10 bytes"],
    ["too many", tooMany("f", 5, 3), "f: Too many: 5: must have at most 3 items"],
  ];
  it.each(cases)("%s", (_n, e, want) => expect(fieldErrorString(e)).toBe(want));
  it("formats floats as Go's %v", () => expect([1e6, 123456.5, 0.00001, 1.5e-7].map(goFloat)).toEqual(["1e+06", "123456.5", "1e-05", "1.5e-07"]));
});

describe("StatusError constructors", () => {
  it("NewInvalid with several errors", () => {
    const e = newInvalid({ group: "apps", kind: "Deployment" }, "x", [
      invalid("spec.replicas", -1, "must be greater than or equal to 0"), required("spec.selector", ""),
    ]);
    expect(e.toStatus()).toEqual({
      kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Invalid", code: 422,
      message: "Deployment.apps \"x\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]",
      details: { name: "x", group: "apps", kind: "Deployment", causes: [
        { reason: "FieldValueInvalid", message: "Invalid value: -1: must be greater than or equal to 0", field: "spec.replicas" },
        { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" },
      ] },
    });
  });
  it("NewInvalid with one error has no brackets", () => {
    expect(newInvalid({ group: "", kind: "Pod" }, "p", [required("spec.containers", "")]).message).toBe("Pod \"p\" is invalid: spec.containers: Required value");
  });
  it("NewNotFound / AlreadyExists / Conflict / Forbidden / MethodNotSupported", () => {
    const gr = { group: "apps", resource: "deployments" };
    expect([newNotFound({ group: "", resource: "pods" }, "x").message, newNotFound({ group: "", resource: "pods" }, "x").details]).toEqual(["pods \"x\" not found", { name: "x", kind: "pods" }]);
    expect(newAlreadyExists(gr, "x").message).toBe("deployments.apps \"x\" already exists");
    expect(newConflict(gr, "x", OPTIMISTIC_LOCK_ERROR_MSG).message).toBe("Operation cannot be fulfilled on deployments.apps \"x\": the object has been modified; please apply your changes to the latest version and try again");
    expect(newForbidden({ group: "", resource: "pods" }, "", "User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"").message)
      .toBe("pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"");
    const m = newMethodNotSupported({ group: "", resource: "bindings" }, "list");
    expect([m.code, m.reason, m.message, m.details]).toEqual([405, "MethodNotAllowed", "list is not supported on resources of kind \"bindings\"", { kind: "bindings" }]);
  });
});
