// componentstatuses as kube-apiserver v1.32 answers it: the probes of validator.go, the objects of
// rest.go, the deprecation warning, and the Table kubectl prints (NAME STATUS MESSAGE ERROR).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createServer, type Server } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getComponentStatus, listComponentStatuses, type ComponentStatusDeps } from "./component-status.js";
import { newTestServer, request } from "./testing/http.js";

let tls: { key: string; cert: string };
const servers: Server[] = [];

beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cs-test-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-days", "1", "-keyout", path.join(dir, "k.pem"), "-out", path.join(dir, "c.pem")], { stdio: "ignore" });
    tls = { key: readFileSync(path.join(dir, "k.pem"), "utf8"), cert: readFileSync(path.join(dir, "c.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => servers.forEach((s) => s.close()));

/** An HTTPS health endpoint on an ephemeral port; returns its port. */
async function healthz(status: number, body: string): Promise<number> {
  const s = createServer(tls, (_req, res) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(body);
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return (s.address() as AddressInfo).port;
}

/** A host network where the component ports map to the given local ports (absent: refused). */
function hostNetwork(ports: Record<number, number>): ComponentStatusDeps["dial"] {
  return (_host, port) => {
    const local = ports[port];
    if (!local) return "refused";
    return new Promise((resolve) => {
      const s = connect(local, "127.0.0.1");
      s.once("connect", () => resolve(s));
      s.once("error", () => resolve("refused"));
    });
  };
}

const healthy = (name: string, message: string) => ({ kind: "ComponentStatus", apiVersion: "v1", metadata: { name, creationTimestamp: null }, conditions: [{ type: "Healthy", status: "True", message }] });

describe("componentstatuses probes", () => {
  it("all healthy: the bodies of /healthz and etcd's ok", async () => {
    const ok = await healthz(200, "ok");
    const list = await listComponentStatuses({ dial: hostNetwork({ 10257: ok, 10259: ok }), etcdHealthy: async () => undefined });
    expect(list).toEqual({ kind: "ComponentStatusList", apiVersion: "v1", metadata: {}, items: [healthy("controller-manager", "ok"), healthy("scheduler", "ok"), healthy("etcd-0", "ok")] });
  });

  const cases: { name: string; deps: () => Promise<ComponentStatusDeps>; component: string; condition: Record<string, string> }[] = [
    {
      name: "scheduler not listening: connection refused in the message (pkg/probe/http)",
      deps: async () => ({ dial: hostNetwork({}), etcdHealthy: async () => undefined }),
      component: "scheduler",
      condition: { type: "Healthy", status: "False", message: 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused' },
    },
    {
      name: "controller-manager answering 500",
      deps: async () => ({ dial: hostNetwork({ 10257: await healthz(500, "[-]leaderElection failed") }), etcdHealthy: async () => undefined }),
      component: "controller-manager",
      condition: { type: "Healthy", status: "False", message: "HTTP probe failed with statuscode: 500" },
    },
    {
      name: "etcd unreachable: the prober's error, no message",
      deps: async () => ({ dial: hostNetwork({}), etcdHealthy: async () => Promise.reject(new Error("context deadline exceeded")) }),
      component: "etcd-0",
      condition: { type: "Healthy", status: "False", error: "error getting data from etcd: context deadline exceeded" },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expect(await getComponentStatus(await c.deps(), c.component)).toEqual({ kind: "ComponentStatus", apiVersion: "v1", metadata: { name: c.component, creationTimestamp: null }, conditions: [c.condition] });
    });
  }

  it("an unknown component is an InternalError (rest.go returns a plain error)", async () => {
    await expect(getComponentStatus({ etcdHealthy: async () => undefined }, "kube-proxy")).rejects.toMatchObject({ code: 500, reason: "InternalError", message: "Internal error occurred: Component not found: kube-proxy" });
  });
});

describe("componentstatuses over the REST path", () => {
  it("serves the Table kubectl prints, with the deprecation warning", async () => {
    const ok = await healthz(200, "ok");
    const api = await newTestServer({ dial: hostNetwork({ 10257: ok, 10259: ok }) });
    try {
      const r = await request(api, { method: "GET", path: "/api/v1/componentstatuses", headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" } });
      expect(r.code).toBe(200);
      expect(r.headers["warning"]).toBe('299 - "v1 ComponentStatus is deprecated in v1.19+"');
      const rows = (r.json!.rows as { cells: unknown[] }[]).map((row) => row.cells);
      expect(rows).toEqual([
        ["controller-manager", "Healthy", "ok", ""],
        ["scheduler", "Healthy", "ok", ""],
        ["etcd-0", "Healthy", "ok", ""],
      ]);
      const one = await request(api, { method: "GET", path: "/api/v1/componentstatuses/scheduler" });
      expect(one.json).toEqual(healthy("scheduler", "ok"));
      const none = await request(api, { method: "GET", path: "/api/v1/componentstatuses?fieldSelector=metadata.name%3Detcd-0" });
      expect((none.json!.items as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(["etcd-0"]);
    } finally {
      await api.close();
    }
  });
});
