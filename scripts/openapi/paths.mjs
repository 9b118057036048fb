// Which of client-node's operations (upstream's v1.32 swagger paths, alpha and beta groups
// included) a default kubeadm v1.32 API server serves, decided by Drydock's RESOURCES, and the
// names upstream's installer (k8s.io/apiserver/pkg/endpoints/installer.go) gives each one:
// operationId, tag, x-kubernetes-action and x-kubernetes-group-version-kind.
import { packageOfGroup } from "./names.mjs";

/** { group, version, watch, namespaced, resource, name, subresource } of a resource path, or undefined. */
export function parseResourcePath(path) {
  const parts = path.split("/").filter(Boolean);
  let rest;
  let group;
  let version;
  if (parts[0] === "api" && parts.length > 2) [group, version, rest] = ["", parts[1], parts.slice(2)];
  else if (parts[0] === "apis" && parts.length > 3) [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  const watch = rest[0] === "watch";
  if (watch) rest = rest.slice(1);
  let namespaced = false;
  if (rest[0] === "namespaces" && rest[1] === "{namespace}" && rest.length > 2) [namespaced, rest] = [true, rest.slice(2)];
  const [resource, name, subresource] = rest;
  return { group, version, watch, namespaced, resource, name, subresource };
}

/** The x-kubernetes-action of a client method (its name is upstream's operationId less the tag). */
export function actionOf(method) {
  if (/^watch.*List(ForAllNamespaces)?$/.test(method)) return "watchlist";
  const verb = /^[a-z]+/.exec(method)?.[0];
  if (verb === "delete" && method.startsWith("deleteCollection")) return "deletecollection";
  return { list: "list", read: "get", create: "post", replace: "put", patch: "patch", delete: "delete", watch: "watch", connect: "connect" }[verb];
}

/** The discovery verb an action needs (connect: any verb of the subresource). */
const VERB_OF_ACTION = { list: "list", get: "get", post: "create", put: "update", patch: "patch", delete: "delete", deletecollection: "deletecollection", watch: "watch", watchlist: "watch" };

/** "apps_v1", "rbacAuthorization_v1", "core", "WellKnown"... from the API class ("AppsV1"). */
export function tagOf(className) {
  const m = /^(\w+?)(V\d+(?:alpha\d+|beta\d+)?)$/.exec(className);
  if (m) return `${m[1][0].toLowerCase()}${m[1].slice(1)}_${m[2].toLowerCase()}`;
  if (className === "WellKnown") return className;
  return className[0].toLowerCase() + className.slice(1);
}

/** Upstream's operationId: the tag goes back in after the verb ("patch" + "AppsV1" + "NamespacedDeployment"). */
export function operationIdOf(className, method) {
  if (className === "Version") return `${method}Version`;
  if (["WellKnown", "Openid", "Logs"].includes(className)) return method;
  const verb = /^[a-z]+/.exec(method)[0];
  return `${verb}${className}${method.slice(verb.length)}`;
}

const key = (group, version, resource) => `${group}/${version}/${resource}`;

/**
 * The served operations, each { op, action?, gvk?, resource? }; resource operations carry the
 * GVK upstream puts on them (the subresource's kind for subresources, the kind for lists).
 */
export function servedOperations(ops, resources) {
  const byResource = new Map(resources.map((r) => [key(r.group, r.version, r.resource), r]));
  const groups = new Set(resources.map((r) => r.group));
  const versions = new Set(resources.map((r) => `${r.group}/${r.version}`));
  const out = [];
  for (const op of ops) {
    // CustomObjectsApi is client-node's own (its /apis/{group}/{version}/... paths are not upstream's).
    if (op.className === "CustomObjects" || op.path.includes("{group}")) continue;
    const parsed = parseResourcePath(op.path);
    const action = actionOf(op.method);
    if (!parsed || !action) {
      const parts = op.path.split("/").filter(Boolean);
      if (parts[0] === "apis" && parts.length === 2 && !groups.has(parts[1])) continue;
      if (parts[0] === "apis" && parts.length === 3 && !versions.has(`${parts[1]}/${parts[2]}`)) continue;
      if (parts[0] === "api" && parts.length === 2 && !versions.has(`/${parts[1]}`)) continue;
      out.push({ op });
      continue;
    }
    const info = byResource.get(key(parsed.group, parsed.version, parsed.resource));
    if (!info) continue;
    let gvk = { group: info.group, version: info.version, kind: info.kind };
    if (parsed.subresource) {
      const sub = info.subresources?.[parsed.subresource];
      if (!sub) continue;
      if (action !== "connect" && !sub.verbs.includes(VERB_OF_ACTION[action])) continue;
      gvk = { group: sub.group ?? info.group, version: sub.version ?? info.version, kind: sub.kind };
    } else if (!info.verbs.includes(VERB_OF_ACTION[action])) continue;
    out.push({ op, action, gvk, resource: info, subresource: parsed.subresource });
  }
  return out;
}

/**
 * Model -> package for the kinds the served operations return (200 responses of get/list/put/
 * patch/post on resources and subresources), e.g. V1Deployment -> io.k8s.api.apps, V1Scale ->
 * io.k8s.api.autoscaling; and model -> GVKs for x-kubernetes-group-version-kind.
 */
export function rootModels(served) {
  const packages = new Map();
  const gvks = new Map();
  const add = (model, gvk) => {
    if (!model || !/^[A-Z]/.test(model)) return;
    packages.set(model, packageOfGroup(gvk.group));
    const list = gvks.get(model) ?? [];
    if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) list.push(gvk);
    gvks.set(model, list);
  };
  for (const { op, action, gvk, resource } of served) {
    if (!gvk || !["get", "list", "put", "patch", "post"].includes(action)) continue;
    const model = op.responses["200"] ?? op.responses["201"];
    if (action === "list") add(model, { ...gvk, kind: resource.listKind });
    else if (model !== "V1Status") add(model, gvk);
    if (op.body && /^[A-Z]/.test(op.body.type) && action === "post") add(op.body.type, gvk);
  }
  return { packages, gvks };
}
