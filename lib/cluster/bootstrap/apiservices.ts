// APIServices the aggregator registers: one Local per built-in group-version
// (pkg/controlplane/apiserver/aggregator.go apiVersionPriorities), one per CRD group-version
// (crdregistration controller: group priority 1000, version priority 100), and remote ones.

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";

/** Built-in group-versions served by default in v1.32: [group, version, groupPriorityMinimum, versionPriority]. */
export const BUILTIN_API_VERSIONS: [string, string, number, number][] = [
  ["", "v1", 18000, 1],
  ["admissionregistration.k8s.io", "v1", 16700, 15],
  ["apiextensions.k8s.io", "v1", 16700, 15],
  ["apiregistration.k8s.io", "v1", 18000, 15],
  ["apps", "v1", 17800, 15],
  ["authentication.k8s.io", "v1", 17700, 15],
  ["authorization.k8s.io", "v1", 17600, 15],
  ["autoscaling", "v1", 17500, 15],
  ["autoscaling", "v2", 17500, 30],
  ["batch", "v1", 17400, 15],
  ["certificates.k8s.io", "v1", 17300, 15],
  ["coordination.k8s.io", "v1", 16500, 15],
  ["discovery.k8s.io", "v1", 16200, 15],
  ["events.k8s.io", "v1", 17750, 15],
  ["flowcontrol.apiserver.k8s.io", "v1", 16100, 21],
  ["networking.k8s.io", "v1", 17200, 15],
  ["node.k8s.io", "v1", 16300, 15],
  ["policy", "v1", 17100, 15],
  ["rbac.authorization.k8s.io", "v1", 17000, 15],
  ["scheduling.k8s.io", "v1", 16600, 15],
  ["storage.k8s.io", "v1", 16800, 15],
];

function apiServiceName(group: string, version: string): string {
  return group ? `${version}.${group}` : `${version}.`;
}

function available(ctx: BuildContext, at: number, reason: string, message: string) {
  return { conditions: [{ lastTransitionTime: ctx.at(at), message, reason, status: "True", type: "Available" }] };
}

export function buildBuiltinAPIServices(ctx: BuildContext): KObject[] {
  return BUILTIN_API_VERSIONS.map(([group, version, gp, vp]) =>
    obj("apiregistration.k8s.io/v1", "APIService", ctx, { name: apiServiceName(group, version), labels: { "kube-aggregator.kubernetes.io/automanaged": "onstart" }, createdAt: 8 }, {
      spec: { group, groupPriorityMinimum: gp, version, versionPriority: vp },
      status: available(ctx, 8, "Local", "Local APIServices are always available"),
    }),
  );
}

/** APIServices for the group-versions of installed CRDs. */
export function buildCRDAPIServices(ctx: BuildContext, crds: KObject[]): KObject[] {
  const seen = new Map<string, number>();
  for (const crd of crds) {
    const spec = crd.spec as { group: string; versions: { name: string; served: boolean }[] };
    for (const v of spec.versions) {
      if (!v.served) continue;
      const name = apiServiceName(spec.group, v.name);
      const created = Date.parse(crd.metadata!.creationTimestamp!) - ctx.initTime.getTime();
      if (!seen.has(name)) seen.set(name, Math.round(created / 1000));
    }
  }
  return [...seen.entries()].map(([name, at]) => {
    const dot = name.indexOf(".");
    return obj("apiregistration.k8s.io/v1", "APIService", ctx, { name, labels: { "kube-aggregator.kubernetes.io/automanaged": "true" }, createdAt: at }, {
      spec: { group: name.slice(dot + 1), groupPriorityMinimum: 1000, version: name.slice(0, dot), versionPriority: 100 },
      status: available(ctx, at, "Local", "Local APIServices are always available"),
    });
  });
}

/** metrics-server's aggregated API (manifests/base/apiservice.yaml). */
export function buildMetricsAPIService(ctx: BuildContext, createdAt: number, readyAt: number): KObject {
  return obj("apiregistration.k8s.io/v1", "APIService", ctx, { name: "v1beta1.metrics.k8s.io", labels: { "k8s-app": "metrics-server" }, createdAt }, {
    spec: {
      group: "metrics.k8s.io",
      groupPriorityMinimum: 100,
      insecureSkipTLSVerify: true,
      service: { name: "metrics-server", namespace: "kube-system", port: 443 },
      version: "v1beta1",
      versionPriority: 100,
    },
    status: available(ctx, readyAt, "Passed", "all checks passed"),
  });
}
