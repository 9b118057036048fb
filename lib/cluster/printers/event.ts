// Event table for core/v1 and events.k8s.io/v1 Events: follows printEvent in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32). Both APIs are served from the
// same storage and printed from the internal core Event, so events.k8s.io objects are first
// mapped onto core field names (upstream: pkg/apis/events/v1 conversion).
import type { KObject } from "../api/types";
import { col, nameColumn, OBJECT_META_NAME_DOC, swaggerDoc } from "./docs";
import { parseTime, translateTimestampSince } from "./duration";
import { get, isMap, name, num, str } from "./fields";
import type { KindPrinter } from "./types";

interface CoreEventView {
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  count: number;
  series: unknown;
  type: string;
  reason: string;
  message: string;
  involvedObject: unknown;
  sourceComponent: string;
  sourceHost: string;
  reportingController: string;
  reportingInstance: string;
}

function coreView(ev: KObject): CoreEventView {
  if (typeof ev.apiVersion === "string" && ev.apiVersion.startsWith("events.k8s.io/")) {
    return {
      firstTimestamp: get(ev, "deprecatedFirstTimestamp"),
      lastTimestamp: get(ev, "deprecatedLastTimestamp"),
      eventTime: get(ev, "eventTime"),
      count: num(ev, "deprecatedCount"),
      series: get(ev, "series"),
      type: str(ev, "type"),
      reason: str(ev, "reason"),
      message: str(ev, "note"),
      involvedObject: get(ev, "regarding"),
      sourceComponent: str(ev, "deprecatedSource", "component"),
      sourceHost: str(ev, "deprecatedSource", "host"),
      reportingController: str(ev, "reportingController"),
      reportingInstance: str(ev, "reportingInstance"),
    };
  }
  return {
    firstTimestamp: get(ev, "firstTimestamp"),
    lastTimestamp: get(ev, "lastTimestamp"),
    eventTime: get(ev, "eventTime"),
    count: num(ev, "count"),
    series: get(ev, "series"),
    type: str(ev, "type"),
    reason: str(ev, "reason"),
    message: str(ev, "message"),
    involvedObject: get(ev, "involvedObject"),
    sourceComponent: str(ev, "source", "component"),
    sourceHost: str(ev, "source", "host"),
    reportingController: str(ev, "reportingController"),
    reportingInstance: str(ev, "reportingInstance"),
  };
}

/** upstream: formatEventSource: component (or reportingController), ", host" when known. */
export function formatEventSource(component: string, host: string, reportingController: string, reportingInstance: string): string {
  const c = component || reportingController;
  const i = host || reportingInstance;
  return i.length === 0 ? c : `${c}, ${i}`;
}

export const eventPrinter: KindPrinter = {
  columns: [
    col("Last Seen", "string", swaggerDoc("core/v1.Event.lastTimestamp")),
    col("Type", "string", swaggerDoc("core/v1.Event.type")),
    col("Reason", "string", swaggerDoc("core/v1.Event.reason")),
    col("Object", "string", swaggerDoc("core/v1.Event.involvedObject")),
    col("Subobject", "string", swaggerDoc("core/v1.ObjectReference.fieldPath"), 1),
    col("Source", "string", swaggerDoc("core/v1.Event.source"), 1),
    col("Message", "string", swaggerDoc("core/v1.Event.message")),
    col("First Seen", "string", swaggerDoc("core/v1.Event.firstTimestamp"), 1),
    col("Count", "string", swaggerDoc("core/v1.Event.count"), 1),
    { ...nameColumn(), priority: 1, description: OBJECT_META_NAME_DOC },
  ],
  print(obj, now) {
    const ev = coreView(obj);
    let firstTimestamp = translateTimestampSince(ev.firstTimestamp, now);
    if (!parseTime(ev.firstTimestamp)) firstTimestamp = translateTimestampSince(ev.eventTime, now);
    let lastTimestamp = translateTimestampSince(ev.lastTimestamp, now);
    if (!parseTime(ev.lastTimestamp)) lastTimestamp = firstTimestamp;
    let count = ev.count;
    if (isMap(ev.series)) {
      lastTimestamp = translateTimestampSince(ev.series.lastObservedTime, now);
      count = typeof ev.series.count === "number" ? ev.series.count : 0;
    } else if (count === 0) {
      // Singleton events don't have a count set in the new API.
      count = 1;
    }
    const kind = str(ev.involvedObject, "kind").toLowerCase();
    const involvedName = str(ev.involvedObject, "name");
    const target = involvedName.length > 0 ? `${kind}/${involvedName}` : kind;
    return [
      lastTimestamp,
      ev.type,
      ev.reason,
      target,
      str(ev.involvedObject, "fieldPath"),
      formatEventSource(ev.sourceComponent, ev.sourceHost, ev.reportingController, ev.reportingInstance),
      ev.message.trim(),
      firstTimestamp,
      count,
      name(obj),
    ];
  },
};
