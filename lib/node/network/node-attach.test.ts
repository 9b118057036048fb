// Real interception inside a bwrap node: curl, nc and dig run unmodified in the node's network
// namespace and reach (or are refused, or time out) as the plan says.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeSandbox, type NodeSandbox } from "../../sandbox/node-sandbox";
import { HAVE_BWRAP, SKIP_REASON, makeNodeTree, run } from "../../sandbox/testing";
import { attachNodeNetwork, nsenterNetns, type NodeAttachment } from "./node-attach";

if (!HAVE_BWRAP) console.warn(SKIP_REASON);

describe.skipIf(!HAVE_BWRAP)("node network interception (real bwrap)", () => {
  let dir: string;
  let sb: NodeSandbox;
  let att: NodeAttachment;
  let backend: http.Server;
  const flows: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-net-"));
    fs.mkdirSync(path.join(dir, "run"));
    makeNodeTree(path.join(dir, "node01"), "node01");
    sb = await startNodeSandbox({ labId: "net-test", nodeName: "node01", nodeIp: "172.30.2.2", rootDir: path.join(dir, "node01"), runDir: path.join(dir, "run"), limits: { cgroups: false } });
    backend = http.createServer((_req, res) => res.end("hello\n"));
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const backendPort = (backend.address() as net.AddressInfo).port;
    att = await attachNodeNetwork({
      nodeName: "node01",
      netns: nsenterNetns(sb.pid),
      socketPath: path.join(dir, "run", "net-node01.sock"),
      handlers: {
        async tcp(_src, _sport, dst, dport) {
          flows.push(`tcp ${dst}:${dport}`);
          if (dst === "10.96.5.5" && dport === 80) return net.connect(backendPort, "127.0.0.1");
          return dst === "10.244.1.9" ? "refused" : "timeout";
        },
        async udp(_src, _sport, dst, dport, payload) {
          flows.push(`udp ${dst}:${dport}`);
          const q = dnsPacket.decode(payload);
          return dnsPacket.encode({
            type: "response",
            id: q.id,
            flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED,
            questions: q.questions,
            answers: [{ type: "A", name: q.questions![0].name, ttl: 30, class: "IN", data: "10.96.0.1" }],
          });
        },
      },
    });
    await att.apply({
      redirectTcp: [{ ip: "10.96.5.5", port: 80 }, { ip: "10.244.1.9" }],
      reject: [{ ip: "10.96.5.6", port: 80, protocol: "tcp" }],
      acceptUdp: [{ ip: "10.96.0.10", port: 53 }],
      drop: [],
      dropRanges: ["10.96.0.0/12", "10.244.0.0/16"],
    });
  }, 30_000);

  afterAll(async () => {
    await att?.stop();
    await sb?.stop();
    backend?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("curl to a ClusterIP reaches the backend", async () => {
    expect(await run(sb, "curl -s http://10.96.5.5/")).toEqual({ code: 0, stdout: "hello\n", stderr: "" });
    expect(flows).toContain("tcp 10.96.5.5:80");
  });

  it("a Service without endpoints refuses before the handshake", async () => {
    expect(await run(sb, "nc -zv -w 2 10.96.5.6 80")).toEqual({ code: 1, stdout: "", stderr: "nc: connect to 10.96.5.6 port 80 (tcp) failed: Connection refused\n" });
  });

  it("an unused cluster address times out", async () => {
    const r = await run(sb, "curl -sS -m 1 http://10.96.99.99/");
    expect(r.code).toBe(28);
    expect(r.stderr).toMatch(/^curl: \(28\) (Connection|Failed to connect).*(timed out|Timeout)/);
  });

  it("a pod that refuses resets the connection", async () => {
    // The handshake already happened at the interceptor, so the client sees a reset (56) or, when
    // the reset races its request, an empty reply (52): not a real pod's "Connection refused" (7).
    const r = await run(sb, "curl -sS -m 2 http://10.244.1.9:81/");
    expect([52, 56]).toContain(r.code);
  });

  it("dig @10.96.0.10 gets the answer over UDP", async () => {
    expect(await run(sb, "dig @10.96.0.10 kubernetes.default.svc.cluster.local +short")).toEqual({ code: 0, stdout: "10.96.0.1\n", stderr: "" });
    expect(flows).toContain("udp 10.96.0.10:53");
  });
});
