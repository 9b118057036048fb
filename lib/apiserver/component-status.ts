// componentstatuses (`kubectl get cs`): answered, not stored. Follows
// pkg/registry/core/componentstatus/rest.go and validator.go (v1.32) and the servers
// pkg/controlplane/apiserver/... registers: the scheduler and the controller-manager probed over
// HTTPS on 127.0.0.1 of the apiserver's host network (certificates not verified), and one
// `etcd-<i>` per storage backend, probed through the apiserver's own etcd client.
import type { Duplex } from "node:stream";
import { request as httpRequest } from "node:http";
import { connect as tlsConnect } from "node:tls";
import type { KObject } from "../cluster/api/types.js";
import { newInternalError } from "../cluster/meta/errors.js";
import { httpDialError } from "../cluster/kubelet/probe.js";

/** TCP to an address as the apiserver's host network (the control-plane node) sees it. */
export type HostDial = (host: string, port: number) => Promise<Duplex | "refused" | "timeout"> | Duplex | "refused" | "timeout";

export interface ComponentStatusDeps {
  dial?: HostDial;
  /** Resolves when etcd answers; rejects with the client's error. */
  etcdHealthy(): Promise<void>;
  /** validator.go probeTimeOut (20 s); shorter in tests. */
  timeoutMs?: number;
}

/** The deprecation warning every componentstatuses request carries (prerelease-lifecycle-gen deprecated=1.19). */
export const COMPONENT_STATUS_DEPRECATION = "v1 ComponentStatus is deprecated in v1.19+";

type Probe = { status: "True" | "False" | "Unknown"; message: string; error: string };

interface HttpServer {
  host: string;
  port: number;
  path: string;
}

// The order of kubeadm clusters' `kubectl get cs` output; upstream's goroutines race, so any
// order is possible there, and this one is what is usually printed.
const HTTP_SERVERS: [string, HttpServer][] = [
  ["controller-manager", { host: "127.0.0.1", port: 10257, path: "/healthz" }],
  ["scheduler", { host: "127.0.0.1", port: 10259, path: "/healthz" }],
];

/** One HTTPS GET without verification, as pkg/probe/http's DoHTTPProbe reports it. */
async function probeHttp(deps: ComponentStatusDeps, s: HttpServer): Promise<Probe> {
  const url = `https://${s.host}:${s.port}${s.path}`;
  const raw = deps.dial ? await deps.dial(s.host, s.port) : "refused";
  if (raw === "refused" || raw === "timeout") return { status: "False", message: httpDialError(url, s.host, s.port, raw), error: "" };
  const timeoutMs = deps.timeoutMs ?? 20_000;
  // Node's HTTP client over the dialled socket: chunked bodies and keep-alive handled as Go's are.
  const response = await new Promise<{ code: number; body: string } | "timeout" | "error">((resolve) => {
    const conn = tlsConnect({ socket: raw, rejectUnauthorized: false });
    const req = httpRequest({ method: "GET", host: s.host, port: s.port, path: s.path, createConnection: () => conn, headers: { "user-agent": "kube-probe/1.32", accept: "*/*" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ code: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", () => resolve("error"));
    });
    req.setTimeout(timeoutMs, () => {
      resolve("timeout");
      req.destroy();
    });
    req.on("error", () => resolve("error"));
    req.end();
  });
  raw.destroy();
  if (response === "timeout") return { status: "False", message: httpDialError(url, s.host, s.port, "timeout"), error: "" };
  if (response === "error") return { status: "False", message: `Get "${url}": EOF`, error: "" };
  if (response.code >= 200 && response.code < 400) return { status: "True", message: response.body, error: "" };
  return { status: "False", message: `HTTP probe failed with statuscode: ${response.code}`, error: "" };
}

/** validator.go EtcdServer.DoServerCheck: "ok", or Failure with the prober's error. */
async function probeEtcd(deps: ComponentStatusDeps): Promise<Probe> {
  try {
    await deps.etcdHealthy();
    return { status: "True", message: "ok", error: "" };
  } catch (e) {
    return { status: "False", message: "", error: `error getting data from etcd: ${(e as Error).message}` };
  }
}

function componentStatus(name: string, p: Probe): KObject {
  const condition: Record<string, string> = { type: "Healthy", status: p.status };
  if (p.message) condition.message = p.message;
  if (p.error) condition.error = p.error;
  return { kind: "ComponentStatus", apiVersion: "v1", metadata: { name, creationTimestamp: null }, conditions: [condition] } as unknown as KObject;
}

function servers(deps: ComponentStatusDeps): [string, () => Promise<Probe>][] {
  return [...HTTP_SERVERS.map(([name, s]): [string, () => Promise<Probe>] => [name, () => probeHttp(deps, s)]), ["etcd-0", () => probeEtcd(deps)]];
}

/** REST.List: every server probed at once; selectors match metadata.name and (absent) labels only. */
export async function listComponentStatuses(deps: ComponentStatusDeps, filter: (o: KObject) => boolean = () => true): Promise<KObject> {
  const items = await Promise.all(servers(deps).map(async ([name, probe]) => componentStatus(name, await probe())));
  return { kind: "ComponentStatusList", apiVersion: "v1", metadata: {}, items: items.filter(filter) } as KObject;
}

/** REST.Get: an unknown name is a plain Go error upstream, hence an InternalError. */
export async function getComponentStatus(deps: ComponentStatusDeps, name: string): Promise<KObject> {
  const s = servers(deps).find(([n]) => n === name);
  if (!s) throw newInternalError(`Component not found: ${name}`);
  return componentStatus(name, await s[1]());
}
