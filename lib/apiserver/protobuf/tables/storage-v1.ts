// Protobuf field tables of k8s.io.api.storage.v1 (generated from kubernetes/api storage/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "storage.v1",
  groupVersion: "storage.k8s.io/v1",
  kinds: ["CSIDriver","CSIDriverList","CSINode","CSINodeList","CSIStorageCapacity","CSIStorageCapacityList","StorageClass","StorageClassList","VolumeAttachment","VolumeAttachmentList"],
  messages: {
    CSIDriver: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","CSIDriverSpec",0]],
    CSIDriverList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","CSIDriver",3]],
    CSIDriverSpec: [[1,"attachRequired","bool",6], [2,"podInfoOnMount","bool",6], [3,"volumeLifecycleModes","string",7], [4,"storageCapacity","bool",6], [5,"fsGroupPolicy","string",6], [6,"tokenRequests","TokenRequest",7], [7,"requiresRepublish","bool",6], [8,"seLinuxMount","bool",6]],
    CSINode: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","CSINodeSpec",0]],
    CSINodeDriver: [[1,"name","string",0], [2,"nodeID","string",0], [3,"topologyKeys","string",3], [4,"allocatable","VolumeNodeResources",6]],
    CSINodeList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","CSINode",3]],
    CSINodeSpec: [[1,"drivers","CSINodeDriver",3]],
    CSIStorageCapacity: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"nodeTopology","meta.v1.LabelSelector",6], [3,"storageClassName","string",0], [4,"capacity","resource.Quantity",6], [5,"maximumVolumeSize","resource.Quantity",6]],
    CSIStorageCapacityList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","CSIStorageCapacity",3]],
    StorageClass: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"provisioner","string",0], [3,"parameters","string",22], [4,"reclaimPolicy","string",6], [5,"mountOptions","string",7], [6,"allowVolumeExpansion","bool",6], [7,"volumeBindingMode","string",6], [8,"allowedTopologies","core.v1.TopologySelectorTerm",7]],
    StorageClassList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","StorageClass",3]],
    TokenRequest: [[1,"audience","string",0], [2,"expirationSeconds","int64",6]],
    VolumeAttachment: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","VolumeAttachmentSpec",0], [3,"status","VolumeAttachmentStatus",4]],
    VolumeAttachmentList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","VolumeAttachment",3]],
    VolumeAttachmentSource: [[1,"persistentVolumeName","string",6], [2,"inlineVolumeSpec","core.v1.PersistentVolumeSpec",6]],
    VolumeAttachmentSpec: [[1,"attacher","string",0], [2,"source","VolumeAttachmentSource",0], [3,"nodeName","string",0]],
    VolumeAttachmentStatus: [[1,"attached","bool",0], [2,"attachmentMetadata","string",22], [3,"attachError","VolumeError",6], [4,"detachError","VolumeError",6]],
    VolumeError: [[1,"time","meta.v1.Time",4], [2,"message","string",4]],
    VolumeNodeResources: [[1,"count","int32",6]],
  },
};
