// meta.k8s.io/v1 Table responses: the kind's printer (lib/cluster/printers) gives the columns and
// cells; rows carry the object as PartialObjectMetadata unless ?includeObject says otherwise
// (upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go transformObject).
import type { KObject } from "../cluster/api/types.js";
import { crdPrinter, defaultPrinter, printerFor } from "../cluster/printers/index.js";
import { metaOnly } from "./http.js";
import type { RestContext } from "./rest.js";

export interface Table extends KObject {
  columnDefinitions: unknown[];
  rows: unknown[];
}

function printerOf(ctx: Pick<RestContext, "info">) {
  const info = ctx.info as RestContext["info"] & { custom?: boolean; additionalPrinterColumns?: unknown[] };
  // A CRD without additionalPrinterColumns is served with an Age column (serveDefaultColumnsIfEmpty).
  if (info.custom) return crdPrinter(info.additionalPrinterColumns ?? []);
  return printerFor(info.group, info.kind) ?? defaultPrinter();
}

export function toTable(ctx: Pick<RestContext, "info">, objs: KObject[], now: Date, includeObject: string | null): Table {
  const printer = printerOf(ctx);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion: objs.length === 1 ? (objs[0].metadata?.resourceVersion ?? "") : "" },
    columnDefinitions: printer.columns,
    rows: objs.map((o) => {
      const row: Record<string, unknown> = { cells: printer.print(o, now) };
      if (includeObject === "Object") row.object = o;
      else if (includeObject !== "None") row.object = metaOnly(o);
      return row;
    }),
  };
}
