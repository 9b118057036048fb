// Tables for custom resources: follows apiextensions-apiserver
// pkg/registry/customresource/tableconvertor/tableconvertor.go (New, ConvertToTable,
// cellForJSONValue) and the default "Age" column of customresource_handler.go
// (serveDefaultColumnsIfEmpty).
import type { KObject } from "../api/types";
import { col, nameColumn, OBJECT_META_CREATION_TIMESTAMP_DOC } from "./docs";
import { translateTimestampSince } from "./duration";
import { isMap } from "./fields";
import { jsonPathText } from "./gofmt";
import { evaluate, parseJSONPath, type JSONPathStep } from "./jsonpath";
import { defaultPrinter } from "./default";
import type { KindPrinter, TableColumn } from "./types";

interface ColumnDef {
  column: TableColumn;
  path: JSONPathStep[];
}

const DEFAULT_COLUMNS = [
  { name: "Age", type: "date", description: OBJECT_META_CREATION_TIMESTAMP_DOC, jsonPath: ".metadata.creationTimestamp" },
];

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** upstream: cellForJSONValue for non-string column types. */
function cellForJSONValue(type: string, value: unknown, now: Date): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "string":
      return typeof value === "string" ? value : null;
    case "date":
      if (typeof value !== "string") return null;
      // metav1.Time.UnmarshalQueryParameter: "null" is the zero time, else RFC3339.
      if (value === "null" || value === "") return "<unknown>";
      if (!RFC3339.test(value)) return "<invalid>";
      return translateTimestampSince(value, now);
  }
  return null;
}

/**
 * The printer for a custom resource version, from its CRD's additionalPrinterColumns
 * (apiextensions.k8s.io/v1 objects: name, type, format, description, priority, jsonPath).
 * With no columns, upstream shows one "Age" column.
 */
export function crdPrinter(additionalPrinterColumns: unknown[]): KindPrinter {
  const specs = additionalPrinterColumns.length > 0 ? additionalPrinterColumns : DEFAULT_COLUMNS;
  const defs: ColumnDef[] = [];
  try {
    for (const c of specs) {
      const m = isMap(c) ? c : {};
      const jsonPath = typeof m.jsonPath === "string" ? m.jsonPath : "";
      const description =
        typeof m.description === "string" && m.description.length > 0
          ? m.description
          : `Custom resource definition column (in JSONPath format): ${jsonPath}`;
      defs.push({
        column: col(
          typeof m.name === "string" ? m.name : "",
          typeof m.type === "string" ? m.type : "",
          description,
          typeof m.priority === "number" ? m.priority : 0,
          typeof m.format === "string" ? m.format : "",
        ),
        path: parseJSONPath(jsonPath),
      });
    }
  } catch {
    // upstream falls back to the default table convertor when a column cannot be parsed.
    return defaultPrinter();
  }
  return {
    columns: [nameColumn(), ...defs.map((d) => d.column)],
    print(obj: KObject, now: Date) {
      const cells: unknown[] = [obj.metadata?.name ?? ""];
      for (const d of defs) {
        const results = evaluate(d.path, obj);
        if (results.length === 0) {
          cells.push(null);
          continue;
        }
        // Only simple paths are allowed, so the first result is the value.
        const value = results[0];
        cells.push(d.column.type === "string" ? jsonPathText(value) : cellForJSONValue(d.column.type, value, now));
      }
      return cells;
    },
  };
}
