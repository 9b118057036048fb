// StatusError constructors as k8s.io/apimachinery/pkg/api/errors/errors.go: reason, code,
// message and details exactly as kube-apiserver returns them. Empty detail fields are left out,
// as Go's `omitempty` leaves them out of the JSON.
import { StatusError, type FieldError } from "../api/types";
import { fieldErrorBody, fieldErrorsMessage } from "./field-errors";
import { goQuote } from "./go-format";

/** schema.GroupResource, e.g. {group: "apps", resource: "deployments"}. */
export interface GroupResource {
  group: string;
  resource: string;
}
/** schema.GroupKind, e.g. {group: "apps", kind: "Deployment"}. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** storage.OptimisticLockErrorMsg, the err text of NewConflict on a stale resourceVersion. */
export const OPTIMISTIC_LOCK_ERROR_MSG =
  "the object has been modified; please apply your changes to the latest version and try again";

/** GroupResource.String(): "deployments.apps", or "pods" for the core group. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}
/** GroupKind.String(): "Deployment.apps", or "Pod" for the core group. */
export function groupKindString(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}

type Details = NonNullable<StatusError["details"]>;
type Cause = NonNullable<Details["causes"]>[number];

// Builds details in metav1.StatusDetails field order (name, group, kind, uid, causes,
// retryAfterSeconds), dropping empty values.
function details(d: { name?: string; group?: string; kind?: string; causes?: Cause[]; retryAfterSeconds?: number }): Details {
  const out: Details = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function isEmptyGroupResource(gr: GroupResource): boolean {
  return gr.group === "" && gr.resource === "";
}

export function newNotFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(404, "NotFound", `${groupResourceString(gr)} ${goQuote(name)} not found`,
    details({ name, group: gr.group, kind: gr.resource }));
}

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(409, "AlreadyExists", `${groupResourceString(gr)} ${goQuote(name)} already exists`,
    details({ name, group: gr.group, kind: gr.resource }));
}

export function newGenerateNameConflict(gr: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return new StatusError(409, "AlreadyExists",
    `${groupResourceString(gr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
    details({ name, group: gr.group, kind: gr.resource, retryAfterSeconds }));
}

export function newUnauthorized(reason: string): StatusError {
  return new StatusError(401, "Unauthorized", reason || "not authorized");
}

/** `pods "x" is forbidden: <err>`; err is the authorizer's or admission's reason text. */
export function newForbidden(gr: GroupResource, name: string, err: string): StatusError {
  let message: string;
  if (isEmptyGroupResource(gr)) message = `forbidden: ${err}`;
  else if (name === "") message = `${groupResourceString(gr)} is forbidden: ${err}`;
  else message = `${groupResourceString(gr)} ${goQuote(name)} is forbidden: ${err}`;
  return new StatusError(403, "Forbidden", message, details({ name, group: gr.group, kind: gr.resource }));
}

/** Pass OPTIMISTIC_LOCK_ERROR_MSG as err for a resourceVersion conflict. */
export function newConflict(gr: GroupResource, name: string, err: string): StatusError {
  return new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${groupResourceString(gr)} ${goQuote(name)}: ${err}`,
    details({ name, group: gr.group, kind: gr.resource }));
}

export function newApplyConflict(causes: Cause[], message: string): StatusError {
  return new StatusError(409, "Conflict", message, details({ causes }));
}

export function newGone(message: string): StatusError {
  return new StatusError(410, "Gone", message);
}

export function newResourceExpired(message: string): StatusError {
  return new StatusError(410, "Expired", message);
}

/**
 * The 422 of a failed validation: `Deployment.apps "x" is invalid: [a, b]` (one error: no
 * brackets), each error also a cause {reason: type, message: body, field}.
 */
export function newInvalid(gk: GroupKind, name: string, errs: FieldError[]): StatusError {
  const causes: Cause[] = errs.map((e) => {
    const c: Cause = { reason: e.type };
    const message = fieldErrorBody(e);
    if (message) c.message = message;
    if (e.field) c.field = e.field;
    return c;
  });
  const agg = fieldErrorsMessage(errs);
  const base = `${groupKindString(gk)} ${goQuote(name)} is invalid`;
  return new StatusError(422, "Invalid", agg === undefined ? base : `${base}: ${agg}`,
    details({ name, group: gk.group, kind: gk.kind, causes }));
}

export function newBadRequest(reason: string): StatusError {
  return new StatusError(400, "BadRequest", reason);
}

export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(429, "TooManyRequests", message, details({ retryAfterSeconds }));
}

export function newServiceUnavailable(reason: string): StatusError {
  return new StatusError(503, "ServiceUnavailable", reason);
}

/** `create is not supported on resources of kind "bindings"`. */
export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return new StatusError(405, "MethodNotAllowed",
    `${action} is not supported on resources of kind ${goQuote(groupResourceString(gr))}`,
    details({ group: gr.group, kind: gr.resource }));
}

export function newServerTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return new StatusError(500, "ServerTimeout",
    `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
    details({ name: operation, group: gr.group, kind: gr.resource, retryAfterSeconds }));
}

export function newInternalError(err: string): StatusError {
  return new StatusError(500, "InternalError", `Internal error occurred: ${err}`, details({ causes: [{ message: err }] }));
}

export function newTimeoutError(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(504, "Timeout", `Timeout: ${message}`, details({ retryAfterSeconds }));
}

export function newTooManyRequestsError(message: string): StatusError {
  return new StatusError(429, "TooManyRequests", `Too many requests: ${message}`);
}

export function newRequestEntityTooLargeError(message: string): StatusError {
  return new StatusError(413, "RequestEntityTooLarge", `Request entity too large: ${message}`);
}
