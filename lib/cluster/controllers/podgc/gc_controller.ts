// The pod garbage collector, pkg/controller/podgc/gc_controller.go: every 20 s it force-deletes
// terminated pods beyond --terminated-pod-gc-threshold (oldest first), pods bound to nodes that no
// longer exist (after a 40 s quarantine; marked Failed with a DisruptionTarget condition first)
// and unscheduled pods that are terminating.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import type { Controller, ControllerContext } from "../types.js";
import { isNotFound, parseTime, rfc3339 } from "../util/base.js";
import { isPodTerminal, nodeNameOf } from "../util/pods.js";

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_TIME_MS = 40_000;
export const DEFAULT_TERMINATED_POD_THRESHOLD = 12500;

export class PodGCController implements Controller {
  readonly name = "pod-garbage-collector";
  private cancel = () => {};
  /** Node names first seen missing, and when (the quarantine). */
  private missingSince = new Map<string, number>();
  private running = false;

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    const tick = () => {
      void this.gc().finally(() => (this.cancel = this.ctx.time.after(GC_CHECK_PERIOD_MS, tick)));
    };
    this.cancel = this.ctx.time.after(GC_CHECK_PERIOD_MS, tick);
  }

  stop(): void {
    this.cancel();
  }

  private get threshold(): number {
    const v = Number(this.ctx.flags.get("terminated-pod-gc-threshold") ?? DEFAULT_TERMINATED_POD_THRESHOLD);
    return Number.isInteger(v) ? v : DEFAULT_TERMINATED_POD_THRESHOLD;
  }

  async gc(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const pods = this.ctx.client.list(GR.pods);
      if (this.threshold > 0) await this.gcTerminated(pods);
      await this.gcOrphaned(pods);
      await this.gcUnscheduledTerminating(pods);
    } catch (e) {
      this.ctx.log(`pod-garbage-collector: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  private async forceDelete(pod: KObject): Promise<void> {
    try {
      await this.ctx.client.delete(GR.pods, pod.metadata!.namespace!, pod.metadata!.name!, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private async gcTerminated(pods: KObject[]): Promise<void> {
    const terminated = pods.filter((p) => isPodTerminal(p) && !p.metadata?.deletionTimestamp);
    const excess = terminated.length - this.threshold;
    if (excess <= 0) return;
    terminated.sort((a, b) => (parseTime(a.metadata?.creationTimestamp) ?? 0) - (parseTime(b.metadata?.creationTimestamp) ?? 0));
    this.ctx.log(`Garbage collecting ${excess} pods that are terminated`);
    for (const p of terminated.slice(0, excess)) await this.forceDelete(p);
  }

  private async gcOrphaned(pods: KObject[]): Promise<void> {
    const now = this.ctx.time.now().getTime();
    const missing = new Set<string>();
    for (const p of pods) {
      const node = nodeNameOf(p);
      if (!node || this.ctx.client.get(GR.nodes, "", node)) continue;
      missing.add(node);
      if (!this.missingSince.has(node)) this.missingSince.set(node, now);
    }
    for (const n of [...this.missingSince.keys()]) if (!missing.has(n)) this.missingSince.delete(n);
    for (const p of pods) {
      const node = nodeNameOf(p);
      if (!missing.has(node) || now - this.missingSince.get(node)! < QUARANTINE_TIME_MS) continue;
      this.ctx.log(`Found orphaned Pod assigned to the Node, deleting pod="${p.metadata!.namespace}/${p.metadata!.name}" node="${node}"`);
      await this.markFailed(p, "DeletionByPodGC", "PodGC: node no longer exists");
      await this.forceDelete(p);
    }
  }

  private async gcUnscheduledTerminating(pods: KObject[]): Promise<void> {
    for (const p of pods) if (p.metadata?.deletionTimestamp && !nodeNameOf(p)) await this.forceDelete(p);
  }

  /** Adds the DisruptionTarget condition and, for a running pod, phase Failed. */
  private async markFailed(pod: KObject, reason: string, message: string): Promise<void> {
    const cur = this.ctx.client.get(GR.pods, pod.metadata!.namespace!, pod.metadata!.name!);
    if (!cur) return;
    const status = structuredClone((cur.status ?? {}) as { phase?: string; conditions?: { type: string }[] });
    if (!isPodTerminal(cur)) status.phase = "Failed";
    status.conditions = [
      ...(status.conditions ?? []).filter((c) => c.type !== "DisruptionTarget"),
      { type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: rfc3339(this.ctx.time.now()), reason, message } as { type: string },
    ];
    try {
      await this.ctx.client.update(GR.pods, { ...structuredClone(cur), status }, { subresource: "status" });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export const newPodGCController = (ctx: ControllerContext) => new PodGCController(ctx);
