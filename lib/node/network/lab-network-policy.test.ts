// NetworkPolicy in LabNetwork: pod -> Service (checked on the chosen endpoint), DNS egress
// allowances, host -> pod on the same and on another node, and the interception plan's
// per-port redirects for isolated pods.
import net from "node:net";
import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/api/types";
import { FakeCluster } from "../../cluster/client/fake";
import { GR } from "../../cluster/client/types";
import { KUBEADM_COREFILE, service, slice } from "../../cluster/network/fixtures.test-util";
import { createLabNetwork } from "./lab-network";

const nodeIps = new Map([["controlplane", "172.30.1.2"], ["node01", "172.30.1.3"]]);
const pod = (ns: string, name: string, ip: string, node: string, labels: Record<string, string>): KObject => ({ metadata: { namespace: ns, name, labels }, spec: { nodeName: node, containers: [{ name: "c", ports: [{ containerPort: 80, name: "http" }] }] }, status: { phase: "Running", podIP: ip } });
const np = (ns: string, name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: ns, name }, spec });

function setup(policies: KObject[]) {
  const c = new FakeCluster({ now: () => new Date("2026-01-01T00:00:00Z") });
  c.seed(GR.namespaces, ...["kube-system", "vault", "prod-tools"].map((name) => ({ metadata: { name, labels: (name === "prod-tools" ? { env: "prod" } : {}) as Record<string, string> } })));
  c.seed(GR.services, service("kube-system", "kube-dns", { clusterIP: "10.96.0.10", ports: [{ name: "dns", port: 53, protocol: "UDP" }] }), service("vault", "secrets-api", { clusterIP: "10.96.7.7", ports: [{ port: 80 }] }));
  c.seed(GR.endpointslices, slice("kube-system", "kube-dns", [{ name: "dns", port: 53, protocol: "UDP" }], [{ ip: "10.244.0.3", node: "controlplane" }]), slice("vault", "secrets-api", [{ port: 80 }], [{ ip: "10.244.1.10", node: "node01" }]));
  c.seed(
    GR.pods,
    pod("kube-system", "coredns-1", "10.244.0.3", "controlplane", { "k8s-app": "kube-dns" }),
    pod("vault", "secrets-api", "10.244.1.10", "node01", { app: "secrets-api" }),
    pod("prod-tools", "auditor", "10.244.1.20", "node01", { role: "auditor" }),
    pod("prod-tools", "intruder", "10.244.1.21", "node01", { role: "web" }),
  );
  c.seed(GR.configmaps, { metadata: { namespace: "kube-system", name: "coredns" }, data: { Corefile: KUBEADM_COREFILE } });
  c.seed(GR.networkpolicies, ...policies);
  return createLabNetwork({ client: c, nodeIps, dialPod: async () => new net.Socket() });
}

const auditorOnly = np("vault", "secrets-api-ingress", {
  podSelector: { matchLabels: { app: "secrets-api" } },
  policyTypes: ["Ingress"],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: "prod" } }, podSelector: { matchLabels: { role: "auditor" } } }], ports: [{ protocol: "TCP", port: 80 }] }],
});
const denyEgress = np("prod-tools", "deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
const allowDns = np("prod-tools", "allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ protocol: "UDP", port: 53 }] }] });

describe("NetworkPolicy in the lab network", () => {
  it.each([
    { name: "auditor reaches the Service", policies: [auditorOnly], from: "10.244.1.20", ip: "10.96.7.7", want: "connected" },
    { name: "intruder times out through the Service", policies: [auditorOnly], from: "10.244.1.21", ip: "10.96.7.7", want: "timeout" },
    { name: "intruder times out on the pod IP", policies: [auditorOnly], from: "10.244.1.21", ip: "10.244.1.10", want: "timeout" },
    { name: "host on the pod's node is allowed", policies: [auditorOnly], from: "172.30.1.3", ip: "10.244.1.10", want: "connected" },
    { name: "host on another node is dropped", policies: [auditorOnly], from: "172.30.1.2", ip: "10.96.7.7", want: "timeout" },
    { name: "egress default-deny drops the client side", policies: [denyEgress], from: "10.244.1.20", ip: "10.96.7.7", want: "timeout" },
  ])("dial: $name", async ({ policies, from, ip, want }) => {
    const n = setup(policies);
    const r = await n.dial(from, ip, 80);
    expect(typeof r === "string" ? r : "connected").toBe(want);
    await n.stop();
  });

  it.each([
    { name: "no policy", policies: [], answered: true },
    { name: "egress default-deny blocks DNS", policies: [denyEgress], answered: false },
    { name: "an egress rule for UDP 53 to kube-system allows DNS", policies: [denyEgress, allowDns], answered: true },
  ])("dns: $name", async ({ policies, answered }) => {
    const n = setup(policies);
    const q = dnsPacket.encode({ type: "query", id: 1, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: "A", name: "secrets-api.vault.svc.cluster.local" }] });
    expect((await n.dns("10.244.1.20", q)) !== undefined).toBe(answered);
    await n.stop();
  });

  it("intercepts only the allowed ports of a pod isolated from this node", async () => {
    const n = setup([np("vault", "from-cp", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "172.30.1.2/32" } }], ports: [{ port: 8080 }, { port: 80 }] }] })]);
    expect(n.planFor("controlplane").redirectTcp.filter((r) => r.ip === "10.244.1.10")).toEqual([{ ip: "10.244.1.10", port: 80 }, { ip: "10.244.1.10", port: 8080 }]);
    expect(n.planFor("node01").redirectTcp.filter((r) => r.ip === "10.244.1.10")).toEqual([{ ip: "10.244.1.10" }]);
    await n.stop();
  });
});
