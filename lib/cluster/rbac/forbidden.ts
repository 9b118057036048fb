// The 403 an unauthorized request gets: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/
// responsewriters/errors.go (forbiddenMessage, Forbidden) and apimachinery's errors.NewForbidden.
import { StatusError } from "../api/types";
import type { Attributes } from "./types";
import { goQuote } from "./go-format";

export function forbiddenMessage(attrs: Attributes): string {
  const user = goQuote(attrs.user.username);
  if (!attrs.resourceRequest) return `User ${user} cannot ${attrs.verb} path ${goQuote(attrs.path ?? "")}`;
  let resource = attrs.resource ?? "";
  if (attrs.subresource) resource += "/" + attrs.subresource;
  const where = attrs.namespace ? `in the namespace ${goQuote(attrs.namespace)}` : "at the cluster scope";
  return `User ${user} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup ?? "")} ${where}`;
}

/** errors.NewForbidden(groupResource, name, err). */
export function newForbidden(group: string, resource: string, name: string, message: string): StatusError {
  let text: string;
  if (!group && !resource) text = `forbidden: ${message}`;
  else {
    const qualified = group ? `${resource}.${group}` : resource;
    text = name ? `${qualified} ${goQuote(name)} is forbidden: ${message}` : `${qualified} is forbidden: ${message}`;
  }
  const details: { name?: string; group?: string; kind?: string } = {};
  if (name) details.name = name;
  if (group) details.group = group;
  if (resource) details.kind = resource;
  return new StatusError(403, "Forbidden", text, details);
}

/** responsewriters.Forbidden: the authorization filter's error for a request not allowed. */
export function forbiddenError(attrs: Attributes, reason: string): StatusError {
  const msg = forbiddenMessage(attrs);
  const errMsg = reason ? `${msg}: ${reason}` : msg;
  return newForbidden(attrs.apiGroup ?? "", attrs.resource ?? "", attrs.name ?? "", errMsg);
}
