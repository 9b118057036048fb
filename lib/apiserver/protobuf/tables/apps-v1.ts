// Protobuf field tables of k8s.io.api.apps.v1 (generated from kubernetes/api apps/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "apps.v1",
  groupVersion: "apps/v1",
  kinds: ["ControllerRevision","ControllerRevisionList","DaemonSet","DaemonSetList","Deployment","DeploymentList","ReplicaSet","ReplicaSetList","StatefulSet","StatefulSetList"],
  messages: {
    ControllerRevision: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"data","runtime.RawExtension",4], [3,"revision","int64",0]],
    ControllerRevisionList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ControllerRevision",3]],
    DaemonSet: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","DaemonSetSpec",4], [3,"status","DaemonSetStatus",4]],
    DaemonSetCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    DaemonSetList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","DaemonSet",3]],
    DaemonSetSpec: [[1,"selector","meta.v1.LabelSelector",2], [2,"template","core.v1.PodTemplateSpec",0], [3,"updateStrategy","DaemonSetUpdateStrategy",4], [4,"minReadySeconds","int32",4], [6,"revisionHistoryLimit","int32",6]],
    DaemonSetStatus: [[1,"currentNumberScheduled","int32",0], [2,"numberMisscheduled","int32",0], [3,"desiredNumberScheduled","int32",0], [4,"numberReady","int32",0], [5,"observedGeneration","int64",4], [6,"updatedNumberScheduled","int32",4], [7,"numberAvailable","int32",4], [8,"numberUnavailable","int32",4], [9,"collisionCount","int32",6], [10,"conditions","DaemonSetCondition",7]],
    DaemonSetUpdateStrategy: [[1,"type","string",4], [2,"rollingUpdate","RollingUpdateDaemonSet",6]],
    Deployment: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","DeploymentSpec",4], [3,"status","DeploymentStatus",4]],
    DeploymentCondition: [[1,"type","string",0], [2,"status","string",0], [6,"lastUpdateTime","meta.v1.Time",4], [7,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    DeploymentList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","Deployment",3]],
    DeploymentSpec: [[1,"replicas","int32",6], [2,"selector","meta.v1.LabelSelector",2], [3,"template","core.v1.PodTemplateSpec",0], [4,"strategy","DeploymentStrategy",4], [5,"minReadySeconds","int32",4], [6,"revisionHistoryLimit","int32",6], [7,"paused","bool",4], [9,"progressDeadlineSeconds","int32",6]],
    DeploymentStatus: [[1,"observedGeneration","int64",4], [2,"replicas","int32",4], [3,"updatedReplicas","int32",4], [7,"readyReplicas","int32",4], [4,"availableReplicas","int32",4], [5,"unavailableReplicas","int32",4], [6,"conditions","DeploymentCondition",7], [8,"collisionCount","int32",6]],
    DeploymentStrategy: [[1,"type","string",4], [2,"rollingUpdate","RollingUpdateDeployment",6]],
    ReplicaSet: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","ReplicaSetSpec",4], [3,"status","ReplicaSetStatus",4]],
    ReplicaSetCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    ReplicaSetList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","ReplicaSet",3]],
    ReplicaSetSpec: [[1,"replicas","int32",6], [4,"minReadySeconds","int32",4], [2,"selector","meta.v1.LabelSelector",2], [3,"template","core.v1.PodTemplateSpec",4]],
    ReplicaSetStatus: [[1,"replicas","int32",0], [2,"fullyLabeledReplicas","int32",4], [4,"readyReplicas","int32",4], [5,"availableReplicas","int32",4], [3,"observedGeneration","int64",4], [6,"conditions","ReplicaSetCondition",7]],
    RollingUpdateDaemonSet: [[1,"maxUnavailable","intstr.IntOrString",6], [2,"maxSurge","intstr.IntOrString",6]],
    RollingUpdateDeployment: [[1,"maxUnavailable","intstr.IntOrString",6], [2,"maxSurge","intstr.IntOrString",6]],
    RollingUpdateStatefulSetStrategy: [[1,"partition","int32",6], [2,"maxUnavailable","intstr.IntOrString",6]],
    StatefulSet: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","StatefulSetSpec",4], [3,"status","StatefulSetStatus",4]],
    StatefulSetCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    StatefulSetList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","StatefulSet",3]],
    StatefulSetOrdinals: [[1,"start","int32",0]],
    StatefulSetPersistentVolumeClaimRetentionPolicy: [[1,"whenDeleted","string",4], [2,"whenScaled","string",4]],
    StatefulSetSpec: [[1,"replicas","int32",6], [2,"selector","meta.v1.LabelSelector",2], [3,"template","core.v1.PodTemplateSpec",0], [4,"volumeClaimTemplates","core.v1.PersistentVolumeClaim",7], [5,"serviceName","string",0], [6,"podManagementPolicy","string",4], [7,"updateStrategy","StatefulSetUpdateStrategy",4], [8,"revisionHistoryLimit","int32",6], [9,"minReadySeconds","int32",4], [10,"persistentVolumeClaimRetentionPolicy","StatefulSetPersistentVolumeClaimRetentionPolicy",6], [11,"ordinals","StatefulSetOrdinals",6]],
    StatefulSetStatus: [[1,"observedGeneration","int64",4], [2,"replicas","int32",0], [3,"readyReplicas","int32",4], [4,"currentReplicas","int32",4], [5,"updatedReplicas","int32",4], [6,"currentRevision","string",4], [7,"updateRevision","string",4], [9,"collisionCount","int32",6], [10,"conditions","StatefulSetCondition",7], [11,"availableReplicas","int32",0]],
    StatefulSetUpdateStrategy: [[1,"type","string",4], [2,"rollingUpdate","RollingUpdateStatefulSetStrategy",6]],
  },
};
