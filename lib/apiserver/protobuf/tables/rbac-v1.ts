// Protobuf field tables of k8s.io.api.rbac.v1 (generated from kubernetes/api rbac/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "rbac.v1",
  groupVersion: "rbac.authorization.k8s.io/v1",
  kinds: ["ClusterRole","ClusterRoleBinding","ClusterRoleBindingList","ClusterRoleList","Role","RoleBinding","RoleBindingList","RoleList"],
  messages: {
    AggregationRule: [[1,"clusterRoleSelectors","meta.v1.LabelSelector",7]],
    ClusterRole: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"rules","PolicyRule",3], [3,"aggregationRule","AggregationRule",6]],
    ClusterRoleBinding: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"subjects","Subject",7], [3,"roleRef","RoleRef",0]],
    ClusterRoleBindingList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ClusterRoleBinding",3]],
    ClusterRoleList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ClusterRole",3]],
    PolicyRule: [[1,"verbs","string",3], [2,"apiGroups","string",7], [3,"resources","string",7], [4,"resourceNames","string",7], [5,"nonResourceURLs","string",7]],
    Role: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"rules","PolicyRule",3]],
    RoleBinding: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"subjects","Subject",7], [3,"roleRef","RoleRef",0]],
    RoleBindingList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","RoleBinding",3]],
    RoleList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","Role",3]],
    RoleRef: [[1,"apiGroup","string",0], [2,"kind","string",0], [3,"name","string",0]],
    Subject: [[1,"kind","string",0], [2,"apiGroup","string",4], [3,"name","string",0], [4,"namespace","string",4]],
  },
};
