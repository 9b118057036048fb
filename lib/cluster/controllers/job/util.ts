// Pure parts of the Job controller: conditions (pkg/controller/job/job_controller.go newCondition,
// the v1.32 reasons and messages), completion indexes (indexed_job_utils.go), the pod failure
// backoff (backoff_utils.go) and pod failure policy matching (pod_failure_policy.go).
import type { KObject } from "../../api/types.js";
import { parseTime, rfc3339 } from "../util/base.js";
import { podCondition } from "../util/pods.js";

export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
export const JOB_COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
export const JOB_INDEX_LABEL = "batch.kubernetes.io/job-completion-index";
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
/** MaxJobPodFailureBackOff in job_controller.go (the docs say six minutes; the code says ten). */
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export const MSG = {
  completions: ["CompletionsReached", "Reached expected number of succeeded pods"],
  backoff: ["BackoffLimitExceeded", "Job has reached the specified backoff limit"],
  deadline: ["DeadlineExceeded", "Job was active longer than specified deadline"],
} as const;

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  completionMode?: string;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  podFailurePolicy?: { rules?: PodFailurePolicyRule[] };
  podReplacementPolicy?: string;
  ttlSecondsAfterFinished?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

export interface PodFailurePolicyRule {
  action: "FailJob" | "Ignore" | "Count" | "FailIndex";
  onExitCodes?: { containerName?: string; operator: "In" | "NotIn"; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  ready?: number;
}

export const jobSpec = (j: KObject) => (j.spec ?? {}) as JobSpec;
export const jobStatus = (j: KObject) => (j.status ?? {}) as JobStatus;

export function newCondition(type: string, reason: string, message: string, now: Date, status = "True"): JobCondition {
  const t = rfc3339(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export function findCondition(s: JobStatus, type: string): JobCondition | undefined {
  return s.conditions?.find((c) => c.type === type);
}

export const isTrue = (s: JobStatus, type: string) => findCondition(s, type)?.status === "True";

/** IsJobFinished: a Complete or Failed condition is True. */
export const isJobFinished = (j: KObject) => isTrue(jobStatus(j), "Complete") || isTrue(jobStatus(j), "Failed");

/** ensureJobConditionStatus: adds or updates; true when something changed. */
export function ensureCondition(s: JobStatus, c: JobCondition): boolean {
  const cur = findCondition(s, c.type);
  if (!cur) {
    if (c.status !== "True") return false;
    s.conditions = [...(s.conditions ?? []), c];
    return true;
  }
  if (cur.status === c.status && cur.reason === c.reason && cur.message === c.message) return false;
  if (cur.status !== c.status) cur.lastTransitionTime = c.lastTransitionTime;
  Object.assign(cur, { status: c.status, reason: c.reason, message: c.message, lastProbeTime: c.lastProbeTime });
  return true;
}

export function podIndex(pod: KObject): number | undefined {
  const v = pod.metadata?.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] ?? pod.metadata?.labels?.[JOB_INDEX_LABEL];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** The "1,3-5,7" form of status.completedIndexes. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : j === i + 1 ? `${sorted[i]},${sorted[j]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? "").split(",").filter(Boolean)) {
    const [a, b] = part.split("-").map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

/** When a pod finished: the latest container termination, else its Ready transition, else its creation. */
export function podFinishTime(pod: KObject): number {
  let t = 0;
  const cs = (pod.status as { containerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[] })?.containerStatuses ?? [];
  for (const c of cs) t = Math.max(t, parseTime(c.state?.terminated?.finishedAt) ?? 0);
  if (t) return t;
  return parseTime(podCondition(pod, "Ready")?.lastTransitionTime) ?? parseTime(pod.metadata?.creationTimestamp) ?? 0;
}

/** getRemainingTime of the backoff record: failures since the last success, delay doubling from 10 s. */
export function backoffRemaining(failedPods: KObject[], succeededPods: KObject[], now: Date): number {
  const lastSuccess = succeededPods.reduce((m, p) => Math.max(m, podFinishTime(p)), 0);
  const failures = failedPods.map(podFinishTime).filter((t) => t > lastSuccess);
  if (!failures.length) return 0;
  const last = Math.max(...failures);
  const delay = Math.min(DEFAULT_JOB_POD_FAILURE_BACKOFF_MS * 2 ** (failures.length - 1), MAX_JOB_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, last + delay - now.getTime());
}

/** matchPodFailurePolicy: the first matching rule's action and, for FailJob, the message. */
export function matchPodFailurePolicy(rules: PodFailurePolicyRule[], pod: KObject): { action: string; message?: string } | undefined {
  const ns = pod.metadata!.namespace, name = pod.metadata!.name;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.onExitCodes) {
      const statuses = [
        ...((pod.status as { initContainerStatuses?: ContainerStatus[] })?.initContainerStatuses ?? []),
        ...((pod.status as { containerStatuses?: ContainerStatus[] })?.containerStatuses ?? []),
      ];
      for (const c of statuses) {
        const code = c.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        if (r.onExitCodes.containerName && r.onExitCodes.containerName !== c.name) continue;
        const inSet = r.onExitCodes.values.includes(code);
        if ((r.onExitCodes.operator === "In") === inSet) {
          return { action: r.action, message: `Container ${c.name} for pod ${ns}/${name} failed with exit code ${code} matching ${r.action} rule at index ${i}` };
        }
      }
    }
    for (const pc of r.onPodConditions ?? []) {
      const c = podCondition(pod, pc.type);
      if (c && c.status === (pc.status ?? "True")) return { action: r.action, message: `Pod ${ns}/${name} has condition ${pc.type} matching ${r.action} rule at index ${i}` };
    }
  }
  return undefined;
}

interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode?: number } };
}
