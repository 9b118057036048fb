// Protobuf field tables of k8s.io.api.certificates.v1 (generated from kubernetes/api certificates/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "certificates.v1",
  groupVersion: "certificates.k8s.io/v1",
  kinds: ["CertificateSigningRequest","CertificateSigningRequestList"],
  messages: {
    CertificateSigningRequest: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","CertificateSigningRequestSpec",0], [3,"status","CertificateSigningRequestStatus",4]],
    CertificateSigningRequestCondition: [[1,"type","string",0], [6,"status","string",0], [2,"reason","string",4], [3,"message","string",4], [4,"lastUpdateTime","meta.v1.Time",4], [5,"lastTransitionTime","meta.v1.Time",4]],
    CertificateSigningRequestList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","CertificateSigningRequest",3]],
    CertificateSigningRequestSpec: [[1,"request","bytes",2], [7,"signerName","string",0], [8,"expirationSeconds","int32",6], [5,"usages","string",7], [2,"username","string",4], [3,"uid","string",4], [4,"groups","string",7], [6,"extra","ExtraValue",22]],
    CertificateSigningRequestStatus: [[1,"conditions","CertificateSigningRequestCondition",7], [2,"certificate","bytes",6]],
    ExtraValue: [[1,"items","string",3]],
  },
};
