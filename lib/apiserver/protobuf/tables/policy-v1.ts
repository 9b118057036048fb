// Protobuf field tables of k8s.io.api.policy.v1 (generated from kubernetes/api policy/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "policy.v1",
  groupVersion: "policy/v1",
  kinds: ["Eviction","PodDisruptionBudget","PodDisruptionBudgetList"],
  messages: {
    Eviction: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"deleteOptions","meta.v1.DeleteOptions",6]],
    PodDisruptionBudget: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","PodDisruptionBudgetSpec",4], [3,"status","PodDisruptionBudgetStatus",4]],
    PodDisruptionBudgetList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","PodDisruptionBudget",3]],
    PodDisruptionBudgetSpec: [[1,"minAvailable","intstr.IntOrString",6], [2,"selector","meta.v1.LabelSelector",6], [3,"maxUnavailable","intstr.IntOrString",6], [4,"unhealthyPodEvictionPolicy","string",6]],
    PodDisruptionBudgetStatus: [[1,"observedGeneration","int64",4], [2,"disruptedPods","meta.v1.Time",22], [3,"disruptionsAllowed","int32",0], [4,"currentHealthy","int32",0], [5,"desiredHealthy","int32",0], [6,"expectedPods","int32",0], [7,"conditions","meta.v1.Condition",7]],
  },
};
