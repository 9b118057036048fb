// Protobuf field tables of k8s.io.api.node.v1 (generated from kubernetes/api node/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "node.v1",
  groupVersion: "node.k8s.io/v1",
  kinds: ["RuntimeClass","RuntimeClassList"],
  messages: {
    Overhead: [[1,"podFixed","resource.Quantity",22]],
    RuntimeClass: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"handler","string",0], [3,"overhead","Overhead",6], [4,"scheduling","Scheduling",6]],
    RuntimeClassList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","RuntimeClass",3]],
    Scheduling: [[1,"nodeSelector","string",22], [2,"tolerations","core.v1.Toleration",7]],
  },
};
