// Protobuf field tables of k8s.io.api.flowcontrol.v1 (generated from kubernetes/api flowcontrol/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "flowcontrol.v1",
  groupVersion: "flowcontrol.apiserver.k8s.io/v1",
  kinds: ["FlowSchema","FlowSchemaList","PriorityLevelConfiguration","PriorityLevelConfigurationList"],
  messages: {
    ExemptPriorityLevelConfiguration: [[1,"nominalConcurrencyShares","int32",6], [2,"lendablePercent","int32",6]],
    FlowDistinguisherMethod: [[1,"type","string",0]],
    FlowSchema: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","FlowSchemaSpec",4], [3,"status","FlowSchemaStatus",4]],
    FlowSchemaCondition: [[1,"type","string",4], [2,"status","string",4], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    FlowSchemaList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","FlowSchema",3]],
    FlowSchemaSpec: [[1,"priorityLevelConfiguration","PriorityLevelConfigurationReference",0], [2,"matchingPrecedence","int32",0], [3,"distinguisherMethod","FlowDistinguisherMethod",6], [4,"rules","PolicyRulesWithSubjects",7]],
    FlowSchemaStatus: [[1,"conditions","FlowSchemaCondition",7]],
    GroupSubject: [[1,"name","string",0]],
    LimitedPriorityLevelConfiguration: [[1,"nominalConcurrencyShares","int32",2], [2,"limitResponse","LimitResponse",4], [3,"lendablePercent","int32",6], [4,"borrowingLimitPercent","int32",6]],
    LimitResponse: [[1,"type","string",0], [2,"queuing","QueuingConfiguration",6]],
    NonResourcePolicyRule: [[1,"verbs","string",3], [6,"nonResourceURLs","string",3]],
    PolicyRulesWithSubjects: [[1,"subjects","Subject",3], [2,"resourceRules","ResourcePolicyRule",7], [3,"nonResourceRules","NonResourcePolicyRule",7]],
    PriorityLevelConfiguration: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","PriorityLevelConfigurationSpec",4], [3,"status","PriorityLevelConfigurationStatus",4]],
    PriorityLevelConfigurationCondition: [[1,"type","string",4], [2,"status","string",4], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    PriorityLevelConfigurationList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","PriorityLevelConfiguration",3]],
    PriorityLevelConfigurationReference: [[1,"name","string",0]],
    PriorityLevelConfigurationSpec: [[1,"type","string",0], [2,"limited","LimitedPriorityLevelConfiguration",6], [3,"exempt","ExemptPriorityLevelConfiguration",6]],
    PriorityLevelConfigurationStatus: [[1,"conditions","PriorityLevelConfigurationCondition",7]],
    QueuingConfiguration: [[1,"queues","int32",0], [2,"handSize","int32",0], [3,"queueLengthLimit","int32",0]],
    ResourcePolicyRule: [[1,"verbs","string",3], [2,"apiGroups","string",3], [3,"resources","string",3], [4,"clusterScope","bool",4], [5,"namespaces","string",3]],
    ServiceAccountSubject: [[1,"namespace","string",0], [2,"name","string",0]],
    Subject: [[1,"kind","string",0], [2,"user","UserSubject",6], [3,"group","GroupSubject",6], [4,"serviceAccount","ServiceAccountSubject",6]],
    UserSubject: [[1,"name","string",0]],
  },
};
