// fieldValidation=Strict|Warn|Ignore for request bodies (KEP-2885), as
// k8s.io/apiserver/pkg/endpoints/handlers/{create,update,patch}.go with the strict JSON decoder
// (sigs.k8s.io/json: `unknown field "spec.replicass"`, `duplicate field "x"`): unknown fields are
// found by walking the object against the kind's OpenAPI v3 schema (built-ins from dist/openapi,
// CRDs from spec.versions[].schema.openAPIV3Schema) and are never stored.
import { badRequest } from "./errors.js";
import type { OpenAPIDocuments } from "./openapi/documents.js";

export type Schema = {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-group-version-kind"?: Array<{ group: string; version: string; kind: string }>;
  "x-kubernetes-embedded-resource"?: boolean;
};
type Components = Record<string, Schema>;

export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** The directive of a request; kubectl v1.32 sends Strict by default, other clients default to Warn. */
export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const v = query.get("fieldValidation");
  return v === "Strict" || v === "Ignore" ? v : "Warn";
}

const MAX_DEPTH = 64;

function resolve(s: Schema | undefined, components: Components): Schema | undefined {
  let cur = s;
  for (let i = 0; cur && i < 16; i++) {
    if (cur.$ref) cur = components[cur.$ref.replace("#/components/schemas/", "")];
    else if (cur.allOf?.length === 1 && !cur.properties) cur = cur.allOf[0];
    else return cur;
  }
  return cur;
}

/**
 * The paths of every field of obj its schema does not declare, in the decoder's spelling
 * (`spec.template.spec.containers[0].imagePullPolicyy`), in document order.
 */
export function unknownFieldsBySchema(obj: unknown, schema: Schema, components: Components = {}): string[] {
  const out: string[] = [];
  const walk = (v: unknown, s0: Schema | undefined, path: string, depth: number) => {
    const s = resolve(s0, components);
    if (!s || depth > MAX_DEPTH || s["x-kubernetes-preserve-unknown-fields"]) return;
    if (Array.isArray(v)) {
      if (s.items) v.forEach((x, i) => walk(x, s.items, `${path}[${i}]`, depth + 1));
      return;
    }
    if (v === null || typeof v !== "object") return;
    const rec = v as Record<string, unknown>;
    if (s.properties) {
      for (const [k, x] of Object.entries(rec)) {
        const p = path ? `${path}.${k}` : k;
        const ps = Object.prototype.hasOwnProperty.call(s.properties, k) ? s.properties[k] : undefined;
        if (ps) walk(x, ps, p, depth + 1);
        else if (s["x-kubernetes-embedded-resource"] && ["apiVersion", "kind", "metadata"].includes(k)) continue;
        else if (typeof s.additionalProperties === "object") walk(x, s.additionalProperties, p, depth + 1);
        else if (s.additionalProperties !== true) out.push(p);
      }
      return;
    }
    if (typeof s.additionalProperties === "object") {
      for (const [k, x] of Object.entries(rec)) walk(x, s.additionalProperties, path ? `${path}.${k}` : k, depth + 1);
    }
    // An object schema without properties (RawExtension, FieldsV1) takes anything.
  };
  walk(obj, schema, "", 0);
  return out;
}

/** Finds the component schema of a group/version/kind in the built-in v3 documents. */
export function builtinSchemaFinder(docs: OpenAPIDocuments): (group: string, version: string, kind: string) => { schema: Schema; components: Components } | undefined {
  const cache = new Map<string, { schema: Schema; components: Components } | null>();
  // One parse per group-version: its kinds share the components (a v3 document is megabytes).
  const parsed = new Map<string, Components>();
  return (group, version, kind) => {
    const id = `${group}/${version}/${kind}`;
    const hit = cache.get(id);
    if (hit !== undefined) return hit ?? undefined;
    const gv = group ? `apis/${group}/${version}` : `api/${version}`;
    const doc = parsed.has(gv) ? undefined : docs.v3(gv);
    let found: { schema: Schema; components: Components } | null = null;
    if (doc && !parsed.has(gv)) parsed.set(gv, (JSON.parse(doc.text) as { components?: { schemas?: Components } }).components?.schemas ?? {});
    if (parsed.has(gv)) {
      const components = parsed.get(gv)!;
      for (const s of Object.values(components)) {
        if (s["x-kubernetes-group-version-kind"]?.some((g) => g.group === group && g.version === version && g.kind === kind)) {
          found = { schema: s, components };
          break;
        }
      }
    }
    cache.set(id, found);
    return found ?? undefined;
  };
}

/** The structural schema of a served CRD version, or undefined when it has none. */
export function crdSchema(crd: { spec?: { versions?: Array<{ name?: string; schema?: { openAPIV3Schema?: Schema } }> } }, version: string): Schema | undefined {
  const v = crd.spec?.versions?.find((x) => x.name === version);
  const s = v?.schema?.openAPIV3Schema;
  if (!s) return undefined;
  // apiVersion, kind and metadata are always known to the decoder of a custom resource.
  return { ...s, properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object", "x-kubernetes-preserve-unknown-fields": true }, ...(s.properties ?? {}) } };
}

/**
 * Duplicate keys of a JSON text (`duplicate field "spec.replicas"`); JSON.parse keeps the last
 * one silently, as json-iterator does, so they have to be found in the text.
 */
export function duplicateFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const ws = () => { while (i < text.length && " \t\r\n".includes(text[i])) i++; };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, depth: number): void => {
    ws();
    if (depth > MAX_DEPTH * 4) throw new Error("too deep");
    const c = text[i];
    if (c === "{") {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        ws();
        const k = str();
        const p = path ? `${path}.${k}` : k;
        if (seen.has(k)) out.push(p);
        seen.add(k);
        ws();
        i++; // ':'
        value(p, depth + 1);
        ws();
        if (text[i++] === "}") return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") { i++; return; }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`, depth + 1);
        ws();
        if (text[i++] === "]") return;
      }
    }
    if (c === '"') { str(); return; }
    while (i < text.length && !",}] \t\r\n".includes(text[i])) i++;
  };
  try {
    value("", 0);
  } catch {
    return [];
  }
  return out;
}

/** The decoder's messages, duplicates first as sigs.k8s.io/json reports them. */
export function strictDecodingMessages(unknown: string[], duplicates: string[]): string[] {
  return [...duplicates.map((p) => `duplicate field "${p}"`), ...unknown.map((p) => `unknown field "${p}"`)];
}

/** runtime.StrictDecodingError.Error(). */
export function strictDecodingErrorText(messages: string[]): string {
  return `strict decoding error: ${messages.join(", ")}`;
}

/** transformDecodeError on create/update: `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ...`. */
export function strictDecodingBadRequest(kind: string, version: string, messages: string[]) {
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${strictDecodingErrorText(messages)}`);
}

/** Removes the unknown paths from obj (they are never stored). */
export function dropFields(obj: unknown, paths: string[]): void {
  for (const p of paths) {
    const parts = p.match(/[^.[\]]+|\[\d+\]/g) ?? [];
    let cur: unknown = obj;
    for (let j = 0; j < parts.length - 1 && cur && typeof cur === "object"; j++) {
      const seg = parts[j];
      cur = seg.startsWith("[") ? (cur as unknown[])[Number(seg.slice(1, -1))] : (cur as Record<string, unknown>)[seg];
    }
    const last = parts[parts.length - 1];
    if (cur && typeof cur === "object" && last && !last.startsWith("[")) delete (cur as Record<string, unknown>)[last];
  }
}

export interface StrictResult {
  /** Messages for `Warning:` headers (Warn); empty otherwise. */
  warnings: string[];
}

/**
 * Applies the directive to a decoded body: Strict throws the 400 upstream returns, Warn returns
 * the warnings, Ignore is silent; in every case the unknown fields are dropped from obj.
 */
export function checkStrictFields(
  directive: FieldValidation,
  kind: string,
  version: string,
  obj: unknown,
  schema: { schema: Schema; components: Components } | undefined,
  rawJSON?: string,
): StrictResult {
  if (!schema) return { warnings: [] };
  const unknown = unknownFieldsBySchema(obj, schema.schema, schema.components);
  const dups = rawJSON !== undefined && directive !== "Ignore" ? duplicateFields(rawJSON) : [];
  const messages = strictDecodingMessages(unknown, dups);
  if (messages.length > 0 && directive === "Strict") throw strictDecodingBadRequest(kind, version, messages);
  dropFields(obj, unknown);
  return { warnings: directive === "Warn" ? messages : [] };
}

/** A `Warning` response header value (RFC 7234 warn-code 299, agent "-"), as kube-apiserver writes it. */
export function warningHeaderValue(message: string): string {
  return `299 - ${JSON.stringify(message)}`;
}
