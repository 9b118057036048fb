// kube-scheduler: the lab wires createScheduler into the kube-scheduler static pod.
export { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.js";
export { fitErrorMessage } from "./fit-error.js";
export { toleratesTaint, tolerationsTolerateTaint } from "./tolerations.js";
export { podMatchesNodeSelectorAndAffinityTerms } from "./node-selector.js";
