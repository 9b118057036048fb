// Turns client-node's models back into swagger.json definitions: property types from
// attributeTypeMap, prose from the models' JSDoc, `required` from the non-optional properties,
// plus what the generator erased: references to apimachinery's special types (which it inlined as
// string/Date/any, so they are recognised by format or from the field tables below, facts of
// k8s.io/api and apimachinery's Go types) and the struct-tag extensions of patch-tags.mjs.
import { patchExtensions } from "./patch-tags.mjs";

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const APIEXT = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1";
export const SPECIAL = {
  Quantity: "io.k8s.apimachinery.pkg.api.resource.Quantity",
  IntOrString: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  Time: `${META}.Time`,
  MicroTime: `${META}.MicroTime`,
  FieldsV1: `${META}.FieldsV1`,
  Patch: `${META}.Patch`,
  RawExtension: "io.k8s.apimachinery.pkg.runtime.RawExtension",
  JSON: `${APIEXT}.JSON`,
  JSONSchemaPropsOrArray: `${APIEXT}.JSONSchemaPropsOrArray`,
  JSONSchemaPropsOrBool: `${APIEXT}.JSONSchemaPropsOrBool`,
  JSONSchemaPropsOrStringArray: `${APIEXT}.JSONSchemaPropsOrStringArray`,
  CustomResourceSubresourceStatus: `${APIEXT}.CustomResourceSubresourceStatus`,
};

/** The special types' schemas as upstream's swagger.json types them (descriptions harvested separately). */
const SPECIAL_SCHEMAS = {
  Quantity: { type: "string" },
  IntOrString: { type: "string", format: "int-or-string" },
  Time: { type: "string", format: "date-time" },
  MicroTime: { type: "string", format: "date-time" },
  FieldsV1: { type: "object" },
  Patch: { type: "object" },
  RawExtension: { type: "object" },
  JSON: {},
  JSONSchemaPropsOrArray: {},
  JSONSchemaPropsOrBool: {},
  JSONSchemaPropsOrStringArray: {},
  CustomResourceSubresourceStatus: { type: "object" },
};

/** resource.Quantity fields, which the generator typed as string (k8s.io/api core/v1, storage/v1, autoscaling/v2). */
const QUANTITY_FIELDS = new Set([
  "V1CSIStorageCapacity.capacity", "V1CSIStorageCapacity.maximumVolumeSize", "V1ContainerStatus.allocatedResources",
  "V1EmptyDirVolumeSource.sizeLimit", "V1LimitRangeItem._default", "V1LimitRangeItem.defaultRequest", "V1LimitRangeItem.max",
  "V1LimitRangeItem.maxLimitRequestRatio", "V1LimitRangeItem.min", "V1NodeStatus.allocatable", "V1NodeStatus.capacity",
  "V1Overhead.podFixed", "V1PersistentVolumeClaimStatus.allocatedResources", "V1PersistentVolumeClaimStatus.capacity",
  "V1PersistentVolumeSpec.capacity", "V1PodSpec.overhead", "V1ResourceFieldSelector.divisor", "V1ResourceQuotaSpec.hard",
  "V1ResourceQuotaStatus.hard", "V1ResourceQuotaStatus.used", "V1ResourceRequirements.limits", "V1ResourceRequirements.requests",
  "V1VolumeResourceRequirements.limits", "V1VolumeResourceRequirements.requests", "V2MetricTarget.averageValue",
  "V2MetricTarget.value", "V2MetricValueStatus.averageValue", "V2MetricValueStatus.value",
]);

/** Fields the generator typed `any`: their Go types. */
const ANY_FIELDS = new Map([
  ["V1ControllerRevision.data", "RawExtension"],
  ["V1WatchEvent.object", "RawExtension"],
  ["V1ManagedFieldsEntry.fieldsV1", "FieldsV1"],
  ["V1CustomResourceSubresources.status", "CustomResourceSubresourceStatus"],
  ["V1JSONSchemaProps.additionalItems", "JSONSchemaPropsOrBool"],
  ["V1JSONSchemaProps.additionalProperties", "JSONSchemaPropsOrBool"],
  ["V1JSONSchemaProps._default", "JSON"],
  ["V1JSONSchemaProps.example", "JSON"],
  ["V1JSONSchemaProps._enum", "JSON"],
  ["V1JSONSchemaProps.items", "JSONSchemaPropsOrArray"],
  ["V1JSONSchemaProps.dependencies", "JSONSchemaPropsOrStringArray"],
]);

/**
 * Descriptions of the special types: the generator copied a referenced type's description onto
 * fields of that type that had none of their own ("IntOrString is a type that can hold ...").
 */
export function harvestSpecialDescriptions(models) {
  const out = new Map();
  for (const model of models.values()) {
    for (const p of model.properties) {
      const d = p.description;
      if (!d) continue;
      const name = Object.keys(SPECIAL).find((s) => d.startsWith(`${s} is `) || d.startsWith(`${s} represents `) || d.startsWith(`${s} stores `));
      if (name && !out.has(name)) out.set(name, d);
    }
  }
  return out;
}

const ref = (name) => ({ $ref: `#/definitions/${name}` });

/** Schema of a client-node property type string. */
function typeSchema(type, format, special, names) {
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) return { type: "array", items: typeSchema(m[1], format, special, names) };
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) return { type: "object", additionalProperties: typeSchema(m[1], format, special, names) };
  if (special) return ref(SPECIAL[special]);
  if (type === "Date") return ref(SPECIAL[format === "date-time-micro" ? "MicroTime" : "Time"]);
  if (type === "V1MicroTime") return ref(SPECIAL.MicroTime);
  if (type === "IntOrString") return ref(SPECIAL.IntOrString);
  if (type === "string") return format ? { type: "string", format } : { type: "string" };
  if (type === "boolean") return { type: "boolean" };
  if (type === "number") return format === "double" || format === "float" ? { type: "number", format } : format ? { type: "integer", format } : { type: "integer" };
  if (type === "any") return { type: "object" };
  if (names.has(type)) return ref(names.get(type));
  return { type: "object" };
}

/** The swagger.json definition of one model. */
export function modelDefinition(modelName, model, definitionName, names, specialDescriptions) {
  const def = {};
  if (model.description) def.description = model.description;
  const properties = {};
  const required = [];
  for (const p of model.properties) {
    const key = `${modelName}.${p.name}`;
    let special = ANY_FIELDS.get(key) ?? (QUANTITY_FIELDS.has(key) ? "Quantity" : undefined);
    const schema = typeSchema(p.type, p.format, special, names);
    special ??= [...Object.entries(SPECIAL)].find(([, d]) => JSON.stringify(schema).includes(`"#/definitions/${d}"`))?.[0];
    const inherited = special && p.description === specialDescriptions.get(special);
    const prop = {};
    if (p.description && !inherited) prop.description = p.description;
    Object.assign(prop, schema, patchExtensions(definitionName, p.baseName));
    properties[p.baseName] = prop;
    if (p.required) required.push(p.baseName);
  }
  if (required.length) def.required = required.sort();
  def.type = "object";
  def.properties = Object.fromEntries(Object.keys(properties).sort().map((k) => [k, properties[k]]));
  Object.assign(def, patchExtensions(definitionName, "."));
  return def;
}

/** Definitions of the special types that `doc` (paths and definitions) refers to. */
export function specialDefinitions(doc, specialDescriptions) {
  const text = JSON.stringify(doc);
  const out = {};
  for (const [name, defName] of Object.entries(SPECIAL)) {
    if (!text.includes(`"#/definitions/${defName}"`)) continue;
    const d = specialDescriptions.get(name);
    out[defName] = { ...(d ? { description: d } : {}), ...SPECIAL_SCHEMAS[name] };
  }
  return out;
}
