// The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go, v1.32): activeQ ordered
// by priority then arrival (PrioritySort), backoffQ for pods whose last attempt failed (1s
// doubling up to 10s: podInitialBackoffDuration, podMaxBackoffDuration), and unschedulablePods,
// moved out by the cluster events the rejecting plugins registered for, or after
// podMaxInUnschedulablePodsDuration (5 min; the leftover flush runs every 30s).
import type { Time } from "../runtime/timers.js";
import type { ClusterEventKind, Pod } from "./types.js";

export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

export interface QueuedPodInfo {
  uid: string;
  pod: Pod;
  attempts: number;
  /** When it was last added or attempted (ms). */
  timestamp: number;
  /** Plugins that rejected it in its last attempt; empty = any event may help. */
  unschedulablePlugins: Set<string>;
  /** spec.priority (or its PriorityClass's value) when queued. */
  priority: number;
}

type Where = "active" | "backoff" | "unschedulable" | "gated";

export class SchedulingQueue {
  private pods = new Map<string, { info: QueuedPodInfo; where: Where; cancel?: () => void }>();
  private cancelFlush?: () => void;
  private closed = false;

  constructor(
    private readonly time: Time,
    /** The events each plugin waits for. */
    private readonly pluginEvents: ReadonlyMap<string, readonly ClusterEventKind[]>,
    private readonly onActive: () => void,
  ) {}

  start(): void {
    const loop = () => {
      this.flushUnschedulableLeftover();
      if (!this.closed) this.cancelFlush = this.time.after(UNSCHEDULABLE_FLUSH_PERIOD_MS, loop);
    };
    this.cancelFlush = this.time.after(UNSCHEDULABLE_FLUSH_PERIOD_MS, loop);
  }

  close(): void {
    this.closed = true;
    this.cancelFlush?.();
    for (const e of this.pods.values()) e.cancel?.();
    this.pods.clear();
  }

  has(uid: string): boolean {
    return this.pods.has(uid);
  }

  /** A new pending pod (or one whose scheduling gates were just removed). */
  add(pod: Pod, priority: number, gated = false): void {
    const uid = pod.metadata?.uid ?? "";
    const prior = this.pods.get(uid);
    if (prior && prior.where !== "gated") return this.update(pod);
    prior?.cancel?.();
    const info: QueuedPodInfo = prior?.info ?? { uid, pod, attempts: 0, timestamp: this.time.now().getTime(), unschedulablePlugins: new Set(), priority };
    info.pod = pod;
    info.priority = priority;
    this.pods.set(uid, { info, where: gated ? "gated" : "active" });
    if (!gated) this.onActive();
  }

  /** The pod changed: keep the newest object; an unschedulable pod gets another try. */
  update(pod: Pod): void {
    const e = this.pods.get(pod.metadata?.uid ?? "");
    if (!e) return;
    e.info.pod = pod;
    if (e.where === "unschedulable") this.requeue(e.info);
  }

  delete(uid: string): void {
    this.pods.get(uid)?.cancel?.();
    this.pods.delete(uid);
  }

  /** The next pod to schedule: highest priority, then the earliest queued. */
  pop(): QueuedPodInfo | undefined {
    let best: QueuedPodInfo | undefined;
    for (const e of this.pods.values()) {
      if (e.where !== "active") continue;
      if (!best || e.info.priority > best.priority || (e.info.priority === best.priority && e.info.timestamp < best.timestamp)) best = e.info;
    }
    if (!best) return undefined;
    this.pods.delete(best.uid);
    best.attempts++;
    return best;
  }

  /** After a failed attempt: wait for an event (rejection) or back off (error). */
  addUnschedulable(info: QueuedPodInfo, plugins: Set<string>, error = false): void {
    if (this.closed) return;
    info.timestamp = this.time.now().getTime();
    info.unschedulablePlugins = plugins;
    if (error) this.toBackoff(info);
    else this.pods.set(info.uid, { info, where: "unschedulable" });
  }

  /** MoveAllToActiveOrBackoffQueue for one kind of event. */
  onEvent(kind: ClusterEventKind): void {
    for (const e of [...this.pods.values()]) {
      if (e.where !== "unschedulable") continue;
      const plugins = e.info.unschedulablePlugins;
      const interested = plugins.size === 0 || [...plugins].some((p) => this.pluginEvents.get(p)?.includes(kind));
      if (interested) this.requeue(e.info);
    }
  }

  backoffDuration(attempts: number): number {
    let d = POD_INITIAL_BACKOFF_MS;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d > POD_MAX_BACKOFF_MS) return POD_MAX_BACKOFF_MS;
    }
    return d;
  }

  private requeue(info: QueuedPodInfo): void {
    const expiry = info.timestamp + this.backoffDuration(info.attempts);
    if (expiry > this.time.now().getTime()) return this.toBackoff(info);
    this.pods.get(info.uid)?.cancel?.();
    this.pods.set(info.uid, { info, where: "active" });
    this.onActive();
  }

  private toBackoff(info: QueuedPodInfo): void {
    const wait = info.timestamp + this.backoffDuration(info.attempts) - this.time.now().getTime();
    this.pods.get(info.uid)?.cancel?.();
    const entry: { info: QueuedPodInfo; where: Where; cancel?: () => void } = { info, where: "backoff" };
    entry.cancel = this.time.after(Math.max(0, wait), () => {
      if (this.pods.get(info.uid) !== entry) return;
      this.pods.set(info.uid, { info, where: "active" });
      this.onActive();
    });
    this.pods.set(info.uid, entry);
  }

  private flushUnschedulableLeftover(): void {
    const now = this.time.now().getTime();
    for (const e of [...this.pods.values()]) {
      if (e.where === "unschedulable" && now - e.info.timestamp > POD_MAX_IN_UNSCHEDULABLE_MS) this.requeue(e.info);
    }
  }

  /** For tests and debugging: where each pod is. */
  dump(): Record<string, Where> {
    const out: Record<string, Where> = Object.create(null);
    for (const e of this.pods.values()) out[`${e.info.pod.metadata?.namespace}/${e.info.pod.metadata?.name}`] = e.where;
    return out;
  }
}
