// Pod table: follows printPod in kubernetes/pkg/printers/internalversion/printers.go (v1.32),
// including the status reason rules (Init:, PodInitializing, CrashLoopBackOff, Completed,
// NotReady, Terminating, SchedulingGated) and restarts with "(5m ago)".
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince, parseTime } from "./duration";
import { arr, get, isMap, name, str, type JSONMap } from "./fields";
import type { KindPrinter, TableRowCondition } from "./types";

const podSuccessConditions: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
];
const podFailedConditions: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
];

/** upstream: node.NodeUnreachablePodReason */
const NODE_UNREACHABLE_POD_REASON = "NodeLost";

function isRestartableInitContainer(c: JSONMap | undefined): boolean {
  return c !== undefined && c.restartPolicy === "Always";
}

function conditionStatus(pod: KObject, type: string): string | undefined {
  for (const c of arr(pod, "status", "conditions")) {
    if (isMap(c) && c.type === type) return typeof c.status === "string" ? c.status : "";
  }
  return undefined;
}

function hasPodReadyCondition(pod: KObject): boolean {
  return arr(pod, "status", "conditions").some((c) => isMap(c) && c.type === "Ready" && c.status === "True");
}

/** upstream: isPodInitializedConditionTrue (only the first Initialized condition counts). */
function isPodInitializedConditionTrue(pod: KObject): boolean {
  return conditionStatus(pod, "Initialized") === "True";
}

/** FinishedAt of lastState.terminated, as epoch ms (0 = Go's zero time). */
function lastTerminatedAt(status: JSONMap): number {
  const t = parseTime(get(status, "lastState", "terminated", "finishedAt"));
  return t ? t.getTime() : 0;
}

function hasLastTerminated(status: JSONMap): boolean {
  return isMap(get(status, "lastState", "terminated"));
}

function terminatedReason(prefix: string, terminated: JSONMap): string {
  const reason = typeof terminated.reason === "string" ? terminated.reason : "";
  if (reason !== "") return prefix + reason;
  const signal = typeof terminated.signal === "number" ? terminated.signal : 0;
  if (signal !== 0) return `${prefix}Signal:${signal}`;
  const exitCode = typeof terminated.exitCode === "number" ? terminated.exitCode : 0;
  return `${prefix}ExitCode:${exitCode}`;
}

interface PodSummary {
  ready: string;
  reason: string;
  restarts: string;
}

export function summarizePod(pod: KObject, now: Date): PodSummary {
  const specInit = arr(pod, "spec", "initContainers").filter(isMap);
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = arr(pod, "spec", "containers").length;
  let readyContainers = 0;
  let lastRestartDate = 0;
  let lastRestartableInitContainerRestartDate = 0;

  const podPhase = str(pod, "status", "phase");
  let reason = podPhase;
  if (str(pod, "status", "reason") !== "") reason = str(pod, "status", "reason");

  // A {type: PodScheduled, reason: SchedulingGated} condition shows as SchedulingGated.
  for (const c of arr(pod, "status", "conditions")) {
    if (isMap(c) && c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initContainers = new Map<string, JSONMap>();
  for (const c of specInit) {
    initContainers.set(typeof c.name === "string" ? c.name : "", c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(pod, "status", "initContainerStatuses").filter(isMap);
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const spec = initContainers.get(typeof container.name === "string" ? container.name : "");
    const restartCount = typeof container.restartCount === "number" ? container.restartCount : 0;
    restarts += restartCount;
    if (hasLastTerminated(container)) lastRestartDate = Math.max(lastRestartDate, lastTerminatedAt(container));
    if (isRestartableInitContainer(spec)) {
      restartableInitContainerRestarts += restartCount;
      if (hasLastTerminated(container)) {
        lastRestartableInitContainerRestartDate = Math.max(lastRestartableInitContainerRestartDate, lastTerminatedAt(container));
      }
    }
    const terminated = get(container, "state", "terminated");
    const waiting = get(container, "state", "waiting");
    if (isMap(terminated) && (typeof terminated.exitCode !== "number" || terminated.exitCode === 0)) continue;
    if (isRestartableInitContainer(spec) && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (isMap(terminated)) {
      // initialization has failed
      reason = terminatedReason("Init:", terminated);
    } else if (isMap(waiting) && typeof waiting.reason === "string" && waiting.reason !== "" && waiting.reason !== "PodInitializing") {
      reason = "Init:" + waiting.reason;
    } else {
      reason = `Init:${i}/${specInit.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(pod)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = arr(pod, "status", "containerStatuses").filter(isMap);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += typeof container.restartCount === "number" ? container.restartCount : 0;
      if (hasLastTerminated(container)) lastRestartDate = Math.max(lastRestartDate, lastTerminatedAt(container));
      const waiting = get(container, "state", "waiting");
      const terminated = get(container, "state", "terminated");
      if (isMap(waiting) && typeof waiting.reason === "string" && waiting.reason !== "") {
        reason = waiting.reason;
      } else if (isMap(terminated)) {
        reason = terminatedReason("", terminated);
      } else if (container.ready === true && isMap(get(container, "state", "running"))) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // Back to "Running" if at least one container still reports as running.
    if (reason === "Completed" && hasRunning) reason = hasPodReadyCondition(pod) ? "Running" : "NotReady";
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  if (deleting && str(pod, "status", "reason") === NODE_UNREACHABLE_POD_REASON) {
    reason = "Unknown";
  } else if (deleting && podPhase !== "Failed" && podPhase !== "Succeeded") {
    reason = "Terminating";
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== 0) {
    restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestartDate).toISOString(), now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsStr };
}

function readinessGates(pod: KObject): string {
  const gates = arr(pod, "spec", "readinessGates").filter(isMap);
  if (gates.length === 0) return "<none>";
  const conditions = arr(pod, "status", "conditions").filter(isMap);
  let trueConditions = 0;
  for (const gate of gates) {
    const c = conditions.find((c) => c.type === gate.conditionType);
    if (c && c.status === "True") trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

/** v1 JSON may carry only status.podIP (the internal form always has podIPs). */
function firstPodIP(pod: KObject): string {
  const ips = arr(pod, "status", "podIPs");
  if (ips.length > 0) return str(ips[0], "ip");
  return str(pod, "status", "podIP");
}

export const podPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    col("Status", "string", "The aggregate status of the containers in this pod."),
    col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
    ageColumn(),
    col("IP", "string", swaggerDoc("core/v1.PodStatus.podIP"), 1),
    col("Node", "string", swaggerDoc("core/v1.PodSpec.nodeName"), 1),
    col("Nominated Node", "string", swaggerDoc("core/v1.PodStatus.nominatedNodeName"), 1),
    col("Readiness Gates", "string", swaggerDoc("core/v1.PodSpec.readinessGates"), 1),
  ],
  print(pod, now) {
    const s = summarizePod(pod, now);
    return [
      name(pod),
      s.ready,
      s.reason,
      s.restarts,
      translateTimestampSince(pod.metadata?.creationTimestamp, now),
      firstPodIP(pod) || "<none>",
      str(pod, "spec", "nodeName") || "<none>",
      str(pod, "status", "nominatedNodeName") || "<none>",
      readinessGates(pod),
    ];
  },
  conditions(pod) {
    const phase = str(pod, "status", "phase");
    if (phase === "Succeeded") return podSuccessConditions;
    if (phase === "Failed") return podFailedConditions;
    return undefined;
  },
};
