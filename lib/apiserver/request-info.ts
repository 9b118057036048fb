// Turns a request path into what the handlers and the authorizer need, following
// staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go (RequestInfoFactory).
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string; // get list watch create update patch delete deletecollection, or the HTTP verb for non-resource
  apiPrefix: string; // "api" | "apis"
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const namespaceSubresources = new Set(["status", "finalize"]);

export function parseRequestInfo(method: string, rawPath: string, query: URLSearchParams): RequestInfo {
  const path = rawPath.split("?")[0];
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: "",
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
    parts: [],
  };
  let parts = path.replace(/^\/+|\/+$/g, "").split("/").filter((p) => p !== "");
  if (parts.length === 0 || (parts[0] !== "api" && parts[0] !== "apis")) return info;
  info.apiPrefix = parts[0];
  parts = parts.slice(1);
  if (info.apiPrefix === "apis") {
    if (parts.length < 2) return info; // /apis, /apis/<group>: discovery
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  } else if (parts.length < 1) {
    return info; // /api
  }
  info.apiVersion = parts[0];
  parts = parts.slice(1);
  if (parts.length === 0) return info; // /api/v1 discovery
  info.isResourceRequest = true;

  switch (method) {
    case "POST":
      info.verb = "create";
      break;
    case "GET":
    case "HEAD":
      info.verb = "get";
      break;
    case "PUT":
      info.verb = "update";
      break;
    case "PATCH":
      info.verb = "patch";
      break;
    case "DELETE":
      info.verb = "delete";
      break;
    default:
      info.verb = "";
  }

  // Deprecated /watch/ prefix paths.
  if (parts[0] === "watch") {
    parts = parts.slice(1);
    if (info.verb === "get") info.verb = "watch";
  }

  if (parts[0] === "namespaces") {
    if (parts.length > 1) {
      info.namespace = parts[1];
      // /namespaces/<name> and /namespaces/<name>/status|finalize address the namespace itself.
      if (parts.length > 2 && !namespaceSubresources.has(parts[2])) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2];
  if (parts.length >= 2) info.name = parts[1];
  if (parts.length >= 1) info.resource = parts[0];

  // A GET without a name is a list, or a watch when ?watch=true.
  if (parts.length < 2 && info.verb === "get") {
    const w = query.get("watch");
    info.verb = w === "1" || w === "true" ? "watch" : "list";
  }
  if (info.verb === "watch" && parts.length >= 2 && !info.subresource) {
    // /watch/namespaces/ns/pods/name is a watch of one object: handled as a field selector by the handler.
  }
  if (info.verb === "delete" && parts.length < 2) info.verb = "deletecollection";
  // namespaces are cluster-scoped: /api/v1/namespaces/<name> has namespace == name in upstream's RequestInfo.
  if (info.resource === "namespaces" && info.name) info.namespace = info.name;
  return info;
}
