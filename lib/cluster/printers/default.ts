// The table of kinds without a printer (Role, ClusterRole, LimitRange,
// CustomResourceDefinition, ...): follows defaultTableConvertor in
// k8s.io/apiserver/pkg/registry/rest/table.go: NAME and CREATED AT (RFC3339, UTC).
import { col, nameColumn, OBJECT_META_CREATION_TIMESTAMP_DOC } from "./docs";
import { parseTime } from "./duration";
import type { KindPrinter } from "./types";

/** Go's time.RFC3339 of a UTC time: no fractional seconds, "Z". */
export function formatRFC3339(value: unknown): string {
  const t = parseTime(value);
  if (!t) return "0001-01-01T00:00:00Z";
  return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function defaultPrinter(): KindPrinter {
  return {
    columns: [nameColumn(), col("Created At", "date", OBJECT_META_CREATION_TIMESTAMP_DOC)],
    print: (obj) => [obj.metadata?.name ?? "", formatRFC3339(obj.metadata?.creationTimestamp)],
  };
}
