// /healthz, /livez and /readyz with their named checks, as kube-apiserver v1.32 registers them
// (staging/src/k8s.io/apiserver/pkg/server/healthz). `?verbose` lists every check; `?exclude=x`
// skips one; `/readyz/<check>` asks for one.
const COMMON = ["ping", "log", "etcd"];
const POST_START_HOOKS = [
  "start-apiserver-admission-initializer",
  "generic-apiserver-start-informers",
  "priority-and-fairness-config-consumer",
  "priority-and-fairness-filter",
  "storage-object-count-tracker-hook",
  "start-apiextensions-informers",
  "start-apiextensions-controllers",
  "crd-informer-synced",
  "start-system-namespaces-controller",
  "start-cluster-authentication-info-controller",
  "start-kube-apiserver-identity-lease-controller",
  "start-kube-apiserver-identity-lease-garbage-collector",
  "start-legacy-token-tracking-controller",
  "start-service-ip-repair-controllers",
  "rbac/bootstrap-roles",
  "scheduling/bootstrap-system-priority-classes",
  "priority-and-fairness-config-producer",
  "bootstrap-controller",
  "aggregator-reload-proxy-client-cert",
  "start-kube-aggregator-informers",
  "apiservice-status-local-available-controller",
  "apiservice-status-remote-available-controller",
  "apiservice-registration-controller",
  "apiservice-discovery-controller",
  "kube-apiserver-autoregistration",
].map((h) => `poststarthook/${h}`);

function checksFor(endpoint: string): string[] {
  const tail = ["autoregister-completion", "poststarthook/apiservice-openapi-controller", "poststarthook/apiservice-openapiv3-controller"];
  if (endpoint === "readyz") return [...COMMON, "etcd-readiness", "informer-sync", ...POST_START_HOOKS, ...tail, "shutdown"];
  return [...COMMON, ...POST_START_HOOKS, ...tail];
}

export function healthCheck(path: string, query: URLSearchParams, etcdOk: boolean): { code: number; body: string } {
  const [, endpoint, ...rest] = path.split("/");
  const one = rest.join("/");
  const checks = checksFor(endpoint);
  const failing = (c: string) => !etcdOk && (c === "etcd" || c === "etcd-readiness" || c === "informer-sync");
  if (one) {
    if (!checks.includes(one)) return { code: 404, body: "404 page not found\n" };
    return failing(one) ? { code: 500, body: `internal server error: ${one} failed\n` } : { code: 200, body: "ok" };
  }
  const excluded = new Set(query.getAll("exclude"));
  const active = checks.filter((c) => !excluded.has(c));
  const bad = active.filter(failing);
  const verbose = query.has("verbose");
  if (!verbose && !bad.length) return { code: 200, body: "ok" };
  const lines = active.map((c) => (failing(c) ? `[-]${c} failed: reason withheld` : `[+]${c} ok`));
  for (const c of excluded) if (checks.includes(c)) lines.push(`[+]${c} excluded: ok`);
  if (bad.length) return { code: 500, body: lines.join("\n") + `\n${endpoint} check failed\n` };
  return { code: 200, body: lines.join("\n") + `\n${endpoint} check passed\n` };
}
