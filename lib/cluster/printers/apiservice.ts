// apiregistration.k8s.io APIService: follows ConvertToTable in
// kube-aggregator/pkg/registry/apiservice/etcd/etcd.go: NAME, SERVICE, AVAILABLE, AGE.
import { ageColumn, col, nameColumn } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, get, isMap, str } from "./fields";
import type { KindPrinter } from "./types";

export const apiServicePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Service", "string", "The reference to the service that hosts this API endpoint."),
    col("Available", "string", "Whether this service is available."),
    ageColumn(),
  ],
  print(obj, now) {
    const svc = get(obj, "spec", "service");
    const service = isMap(svc) ? `${str(svc, "namespace")}/${str(svc, "name")}` : "Local";
    let status = "Unknown";
    const cond = arr(obj, "status", "conditions").find((c) => str(c, "type") === "Available");
    if (cond !== undefined) {
      const s = str(cond, "status");
      const reason = str(cond, "reason");
      status = s === "True" || reason.length === 0 ? s : `${s} (${reason})`;
    }
    // metatable.MetaToTableRow's age: ConvertToHumanReadableDateType of creationTimestamp.
    return [obj.metadata?.name ?? "", service, status, translateTimestampSince(obj.metadata?.creationTimestamp, now)];
  },
};
