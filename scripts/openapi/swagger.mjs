// Rebuilds the /openapi/v2 document (swagger.json) a default kubeadm v1.32 kube-apiserver serves
// from @kubernetes/client-node's generated code (generated from upstream's v1.32 swagger.json):
// the paths of the served resources with upstream's operation shape (installer.go: path-level
// path parameters and `pretty`, per-operation query parameters, body, responses, consumes,
// produces, tags, x-kubernetes-action, x-kubernetes-group-version-kind) and the definitions they
// reach, with x-kubernetes-group-version-kind on every served kind and list.
import { readModels, readOperations } from "./client-node.mjs";
import { harvestSpecialDescriptions, modelDefinition, SPECIAL, specialDefinitions } from "./definitions.mjs";
import { definitionNames } from "./names.mjs";
import { operationIdOf, rootModels, servedOperations, tagOf } from "./paths.mjs";

const RESPONSE_DESCRIPTIONS = { 200: "OK", 201: "Created", 202: "Accepted", 401: "Unauthorized" };
const OBJECT_TYPES = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
const WATCH_TYPES = [...OBJECT_TYPES, "application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch"];
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

function producesOf(op, action) {
  if (action === "connect") return ["*/*"];
  if (action === "list" || action === "watch" || action === "watchlist") return WATCH_TYPES;
  if (op.method.endsWith("PodLog")) return ["text/plain", "application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
  if (op.className === "WellKnown" || op.className === "Version") return ["application/json"];
  if (op.className === "Openid") return ["application/jwk-set+json"];
  if (op.className === "Logs") return undefined;
  return OBJECT_TYPES;
}

function typeRef(type, names) {
  if (names.has(type)) return { $ref: `#/definitions/${names.get(type)}` };
  if (type === "string") return { type: "string" };
  return { type: "object" };
}

function parameter(p) {
  const out = { name: p.name, in: p.in };
  if (p.description) out.description = p.description;
  if (p.required) out.required = true;
  return { ...out, type: p.type, uniqueItems: true };
}

function operation(entry, names, pathLevel) {
  const { op, action, gvk } = entry;
  const out = {};
  const body = op.body;
  out.consumes = body?.consumes.length ? body.consumes : ["*/*"];
  if (op.description) out.description = op.description;
  out.operationId = operationIdOf(op.className, op.method);
  const params = op.params.filter((p) => !pathLevel.has(`${p.in}:${p.name}`)).map(parameter);
  if (body) {
    const type = body.type === "any" && action === "patch" ? { $ref: `#/definitions/${SPECIAL.Patch}` } : typeRef(body.type, names);
    const bp = { name: "body", in: "body" };
    if (body.required) bp.required = true;
    params.unshift({ ...bp, schema: type });
  }
  if (params.length) out.parameters = params;
  const produces = producesOf(op, action);
  if (produces) out.produces = produces;
  out.responses = {};
  for (const [code, type] of Object.entries(op.responses)) {
    const r = { description: RESPONSE_DESCRIPTIONS[code] ?? "" };
    if (type) r.schema = typeRef(type, names);
    out.responses[code] = r;
  }
  out.schemes = ["https"];
  out.tags = [tagOf(op.className)];
  if (action) out["x-kubernetes-action"] = action;
  if (gvk) out["x-kubernetes-group-version-kind"] = { ...gvk };
  return out;
}

/** Path-level parameters: the path's own and `pretty`, when every operation of the path takes them. */
function pathParameters(entries) {
  const first = entries[0].op.params.filter((p) => p.in === "path" || p.name === "pretty");
  const shared = first.filter((p) => entries.every((e) => e.op.params.some((q) => q.in === p.in && q.name === p.name)));
  // Upstream's order: path parameters by name (name, namespace, path), then pretty.
  return shared.sort((a, b) => (a.in === b.in ? (a.name < b.name ? -1 : 1) : a.in === "path" ? -1 : 1));
}

/** The swagger.json document for `resources` (RESOURCES), from client-node installed at `pkgDir`. */
export function swaggerFromClientNode(pkgDir, resources, version) {
  const models = readModels(pkgDir);
  const served = servedOperations(readOperations(pkgDir), resources);
  const { packages, gvks } = rootModels(served);
  // Every model an operation takes or returns (Status, WatchEvent, discovery, version.Info...).
  const extra = served.flatMap((e) => [...Object.values(e.op.responses), e.op.body?.type]).filter((t) => t && models.has(t));
  const names = definitionNames(models, packages, extra);

  const byPath = new Map();
  for (const e of served) {
    if (!byPath.has(e.op.path)) byPath.set(e.op.path, []);
    byPath.get(e.op.path).push(e);
  }
  const paths = {};
  for (const path of [...byPath.keys()].sort()) {
    const entries = byPath.get(path);
    const shared = pathParameters(entries);
    const pathLevel = new Set(shared.map((p) => `${p.in}:${p.name}`));
    const item = {};
    for (const e of entries.sort((a, b) => (a.op.httpMethod < b.op.httpMethod ? -1 : 1))) item[e.op.httpMethod] = operation(e, names, pathLevel);
    if (shared.length) item.parameters = shared.map(parameter);
    paths[path] = item;
  }

  const special = harvestSpecialDescriptions(models);
  const definitions = {};
  for (const [model, defName] of names) definitions[defName] = modelDefinition(model, models.get(model), defName, names, special);
  const servedGVs = [...new Map(resources.map((r) => [`${r.group}/${r.version}`, { group: r.group, version: r.version }])).values()];
  const everyGV = (kind) => servedGVs.map((gv) => ({ ...gv, kind }));
  const extraGVKs = { [`${META}.DeleteOptions`]: everyGV("DeleteOptions"), [`${META}.WatchEvent`]: everyGV("WatchEvent"), [`${META}.Status`]: [{ group: "", version: "v1", kind: "Status" }] };
  for (const [model, list] of gvks) if (names.has(model)) definitions[names.get(model)]["x-kubernetes-group-version-kind"] = list;
  for (const [defName, list] of Object.entries(extraGVKs)) if (definitions[defName]) definitions[defName]["x-kubernetes-group-version-kind"] = list;
  Object.assign(definitions, specialDefinitions({ paths, definitions }, special));
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));

  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version },
    paths,
    definitions: sorted,
    securityDefinitions: { BearerToken: { description: "Bearer Token authentication", type: "apiKey", name: "authorization", in: "header" } },
    security: [{ BearerToken: [] }],
  };
}
