// The field manager of kube-apiserver's write handlers
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{create,update,patch}.go with
// pkg/util/managedfields): which manager a request writes as, the schema its fields are typed
// by (the served OpenAPI v3 document, or a CRD's structural schema), and server-side apply.
import type { KObject, ResourceInfo } from "../cluster/api/types.js";
import { StatusError } from "../cluster/api/types.js";
import { allowedConflictsFromLastApplied, applyManagedFields, updateManagedFields, type ManagedFieldsEntry } from "../cluster/meta/managedfields/updater.js";
import { undeclaredFields, type OpenAPISchema, type TypeRef } from "../cluster/meta/managedfields/typed.js";
import { pathString } from "../cluster/meta/managedfields/fieldset.js";
import { defaultOpenAPIDir, loadOpenAPIDocuments } from "./openapi/index.js";
import { builtinSchemaFinder, crdSchema } from "./strict-fields.js";
import type { WatchCache } from "./storage/cache.js";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

let finder: ReturnType<typeof builtinSchemaFinder> | undefined;

/** The built-in kinds' schemas, parsed once per process and shared by every lab's server. */
export function builtinSchemas(): ReturnType<typeof builtinSchemaFinder> {
  finder ??= builtinSchemaFinder(loadOpenAPIDocuments(defaultOpenAPIDir()));
  return finder;
}

/** The schema fields of `info` are typed by; an unknown kind gets SMD's deduced typing. */
export function typeRefFor(info: ResourceInfo, cache: WatchCache | undefined): TypeRef {
  if ((info as ResourceInfo & { custom?: boolean }).custom) {
    const crd = cache?.get(`/registry/apiextensions.k8s.io/customresourcedefinitions/${info.resource}.${info.group}`)?.obj;
    const s = crd ? crdSchema(crd as never, info.version) : undefined;
    return { schema: s as OpenAPISchema | undefined, components: {} };
  }
  const found = builtinSchemas()(info.group, info.version, info.kind);
  return { schema: found?.schema as OpenAPISchema | undefined, components: (found?.components ?? {}) as Record<string, OpenAPISchema> };
}

/** managerOrUserAgent: ?fieldManager=, else the User-Agent up to its first "/" (prefixFromUserAgent). */
export function managerOf(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const ua = userAgent ?? "";
  return ua.split("/")[0].slice(0, 128) || "unknown";
}

export interface FieldManagerWrite {
  info: ResourceInfo;
  cache: WatchCache | undefined;
  manager: string;
  subresource: string;
  now: Date;
}

const apiVersionOf = (info: ResourceInfo) => (info.group ? `${info.group}/${info.version}` : info.version);

function context(w: FieldManagerWrite) {
  return { manager: w.manager, subresource: w.subresource, apiVersion: apiVersionOf(w.info), time: rfc3339(w.now), type: typeRefFor(w.info, w.cache) };
}

/** The managedFields after an Update-type write of `next` over `live` (undefined: a create). */
export function managedFieldsAfterUpdate(w: FieldManagerWrite, live: KObject | undefined, next: KObject): ManagedFieldsEntry[] {
  return updateManagedFields(live, next, context(w));
}

/**
 * structuredmerge.go Apply: the configuration must convert to its typed form. A field the schema
 * does not declare fails there with a plain error, which v1.32 answers as a 500 without a
 * reason (kubernetes#122480): `failed to create typed patch object (ns/name; apps/v1,
 * Kind=Deployment): .spec.replicass: field not declared in schema`.
 */
function typedPatchObject(config: KObject, type: TypeRef, info: ResourceInfo): void {
  if (!type.schema) return;
  const bad = undeclaredFields(config, type);
  if (!bad.length) return;
  // Upstream walks maps in Go's random order; sorted paths keep the answer stable.
  const errs = bad.map((p) => `${pathString(p)}: field not declared in schema`).sort();
  const text = errs.length === 1 ? errs[0] : ["errors:", ...errs.map((e) => `  ${e}`)].join("\n");
  const gvk = `${info.group}/${info.version}, Kind=${info.kind}`;
  const nn = `${config.metadata?.namespace ?? ""}/${config.metadata?.name ?? ""}`;
  throw new ReasonlessError(500, "", `failed to create typed patch object (${nn}; ${gvk}): ${text}`);
}

/** An error that is not an APIStatus upstream: ErrorToAPIStatus gives it a code and no reason. */
class ReasonlessError extends StatusError {
  override toStatus(): KObject {
    const s = super.toStatus();
    delete s.reason;
    return s;
  }
}

/** PATCH with application/apply-patch+yaml: the object to store (managedFields included). */
export function serverSideApply(w: FieldManagerWrite, live: KObject | undefined, config: KObject, force: boolean): KObject {
  if (config.metadata?.managedFields !== undefined) {
    throw new StatusError(400, "BadRequest", "metadata.managedFields must be nil", {});
  }
  const ctx = context(w);
  typedPatchObject(config, ctx.type, w.info);
  // Only kubectl's own server-side apply upgrades from client-side apply (lastappliedmanager.go).
  const allowed = w.manager === "kubectl" ? allowedConflictsFromLastApplied(live, ctx.type) : undefined;
  return applyManagedFields(live, config, ctx, force, allowed);
}
