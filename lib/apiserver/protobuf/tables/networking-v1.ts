// Protobuf field tables of k8s.io.api.networking.v1 (generated from kubernetes/api networking/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "networking.v1",
  groupVersion: "networking.k8s.io/v1",
  kinds: ["Ingress","IngressClass","IngressClassList","IngressList","NetworkPolicy","NetworkPolicyList"],
  messages: {
    HTTPIngressPath: [[1,"path","string",4], [3,"pathType","string",2], [2,"backend","IngressBackend",0]],
    HTTPIngressRuleValue: [[1,"paths","HTTPIngressPath",3]],
    Ingress: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","IngressSpec",4], [3,"status","IngressStatus",4]],
    IngressBackend: [[4,"service","IngressServiceBackend",6], [3,"resource","core.v1.TypedLocalObjectReference",6]],
    IngressClass: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","IngressClassSpec",4]],
    IngressClassList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","IngressClass",3]],
    IngressClassParametersReference: [[1,"apiGroup","string",6], [2,"kind","string",0], [3,"name","string",0], [4,"scope","string",2], [5,"namespace","string",6]],
    IngressClassSpec: [[1,"controller","string",4], [2,"parameters","IngressClassParametersReference",6]],
    IngressList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","Ingress",3]],
    IngressLoadBalancerIngress: [[1,"ip","string",4], [2,"hostname","string",4], [4,"ports","IngressPortStatus",7]],
    IngressLoadBalancerStatus: [[1,"ingress","IngressLoadBalancerIngress",7]],
    IngressPortStatus: [[1,"port","int32",0], [2,"protocol","string",0], [3,"error","string",6]],
    IngressRule: [[1,"host","string",4], [2,"IngressRuleValue","IngressRuleValue",8]],
    IngressRuleValue: [[1,"http","HTTPIngressRuleValue",6]],
    IngressServiceBackend: [[1,"name","string",0], [2,"port","ServiceBackendPort",4]],
    IngressSpec: [[4,"ingressClassName","string",6], [1,"defaultBackend","IngressBackend",6], [2,"tls","IngressTLS",7], [3,"rules","IngressRule",7]],
    IngressStatus: [[1,"loadBalancer","IngressLoadBalancerStatus",4]],
    IngressTLS: [[1,"hosts","string",7], [2,"secretName","string",4]],
    IPBlock: [[1,"cidr","string",0], [2,"except","string",7]],
    NetworkPolicy: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","NetworkPolicySpec",4]],
    NetworkPolicyEgressRule: [[1,"ports","NetworkPolicyPort",7], [2,"to","NetworkPolicyPeer",7]],
    NetworkPolicyIngressRule: [[1,"ports","NetworkPolicyPort",7], [2,"from","NetworkPolicyPeer",7]],
    NetworkPolicyList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","NetworkPolicy",3]],
    NetworkPolicyPeer: [[1,"podSelector","meta.v1.LabelSelector",6], [2,"namespaceSelector","meta.v1.LabelSelector",6], [3,"ipBlock","IPBlock",6]],
    NetworkPolicyPort: [[1,"protocol","string",6], [2,"port","intstr.IntOrString",6], [3,"endPort","int32",6]],
    NetworkPolicySpec: [[1,"podSelector","meta.v1.LabelSelector",0], [2,"ingress","NetworkPolicyIngressRule",7], [3,"egress","NetworkPolicyEgressRule",7], [4,"policyTypes","string",7]],
    ServiceBackendPort: [[1,"name","string",4], [2,"number","int32",4]],
  },
};
