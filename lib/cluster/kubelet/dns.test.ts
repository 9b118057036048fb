import { describe, expect, it } from "vitest";
import { parseResolvConf, podDNS, resolvConfText, type ClusterDNS } from "./dns.js";

const cfg: ClusterDNS = { clusterDNS: ["10.96.0.10"], clusterDomain: "cluster.local", host: { servers: ["127.0.0.53"], searches: [], options: ["edns0", "trust-ad"] } };

describe("podDNS", () => {
  const cases = [
    {
      name: "ClusterFirst (default)",
      spec: { containers: [] },
      want: { servers: ["10.96.0.10"], searches: ["team.svc.cluster.local", "svc.cluster.local", "cluster.local"], options: ["ndots:5"] },
    },
    {
      name: "ClusterFirst with hostNetwork falls back to the node's",
      spec: { containers: [], hostNetwork: true },
      want: { servers: ["127.0.0.53"], searches: [], options: ["edns0", "trust-ad"] },
    },
    {
      name: "ClusterFirstWithHostNet",
      spec: { containers: [], hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" as const },
      want: { servers: ["10.96.0.10"], searches: ["team.svc.cluster.local", "svc.cluster.local", "cluster.local"], options: ["ndots:5"] },
    },
    {
      name: "Default",
      spec: { containers: [], dnsPolicy: "Default" as const },
      want: { servers: ["127.0.0.53"], searches: [], options: ["edns0", "trust-ad"] },
    },
    {
      name: "None with dnsConfig",
      spec: { containers: [], dnsPolicy: "None" as const, dnsConfig: { nameservers: ["1.2.3.4"], searches: ["ns1.svc.cluster-domain.example"], options: [{ name: "ndots", value: "2" }, { name: "edns0" }] } },
      want: { servers: ["1.2.3.4"], searches: ["ns1.svc.cluster-domain.example"], options: ["ndots:2", "edns0"] },
    },
    {
      name: "ClusterFirst merged with dnsConfig overrides ndots",
      spec: { containers: [], dnsConfig: { searches: ["extra.local"], options: [{ name: "ndots", value: "1" }] } },
      want: { servers: ["10.96.0.10"], searches: ["team.svc.cluster.local", "svc.cluster.local", "cluster.local", "extra.local"], options: ["ndots:1"] },
    },
  ];
  for (const c of cases) it(c.name, () => expect(podDNS({ metadata: { namespace: "team" }, spec: c.spec }, cfg)).toEqual(c.want));

  it("falls back to Default without clusterDNS, with upstream's warning", () => {
    expect(podDNS({ metadata: { namespace: "a" }, spec: { containers: [] } }, { ...cfg, clusterDNS: [] })).toEqual({
      servers: ["127.0.0.53"],
      searches: [],
      options: ["edns0", "trust-ad"],
      fallbackWarning: 'kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.',
    });
  });
});

describe("resolv.conf", () => {
  it("parses systemd-resolved's file and writes the pod's", () => {
    expect(parseResolvConf("# generated\nnameserver 172.30.0.1\nsearch .\noptions edns0 trust-ad\n")).toEqual({ servers: ["172.30.0.1"], searches: [], options: ["edns0", "trust-ad"] });
    expect(resolvConfText({ servers: ["10.96.0.10"], searches: ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"], options: ["ndots:5"] })).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
  });
});
