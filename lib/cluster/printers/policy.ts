// policy/v1 PodDisruptionBudget: follows printPodDisruptionBudget in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import { ageColumn, col, nameColumn } from "./docs";
import { translateTimestampSince } from "./duration";
import { get, intOrString, name, num } from "./fields";
import type { KindPrinter } from "./types";

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Min Available", "string", "The minimum number of pods that must be available."),
    col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
    col("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
    ageColumn(),
  ],
  print(obj, now) {
    const min = get(obj, "spec", "minAvailable");
    const max = get(obj, "spec", "maxUnavailable");
    return [
      name(obj),
      min === undefined || min === null ? "N/A" : intOrString(min),
      max === undefined || max === null ? "N/A" : intOrString(max),
      num(obj, "status", "disruptionsAllowed"),
      translateTimestampSince(obj.metadata?.creationTimestamp, now),
    ];
  },
};
