// The three patch types of PATCH requests (JSON patch, merge patch, strategic merge patch), with
// kube-apiserver's answers for bodies it cannot apply
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go).
import { StatusError, type KObject } from "../cluster/api/types.js";
import { jsonMergePatch, jsonPatch, strategicMergePatch, PatchError } from "../cluster/meta/patch.js";
import { builtinPatchMeta } from "../cluster/meta/patch-meta.js";
import { badRequest, unsupportedMediaType } from "./errors.js";

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

/** gvk is "apps/v1/Deployment" (or "v1/Pod"); the kind selects the strategic-merge metadata. */
export function applyPatch(contentType: string, current: KObject, body: Buffer, gvk: string): KObject {
  const kind = gvk.split("/").pop()!;
  let out: unknown;
  try {
    switch (contentType) {
      case "application/json-patch+json": {
        const ops = parse(body);
        if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        out = jsonPatch(current, ops);
        break;
      }
      case "application/merge-patch+json":
        out = jsonMergePatch(current, parse(body));
        break;
      case "application/strategic-merge-patch+json":
        out = strategicMergePatch(current, parse(body), builtinPatchMeta(kind));
        break;
      default:
        throw unsupportedMediaType(contentType);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e;
    if (e instanceof PatchError) {
      // A JSON patch that fails to apply is a generic 422 upstream; other patch failures are 400s.
      if (contentType === "application/json-patch+json") throw new StatusError(422, "Invalid", "the server rejected our request due to an error in our request", {});
      throw badRequest(e.message);
    }
    throw e;
  }
  if (!out || typeof out !== "object" || Array.isArray(out)) throw badRequest("the patch produced something that is not an object");
  return out as KObject;
}
