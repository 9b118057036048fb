// events.k8s.io/v1 Event <-> core/v1 Event (pkg/apis/events/v1/conversion.go). Both are one
// resource in storage, kept in core form: what the scheduler records through events.k8s.io is
// what `kubectl get events` and `kubectl describe` read through core/v1.
import type { KObject } from "./types.js";

const PAIRS: [eventsV1: string, core: string][] = [
  ["regarding", "involvedObject"],
  ["note", "message"],
  ["reportingController", "reportingComponent"],
  ["deprecatedSource", "source"],
  ["deprecatedFirstTimestamp", "firstTimestamp"],
  ["deprecatedLastTimestamp", "lastTimestamp"],
  ["deprecatedCount", "count"],
];

function rename(obj: KObject, from: 0 | 1, apiVersion: string): KObject {
  const out: KObject = { ...obj, apiVersion };
  for (const pair of PAIRS) {
    const a = pair[from];
    const b = pair[1 - from];
    if (a in out) {
      out[b] = out[a];
      delete out[a];
    }
  }
  return out;
}

export function eventV1ToCore(obj: KObject): KObject {
  const out = rename(obj, 0, "v1");
  // core Events always carry a source; the events.k8s.io recorder leaves it empty.
  out.source ??= {};
  out.firstTimestamp ??= null;
  out.lastTimestamp ??= null;
  return out;
}

export function eventCoreToV1(obj: KObject): KObject {
  const out = rename(obj, 1, "events.k8s.io/v1");
  if (out.deprecatedSource && !Object.keys(out.deprecatedSource as object).length) delete out.deprecatedSource;
  if (out.deprecatedFirstTimestamp === null) delete out.deprecatedFirstTimestamp;
  if (out.deprecatedLastTimestamp === null) delete out.deprecatedLastTimestamp;
  return out;
}

export const isEventsV1 = (info: { group: string; resource: string }) => info.group === "events.k8s.io" && info.resource === "events";
