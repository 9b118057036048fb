// The namespace controller, pkg/controller/namespace (namespace_controller.go and
// deletion/namespaced_resources_deleter.go): a namespace with a deletionTimestamp is Terminating;
// its content is deleted resource by resource (Background propagation); while some remains, the
// conditions say what and the namespace is looked at again after the estimate; when it is empty
// the "kubernetes" finalizer is removed through namespaces/<n>/finalize and the API server deletes
// the namespace.
import type { KObject } from "../../api/types.js";
import type { GroupResource } from "../../client/types.js";
import { GR } from "../../client/types.js";
import { keyOf } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isConflict, isNotFound, QueueController } from "../util/base.js";
import { failingConditions, updateConditions, type ContentTotals, type NamespaceCondition } from "./conditions.js";

export const FINALIZER_KUBERNETES = "kubernetes";

export interface NamespaceControllerDeps {
  /** Every namespaced resource that supports list and delete (the server's index, incl. CRDs). */
  namespacedResources: () => GroupResource[];
}

/** Thrown when content remains: the namespace is looked at again after estimate/2+1 seconds. */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

interface NsSpec {
  finalizers?: string[];
}

export class NamespaceController extends QueueController {
  readonly name = "namespace";

  constructor(
    ctx: ControllerContext,
    private readonly deps: NamespaceControllerDeps,
  ) {
    super(ctx, 10);
  }

  start(): void {
    this.watch(GR.namespaces, (type, ns) => {
      if (type !== "DELETED" && ns.metadata?.deletionTimestamp) this.queue.add(keyOf(ns));
    });
    for (const ns of this.ctx.client.list(GR.namespaces)) if (ns.metadata?.deletionTimestamp) this.queue.add(keyOf(ns));
  }

  protected async sync(name: string): Promise<void> {
    try {
      await this.deleteNamespace(name);
    } catch (e) {
      if (e instanceof ResourcesRemainingError) {
        this.queue.addAfter(name, (Math.floor(e.estimate / 2) + 1) * 1000);
        return;
      }
      if (isNotFound(e)) return;
      throw e;
    }
  }

  private async deleteNamespace(name: string): Promise<void> {
    let ns = this.ctx.client.get(GR.namespaces, "", name);
    if (!ns?.metadata?.deletionTimestamp) return;
    if ((ns.status as { phase?: string })?.phase !== "Terminating") {
      ns = await this.ctx.client.update(GR.namespaces, { ...structuredClone(ns), status: { ...(ns.status as object), phase: "Terminating" } }, { subresource: "status" });
    }
    if (!((ns.spec as NsSpec)?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const { totals, estimate } = await this.deleteAllContent(name);
    const now = this.ctx.time.now();
    const latest = this.ctx.client.get(GR.namespaces, "", name);
    if (!latest) return;
    const status = (latest.status ?? {}) as { phase?: string; conditions?: NamespaceCondition[] };
    const { conditions, changed } = updateConditions(status.conditions ?? [], failingConditions(totals, now), now);
    if (changed) await this.ctx.client.update(GR.namespaces, { ...structuredClone(latest), status: { ...status, phase: "Terminating", conditions } }, { subresource: "status" });
    if (totals.deleteErrors.length) throw new Error(totals.deleteErrors.join(", "));
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    await this.finalize(name);
  }

  /** deleteAllContent: one pass over every namespaced resource. */
  private async deleteAllContent(namespace: string): Promise<{ totals: ContentTotals; estimate: number }> {
    const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), deleteErrors: [] };
    let estimate = 0;
    for (const gr of this.deps.namespacedResources()) {
      let items: KObject[];
      try {
        items = this.ctx.client.list(gr, namespace);
      } catch {
        continue;
      }
      if (!items.length) continue;
      const grEstimate = gr.group === "" && gr.resource === "pods" ? podsGraceEstimate(items) : 0;
      for (const obj of items) {
        if (obj.metadata?.deletionTimestamp) continue;
        try {
          await this.ctx.client.delete(gr, namespace, obj.metadata!.name!, { propagationPolicy: "Background" });
        } catch (e) {
          if (!isNotFound(e)) totals.deleteErrors.push(`${gr.resource}.${gr.group}: ${(e as Error).message}`);
        }
      }
      const left = this.ctx.client.list(gr, namespace);
      if (!left.length) continue;
      totals.remaining.set(`${gr.resource}.${gr.group}`, left.length);
      for (const o of left) for (const f of o.metadata?.finalizers ?? []) totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
      // Pods wait out their grace period; content held by finalizers gets upstream's default 5 s.
      estimate = Math.max(estimate, grEstimate || 5);
    }
    return { totals, estimate };
  }

  /** finalizeNamespace: PUT namespaces/<n>/finalize without our finalizer. */
  private async finalize(name: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const ns = this.ctx.client.get(GR.namespaces, "", name);
      if (!ns) return;
      const next = structuredClone(ns);
      const fins = ((next.spec as NsSpec)?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
      next.spec = { ...(next.spec as object), finalizers: fins.length ? fins : undefined };
      try {
        await this.ctx.client.update(GR.namespaces, next, { subresource: "finalize" });
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isConflict(e)) throw e;
      }
    }
  }
}

/** estimateGracefulTermination: the longest grace period of the pods still there. */
function podsGraceEstimate(pods: KObject[]): number {
  let max = 0;
  for (const p of pods) {
    const phase = (p.status as { phase?: string })?.phase;
    if (phase === "Succeeded" || phase === "Failed") continue;
    const grace = p.metadata?.deletionGracePeriodSeconds ?? (p.spec as { terminationGracePeriodSeconds?: number })?.terminationGracePeriodSeconds ?? 30;
    max = Math.max(max, grace);
  }
  return max;
}

export const newNamespaceController = (deps: NamespaceControllerDeps) => (ctx: ControllerContext) => new NamespaceController(ctx, deps);
