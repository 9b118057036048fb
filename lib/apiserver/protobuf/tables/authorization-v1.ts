// Protobuf field tables of k8s.io.api.authorization.v1 (generated from kubernetes/api authorization/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "authorization.v1",
  groupVersion: "authorization.k8s.io/v1",
  kinds: ["LocalSubjectAccessReview","SelfSubjectAccessReview","SelfSubjectRulesReview","SubjectAccessReview"],
  messages: {
    ExtraValue: [[1,"items","string",3]],
    FieldSelectorAttributes: [[1,"rawSelector","string",4], [2,"requirements","meta.v1.FieldSelectorRequirement",7]],
    LabelSelectorAttributes: [[1,"rawSelector","string",4], [2,"requirements","meta.v1.LabelSelectorRequirement",7]],
    LocalSubjectAccessReview: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","SubjectAccessReviewSpec",0], [3,"status","SubjectAccessReviewStatus",4]],
    NonResourceAttributes: [[1,"path","string",4], [2,"verb","string",4]],
    NonResourceRule: [[1,"verbs","string",3], [2,"nonResourceURLs","string",7]],
    ResourceAttributes: [[1,"namespace","string",4], [2,"verb","string",4], [3,"group","string",4], [4,"version","string",4], [5,"resource","string",4], [6,"subresource","string",4], [7,"name","string",4], [8,"fieldSelector","FieldSelectorAttributes",6], [9,"labelSelector","LabelSelectorAttributes",6]],
    ResourceRule: [[1,"verbs","string",3], [2,"apiGroups","string",7], [3,"resources","string",7], [4,"resourceNames","string",7]],
    SelfSubjectAccessReview: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","SelfSubjectAccessReviewSpec",0], [3,"status","SubjectAccessReviewStatus",4]],
    SelfSubjectAccessReviewSpec: [[1,"resourceAttributes","ResourceAttributes",6], [2,"nonResourceAttributes","NonResourceAttributes",6]],
    SelfSubjectRulesReview: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","SelfSubjectRulesReviewSpec",0], [3,"status","SubjectRulesReviewStatus",4]],
    SelfSubjectRulesReviewSpec: [[1,"namespace","string",4]],
    SubjectAccessReview: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","SubjectAccessReviewSpec",0], [3,"status","SubjectAccessReviewStatus",4]],
    SubjectAccessReviewSpec: [[1,"resourceAttributes","ResourceAttributes",6], [2,"nonResourceAttributes","NonResourceAttributes",6], [3,"user","string",4], [4,"groups","string",7], [5,"extra","ExtraValue",22], [6,"uid","string",4]],
    SubjectAccessReviewStatus: [[1,"allowed","bool",0], [4,"denied","bool",4], [2,"reason","string",4], [3,"evaluationError","string",4]],
    SubjectRulesReviewStatus: [[1,"resourceRules","ResourceRule",3], [2,"nonResourceRules","NonResourceRule",3], [3,"incomplete","bool",0], [4,"evaluationError","string",4]],
  },
};
