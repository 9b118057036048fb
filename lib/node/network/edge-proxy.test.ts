// ingress-nginx and NGF data planes end to end in the simulator: requests through
// LabNetwork.dial to the controllers' ClusterIPs, routed to a real local HTTP backend.
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeCluster } from "../../cluster/client/fake";
import { GR } from "../../cluster/client/types";
import { nginxErrorPage } from "../../cluster/network/ingress";
import { cluster, nodeIps } from "./edge-fixtures.test-util";
import { createEdgeProxy, type EdgeProxy } from "./edge-proxy";
import { createLabNetwork, type LabNetwork } from "./lab-network";

function get(conn: Duplex, host: string, path = "/"): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ createConnection: () => conn as never, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("edge proxy", () => {
  let backend: http.Server;
  let labnet: LabNetwork;
  let edge: EdgeProxy;
  let client: FakeCluster;
  beforeAll(async () => {
    backend = http.createServer((q, res) => res.end(`backend ${q.url} host=${q.headers.host} xff=${q.headers["x-forwarded-for"]}\n`));
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const port = (backend.address() as net.AddressInfo).port;
    client = cluster();
    labnet = createLabNetwork({ client, nodeIps, dialPod: async (ip, p) => (ip === "10.244.1.20" && p === 80 ? net.connect(port, "127.0.0.1") : "refused") });
    edge = createEdgeProxy({ client, network: labnet, connectTimeoutMs: 10 });
    labnet.setPodHandler(edge.handler);
    await edge.ready;
  });
  afterAll(async () => {
    edge.stop();
    await labnet.stop();
    backend.close();
  });

  const dial = async (ip: string, port: number) => {
    const c = await labnet.dial("172.30.1.2", ip, port);
    if (typeof c === "string") throw new Error(c);
    return c;
  };

  it.each([
    { name: "routes a host through the ClusterIP", ip: "10.96.10.10", port: 80, host: "catalog.lab.test", want: { status: 200, body: "backend / host=catalog.lab.test xff=172.30.1.2\n" } },
    { name: "routes through the NodePort on a node IP", ip: "172.30.1.3", port: 32080, host: "catalog.lab.test", want: { status: 200, body: "backend / host=catalog.lab.test xff=172.30.1.2\n" } },
    { name: "unknown host gets the default backend's 404", ip: "10.96.10.10", port: 80, host: "nope.test", want: { status: 404, body: nginxErrorPage(404) } },
    { name: "a Service without endpoints answers 503", ip: "10.96.10.10", port: 80, host: "empty.lab.test", want: { status: 503, body: nginxErrorPage(503) } },
    { name: "a TLS host redirects to https with 308", ip: "10.96.10.10", port: 80, host: "secure.lab.test", want: { status: 308, body: nginxErrorPage(308) } },
    { name: "Gateway Service routes the listener hostname", ip: "10.96.30.1", port: 80, host: "store.example.test", want: { status: 200, body: "backend / host=store.example.test xff=172.30.1.2\n" } },
    { name: "Gateway answers 404 for another host", ip: "10.96.30.1", port: 80, host: "other.example.test", want: { status: 404, body: nginxErrorPage(404) } },
  ])("$name", async ({ ip, port, host, want }) => {
    const r = await get(await dial(ip, port), host);
    expect({ status: r.status, body: r.body }).toEqual(want);
  });

  it("serves the fake certificate over https when the TLS secret is missing", async () => {
    const sock = tls.connect({ socket: await dial("10.96.10.10", 443), servername: "secure.lab.test", rejectUnauthorized: false });
    await new Promise((r) => sock.once("secureConnect", r));
    expect(sock.getPeerCertificate().subject).toEqual({ O: "Acme Co", CN: "Kubernetes Ingress Controller Fake Certificate" });
    const r = await get(sock, "secure.lab.test", "/x");
    expect(r.status).toBe(200);
    expect(r.body).toBe("backend /x host=secure.lab.test xff=172.30.1.2\n");
  });

  it("answers 504 when a NetworkPolicy drops the controller's connection", async () => {
    await client.create(GR.networkpolicies, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: "web", name: "deny" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } });
    const r = await get(await dial("10.96.10.10", 80), "catalog.lab.test");
    expect({ status: r.status, body: r.body }).toEqual({ status: 504, body: nginxErrorPage(504) });
    await client.delete(GR.networkpolicies, "web", "deny");
  });
});
