import { describe, expect, it } from "vitest";
import { buildProxyState, categorizeEndpoints, decide, type ProxyPacket } from "./proxy-model";
import { kubernetesSlice, kubernetesSvc, service, slice } from "./fixtures.test-util";

const web = (spec: Record<string, unknown> = {}) => service("default", "web", { clusterIP: "10.96.5.5", ports: [{ name: "http", port: 80, protocol: "TCP", nodePort: 30080 }], ...spec });
const webSlice = (eps: Parameters<typeof slice>[3]) => slice("default", "web", [{ name: "http", port: 8080 }], eps);
const pkt = (p: Partial<ProxyPacket>): ProxyPacket => ({ nodeName: "node01", nodeIps: ["172.30.2.2"], dstIp: "10.96.5.5", dstPort: 80, protocol: "TCP", srcLocal: true, srcPod: false, ...p });
const ips = (d: ReturnType<typeof decide>) => (d.kind === "endpoints" ? d.candidates.map((e) => `${e.ip}:${e.port}`) : d.kind);

describe("buildProxyState", () => {
  it("maps the kubernetes Service to its slice endpoint", () => {
    expect(buildProxyState([kubernetesSvc], [kubernetesSlice]).servicePorts).toEqual([
      {
        namespace: "default", name: "kubernetes", portName: "https", protocol: "TCP", clusterIP: "10.96.0.1", port: 443, nodePort: 0,
        externalIPs: [], loadBalancerIPs: [], sessionAffinityClientIP: false, stickyMaxAgeSeconds: 10800, externalPolicyLocal: false, internalPolicyLocal: false,
        endpoints: [{ ip: "172.30.1.2", port: 6443, ready: true, serving: true, terminating: false, nodeName: undefined, zone: undefined }],
      },
    ]);
  });
  it("skips headless and ExternalName Services", () => {
    const s = buildProxyState([service("a", "h", { clusterIP: "None", ports: [{ port: 80 }] }), service("a", "e", { type: "ExternalName", externalName: "x.com" })], []);
    expect(s.servicePorts).toEqual([]);
  });
});

describe("categorizeEndpoints (pkg/proxy/topology.go)", () => {
  const cases: { name: string; spec?: Record<string, unknown>; eps: Parameters<typeof slice>[3]; cluster: string[]; local: string[]; any: boolean }[] = [
    { name: "ready endpoints only", eps: [{ ip: "10.244.1.2", node: "node01" }, { ip: "10.244.2.2", node: "node02", ready: false }], cluster: ["10.244.1.2"], local: [], any: true },
    { name: "falls back to serving terminating", eps: [{ ip: "10.244.1.2", ready: false, serving: true, terminating: true }], cluster: ["10.244.1.2"], local: [], any: true },
    { name: "not serving terminating is unusable", eps: [{ ip: "10.244.1.2", ready: false, serving: false, terminating: true }], cluster: [], local: [], any: false },
    { name: "internalTrafficPolicy Local uses no cluster endpoints", spec: { internalTrafficPolicy: "Local" }, eps: [{ ip: "10.244.1.2", node: "node01" }, { ip: "10.244.2.2", node: "node02" }], cluster: [], local: ["10.244.1.2"], any: true },
    { name: "externalTrafficPolicy Local on NodePort", spec: { type: "NodePort", externalTrafficPolicy: "Local" }, eps: [{ ip: "10.244.2.2", node: "node02" }], cluster: ["10.244.2.2"], local: [], any: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [sp] = buildProxyState([web(c.spec)], [webSlice(c.eps)]).servicePorts;
      const r = categorizeEndpoints(sp, "node01");
      expect({ cluster: r.clusterEndpoints.map((e) => e.ip), local: r.localEndpoints.map((e) => e.ip), any: r.hasAnyEndpoints }).toEqual({ cluster: c.cluster, local: c.local, any: c.any });
    });
  }
});

describe("decide", () => {
  const cases: { name: string; spec?: Record<string, unknown>; eps: Parameters<typeof slice>[3]; p: Partial<ProxyPacket>; want: string[] | string }[] = [
    { name: "ClusterIP to ready endpoints", eps: [{ ip: "10.244.1.2" }, { ip: "10.244.2.2" }], p: {}, want: ["10.244.1.2:8080", "10.244.2.2:8080"] },
    { name: "ClusterIP without endpoints is rejected", eps: [], p: {}, want: "reject" },
    { name: "other port of the ClusterIP matches nothing", eps: [{ ip: "10.244.1.2" }], p: { dstPort: 81 }, want: "none" },
    { name: "UDP to a TCP port matches nothing", eps: [{ ip: "10.244.1.2" }], p: { protocol: "UDP" }, want: "none" },
    { name: "iTP Local without local endpoints drops", spec: { internalTrafficPolicy: "Local" }, eps: [{ ip: "10.244.2.2", node: "node02" }], p: {}, want: "drop" },
    { name: "NodePort on the node's IP", spec: { type: "NodePort" }, eps: [{ ip: "10.244.2.2", node: "node02" }], p: { dstIp: "172.30.2.2", dstPort: 30080 }, want: ["10.244.2.2:8080"] },
    { name: "NodePort on localhost", spec: { type: "NodePort" }, eps: [{ ip: "10.244.2.2" }], p: { dstIp: "127.0.0.1", dstPort: 30080 }, want: ["10.244.2.2:8080"] },
    { name: "NodePort of a ClusterIP Service is not open", eps: [{ ip: "10.244.2.2" }], p: { dstIp: "172.30.2.2", dstPort: 30080 }, want: "none" },
    { name: "eTP Local from outside without local endpoints drops", spec: { type: "NodePort", externalTrafficPolicy: "Local" }, eps: [{ ip: "10.244.2.2", node: "node02" }], p: { dstIp: "172.30.2.2", dstPort: 30080, srcLocal: false }, want: "drop" },
    { name: "eTP Local from the node itself short-circuits", spec: { type: "NodePort", externalTrafficPolicy: "Local" }, eps: [{ ip: "10.244.2.2", node: "node02" }], p: { dstIp: "172.30.2.2", dstPort: 30080, srcLocal: true }, want: ["10.244.2.2:8080"] },
    { name: "eTP Local from a pod short-circuits", spec: { type: "NodePort", externalTrafficPolicy: "Local" }, eps: [{ ip: "10.244.2.2", node: "node02" }], p: { dstIp: "172.30.2.2", dstPort: 30080, srcLocal: false, srcPod: true }, want: ["10.244.2.2:8080"] },
    { name: "NodePort without endpoints is rejected", spec: { type: "NodePort" }, eps: [], p: { dstIp: "172.30.2.2", dstPort: 30080 }, want: "reject" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(ips(decide(buildProxyState([web(c.spec)], [webSlice(c.eps)]), pkt(c.p)))).toEqual(c.want);
    });
  }
});
