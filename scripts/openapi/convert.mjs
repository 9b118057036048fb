// Derives kube-apiserver's per-group-version OpenAPI v3 documents from its v2 (swagger.json)
// document, for sources that carry only v2. Mirrors what kube-openapi's builder3 produces:
// one document per path prefix ("api/v1", "apis/apps/v1", "apis/apps", "version"...), each with
// the paths under it and the component schemas those paths reach; body parameters become
// requestBody content per "consumes" type, responses get content per "produces" type, and a
// $ref with sibling keywords is wrapped in allOf (OpenAPI 3.0 ignores siblings of $ref).

const V2_REF = "#/definitions/";
const V3_REF = "#/components/schemas/";

/** "api/v1", "apis/apps/v1", "apis/apps", "api", "apis", "version", ".well-known/openid-configuration"... */
export function groupVersionOfPath(path) {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "api") return parts.length > 1 ? `api/${parts[1]}` : "api";
  if (parts[0] === "apis") {
    if (parts.length === 1) return "apis";
    if (parts.length === 2) return `apis/${parts[1]}`;
    return `apis/${parts[1]}/${parts[2]}`;
  }
  if (parts[0] === "openid") return parts.slice(0, 3).join("/");
  if (parts[0] === ".well-known") return parts.slice(0, 2).join("/");
  return parts[0] ?? "";
}

/** Keywords whose value maps names to schemas: the names are data (a property may be called "$ref" or "allOf"). */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions"]);

function convertSchema(schema) {
  if (Array.isArray(schema)) return schema.map(convertSchema);
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === "object" && !Array.isArray(v)) out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, convertSchema(s)]));
    else out[k] = k === "$ref" && typeof v === "string" && v.startsWith(V2_REF) ? V3_REF + v.slice(V2_REF.length) : convertSchema(v);
  }
  if (out.$ref && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }] };
  }
  return out;
}

function convertParameter(p) {
  const { name, in: where, description, required, uniqueItems, type, format, items, ...rest } = p;
  const out = { name, in: where };
  if (description !== undefined) out.description = description;
  if (required !== undefined) out.required = required;
  const schema = { type };
  if (format) schema.format = format;
  if (items) schema.items = convertSchema(items);
  if (uniqueItems) schema.uniqueItems = uniqueItems;
  out.schema = schema;
  for (const [k, v] of Object.entries(rest)) if (k.startsWith("x-")) out[k] = v;
  return out;
}

function convertOperation(op, consumesDefault, producesDefault) {
  const out = {};
  for (const k of ["tags", "description", "operationId"]) if (op[k] !== undefined) out[k] = op[k];
  const params = [];
  let body;
  for (const p of op.parameters ?? []) {
    if (p.in === "body") body = p;
    else params.push(convertParameter(p));
  }
  if (params.length) out.parameters = params;
  if (body) {
    const content = {};
    for (const type of op.consumes ?? consumesDefault ?? ["application/json"]) content[type] = { schema: convertSchema(body.schema) };
    out.requestBody = { content };
    if (body.required) out.requestBody.required = true;
  }
  out.responses = {};
  for (const [code, resp] of Object.entries(op.responses ?? {})) {
    const r = { description: resp.description ?? "" };
    if (resp.schema) {
      r.content = {};
      for (const type of op.produces ?? producesDefault ?? ["application/json"]) r.content[type] = { schema: convertSchema(resp.schema) };
    }
    out.responses[code] = r;
  }
  for (const [k, v] of Object.entries(op)) if (k.startsWith("x-")) out[k] = v;
  return out;
}

function collectRefs(node, into) {
  if (Array.isArray(node)) for (const x of node) collectRefs(x, into);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith(V3_REF)) into.add(v.slice(V3_REF.length));
      else collectRefs(v, into);
    }
  }
}

// Types whose v3 schema kube-openapi builds from OpenAPIV3OneOfTypes() instead of their v2
// type (k8s.io/apimachinery intstr.IntOrString and resource.Quantity), so that kubectl explain
// names them (<IntOrString>, <map[string]Quantity>) rather than printing <string>.
const V3_ONE_OF = {
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": [["integer", "string"], "int-or-string"],
  "io.k8s.apimachinery.pkg.api.resource.Quantity": [["string", "number"], undefined],
};

function v3Definition(name, def) {
  const schema = convertSchema(def);
  const oneOf = V3_ONE_OF[name];
  if (!oneOf) return schema;
  const { type: _type, format: _format, ...rest } = schema;
  return { ...rest, oneOf: oneOf[0].map((type) => ({ type })), ...(oneOf[1] ? { format: oneOf[1] } : {}) };
}

/** Map "<gv>" -> OpenAPI 3.0 document. */
export function v2ToV3Documents(swagger) {
  const docs = new Map();
  const defs = swagger.definitions ?? {};
  for (const [path, item] of Object.entries(swagger.paths ?? {})) {
    const gv = groupVersionOfPath(path);
    if (!docs.has(gv)) docs.set(gv, { paths: {} });
    const outItem = {};
    for (const [k, v] of Object.entries(item)) {
      if (k === "parameters") outItem.parameters = v.map(convertParameter);
      else if (["get", "put", "post", "delete", "patch", "head", "options"].includes(k))
        outItem[k] = convertOperation(v, swagger.consumes, swagger.produces);
      else outItem[k] = v;
    }
    docs.get(gv).paths[path] = outItem;
  }
  const result = new Map();
  for (const [gv, { paths }] of docs) {
    const needed = new Set();
    collectRefs(paths, needed);
    const schemas = {};
    const queue = [...needed];
    while (queue.length) {
      const name = queue.pop();
      if (schemas[name] || !defs[name]) continue;
      schemas[name] = v3Definition(name, defs[name]);
      const more = new Set();
      collectRefs(schemas[name], more);
      for (const m of more) if (!schemas[m]) queue.push(m);
    }
    const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
    result.set(gv, {
      openapi: "3.0.0",
      info: { title: swagger.info?.title ?? "Kubernetes", version: swagger.info?.version ?? "" },
      paths,
      components: {
        schemas: sorted,
        securitySchemes: { BearerToken: { type: "apiKey", description: "Bearer Token authentication", name: "authorization", in: "header" } },
      },
    });
  }
  return result;
}

const SMP = "application/strategic-merge-patch+json";

/**
 * kubectl (apply, edit, patch) uses a group-version's v3 document only when each kind's PATCH
 * operation names its GVK, takes fieldValidation and accepts strategic merge patches; otherwise
 * it falls back to /openapi/v2. Returns the operations lacking one of these (it adds nothing:
 * the upstream built-in documents carry them all; CRD documents, which take no strategic merge
 * patches, are built by the API server at run time, not here).
 */
export function ensurePatchOperations(doc) {
  const problems = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const op = item.patch;
    if (!op || op["x-kubernetes-action"] !== "patch") continue;
    if (!op["x-kubernetes-group-version-kind"]) problems.push(`${path}: PATCH without x-kubernetes-group-version-kind`);
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
    if (!params.some((p) => p.name === "fieldValidation")) problems.push(`${path}: PATCH without fieldValidation`);
    if (!op.requestBody?.content?.[SMP]) problems.push(`${path}: PATCH without ${SMP}`);
  }
  return problems;
}
