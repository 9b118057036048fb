// Protobuf field tables of k8s.io.api.scheduling.v1 (generated from kubernetes/api scheduling/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "scheduling.v1",
  groupVersion: "scheduling.k8s.io/v1",
  kinds: ["PriorityClass","PriorityClassList"],
  messages: {
    PriorityClass: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"value","int32",0], [3,"globalDefault","bool",4], [4,"description","string",4], [5,"preemptionPolicy","string",6]],
    PriorityClassList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","PriorityClass",3]],
  },
};
