// Protobuf field tables of k8s.io.apimachinery.pkg.util.intstr (generated from kubernetes/apimachinery pkg/util/intstr/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "intstr",
  messages: {
    IntOrString: [[1,"Type","int64",0], [2,"IntVal","int32",0], [3,"StrVal","string",0]],
  },
};
