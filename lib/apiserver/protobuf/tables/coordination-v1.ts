// Protobuf field tables of k8s.io.api.coordination.v1 (generated from kubernetes/api coordination/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "coordination.v1",
  groupVersion: "coordination.k8s.io/v1",
  kinds: ["Lease","LeaseList"],
  messages: {
    Lease: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","LeaseSpec",4]],
    LeaseList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","Lease",3]],
    LeaseSpec: [[1,"holderIdentity","string",6], [2,"leaseDurationSeconds","int32",6], [3,"acquireTime","meta.v1.MicroTime",6], [4,"renewTime","meta.v1.MicroTime",6], [5,"leaseTransitions","int32",6], [6,"strategy","string",6], [7,"preferredHolder","string",6]],
  },
};
