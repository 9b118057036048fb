// Bad bodies fail with 400 BadRequest and the error texts of upstream's protobuf serializer
// (runtime/serializer/protobuf/protobuf.go), gogo's generated Unmarshal, runtime's scheme errors
// and, given the endpoint's kind, apiserver's transformDecodeError (endpoints/handlers/rest.go).
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { StatusError } from "../../cluster/api/types.js";
import { decodeProtobufObject, isProtobufBody, type DecodeTarget } from "./index.js";
import { pbBody, pbMessage } from "./testdata/pb.js";

const magic = Buffer.from("k8s\0", "latin1");
const withMagic = (bytes: Uint8Array) => Buffer.concat([magic, bytes]);
const deployment: DecodeTarget = { apiVersion: "apps/v1", kind: "Deployment" };

function failure(body: Uint8Array, into?: DecodeTarget): { code: number; reason: string; message: string } {
  try {
    decodeProtobufObject(body, into);
  } catch (err) {
    if (!(err instanceof StatusError)) throw err;
    return { code: err.code, reason: err.reason, message: err.message };
  }
  throw new Error("decoded without error");
}

describe("errors", () => {
  const cases: { name: string; body: Uint8Array; into?: DecodeTarget; message: string }[] = [
    { name: "empty body", body: new Uint8Array(), message: "empty data" },
    { name: "JSON sent as protobuf", body: Buffer.from('{"kind":"Deployment"}'), message: "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]" },
    { name: "magic only", body: magic, message: "empty body" },
    { name: "truncated envelope", body: withMagic(Uint8Array.of(0x0a, 0x10, 0x0a)), message: "unexpected EOF" },
    { name: "varint longer than 10 bytes", body: withMagic(Uint8Array.of(...Array(11).fill(0xff))), message: "proto: integer overflow" },
    { name: "field number 0", body: withMagic(Uint8Array.of(0x02, 0x00)), message: "proto: Unknown: illegal tag 0 (wire type 2)" },
    { name: "end group outside a group", body: withMagic(Uint8Array.of(0x0c)), message: "proto: Unknown: wiretype end group for non-group" },
    { name: "unregistered kind", body: pbBody("apps/v1", "Widget", []), message: 'no kind "Widget" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"' },
    { name: "kind in the wrong group", body: pbBody("v1", "Deployment", []), message: 'no kind "Deployment" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"' },
    { name: "no kind", body: pbBody("apps/v1", "", []), message: "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"apps/v1\", Kind:\"\"}'" },
    { name: "no apiVersion", body: pbBody("", "Deployment", []), message: "Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:\"\", Kind:\"Deployment\"}'" },
    { name: "string field sent as varint", body: pbBody("v1", "Namespace", [[1, [[1, 5]]]]), message: "proto: wrong wireType = 0 for field Name" },
    { name: "bad quantity", body: pbBody("v1", "ResourceQuota", [[2, [[1, [[1, "cpu"], [2, [[1, "lots"]]]]]]]]), message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    {
      name: "into: decode error names both kinds",
      body: pbBody("apps/v1", "Deployment", [[2, [[1, "three"]]]]),
      into: deployment,
      message: 'Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 2 for field Replicas',
    },
    {
      name: "into: body that is not protobuf is summarised",
      body: Buffer.from('{"apiVersion":"apps/v1","kind":"Deployment"}'),
      into: deployment,
      message: 'the object provided is unrecognized (must be of type Deployment): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"apiVersion":"apps/v1","kind" ...)',
    },
    {
      name: "into: truncated envelope is summarised in hex",
      body: withMagic(Uint8Array.of(0x0a, 0x10)),
      into: deployment,
      message: "the object provided is unrecognized (must be of type Deployment): unexpected EOF (6b3873000a10)",
    },
  ];
  it.each(cases)("$name", ({ body, into, message }) => {
    expect(failure(body, into)).toEqual({ code: 400, reason: "BadRequest", message });
  });

  it("into: a missing kind and version default to the endpoint's (copyKindDefaults)", () => {
    expect(decodeProtobufObject(pbBody("", "", [[1, [[1, "web"]]]]), deployment)).toMatchObject({ kind: "Deployment", apiVersion: "apps/v1", metadata: { name: "web" } });
  });

  it("isProtobufBody looks at the magic only", () => {
    expect([magic, Buffer.from("k8s"), Buffer.from("{}"), pbBody("v1", "Namespace", [])].map((b) => isProtobufBody(b))).toEqual([true, false, false, true]);
  });
});

/** Anything thrown must be a 400 StatusError: no RangeError, no stack overflow, no hang. */
function onlyBadRequest(body: Uint8Array): void {
  try {
    decodeProtobufObject(body);
  } catch (err) {
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(400);
  }
}

describe("fuzz", () => {
  const kinds = [["apps/v1", "Deployment"], ["v1", "Pod"], ["v1", "Secret"], ["apiextensions.k8s.io/v1", "CustomResourceDefinition"], ["authorization.k8s.io/v1", "SelfSubjectAccessReview"], ["batch/v1", "CronJob"]] as const;

  it("arbitrary bytes after the magic", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyBadRequest(withMagic(bytes))), { numRuns: 3000 });
  });

  it("arbitrary bytes as the raw object of a known kind", () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.uint8Array({ maxLength: 300 }), ([apiVersion, kind], raw) =>
        onlyBadRequest(withMagic(pbMessage([[1, [[1, apiVersion], [2, kind]]], [2, raw]])))),
      { numRuns: 3000 },
    );
  });

  it("real kubectl bodies with bytes flipped, cut or inserted", () => {
    const dir = new URL("./testdata/kubectl/", import.meta.url);
    const bodies = readdirSync(dir).filter((f) => f.endsWith(".bin")).map((f) => readFileSync(new URL(f, dir)));
    fc.assert(
      fc.property(fc.constantFrom(...bodies), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("flip", "cut", "insert"), (body, at, byte, how) => {
        const i = 4 + (at % (body.length - 4));
        const b = Buffer.from(body);
        if (how === "flip") b[i] = byte;
        const mutated = how === "cut" ? b.subarray(0, i) : how === "insert" ? Buffer.concat([b.subarray(0, i), Buffer.of(byte), b.subarray(i)]) : b;
        onlyBadRequest(mutated);
      }),
      { numRuns: 5000 },
    );
  });

  it("deeply nested schemas hit the depth limit instead of the stack", () => {
    let props: Parameters<typeof pbMessage>[0] = [[5, "object"]];
    for (let i = 0; i < 200; i++) props = [[29, [[1, "p"], [2, props]]]];
    const body = pbBody("apiextensions.k8s.io/v1", "CustomResourceDefinition", [[2, [[7, [[4, [[1, props]]]]]]]]);
    expect(failure(body).message).toBe("proto: JSONSchemaProps: message nesting exceeds 100");
  });
});
