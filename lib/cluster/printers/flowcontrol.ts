// flowcontrol.apiserver.k8s.io kinds: follows printFlowSchema and
// printPriorityLevelConfiguration in kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, get, isMap, name, num, str } from "./fields";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

export const flowSchemaPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("PriorityLevel", "string", swaggerDoc("flowcontrol/v1.PriorityLevelConfigurationReference.name")),
    col("MatchingPrecedence", "string", swaggerDoc("flowcontrol/v1.FlowSchemaSpec.matchingPrecedence")),
    col("DistinguisherMethod", "string", swaggerDoc("flowcontrol/v1.FlowSchemaSpec.distinguisherMethod")),
    ageColumn(),
    col("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration"),
  ],
  print(obj, now) {
    const dm = get(obj, "spec", "distinguisherMethod");
    let badPLRef = "?";
    for (const c of arr(obj, "status", "conditions")) {
      if (str(c, "type") === "Dangling") {
        badPLRef = str(c, "status");
        break;
      }
    }
    return [
      name(obj),
      str(obj, "spec", "priorityLevelConfiguration", "name"),
      num(obj, "spec", "matchingPrecedence"),
      isMap(dm) ? str(dm, "type") : "<none>",
      age(obj, now),
      badPLRef,
    ];
  },
};

export const priorityLevelConfigurationPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Type", "string", swaggerDoc("flowcontrol/v1.PriorityLevelConfigurationSpec.type")),
    col("NominalConcurrencyShares", "string", swaggerDoc("flowcontrol/v1.LimitedPriorityLevelConfiguration.nominalConcurrencyShares")),
    col("Queues", "string", swaggerDoc("flowcontrol/v1.QueuingConfiguration.queues")),
    col("HandSize", "string", swaggerDoc("flowcontrol/v1.QueuingConfiguration.handSize")),
    col("QueueLengthLimit", "string", swaggerDoc("flowcontrol/v1.QueuingConfiguration.queueLengthLimit")),
    ageColumn(),
  ],
  print(obj, now) {
    let ncs: unknown = "<none>";
    let queues: unknown = "<none>";
    let handSize: unknown = "<none>";
    let queueLengthLimit: unknown = "<none>";
    const limited = get(obj, "spec", "limited");
    if (isMap(limited)) {
      ncs = num(limited, "nominalConcurrencyShares");
      const qc = get(limited, "limitResponse", "queuing");
      if (isMap(qc)) {
        queues = num(qc, "queues");
        handSize = num(qc, "handSize");
        queueLengthLimit = num(qc, "queueLengthLimit");
      }
    }
    return [name(obj), str(obj, "spec", "type"), ncs, queues, handSize, queueLengthLimit, age(obj, now)];
  },
};
