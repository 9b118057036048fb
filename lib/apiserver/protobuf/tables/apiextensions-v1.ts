// Protobuf field tables of k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1 (generated from kubernetes/apiextensions-apiserver pkg/apis/apiextensions/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "apiextensions.v1",
  groupVersion: "apiextensions.k8s.io/v1",
  kinds: ["ConversionReview","CustomResourceDefinition","CustomResourceDefinitionList"],
  messages: {
    ConversionRequest: [[1,"uid","string",0], [2,"desiredAPIVersion","string",0], [3,"objects","runtime.RawExtension",3]],
    ConversionResponse: [[1,"uid","string",0], [2,"convertedObjects","runtime.RawExtension",3], [3,"result","meta.v1.Status",0]],
    ConversionReview: [[1,"request","ConversionRequest",6], [2,"response","ConversionResponse",6]],
    CustomResourceColumnDefinition: [[1,"name","string",0], [2,"type","string",0], [3,"format","string",4], [4,"description","string",4], [5,"priority","int32",4], [6,"jsonPath","string",0]],
    CustomResourceConversion: [[1,"strategy","string",0], [2,"webhook","WebhookConversion",6]],
    CustomResourceDefinition: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","CustomResourceDefinitionSpec",0], [3,"status","CustomResourceDefinitionStatus",4]],
    CustomResourceDefinitionCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    CustomResourceDefinitionList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","CustomResourceDefinition",3]],
    CustomResourceDefinitionNames: [[1,"plural","string",0], [2,"singular","string",4], [3,"shortNames","string",7], [4,"kind","string",0], [5,"listKind","string",4], [6,"categories","string",7]],
    CustomResourceDefinitionSpec: [[1,"group","string",0], [3,"names","CustomResourceDefinitionNames",0], [4,"scope","string",0], [7,"versions","CustomResourceDefinitionVersion",3], [9,"conversion","CustomResourceConversion",6], [10,"preserveUnknownFields","bool",4]],
    CustomResourceDefinitionStatus: [[1,"conditions","CustomResourceDefinitionCondition",3], [2,"acceptedNames","CustomResourceDefinitionNames",0], [3,"storedVersions","string",3]],
    CustomResourceDefinitionVersion: [[1,"name","string",0], [2,"served","bool",0], [3,"storage","bool",0], [7,"deprecated","bool",4], [8,"deprecationWarning","string",6], [4,"schema","CustomResourceValidation",6], [5,"subresources","CustomResourceSubresources",6], [6,"additionalPrinterColumns","CustomResourceColumnDefinition",7], [9,"selectableFields","SelectableField",7]],
    CustomResourceSubresources: [[1,"status","CustomResourceSubresourceStatus",6], [2,"scale","CustomResourceSubresourceScale",6]],
    CustomResourceSubresourceScale: [[1,"specReplicasPath","string",0], [2,"statusReplicasPath","string",0], [3,"labelSelectorPath","string",6]],
    CustomResourceSubresourceStatus: [],
    CustomResourceValidation: [[1,"openAPIV3Schema","JSONSchemaProps",6]],
    ExternalDocumentation: [[1,"description","string",4], [2,"url","string",4]],
    JSON: [[1,"Raw","bytes",34]],
    JSONSchemaProps: [[1,"id","string",4], [2,"$schema","string",4], [3,"$ref","string",6], [4,"description","string",4], [5,"type","string",4], [6,"format","string",4], [7,"title","string",4], [8,"default","JSON",6], [9,"maximum","double",6], [10,"exclusiveMaximum","bool",4], [11,"minimum","double",6], [12,"exclusiveMinimum","bool",4], [13,"maxLength","int64",6], [14,"minLength","int64",6], [15,"pattern","string",4], [16,"maxItems","int64",6], [17,"minItems","int64",6], [18,"uniqueItems","bool",4], [19,"multipleOf","double",6], [20,"enum","JSON",7], [21,"maxProperties","int64",6], [22,"minProperties","int64",6], [23,"required","string",7], [24,"items","JSONSchemaPropsOrArray",6], [25,"allOf","JSONSchemaProps",7], [26,"oneOf","JSONSchemaProps",7], [27,"anyOf","JSONSchemaProps",7], [28,"not","JSONSchemaProps",6], [29,"properties","JSONSchemaProps",22], [30,"additionalProperties","JSONSchemaPropsOrBool",6], [31,"patternProperties","JSONSchemaProps",22], [32,"dependencies","JSONSchemaPropsOrStringArray",22], [33,"additionalItems","JSONSchemaPropsOrBool",6], [34,"definitions","JSONSchemaProps",22], [35,"externalDocs","ExternalDocumentation",6], [36,"example","JSON",6], [37,"nullable","bool",4], [38,"x-kubernetes-preserve-unknown-fields","bool",6], [39,"x-kubernetes-embedded-resource","bool",4], [40,"x-kubernetes-int-or-string","bool",4], [41,"x-kubernetes-list-map-keys","string",7], [42,"x-kubernetes-list-type","string",6], [43,"x-kubernetes-map-type","string",6], [44,"x-kubernetes-validations","ValidationRule",7]],
    JSONSchemaPropsOrArray: [[1,"Schema","JSONSchemaProps",2], [2,"JSONSchemas","JSONSchemaProps",3]],
    JSONSchemaPropsOrBool: [[1,"Allows","bool",0], [2,"Schema","JSONSchemaProps",2]],
    JSONSchemaPropsOrStringArray: [[1,"Schema","JSONSchemaProps",2], [2,"Property","string",3]],
    SelectableField: [[1,"jsonPath","string",0]],
    ServiceReference: [[1,"namespace","string",0], [2,"name","string",0], [3,"path","string",6], [4,"port","int32",6]],
    ValidationRule: [[1,"rule","string",0], [2,"message","string",4], [3,"messageExpression","string",4], [4,"reason","string",6], [5,"fieldPath","string",4], [6,"optionalOldSelf","bool",6]],
    WebhookClientConfig: [[3,"url","string",6], [1,"service","ServiceReference",6], [2,"caBundle","bytes",6]],
    WebhookConversion: [[2,"clientConfig","WebhookClientConfig",6], [3,"conversionReviewVersions","string",3]],
  },
};
