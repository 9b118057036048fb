// Protobuf field tables of k8s.io.api.discovery.v1 (generated from kubernetes/api discovery/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "discovery.v1",
  groupVersion: "discovery.k8s.io/v1",
  kinds: ["EndpointSlice","EndpointSliceList"],
  messages: {
    Endpoint: [[1,"addresses","string",3], [2,"conditions","EndpointConditions",4], [3,"hostname","string",6], [4,"targetRef","core.v1.ObjectReference",6], [5,"deprecatedTopology","string",22], [6,"nodeName","string",6], [7,"zone","string",6], [8,"hints","EndpointHints",6]],
    EndpointConditions: [[1,"ready","bool",6], [2,"serving","bool",6], [3,"terminating","bool",6]],
    EndpointHints: [[1,"forZones","ForZone",7]],
    EndpointPort: [[1,"name","string",6], [2,"protocol","string",6], [3,"port","int32",6], [4,"appProtocol","string",6]],
    EndpointSlice: [[1,"metadata","meta.v1.ObjectMeta",4], [4,"addressType","string",0], [2,"endpoints","Endpoint",3], [3,"ports","EndpointPort",3]],
    EndpointSliceList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","EndpointSlice",3]],
    ForZone: [[1,"name","string",0]],
  },
};
