// Protobuf field tables of k8s.io.api.autoscaling.v1 (generated from kubernetes/api autoscaling/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "autoscaling.v1",
  groupVersion: "autoscaling/v1",
  kinds: ["HorizontalPodAutoscaler","HorizontalPodAutoscalerList","Scale"],
  messages: {
    ContainerResourceMetricSource: [[1,"name","string",0], [2,"targetAverageUtilization","int32",6], [3,"targetAverageValue","resource.Quantity",6], [5,"container","string",0]],
    ContainerResourceMetricStatus: [[1,"name","string",0], [2,"currentAverageUtilization","int32",6], [3,"currentAverageValue","resource.Quantity",0], [4,"container","string",0]],
    CrossVersionObjectReference: [[1,"kind","string",0], [2,"name","string",0], [3,"apiVersion","string",4]],
    ExternalMetricSource: [[1,"metricName","string",0], [2,"metricSelector","meta.v1.LabelSelector",6], [3,"targetValue","resource.Quantity",6], [4,"targetAverageValue","resource.Quantity",6]],
    ExternalMetricStatus: [[1,"metricName","string",0], [2,"metricSelector","meta.v1.LabelSelector",6], [3,"currentValue","resource.Quantity",0], [4,"currentAverageValue","resource.Quantity",6]],
    HorizontalPodAutoscaler: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","HorizontalPodAutoscalerSpec",4], [3,"status","HorizontalPodAutoscalerStatus",4]],
    HorizontalPodAutoscalerCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastTransitionTime","meta.v1.Time",4], [4,"reason","string",4], [5,"message","string",4]],
    HorizontalPodAutoscalerList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","HorizontalPodAutoscaler",3]],
    HorizontalPodAutoscalerSpec: [[1,"scaleTargetRef","CrossVersionObjectReference",0], [2,"minReplicas","int32",6], [3,"maxReplicas","int32",0], [4,"targetCPUUtilizationPercentage","int32",6]],
    HorizontalPodAutoscalerStatus: [[1,"observedGeneration","int64",6], [2,"lastScaleTime","meta.v1.Time",6], [3,"currentReplicas","int32",0], [4,"desiredReplicas","int32",0], [5,"currentCPUUtilizationPercentage","int32",6]],
    MetricSpec: [[1,"type","string",0], [2,"object","ObjectMetricSource",6], [3,"pods","PodsMetricSource",6], [4,"resource","ResourceMetricSource",6], [7,"containerResource","ContainerResourceMetricSource",6], [5,"external","ExternalMetricSource",6]],
    MetricStatus: [[1,"type","string",0], [2,"object","ObjectMetricStatus",6], [3,"pods","PodsMetricStatus",6], [4,"resource","ResourceMetricStatus",6], [7,"containerResource","ContainerResourceMetricStatus",6], [5,"external","ExternalMetricStatus",6]],
    ObjectMetricSource: [[1,"target","CrossVersionObjectReference",0], [2,"metricName","string",0], [3,"targetValue","resource.Quantity",0], [4,"selector","meta.v1.LabelSelector",6], [5,"averageValue","resource.Quantity",6]],
    ObjectMetricStatus: [[1,"target","CrossVersionObjectReference",0], [2,"metricName","string",0], [3,"currentValue","resource.Quantity",0], [4,"selector","meta.v1.LabelSelector",6], [5,"averageValue","resource.Quantity",6]],
    PodsMetricSource: [[1,"metricName","string",0], [2,"targetAverageValue","resource.Quantity",0], [3,"selector","meta.v1.LabelSelector",6]],
    PodsMetricStatus: [[1,"metricName","string",0], [2,"currentAverageValue","resource.Quantity",0], [3,"selector","meta.v1.LabelSelector",6]],
    ResourceMetricSource: [[1,"name","string",0], [2,"targetAverageUtilization","int32",6], [3,"targetAverageValue","resource.Quantity",6]],
    ResourceMetricStatus: [[1,"name","string",0], [2,"currentAverageUtilization","int32",6], [3,"currentAverageValue","resource.Quantity",0]],
    Scale: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","ScaleSpec",4], [3,"status","ScaleStatus",4]],
    ScaleSpec: [[1,"replicas","int32",4]],
    ScaleStatus: [[1,"replicas","int32",0], [2,"selector","string",4]],
  },
};
