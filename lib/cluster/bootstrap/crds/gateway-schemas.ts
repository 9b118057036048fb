// Structural schemas of the Gateway API v1.2.1 standard resources, written from the published
// CRDs (config/crd/standard): the field tree, required fields, enums, list limits and, above all,
// the defaults the API server applies (HTTPRoute's PathPrefix "/" match, backendRef weight 1,
// parentRef kind Gateway, the "Waiting for controller" status). Descriptions, patterns and CEL
// rules are left out (KNOWN_GAPS); statuses below the top level preserve unknown fields.

type S = Record<string, unknown>;

const str = (extra: S = {}): S => ({ type: "string", ...extra });
const int32 = (extra: S = {}): S => ({ format: "int32", type: "integer", ...extra });
const obj = (properties: S, required?: string[], extra: S = {}): S => ({ ...(required ? { required } : {}), properties, type: "object", ...extra });
const arr = (items: S, maxItems?: number, extra: S = {}): S => ({ items, ...(maxItems ? { maxItems } : {}), type: "array", ...extra });
const loose = (): S => ({ type: "object", "x-kubernetes-preserve-unknown-fields": true });
const port = () => int32({ maximum: 65535, minimum: 1 });
const PENDING = (types: string[]) => ({
  conditions: types.map((type) => ({ lastTransitionTime: "1970-01-01T00:00:00Z", message: "Waiting for controller", reason: "Pending", status: "Unknown", type })),
});

function root(spec: S, status: S | undefined, specRequired = true): S {
  const properties: S = { apiVersion: str(), kind: str(), metadata: { type: "object" }, spec };
  if (status) properties.status = status;
  return {
    openAPIV3Schema: {
      properties,
      ...(specRequired ? { required: ["spec"] } : {}),
      type: "object",
    },
  };
}

const parentRef = () => obj({ group: str({ default: "gateway.networking.k8s.io" }), kind: str({ default: "Gateway" }), name: str(), namespace: str(), port: port(), sectionName: str() }, ["name"]);
const headerList = () => arr(obj({ name: str(), value: str() }, ["name", "value"]), 16, { "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map" });
const headerModifier = () => obj({ add: headerList(), remove: arr(str(), 16, { "x-kubernetes-list-type": "set" }), set: headerList() });
const backendObjectRef = () => obj({ group: str({ default: "" }), kind: str({ default: "Service" }), name: str(), namespace: str(), port: port() }, ["name"]);
const extensionRef = () => obj({ group: str(), kind: str(), name: str() }, ["group", "kind", "name"]);
const pathModifier = () => obj({ replaceFullPath: str(), replacePrefixMatch: str(), type: str({ enum: ["ReplaceFullPath", "ReplacePrefixMatch"] }) }, ["type"]);
const routeStatus = () => obj({ parents: arr(loose(), 32) }, ["parents"]);

function httpFilter(): S {
  return obj(
    {
      extensionRef: extensionRef(),
      requestHeaderModifier: headerModifier(),
      requestMirror: obj({ backendRef: backendObjectRef() }, ["backendRef"]),
      requestRedirect: obj({
        hostname: str(),
        path: pathModifier(),
        port: port(),
        scheme: str({ enum: ["http", "https"] }),
        statusCode: { default: 302, enum: [301, 302], type: "integer" },
      }),
      responseHeaderModifier: headerModifier(),
      type: str({ enum: ["RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef"] }),
      urlRewrite: obj({ hostname: str(), path: pathModifier() }),
    },
    ["type"],
  );
}

function grpcFilter(): S {
  return obj(
    {
      extensionRef: extensionRef(),
      requestHeaderModifier: headerModifier(),
      requestMirror: obj({ backendRef: backendObjectRef() }, ["backendRef"]),
      responseHeaderModifier: headerModifier(),
      type: str({ enum: ["ResponseHeaderModifier", "RequestHeaderModifier", "RequestMirror", "ExtensionRef"] }),
    },
    ["type"],
  );
}

const backendRef = (filter: () => S) =>
  obj({ filters: arr(filter(), 16), group: str({ default: "" }), kind: str({ default: "Service" }), name: str(), namespace: str(), port: port(), weight: int32({ default: 1, maximum: 1000000, minimum: 0 }) }, ["name"]);
const matchList = () => arr(obj({ name: str(), type: str({ default: "Exact", enum: ["Exact", "RegularExpression"] }), value: str() }, ["name", "value"]), 16, { "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map" });

export function gatewayClassSchema(): S {
  return root(
    obj({ controllerName: str(), description: str({ maxLength: 64 }), parametersRef: obj({ group: str(), kind: str(), name: str(), namespace: str() }, ["group", "kind", "name"]) }, ["controllerName"]),
    obj({ conditions: arr(loose(), 8, { "x-kubernetes-list-map-keys": ["type"], "x-kubernetes-list-type": "map" }) }, undefined, { default: PENDING(["Accepted"]) }),
  );
}

export function gatewaySchema(): S {
  const allowedRoutes = obj(
    {
      kinds: arr(obj({ group: str({ default: "gateway.networking.k8s.io" }), kind: str() }, ["kind"]), 8),
      namespaces: obj({ from: str({ default: "Same", enum: ["All", "Selector", "Same"] }), selector: loose() }, undefined, { default: { from: "Same" } }),
    },
    undefined,
    { default: { namespaces: { from: "Same" } } },
  );
  const listener = obj(
    {
      allowedRoutes,
      hostname: str({ maxLength: 253, minLength: 1 }),
      name: str({ maxLength: 253, minLength: 1 }),
      port: port(),
      protocol: str({ maxLength: 255, minLength: 1 }),
      tls: obj({
        certificateRefs: arr(obj({ group: str({ default: "" }), kind: str({ default: "Secret" }), name: str(), namespace: str() }, ["name"]), 64),
        mode: str({ default: "Terminate", enum: ["Terminate", "Passthrough"] }),
        options: { additionalProperties: { maxLength: 4096, minLength: 0, type: "string" }, maxProperties: 16, type: "object" },
      }),
    },
    ["name", "port", "protocol"],
  );
  return root(
    obj(
      {
        addresses: arr(obj({ type: str({ default: "IPAddress" }), value: str({ maxLength: 253, minLength: 1 }) }, ["value"]), 16),
        gatewayClassName: str({ maxLength: 253, minLength: 1 }),
        infrastructure: obj({ annotations: loose(), labels: loose(), parametersRef: obj({ group: str(), kind: str(), name: str() }, ["group", "kind", "name"]) }),
        listeners: arr(listener, 64, { minItems: 1, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map" }),
      },
      ["gatewayClassName", "listeners"],
    ),
    obj({ addresses: arr(loose(), 16), conditions: arr(loose(), 8), listeners: arr(loose(), 64) }, undefined, { default: PENDING(["Accepted", "Programmed"]) }),
  );
}

export function httpRouteSchema(): S {
  const pathDefault = { type: "PathPrefix", value: "/" };
  const match = obj({
    headers: matchList(),
    method: str({ enum: ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"] }),
    path: obj({ type: str({ default: "PathPrefix", enum: ["Exact", "PathPrefix", "RegularExpression"] }), value: str({ default: "/", maxLength: 1024 }) }, undefined, { default: pathDefault }),
    queryParams: matchList(),
  });
  const rule = obj({
    backendRefs: arr(backendRef(httpFilter), 16),
    filters: arr(httpFilter(), 16),
    matches: arr(match, 64, { default: [{ path: pathDefault }] }),
    timeouts: obj({ backendRequest: str(), request: str() }),
  });
  return root(
    obj({
      hostnames: arr(str({ maxLength: 253, minLength: 1 }), 16),
      parentRefs: arr(parentRef(), 32),
      rules: arr(rule, 16, { default: [{ matches: [{ path: pathDefault }] }] }),
    }),
    routeStatus(),
  );
}

export function grpcRouteSchema(): S {
  const match = obj({
    headers: matchList(),
    method: obj({ method: str({ maxLength: 1024 }), service: str({ maxLength: 1024 }), type: str({ default: "Exact", enum: ["Exact", "RegularExpression"] }) }),
  });
  const rule = obj({ backendRefs: arr(backendRef(grpcFilter), 16), filters: arr(grpcFilter(), 16), matches: arr(match, 8) });
  return root(obj({ hostnames: arr(str({ maxLength: 253, minLength: 1 }), 16), parentRefs: arr(parentRef(), 32), rules: arr(rule, 16) }), routeStatus(), false);
}

export function referenceGrantSchema(): S {
  return root(
    obj(
      {
        from: arr(obj({ group: str({ maxLength: 253 }), kind: str({ maxLength: 63, minLength: 1 }), namespace: str({ maxLength: 63, minLength: 1 }) }, ["group", "kind", "namespace"]), 16, { minItems: 1 }),
        to: arr(obj({ group: str({ maxLength: 253 }), kind: str({ maxLength: 63, minLength: 1 }), name: str({ maxLength: 253, minLength: 1 }) }, ["group", "kind"]), 16, { minItems: 1 }),
      },
      ["from", "to"],
    ),
    undefined,
    false,
  );
}
