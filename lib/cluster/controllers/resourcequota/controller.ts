// The resource quota controller (pkg/controller/resourcequota): status.hard mirrors spec.hard
// and status.used is recomputed from the live objects of the namespace whenever a quota or a
// charged object changes, and every 5 minutes (--resource-quota-sync-period).
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { computeUsed, QUOTA_RESOURCES } from "../../admission/quota.js";
import { WorkQueue, keyOf, splitKey } from "../../runtime/workqueue.js";
import type { Controller, ControllerContext } from "../types.js";

const RESYNC_MS = 5 * 60 * 1000;

export function resourceQuotaController(ctx: ControllerContext): Controller {
  const { client, time } = ctx;
  const cancels: (() => void)[] = [];
  let stopResync: (() => void) | undefined;
  const queue = new WorkQueue(time, sync, { onError: (k, e) => ctx.log(`E "Error syncing resource quota" key="${k}" err="${(e as Error).message}"`) });

  function enqueueNamespace(ns: string | undefined) {
    if (!ns) return;
    for (const q of client.list(GR.resourcequotas, ns)) queue.add(keyOf(q));
  }

  async function sync(key: string) {
    const { namespace, name } = splitKey(key);
    const quota = client.get(GR.resourcequotas, namespace, name);
    if (!quota || quota.metadata?.deletionTimestamp) return;
    const hard = ((quota.spec as { hard?: Record<string, string> })?.hard ?? {}) as Record<string, string>;
    const objects = QUOTA_RESOURCES.flatMap((r) => client.list(r, namespace).map((obj) => ({ resource: r.resource, group: r.group, obj })));
    const used = computeUsed(hard, quota, objects, time.now());
    const status = { hard: { ...hard }, used };
    if (JSON.stringify(status) === JSON.stringify(quota.status)) return;
    await client.update(GR.resourcequotas, { ...(quota as KObject), status }, { subresource: "status" });
  }

  return {
    name: "resourcequota",
    start() {
      cancels.push(
        client.watch(GR.resourcequotas, (type, obj) => {
          if (type !== "DELETED") queue.add(keyOf(obj));
        }),
      );
      for (const r of QUOTA_RESOURCES) {
        if (r.resource === "resourcequotas") continue;
        cancels.push(client.watch(r, (_t, obj) => enqueueNamespace(obj.metadata?.namespace)));
      }
      for (const q of client.list(GR.resourcequotas)) queue.add(keyOf(q));
      const resync = () => {
        for (const q of client.list(GR.resourcequotas)) queue.add(keyOf(q));
        stopResync = time.after(RESYNC_MS, resync);
      };
      stopResync = time.after(RESYNC_MS, resync);
    },
    stop() {
      for (const c of cancels.splice(0)) c();
      stopResync?.();
      queue.stop();
    },
  };
}
