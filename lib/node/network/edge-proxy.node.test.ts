// Real curl in a real node sandbox (bwrap) through ingress-nginx, the Gateway's Service and a
// NetworkPolicy DROP. Skipped where bwrap is unavailable.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GR } from "../../cluster/client/types";
import { startNodeSandbox, type NodeSandbox } from "../../sandbox/node-sandbox";
import { HAVE_BWRAP, makeNodeTree, run } from "../../sandbox/testing";
import { cluster, nodeIps } from "./edge-fixtures.test-util";
import { createEdgeProxy, type EdgeProxy } from "./edge-proxy";
import { createLabNetwork, type LabNetwork } from "./lab-network";

describe.skipIf(!HAVE_BWRAP)("edge proxy from a real node", () => {
  let backend: http.Server;
  let labnet: LabNetwork;
  let edge: EdgeProxy;
  let sb: NodeSandbox;
  let dir: string;
  const client = cluster();
  beforeAll(async () => {
    backend = http.createServer((q, res) => res.end(`backend ${q.url} host=${q.headers.host}\n`));
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const port = (backend.address() as net.AddressInfo).port;
    labnet = createLabNetwork({ client, nodeIps, dialPod: async (ip, p) => (ip === "10.244.1.20" && p === 80 ? net.connect(port, "127.0.0.1") : "refused") });
    edge = createEdgeProxy({ client, network: labnet, connectTimeoutMs: 10 });
    labnet.setPodHandler(edge.handler);
    await edge.ready;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-edge-"));
    fs.mkdirSync(path.join(dir, "run"));
    makeNodeTree(path.join(dir, "controlplane"), "controlplane");
    sb = await startNodeSandbox({ labId: "edge", nodeName: "controlplane", nodeIp: "172.30.1.2", rootDir: path.join(dir, "controlplane"), runDir: path.join(dir, "run"), peerNodeIps: ["172.30.1.3"], limits: { cgroups: false } });
    await labnet.attachNode("controlplane", sb.pid, path.join(dir, "run", "net-controlplane.sock"));
  }, 30_000);
  afterAll(async () => {
    edge?.stop();
    await labnet?.stop();
    await sb?.stop();
    backend?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { name: "Ingress host through the controller's ClusterIP", cmd: "curl -s -H 'Host: catalog.lab.test' http://10.96.10.10/shop", want: "backend /shop host=catalog.lab.test\n" },
    { name: "Ingress through the https NodePort with the fake certificate", cmd: "curl -sk --resolve secure.lab.test:32443:172.30.1.3 https://secure.lab.test:32443/ -w '%{http_code}'", want: "backend / host=secure.lab.test:32443\n200" },
    { name: "ssl-redirect answers 308 with Location", cmd: "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: secure.lab.test' http://10.96.10.10/a", want: "308 https://secure.lab.test/a" },
    { name: "Gateway Service routes by hostname", cmd: "curl -s -H 'Host: store.example.test' http://10.96.30.1/", want: "backend / host=store.example.test\n" },
    { name: "Gateway answers 404 for another host", cmd: "curl -s -o /dev/null -w '%{http_code}' -H 'Host: other.example.test' http://10.96.30.1/", want: "404" },
  ])("$name", async ({ cmd, want }) => {
    expect(await run(sb, cmd)).toEqual({ code: 0, stdout: want, stderr: "" });
  });

  it("a default-deny NetworkPolicy makes a pod on another node time out (DROP)", async () => {
    await client.create(GR.networkpolicies, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: "web", name: "deny" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } });
    await new Promise((r) => setTimeout(r, 500));
    const r = await run(sb, "curl -s --connect-timeout 1 http://10.244.1.20/; echo \"exit=$?\"");
    expect(r.stdout).toBe("exit=28\n");
    await client.delete(GR.networkpolicies, "web", "deny");
    await new Promise((r2) => setTimeout(r2, 500));
    expect((await run(sb, "curl -s http://10.244.1.20/x")).stdout).toBe("backend /x host=10.244.1.20\n");
  });
});
