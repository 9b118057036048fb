// Protobuf field tables of k8s.io.api.authentication.v1 (generated from kubernetes/api authentication/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "authentication.v1",
  groupVersion: "authentication.k8s.io/v1",
  kinds: ["SelfSubjectReview","TokenRequest","TokenReview"],
  messages: {
    BoundObjectReference: [[1,"kind","string",4], [2,"apiVersion","string",4], [3,"name","string",4], [4,"uid","string",4]],
    ExtraValue: [[1,"items","string",3]],
    SelfSubjectReview: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"status","SelfSubjectReviewStatus",4]],
    SelfSubjectReviewStatus: [[1,"userInfo","UserInfo",4]],
    TokenRequest: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","TokenRequestSpec",0], [3,"status","TokenRequestStatus",4]],
    TokenRequestSpec: [[1,"audiences","string",3], [4,"expirationSeconds","int64",2], [3,"boundObjectRef","BoundObjectReference",2]],
    TokenRequestStatus: [[1,"token","string",0], [2,"expirationTimestamp","meta.v1.Time",0]],
    TokenReview: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","TokenReviewSpec",0], [3,"status","TokenReviewStatus",4]],
    TokenReviewSpec: [[1,"token","string",4], [2,"audiences","string",7]],
    TokenReviewStatus: [[1,"authenticated","bool",4], [2,"user","UserInfo",4], [4,"audiences","string",7], [3,"error","string",4]],
    UserInfo: [[1,"username","string",4], [2,"uid","string",4], [3,"groups","string",7], [4,"extra","ExtraValue",22]],
  },
};
