// The lab network end to end: API objects in a FakeCluster, a fake container runtime, and (when
// bwrap is available) a real node sandbox where curl, nc and dig run unmodified.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeCluster } from "../../cluster/client/fake";
import { GR } from "../../cluster/client/types";
import { KUBEADM_COREFILE, kubernetesSlice, kubernetesSvc, service, slice } from "../../cluster/network/fixtures.test-util";
import { startNodeSandbox, type NodeSandbox } from "../../sandbox/node-sandbox";
import { HAVE_BWRAP, makeNodeTree, run } from "../../sandbox/testing";
import { createLabNetwork, type LabNetwork } from "./lab-network";

const nodeIps = new Map([["controlplane", "172.30.1.2"], ["node01", "172.30.2.2"], ["node02", "172.30.2.3"]]);
const pod = (ns: string, name: string, ip: string, node: string, labels: Record<string, string> = {}) => ({ metadata: { namespace: ns, name, labels }, spec: { nodeName: node }, status: { phase: "Running", podIP: ip } });

function cluster(): FakeCluster {
  const c = new FakeCluster({ now: () => new Date("2026-01-01T00:00:00Z") });
  c.seed(GR.namespaces, { metadata: { name: "default" } }, { metadata: { name: "kube-system" } });
  c.seed(
    GR.services,
    kubernetesSvc,
    service("kube-system", "kube-dns", { clusterIP: "10.96.0.10", ports: [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53, protocol: "TCP" }] }),
    service("default", "web", { type: "NodePort", clusterIP: "10.96.5.5", ports: [{ port: 80, protocol: "TCP", nodePort: 30080 }] }),
    service("default", "empty", { clusterIP: "10.96.5.6", ports: [{ port: 80, protocol: "TCP" }] }),
  );
  c.seed(GR.endpointslices, kubernetesSlice, slice("kube-system", "kube-dns", [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }], [{ ip: "10.244.0.3", node: "controlplane" }]), slice("default", "web", [{ port: 8080 }], [{ ip: "10.244.1.5", node: "node01" }]));
  c.seed(GR.pods, pod("kube-system", "coredns-1", "10.244.0.3", "controlplane", { "k8s-app": "kube-dns" }), pod("default", "web-1", "10.244.1.5", "node01"));
  c.seed(GR.configmaps, { metadata: { namespace: "kube-system", name: "coredns" }, data: { Corefile: KUBEADM_COREFILE } });
  return c;
}

const query = (name: string, type: "A" | "SRV" = "A") => dnsPacket.encode({ type: "query", id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] });

describe("createLabNetwork", () => {
  let backend: http.Server;
  let net1: LabNetwork;
  let dir: string;
  let sb: NodeSandbox | undefined;
  beforeAll(async () => {
    backend = http.createServer((_q, res) => res.end("hello\n"));
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const port = (backend.address() as net.AddressInfo).port;
    net1 = createLabNetwork({
      client: cluster(),
      nodeIps,
      async dialPod(ip, p) {
        return ip === "10.244.1.5" && p === 8080 ? net.connect(port, "127.0.0.1") : "refused";
      },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-labnet-"));
    if (HAVE_BWRAP) {
      fs.mkdirSync(path.join(dir, "run"));
      makeNodeTree(path.join(dir, "node01"), "node01");
      sb = await startNodeSandbox({ labId: "labnet", nodeName: "node01", nodeIp: "172.30.2.2", rootDir: path.join(dir, "node01"), runDir: path.join(dir, "run"), peerNodeIps: ["172.30.1.2", "172.30.2.3"], limits: { cgroups: false } });
      await net1.attachNode("node01", sb.pid, path.join(dir, "run", "net-node01.sock"));
    }
  }, 30_000);
  afterAll(async () => {
    await net1?.stop();
    await sb?.stop();
    backend?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const verdicts: [string, string, number, string][] = [
    ["Service without endpoints", "10.96.5.6", 80, "refused"],
    ["unused ClusterIP", "10.96.99.99", 80, "timeout"],
    ["pod port nobody listens on", "10.244.1.5", 81, "refused"],
    ["unknown pod IP", "10.244.9.9", 80, "timeout"],
  ];
  for (const [name, ip, port, want] of verdicts) it(`dial: ${name}`, async () => expect(await net1.dial("172.30.2.2", ip, port)).toBe(want));

  it("plans node01's interception from the cluster", () => {
    const plan = net1.planFor("node01");
    expect(plan.reject).toEqual([{ ip: "10.96.5.6", port: 80, protocol: "tcp" }]);
    expect(plan.acceptUdp).toEqual([{ ip: "10.96.0.10", port: 53 }, { ip: "10.244.0.3", port: 53 }]);
    expect(plan.redirectTcp).toEqual([
      // service ports in "ns/name:port" order, then pods in the cache's key order
      { ip: "10.96.0.1", port: 443 },
      { ip: "10.96.5.5", port: 80 },
      { ip: "172.30.1.2", port: 30080 },
      { ip: "172.30.2.2", port: 30080 },
      { ip: "127.0.0.1", port: 30080 },
      { ip: "172.30.2.3", port: 30080 },
      { ip: "10.96.0.10", port: 53 },
      { ip: "10.244.1.5" },
      { ip: "10.244.0.3" },
    ]);
  });

  it("dns() answers through the kube-dns Service", async () => {
    const r = dnsPacket.decode((await net1.dns("10.244.1.5", query("web.default.svc.cluster.local")))!);
    expect({ rcode: (r as unknown as { rcode: string }).rcode, flags: r.flag_aa, answers: r.answers }).toEqual({ rcode: "NOERROR", flags: true, answers: [{ name: "web.default.svc.cluster.local", type: "A", ttl: 30, class: "IN", flush: false, data: "10.96.5.5" }] });
  });

  describe.skipIf(!HAVE_BWRAP)("from a real node", () => {
    it("curl reaches the Service's pod", async () => expect(await run(sb!, "curl -s http://10.96.5.5/")).toEqual({ code: 0, stdout: "hello\n", stderr: "" }));
    it("curl reaches a NodePort on another node", async () => expect(await run(sb!, "curl -s http://172.30.2.3:30080/")).toEqual({ code: 0, stdout: "hello\n", stderr: "" }));
    it("nc is refused by a Service without endpoints", async () =>
      expect(await run(sb!, "nc -zv -w 2 10.96.5.6 80")).toEqual({ code: 1, stdout: "", stderr: "nc: connect to 10.96.5.6 port 80 (tcp) failed: Connection refused\n" }));
    it("dig gets CoreDNS's answer over UDP", async () =>
      expect(await run(sb!, "dig @10.96.0.10 kubernetes.default.svc.cluster.local +short")).toEqual({ code: 0, stdout: "10.96.0.1\n", stderr: "" }));
    it("dig over TCP and NXDOMAIN", async () => {
      const r = await run(sb!, "dig +tcp @10.96.0.10 nope.default.svc.cluster.local | grep -E 'status|SOA'");
      expect(r.stdout).toMatch(/status: NXDOMAIN/);
      expect(r.stdout).toMatch(/cluster\.local\.\s+30\s+IN\s+SOA\s+ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30/);
    });
  });
});
