// Strategic-merge-patch metadata per field, read from an OpenAPI schema document, as
// k8s.io/apimachinery/pkg/util/strategicpatch's PatchMetaFromOpenAPI(V3) does: a field's
// x-kubernetes-patch-strategy ("merge", "replace", "retainKeys", "merge,retainKeys") and
// x-kubernetes-patch-merge-key, plus the server-side-apply list markers
// (x-kubernetes-list-type, x-kubernetes-list-map-keys). Pure: the document is passed in
// (an OpenAPI v3 document with components.schemas, or a v2 one with definitions).

export interface FieldPatchMeta {
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: string;
  listMapKeys?: string[];
}

type Schema = Record<string, unknown>;

/** Object paths to the field, list items transparent: "spec.template.spec.containers.ports". */
export type PatchMetaMap = Map<string, FieldPatchMeta>;

function schemasOf(doc: Schema): Record<string, Schema> {
  const v3 = (doc.components as Schema | undefined)?.schemas as Record<string, Schema> | undefined;
  return v3 ?? (doc.definitions as Record<string, Schema> | undefined) ?? {};
}

function refName(s: Schema): string | undefined {
  const ref = (s.$ref as string | undefined) ?? ((s.allOf as Schema[] | undefined)?.[0]?.$ref as string | undefined);
  return ref?.slice(ref.lastIndexOf("/") + 1);
}

/** The schema name declaring `x-kubernetes-group-version-kind` = group/version/kind. */
export function schemaNameForGVK(doc: Schema, group: string, version: string, kind: string): string | undefined {
  for (const [name, s] of Object.entries(schemasOf(doc))) {
    const gvks = s["x-kubernetes-group-version-kind"] as { group: string; version: string; kind: string }[] | undefined;
    if (gvks?.some((g) => g.group === group && g.version === version && g.kind === kind)) return name;
  }
  return undefined;
}

/** Every field of the kind that carries patch or list metadata. */
export function patchMetaForGVK(doc: Schema, group: string, version: string, kind: string, maxDepth = 24): PatchMetaMap {
  const schemas = schemasOf(doc);
  const out: PatchMetaMap = new Map();
  const root = schemaNameForGVK(doc, group, version, kind);
  if (!root) return out;

  const walk = (schema: Schema, path: string, chain: Set<string>, depth: number): void => {
    if (depth > maxDepth) return;
    const name = refName(schema);
    if (name) {
      if (chain.has(name) || !schemas[name]) return; // recursive types (JSONSchemaProps) end here
      const next = new Set(chain).add(name);
      walk(schemas[name], path, next, depth + 1);
      return;
    }
    const props = schema.properties as Record<string, Schema> | undefined;
    for (const [field, prop] of Object.entries(props ?? {})) {
      const p = path ? `${path}.${field}` : field;
      const meta: FieldPatchMeta = {};
      if (typeof prop["x-kubernetes-patch-strategy"] === "string") meta.patchStrategy = prop["x-kubernetes-patch-strategy"] as string;
      if (typeof prop["x-kubernetes-patch-merge-key"] === "string") meta.patchMergeKey = prop["x-kubernetes-patch-merge-key"] as string;
      if (typeof prop["x-kubernetes-list-type"] === "string") meta.listType = prop["x-kubernetes-list-type"] as string;
      if (Array.isArray(prop["x-kubernetes-list-map-keys"])) meta.listMapKeys = [...(prop["x-kubernetes-list-map-keys"] as string[])];
      if (Object.keys(meta).length) out.set(p, meta);
      walk(prop.type === "array" ? ((prop.items as Schema | undefined) ?? {}) : prop, p, chain, depth + 1);
      if (prop.additionalProperties && typeof prop.additionalProperties === "object") {
        walk(prop.additionalProperties as Schema, p, chain, depth + 1);
      }
    }
  };
  walk(schemas[root], "", new Set([root]), 0);
  return out;
}
