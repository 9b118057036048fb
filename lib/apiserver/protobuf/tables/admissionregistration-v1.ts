// Protobuf field tables of k8s.io.api.admissionregistration.v1 (generated from kubernetes/api admissionregistration/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "admissionregistration.v1",
  groupVersion: "admissionregistration.k8s.io/v1",
  kinds: ["MutatingWebhookConfiguration","MutatingWebhookConfigurationList","ValidatingAdmissionPolicy","ValidatingAdmissionPolicyBinding","ValidatingAdmissionPolicyBindingList","ValidatingAdmissionPolicyList","ValidatingWebhookConfiguration","ValidatingWebhookConfigurationList"],
  messages: {
    AuditAnnotation: [[1,"key","string",0], [2,"valueExpression","string",0]],
    ExpressionWarning: [[2,"fieldRef","string",0], [3,"warning","string",0]],
    MatchCondition: [[1,"name","string",0], [2,"expression","string",0]],
    MatchResources: [[1,"namespaceSelector","meta.v1.LabelSelector",6], [2,"objectSelector","meta.v1.LabelSelector",6], [3,"resourceRules","NamedRuleWithOperations",7], [4,"excludeResourceRules","NamedRuleWithOperations",7], [7,"matchPolicy","string",6]],
    MutatingWebhook: [[1,"name","string",0], [2,"clientConfig","WebhookClientConfig",0], [3,"rules","RuleWithOperations",7], [4,"failurePolicy","string",6], [9,"matchPolicy","string",6], [5,"namespaceSelector","meta.v1.LabelSelector",6], [11,"objectSelector","meta.v1.LabelSelector",6], [6,"sideEffects","string",2], [7,"timeoutSeconds","int32",6], [8,"admissionReviewVersions","string",3], [10,"reinvocationPolicy","string",6], [12,"matchConditions","MatchCondition",7]],
    MutatingWebhookConfiguration: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"webhooks","MutatingWebhook",7]],
    MutatingWebhookConfigurationList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","MutatingWebhookConfiguration",3]],
    NamedRuleWithOperations: [[1,"resourceNames","string",7], [2,"RuleWithOperations","RuleWithOperations",8]],
    ParamKind: [[1,"apiVersion","string",4], [2,"kind","string",4]],
    ParamRef: [[1,"name","string",4], [2,"namespace","string",4], [3,"selector","meta.v1.LabelSelector",6], [4,"parameterNotFoundAction","string",6]],
    Rule: [[1,"apiGroups","string",7], [2,"apiVersions","string",7], [3,"resources","string",7], [4,"scope","string",6]],
    RuleWithOperations: [[1,"operations","string",7], [2,"Rule","Rule",8]],
    ServiceReference: [[1,"namespace","string",0], [2,"name","string",0], [3,"path","string",6], [4,"port","int32",6]],
    TypeChecking: [[1,"expressionWarnings","ExpressionWarning",7]],
    ValidatingAdmissionPolicy: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","ValidatingAdmissionPolicySpec",4], [3,"status","ValidatingAdmissionPolicyStatus",4]],
    ValidatingAdmissionPolicyBinding: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","ValidatingAdmissionPolicyBindingSpec",4]],
    ValidatingAdmissionPolicyBindingList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ValidatingAdmissionPolicyBinding",3]],
    ValidatingAdmissionPolicyBindingSpec: [[1,"policyName","string",4], [2,"paramRef","ParamRef",6], [3,"matchResources","MatchResources",6], [4,"validationActions","string",7]],
    ValidatingAdmissionPolicyList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ValidatingAdmissionPolicy",3]],
    ValidatingAdmissionPolicySpec: [[1,"paramKind","ParamKind",6], [2,"matchConstraints","MatchResources",6], [3,"validations","Validation",7], [4,"failurePolicy","string",6], [5,"auditAnnotations","AuditAnnotation",7], [6,"matchConditions","MatchCondition",7], [7,"variables","Variable",7]],
    ValidatingAdmissionPolicyStatus: [[1,"observedGeneration","int64",4], [2,"typeChecking","TypeChecking",6], [3,"conditions","meta.v1.Condition",7]],
    ValidatingWebhook: [[1,"name","string",0], [2,"clientConfig","WebhookClientConfig",0], [3,"rules","RuleWithOperations",7], [4,"failurePolicy","string",6], [9,"matchPolicy","string",6], [5,"namespaceSelector","meta.v1.LabelSelector",6], [10,"objectSelector","meta.v1.LabelSelector",6], [6,"sideEffects","string",2], [7,"timeoutSeconds","int32",6], [8,"admissionReviewVersions","string",3], [11,"matchConditions","MatchCondition",7]],
    ValidatingWebhookConfiguration: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"webhooks","ValidatingWebhook",7]],
    ValidatingWebhookConfigurationList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ValidatingWebhookConfiguration",3]],
    Validation: [[1,"expression","string",0], [2,"message","string",4], [3,"reason","string",6], [4,"messageExpression","string",4]],
    Variable: [[1,"name","string",0], [2,"expression","string",0]],
    WebhookClientConfig: [[3,"url","string",6], [1,"service","ServiceReference",6], [2,"caBundle","bytes",6]],
  },
};
