// Protobuf field tables of k8s.io.api.batch.v1 (generated from kubernetes/api batch/v1/generated.proto and Go types at v0.32.3).
// Each row: [field number, JSON name, type, flags]; fields in Go struct order, which is the JSON order.
// Types: a proto scalar, a message of this package, or "<pkg>.<Message>". Flags: 1 repeated, 2 nil-able in Go (pointer, slice, map, []byte), 4 omitempty, 8 inline, 16 map<string,T>, 32 json:"-".
// Do not edit by hand: the field numbers are facts of the wire format.
import type { PackageTable } from "../schema.js";

export const table: PackageTable = {
  package: "batch.v1",
  groupVersion: "batch/v1",
  kinds: ["CronJob","CronJobList","Job","JobList"],
  messages: {
    CronJob: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","CronJobSpec",4], [3,"status","CronJobStatus",4]],
    CronJobList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","CronJob",3]],
    CronJobSpec: [[1,"schedule","string",0], [8,"timeZone","string",6], [2,"startingDeadlineSeconds","int64",6], [3,"concurrencyPolicy","string",4], [4,"suspend","bool",6], [5,"jobTemplate","JobTemplateSpec",0], [6,"successfulJobsHistoryLimit","int32",6], [7,"failedJobsHistoryLimit","int32",6]],
    CronJobStatus: [[1,"active","core.v1.ObjectReference",7], [4,"lastScheduleTime","meta.v1.Time",6], [5,"lastSuccessfulTime","meta.v1.Time",6]],
    Job: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","JobSpec",4], [3,"status","JobStatus",4]],
    JobCondition: [[1,"type","string",0], [2,"status","string",0], [3,"lastProbeTime","meta.v1.Time",4], [4,"lastTransitionTime","meta.v1.Time",4], [5,"reason","string",4], [6,"message","string",4]],
    JobList: [[1,"metadata","meta.v1.ListMeta",4], [2,"items","Job",3]],
    JobSpec: [[1,"parallelism","int32",6], [2,"completions","int32",6], [3,"activeDeadlineSeconds","int64",6], [11,"podFailurePolicy","PodFailurePolicy",6], [16,"successPolicy","SuccessPolicy",6], [7,"backoffLimit","int32",6], [12,"backoffLimitPerIndex","int32",6], [13,"maxFailedIndexes","int32",6], [4,"selector","meta.v1.LabelSelector",6], [5,"manualSelector","bool",6], [6,"template","core.v1.PodTemplateSpec",0], [8,"ttlSecondsAfterFinished","int32",6], [9,"completionMode","string",6], [10,"suspend","bool",6], [14,"podReplacementPolicy","string",6], [15,"managedBy","string",6]],
    JobStatus: [[1,"conditions","JobCondition",7], [2,"startTime","meta.v1.Time",6], [3,"completionTime","meta.v1.Time",6], [4,"active","int32",4], [5,"succeeded","int32",4], [6,"failed","int32",4], [11,"terminating","int32",6], [7,"completedIndexes","string",4], [10,"failedIndexes","string",6], [8,"uncountedTerminatedPods","UncountedTerminatedPods",6], [9,"ready","int32",6]],
    JobTemplateSpec: [[1,"metadata","meta.v1.ObjectMeta",4], [2,"spec","JobSpec",4]],
    PodFailurePolicy: [[1,"rules","PodFailurePolicyRule",3]],
    PodFailurePolicyOnExitCodesRequirement: [[1,"containerName","string",6], [2,"operator","string",0], [3,"values","int32",3]],
    PodFailurePolicyOnPodConditionsPattern: [[1,"type","string",0], [2,"status","string",0]],
    PodFailurePolicyRule: [[1,"action","string",0], [2,"onExitCodes","PodFailurePolicyOnExitCodesRequirement",6], [3,"onPodConditions","PodFailurePolicyOnPodConditionsPattern",7]],
    SuccessPolicy: [[1,"rules","SuccessPolicyRule",3]],
    SuccessPolicyRule: [[1,"succeededIndexes","string",6], [2,"succeededCount","int32",6]],
    UncountedTerminatedPods: [[1,"succeeded","string",7], [2,"failed","string",7]],
  },
};
