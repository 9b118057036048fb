// Protobuf field tables of k8s.io.apimachinery.pkg.api.resource (generated from kubernetes/apimachinery pkg/api/resource/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "resource",
  messages: {
    Quantity: [[1,"string","string",0]],
    QuantityValue: [[1,"string","string",0]],
  },
};
