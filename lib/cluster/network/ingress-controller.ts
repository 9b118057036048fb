// The API side of the ingress-nginx controller: the "Scheduled for sync" event on every change
// of a served Ingress (internal/ingress/controller/store/store.go recorder.Eventf(ing,
// corev1.EventTypeNormal, "Sync", "Scheduled for sync")) and the status sync loop
// (internal/ingress/status/status.go: every UpdateInterval = 60 s, status.loadBalancer.ingress =
// the nodes of the running controller pods, since the bare-metal manifest has no
// --publish-service). Traffic is served by lib/node/network/edge-proxy.ts.
import type { KObject } from "../api/types.js";
import { GR } from "../client/types.js";
import type { Controller, ControllerContext } from "../controllers/types.js";
import { ingressStatusAddresses, servedByNginx } from "./ingress.js";

export const INGRESS_STATUS_INTERVAL_MS = 60_000;
/** The source component of the controller's events. */
export const INGRESS_EVENT_COMPONENT = "nginx-ingress-controller";

export function controllerPods(pods: KObject[]): KObject[] {
  return pods.filter((p) => p.metadata?.namespace === "ingress-nginx" && p.metadata?.labels?.["app.kubernetes.io/component"] === "controller" && p.metadata?.labels?.["app.kubernetes.io/name"] === "ingress-nginx");
}

export function newIngressNginxController(ctx: ControllerContext): Controller {
  const { client } = ctx;
  const recorder = ctx.recorder(INGRESS_EVENT_COMPONENT);
  const cancels: (() => void)[] = [];
  let stopped = false;

  const serve = (ing: KObject) => servedByNginx(ing, client.list(GR.ingressclasses));
  const announce = (ing: KObject) => {
    // One event per running controller pod, as each replica's store records it.
    const n = Math.max(1, controllerPods(client.list(GR.pods)).filter((p) => (p.status as { phase?: string } | undefined)?.phase === "Running").length);
    for (let i = 0; i < n; i++) recorder.event(ing, "Normal", "Sync", "Scheduled for sync");
  };

  async function syncStatus() {
    const want = ingressStatusAddresses(controllerPods(client.list(GR.pods)), client.list(GR.nodes));
    for (const ing of client.list(GR.ingresses)) {
      if (!serve(ing) || ing.metadata?.deletionTimestamp) continue;
      const cur = ((ing.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress ?? []) as unknown[];
      if (JSON.stringify(cur) === JSON.stringify(want)) continue;
      await client.update(GR.ingresses, { ...ing, status: { loadBalancer: want.length ? { ingress: want } : {} } }, { subresource: "status" }).catch((e) => ctx.log(`error updating ingress status: ${(e as Error).message}`));
    }
  }

  const loop = () => {
    if (stopped) return;
    void syncStatus().finally(() => {
      if (!stopped) cancels.push(ctx.time.after(INGRESS_STATUS_INTERVAL_MS, loop));
    });
  };

  return {
    name: "ingress-nginx",
    start() {
      cancels.push(
        client.watch(GR.ingresses, (type, obj, old) => {
          if (type === "DELETED" || !serve(obj)) return;
          const changed = !old || JSON.stringify(old.spec) !== JSON.stringify(obj.spec) || JSON.stringify(old.metadata?.annotations) !== JSON.stringify(obj.metadata?.annotations);
          if (changed) announce(obj);
        }),
      );
      loop();
    },
    stop() {
      stopped = true;
      for (const c of cancels) c();
    },
  };
}
