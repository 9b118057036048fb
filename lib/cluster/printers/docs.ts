// Column descriptions. upstream takes most of them from SwaggerDoc() of k8s.io/api types
// (types_swagger_doc_generated.go); the ObjectMeta ones are copied from apimachinery v1.32.
// Literal descriptions written in printers.go are inlined where the columns are declared.
import type { TableColumn } from "./types";

export const OBJECT_META_NAME_DOC =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

export const OBJECT_META_CREATION_TIMESTAMP_DOC =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/**
 * A description upstream reads from a k8s.io/api SwaggerDoc() map. The key names the type and
 * field ("core/v1.PodStatus.podIP"). Not yet transcribed: the text is empty (see KNOWN_GAPS);
 * kubectl never shows descriptions, only `-o json` of a raw Table would.
 */
export function swaggerDoc(_key: string): string {
  return "";
}

/** Shorthand for a column definition; format and priority default as in Go's zero values. */
export function col(name: string, type: string, description: string, priority = 0, format = ""): TableColumn {
  return { name, type, format, description, priority };
}

/** The "Name" column every printer starts with. */
export const nameColumn = (): TableColumn => col("Name", "string", OBJECT_META_NAME_DOC, 0, "name");
/** The "Age" column. */
export const ageColumn = (): TableColumn => col("Age", "string", OBJECT_META_CREATION_TIMESTAMP_DOC);
/** "Containers"/"Images" columns of the workload printers (priority 1 unless said). */
export const containersColumn = (priority = 1): TableColumn =>
  col("Containers", "string", "Names of each container in the template.", priority);
export const imagesColumn = (priority = 1): TableColumn =>
  col("Images", "string", "Images referenced by each container in the template.", priority);
