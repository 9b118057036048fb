// Protobuf field tables of k8s.io.api.events.v1 (generated from kubernetes/api events/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "events.v1",
  groupVersion: "events.k8s.io/v1",
  kinds: ["Event","EventList"],
  messages: {
    Event: [[1,"metadata","meta.v1.ObjectMeta",0], [2,"eventTime","meta.v1.MicroTime",0], [3,"series","EventSeries",6], [4,"reportingController","string",4], [5,"reportingInstance","string",4], [6,"action","string",4], [7,"reason","string",4], [8,"regarding","core.v1.ObjectReference",4], [9,"related","core.v1.ObjectReference",6], [10,"note","string",4], [11,"type","string",4], [12,"deprecatedSource","core.v1.EventSource",4], [13,"deprecatedFirstTimestamp","meta.v1.Time",4], [14,"deprecatedLastTimestamp","meta.v1.Time",4], [15,"deprecatedCount","int32",4]],
    EventList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","Event",3]],
    EventSeries: [[1,"count","int32",0], [2,"lastObservedTime","meta.v1.MicroTime",0]],
  },
};
