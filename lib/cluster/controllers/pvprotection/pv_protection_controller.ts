// pkg/controller/volume/pvprotection/pv_protection_controller.go: every PersistentVolume carries
// the kubernetes.io/pv-protection finalizer; a volume being deleted keeps it while its phase is
// Bound, so `kubectl delete pv` of a bound volume leaves it Terminating until its claim goes.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { PV_PROTECTION_FINALIZER } from "../../storage/helpers.js";
import type { ControllerContext } from "../types.js";
import { QueueController, isNotFound } from "../util/base.js";

export class PVProtectionController extends QueueController {
  readonly name = "pv-protection";

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  start(): void {
    this.watch(GR.persistentvolumes, (type, obj) => {
      if (type === "DELETED") return;
      const has = obj.metadata?.finalizers?.includes(PV_PROTECTION_FINALIZER);
      if ((!obj.metadata?.deletionTimestamp && !has) || (obj.metadata?.deletionTimestamp && has)) this.queue.add(obj.metadata!.name!);
    });
    for (const pv of this.ctx.client.list(GR.persistentvolumes)) this.queue.add(pv.metadata!.name!);
  }

  protected async sync(name: string): Promise<void> {
    const pv = this.ctx.client.get(GR.persistentvolumes, "", name);
    if (!pv) return;
    const fins = pv.metadata?.finalizers ?? [];
    const has = fins.includes(PV_PROTECTION_FINALIZER);
    if (pv.metadata?.deletionTimestamp && has) {
      if ((pv.status as { phase?: string } | undefined)?.phase === "Bound") return;
      await this.setFinalizers(pv, fins.filter((f) => f !== PV_PROTECTION_FINALIZER));
    } else if (!pv.metadata?.deletionTimestamp && !has) {
      await this.setFinalizers(pv, [...fins, PV_PROTECTION_FINALIZER]);
    }
  }

  private async setFinalizers(obj: KObject, finalizers: string[]): Promise<void> {
    const next = structuredClone(obj);
    next.metadata!.finalizers = finalizers;
    try {
      await this.ctx.client.update(GR.persistentvolumes, next);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export const newPVProtectionController = (ctx: ControllerContext) => new PVProtectionController(ctx);
