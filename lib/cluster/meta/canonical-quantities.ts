// Quantities as stored: kube-apiserver decodes every resource.Quantity field into Go's Quantity
// and encodes it back with String(), so `1000m` is stored as `1` and `1024Mi` as `1Gi`
// (apimachinery pkg/api/resource/quantity.go CanonicalizeBytes). Which fields are quantities
// comes from the schema: those whose type is io.k8s.apimachinery.pkg.api.resource.Quantity.
import { parseQuantity, quantityString } from "./quantity";
import { resolveSchema, type OpenAPISchema, type TypeRef } from "./managedfields/typed";

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const MAX_DEPTH = 64;

function isQuantity(s: OpenAPISchema | undefined): boolean {
  for (let cur = s, i = 0; cur && i < 4; i++) {
    if (cur.$ref?.endsWith(`/${QUANTITY}`)) return true;
    cur = cur.allOf?.length === 1 ? cur.allOf[0] : undefined;
  }
  return false;
}

/** The canonical text of a valid quantity; anything else is left for validation to report. */
function canonical(v: unknown): unknown {
  if (typeof v !== "string" && typeof v !== "number") return v;
  try {
    return quantityString(parseQuantity(typeof v === "number" ? String(v) : v.trim()));
  } catch {
    return v;
  }
}

/** A copy of obj with every quantity-typed value canonical (obj itself is not changed). */
export function canonicalizeQuantities<T>(obj: T, t: TypeRef): T {
  const walk = (v: unknown, s: OpenAPISchema | undefined, depth: number): unknown => {
    if (depth > MAX_DEPTH || v === null || v === undefined) return v;
    if (isQuantity(s)) return canonical(v);
    const r = resolveSchema({ schema: s, components: t.components });
    if (!r) return v;
    if (Array.isArray(v)) return r.items ? v.map((x) => walk(x, r.items, depth + 1)) : v;
    if (typeof v !== "object") return v;
    const add = typeof r.additionalProperties === "object" ? r.additionalProperties : undefined;
    if (!r.properties && !add) return v;
    let out: Record<string, unknown> | undefined;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const fs = r.properties && Object.prototype.hasOwnProperty.call(r.properties, k) ? r.properties[k] : add;
      if (!fs) continue;
      const y = walk(x, fs, depth + 1);
      if (y !== x) {
        out ??= Object.assign(Object.create(Object.getPrototypeOf(v)), v) as Record<string, unknown>;
        out[k] = y;
      }
    }
    return out ?? v;
  };
  return walk(obj, t.schema, 0) as T;
}
