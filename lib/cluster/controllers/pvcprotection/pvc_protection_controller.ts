// pkg/controller/volume/pvcprotection/pvc_protection_controller.go: every claim carries the
// kubernetes.io/pvc-protection finalizer; a claim being deleted keeps it (and stays Terminating)
// while a scheduled pod names it, whatever that pod's phase; the pod's deletion lets it go.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { claimKey, PVC_PROTECTION_FINALIZER } from "../../storage/helpers.js";
import { podClaimNames } from "../../storage/pods.js";
import { splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { QueueController, isNotFound } from "../util/base.js";

export class PVCProtectionController extends QueueController {
  readonly name = "pvc-protection";

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  start(): void {
    this.watch(GR.persistentvolumeclaims, (type, obj) => {
      if (type === "DELETED") return;
      const has = obj.metadata?.finalizers?.includes(PVC_PROTECTION_FINALIZER);
      if ((!obj.metadata?.deletionTimestamp && !has) || (obj.metadata?.deletionTimestamp && has)) this.queue.add(claimKey(obj.metadata ?? {}));
    });
    // A pod that goes away (or changes) may release the claims it names.
    this.watch(GR.pods, (_type, obj, old) => {
      for (const p of [obj, old]) if (p) for (const name of podClaimNames(p)) this.queue.add(`${p.metadata?.namespace}/${name}`);
    });
    for (const pvc of this.ctx.client.list(GR.persistentvolumeclaims)) this.queue.add(claimKey(pvc.metadata ?? {}));
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.client.get(GR.persistentvolumeclaims, namespace, name);
    if (!pvc) return;
    const fins = pvc.metadata?.finalizers ?? [];
    const has = fins.includes(PVC_PROTECTION_FINALIZER);
    if (pvc.metadata?.deletionTimestamp && has) {
      if (this.isBeingUsed(pvc)) return;
      await this.setFinalizers(pvc, fins.filter((f) => f !== PVC_PROTECTION_FINALIZER));
      this.ctx.log(`I "Removed protection finalizer from PVC" PVC="${key}"`);
    } else if (!pvc.metadata?.deletionTimestamp && !has) {
      await this.setFinalizers(pvc, [...fins, PVC_PROTECTION_FINALIZER]);
    }
  }

  /** podUsesPVC: only scheduled pods count (the kubelet refuses to start a pod on a deleted claim). */
  private isBeingUsed(pvc: KObject): boolean {
    return this.ctx.client
      .list(GR.pods, pvc.metadata?.namespace)
      .some((p) => !!(p.spec as { nodeName?: string })?.nodeName && podClaimNames(p).includes(pvc.metadata!.name!));
  }

  private async setFinalizers(obj: KObject, finalizers: string[]): Promise<void> {
    const next = structuredClone(obj);
    next.metadata!.finalizers = finalizers;
    try {
      await this.ctx.client.update(GR.persistentvolumeclaims, next);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export const newPVCProtectionController = (ctx: ControllerContext) => new PVCProtectionController(ctx);
