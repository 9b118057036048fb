// The REST layer's error helpers: thin adapters from a ResourceInfo to the apimachinery error
// constructors in lib/cluster/meta/errors.ts, plus the few HTTP-level errors that only the
// server raises.
import { StatusError, type ResourceInfo } from "../cluster/api/types.js";
import * as E from "../cluster/meta/errors.js";

type GR = Pick<ResourceInfo, "group" | "resource">;
const gr = (info: GR) => ({ group: info.group, resource: info.resource });

export const qualifiedResource = (info: GR) => E.groupResourceString(gr(info));
export const notFound = (info: GR, name: string) => E.newNotFound(gr(info), name);
export const alreadyExists = (info: GR, name: string) => E.newAlreadyExists(gr(info), name);
export const conflict = (info: GR, name: string, why: string) => E.newConflict(gr(info), name, why);
export const forbidden = (info: GR, name: string, why: string) => E.newForbidden(gr(info), name, why);
export const methodNotSupported = (info: GR, verb: string) => E.newMethodNotSupported(gr(info), verb);
export const OPTIMISTIC_LOCK_MESSAGE = E.OPTIMISTIC_LOCK_ERROR_MSG;
export const badRequest = E.newBadRequest;
export const gone = E.newGone;
export const serviceUnavailable = E.newServiceUnavailable;
export const internalError = (err: unknown) => E.newInternalError(err instanceof Error ? err.message : String(err));
export const unauthorized = () => E.newUnauthorized("Unauthorized");

export function tooLarge(): StatusError {
  return new StatusError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`, { causes: [{ reason: "UnexpectedServerResponse", message: contentType }] });
}

/**
 * A method no route serves on this path (PATCH on a collection, POST on an item): go-restful's
 * 405, written by kube-apiserver's serviceErrorHandler as NewGenericServerResponse.
 */
export function routeMethodNotAllowed(): StatusError {
  return new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", { causes: [{ reason: "UnexpectedServerResponse", message: "405: Method Not Allowed" }] });
}
