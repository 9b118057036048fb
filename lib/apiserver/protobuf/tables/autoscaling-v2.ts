// Protobuf field tables of k8s.io.api.autoscaling.v2 (generated from kubernetes/api autoscaling/v2/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "autoscaling.v2",
  groupVersion: "autoscaling/v2",
  kinds: ["HorizontalPodAutoscaler","HorizontalPodAutoscalerList"],
  messages: {
    ContainerResourceMetricSource: [[1,"name","string",0], [2,"target","MetricTarget",0], [3,"container","string",0]],
    ContainerResourceMetricStatus: [[1,"name","string",0], [2,"current","MetricValueStatus",0], [3,"container","string",0]],
    CrossVersionObjectReference: [[1,"kind","string",0], [2,"name","string",0], [3,"apiVersion","string",4]],
    ExternalMetricSource: [[1,"metric","MetricIdentifier",0], [2,"target","MetricTarget",0]],
    ExternalMetricStatus: [[1,"metric","MetricIdentifier",0], [2,"current","MetricValueStatus",0]],
    HorizontalPodAutoscaler: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","HorizontalPodAutoscalerSpec",4], [3,"status","HorizontalPodAutoscalerStatus",4]],
    HorizontalPodAutoscalerBehavior: [[1,"scaleUp","HPAScalingRules",6], [2,"scaleDown","HPAScalingRules",6]],
    HorizontalPodAutoscalerCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    HorizontalPodAutoscalerList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","HorizontalPodAutoscaler",3]],
    HorizontalPodAutoscalerSpec: [[1,"scaleTargetRef","CrossVersionObjectReference",0], [2,"minReplicas","int32",6], [3,"maxReplicas","int32",0], [4,"metrics","MetricSpec",7], [5,"behavior","HorizontalPodAutoscalerBehavior",6]],
    HorizontalPodAutoscalerStatus: [[1,"observedGeneration","int64",6], [2,"lastScaleTime","meta.v1.Time",6], [3,"currentReplicas","int32",4], [4,"desiredReplicas","int32",0], [5,"currentMetrics","MetricStatus",3], [6,"conditions","HorizontalPodAutoscalerCondition",7]],
    HPAScalingPolicy: [[1,"type","string",0], [2,"value","int32",0], [3,"periodSeconds","int32",0]],
    HPAScalingRules: [[3,"stabilizationWindowSeconds","int32",6], [1,"selectPolicy","string",6], [2,"policies","HPAScalingPolicy",7]],
    MetricIdentifier: [[1,"name","string",0], [2,"selector","meta.v1.LabelSelector",6]],
    MetricSpec: [[1,"type","string",0], [2,"object","ObjectMetricSource",6], [3,"pods","PodsMetricSource",6], [4,"resource","ResourceMetricSource",6], [7,"containerResource","ContainerResourceMetricSource",6], [5,"external","ExternalMetricSource",6]],
    MetricStatus: [[1,"type","string",0], [2,"object","ObjectMetricStatus",6], [3,"pods","PodsMetricStatus",6], [4,"resource","ResourceMetricStatus",6], [7,"containerResource","ContainerResourceMetricStatus",6], [5,"external","ExternalMetricStatus",6]],
    MetricTarget: [[1,"type","string",0], [2,"value","resource.Quantity",6], [3,"averageValue","resource.Quantity",6], [4,"averageUtilization","int32",6]],
    MetricValueStatus: [[1,"value","resource.Quantity",6], [2,"averageValue","resource.Quantity",6], [3,"averageUtilization","int32",6]],
    ObjectMetricSource: [[1,"describedObject","CrossVersionObjectReference",0], [2,"target","MetricTarget",0], [3,"metric","MetricIdentifier",0]],
    ObjectMetricStatus: [[1,"metric","MetricIdentifier",0], [2,"current","MetricValueStatus",0], [3,"describedObject","CrossVersionObjectReference",0]],
    PodsMetricSource: [[1,"metric","MetricIdentifier",0], [2,"target","MetricTarget",0]],
    PodsMetricStatus: [[1,"metric","MetricIdentifier",0], [2,"current","MetricValueStatus",0]],
    ResourceMetricSource: [[1,"name","string",0], [2,"target","MetricTarget",0]],
    ResourceMetricStatus: [[1,"name","string",0], [2,"current","MetricValueStatus",0]],
  },
};
