// metrics.k8s.io/v1beta1 as kube-apiserver serves it through the aggregation layer: requests go
// to metrics-server (APIService v1beta1.metrics.k8s.io); while it is not serving, the proxy
// answers 503 "service unavailable" (kube-aggregator pkg/apiserver/handler_proxy.go) and the group
// drops out of discovery, so `kubectl top` says "error: Metrics API not available". What
// metrics-server would answer (pkg/api/node.go, pod.go) is built from the lab's scraper.
import { StatusError, type KObject } from "../cluster/api/types.js";
import type { MetricsSnapshot } from "../cluster/metrics/scraper.js";
import { nodeMetricsObject, podMetricsObject, METRICS_API_VERSION } from "../cluster/metrics/objects.js";
import { sendJSON, sendText, wantsTable } from "./http.js";
import type { RestContext } from "./rest.js";
import { compileSelectors } from "./selectors.js";
import { toTable } from "./table.js";

export const METRICS_GROUP = "metrics.k8s.io";

/** The running metrics-server as the aggregator reaches it. */
export interface MetricsSource {
  /** The points metrics-server serves now; undefined while it is not running or not ready. */
  snapshot(): MetricsSnapshot | undefined;
}

export function metricsAvailable(source: MetricsSource | undefined): boolean {
  return !!source?.snapshot();
}

export function serveMetrics(ctx: RestContext, source: MetricsSource | undefined): void {
  const snap = source?.snapshot();
  if (!snap) return sendText(ctx.res, 503, "service unavailable\n");
  const { ri, info } = ctx;
  if (ri.verb !== "get" && ri.verb !== "list") throw new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});
  const now = ctx.clock.now();
  const all: KObject[] =
    info.resource === "nodes"
      ? snap.nodes.map((p) => nodeMetricsObject(p, now))
      : snap.pods.filter((p) => !ri.namespace || p.namespace === ri.namespace).map((p) => podMetricsObject(p, now));
  if (ri.verb === "get") {
    const found = all.find((o) => o.metadata?.name === ri.name);
    if (!found) throw new StatusError(404, "NotFound", `${info.kind.toLowerCase()}.${METRICS_GROUP} "${ri.name}" not found`, { name: ri.name, group: METRICS_GROUP, kind: info.resource });
    if (wantsTable(ctx.accept)) return sendJSON(ctx.res, 200, toTable(ctx, [found], now, ctx.query.get("includeObject")));
    return sendJSON(ctx.res, 200, found);
  }
  const filter = compileSelectors(info, ctx.query);
  const items = all.filter(filter).sort((a, b) => key(a).localeCompare(key(b)));
  if (wantsTable(ctx.accept)) return sendJSON(ctx.res, 200, toTable(ctx, items, now, ctx.query.get("includeObject")));
  sendJSON(ctx.res, 200, { kind: `${info.kind}List`, apiVersion: METRICS_API_VERSION, metadata: {}, items });
}

const key = (o: KObject) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
