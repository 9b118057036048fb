// The serviceaccount controller, pkg/controller/serviceaccount/serviceaccounts_controller.go:
// every active namespace has a ServiceAccount "default"; deleting it brings it back.
import { GR } from "../../client/types.js";
import { keyOf } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isAlreadyExists, QueueController } from "../util/base.js";

/** DefaultServiceAccountsControllerOptions: the accounts every namespace gets. */
export const DEFAULT_SERVICE_ACCOUNTS = ["default"];

export class ServiceAccountsController extends QueueController {
  readonly name = "serviceaccount";

  start(): void {
    this.watch(GR.namespaces, (type, ns) => {
      if (type !== "DELETED") this.queue.add(keyOf(ns));
    });
    this.watch(GR.serviceaccounts, (type, sa) => {
      if (type === "DELETED" && DEFAULT_SERVICE_ACCOUNTS.includes(sa.metadata!.name!)) this.queue.add(sa.metadata!.namespace!);
    });
    for (const ns of this.ctx.client.list(GR.namespaces)) this.queue.add(keyOf(ns));
  }

  protected async sync(name: string): Promise<void> {
    const ns = this.ctx.client.get(GR.namespaces, "", name);
    // Terminating namespaces get nothing new (upstream checks Status.Phase == Active).
    if (!ns || ((ns.status as { phase?: string })?.phase ?? "Active") !== "Active" || ns.metadata?.deletionTimestamp) return;
    for (const sa of DEFAULT_SERVICE_ACCOUNTS) {
      if (this.ctx.client.get(GR.serviceaccounts, name, sa)) continue;
      try {
        await this.ctx.client.create(GR.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: sa, namespace: name } });
      } catch (e) {
        if (!isAlreadyExists(e) && (e as { code?: number }).code !== 403) throw e;
      }
    }
  }
}

export const newServiceAccountsController = (ctx: ControllerContext) => new ServiceAccountsController(ctx);
