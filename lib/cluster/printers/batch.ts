// batch/v1 kinds: follows printJob and printCronJob in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, containersColumn, imagesColumn, nameColumn, swaggerDoc } from "./docs";
import { humanDuration, parseTime, translateTimestampSince } from "./duration";
import { arr, get, name, num, optNum, printBoolPtr, str } from "./fields";
import { formatLabelSelector } from "./labels";
import { layoutContainerCells } from "./core";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** upstream: hasJobCondition: the first condition of the type decides. */
function hasJobCondition(job: KObject, type: string): boolean {
  for (const c of arr(job, "status", "conditions")) {
    if (str(c, "type") === type) return str(c, "status") === "True";
  }
  return false;
}

export const jobPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Status", "string", "Status of the job."),
    col("Completions", "string", swaggerDoc("batch/v1.JobStatus.succeeded")),
    col("Duration", "string", "Time required to complete the job."),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    col("Selector", "string", swaggerDoc("batch/v1.JobSpec.selector"), 1),
  ],
  print(obj, now) {
    const succeeded = num(obj, "status", "succeeded");
    const completionsSpec = optNum(obj, "spec", "completions");
    let completions: string;
    if (completionsSpec !== undefined) {
      completions = `${succeeded}/${completionsSpec}`;
    } else {
      const parallelism = optNum(obj, "spec", "parallelism") ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = parseTime(get(obj, "status", "startTime"));
    const completion = parseTime(get(obj, "status", "completionTime"));
    let jobDuration = "";
    if (start && !completion) jobDuration = humanDuration(now.getTime() - start.getTime());
    else if (start && completion) jobDuration = humanDuration(completion.getTime() - start.getTime());

    let status: string;
    if (hasJobCondition(obj, "Complete")) status = "Complete";
    else if (hasJobCondition(obj, "Failed")) status = "Failed";
    else if (obj.metadata?.deletionTimestamp) status = "Terminating";
    else if (hasJobCondition(obj, "Suspended")) status = "Suspended";
    else if (hasJobCondition(obj, "FailureTarget")) status = "FailureTarget";
    else status = "Running";

    const [names, images] = layoutContainerCells(arr(obj, "spec", "template", "spec", "containers"));
    return [name(obj), status, completions, jobDuration, age(obj, now), names, images, formatLabelSelector(get(obj, "spec", "selector"))];
  },
};

export const cronJobPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Schedule", "string", swaggerDoc("batch/v1beta1.CronJobSpec.schedule")),
    col("Timezone", "string", swaggerDoc("batch/v1beta1.CronJobSpec.timeZone")),
    col("Suspend", "boolean", swaggerDoc("batch/v1beta1.CronJobSpec.suspend")),
    col("Active", "integer", swaggerDoc("batch/v1beta1.CronJobStatus.active")),
    col("Last Schedule", "string", swaggerDoc("batch/v1beta1.CronJobStatus.lastScheduleTime")),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    col("Selector", "string", swaggerDoc("batch/v1.JobSpec.selector"), 1),
  ],
  print(obj, now) {
    const last = get(obj, "status", "lastScheduleTime");
    const lastScheduleTime = last === undefined || last === null ? "<none>" : translateTimestampSince(last, now);
    const tz = get(obj, "spec", "timeZone");
    const timeZone = typeof tz === "string" ? tz : "<none>";
    const [names, images] = layoutContainerCells(arr(obj, "spec", "jobTemplate", "spec", "template", "spec", "containers"));
    return [
      name(obj),
      str(obj, "spec", "schedule"),
      timeZone,
      printBoolPtr(get(obj, "spec", "suspend")),
      arr(obj, "status", "active").length,
      lastScheduleTime,
      age(obj, now),
      names,
      images,
      formatLabelSelector(get(obj, "spec", "jobTemplate", "spec", "selector")),
    ];
  },
};
