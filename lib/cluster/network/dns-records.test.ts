// Expected answers follow CoreDNS's kubernetes plugin (plugin/kubernetes/handler_test.go shapes:
// A for ClusterIP, one A per endpoint for headless, SRV 0 <100/n> port target, NXDOMAIN with the
// zone's SOA "ns.dns.<zone> hostmaster.<zone> serial 7200 1800 86400 ttl").
import { describe, expect, it } from "vitest";
import { dnsConfigs, parseCorefile } from "./corefile";
import { answerQuestion, type ClusterView, type RRType } from "./dns-records";
import { KUBEADM_COREFILE, kubernetesSlice, kubernetesSvc, service, slice } from "./fixtures.test-util";

const view: ClusterView = {
  services: [
    kubernetesSvc,
    service("default", "web", { clusterIP: "10.96.5.5", ports: [{ name: "http", port: 80, protocol: "TCP" }] }),
    service("default", "db", { clusterIP: "None", ports: [{ name: "pg", port: 5432, protocol: "TCP" }] }),
    service("default", "ext", { type: "ExternalName", externalName: "example.com" }),
  ],
  endpointSlices: [kubernetesSlice, slice("default", "db", [{ name: "pg", port: 5432 }], [{ ip: "10.244.1.7", hostname: "db-0" }, { ip: "10.244.2.8" }, { ip: "10.244.2.9", ready: false }])],
  namespaces: [{ metadata: { name: "default" } }, { metadata: { name: "kube-system" } }],
  serial: 1764030000,
};
const [cfg] = dnsConfigs(parseCorefile(KUBEADM_COREFILE));
const soa = { name: "cluster.local.", type: "SOA", ttl: 30, data: { mname: "ns.dns.cluster.local.", rname: "hostmaster.cluster.local.", serial: 1764030000, refresh: 7200, retry: 1800, expire: 86400, minimum: 30 } };
const A = (name: string, ip: string) => ({ name, type: "A", ttl: 30, data: ip });

const cases: { name: string; q: string; t: RRType; want: object }[] = [
  { name: "ClusterIP Service", q: "kubernetes.default.svc.cluster.local", t: "A", want: { rcode: "NOERROR", answers: [A("kubernetes.default.svc.cluster.local.", "10.96.0.1")], authority: [] } },
  { name: "headless Service: one A per ready endpoint", q: "db.default.svc.cluster.local.", t: "A", want: { rcode: "NOERROR", answers: [A("db.default.svc.cluster.local.", "10.244.1.7"), A("db.default.svc.cluster.local.", "10.244.2.8")] } },
  { name: "endpoint hostname", q: "db-0.db.default.svc.cluster.local.", t: "A", want: { answers: [A("db-0.db.default.svc.cluster.local.", "10.244.1.7")] } },
  { name: "endpoint dashed IP", q: "10-244-2-8.db.default.svc.cluster.local.", t: "A", want: { answers: [A("10-244-2-8.db.default.svc.cluster.local.", "10.244.2.8")] } },
  { name: "SRV of a named port", q: "_http._tcp.web.default.svc.cluster.local.", t: "SRV", want: { answers: [{ name: "_http._tcp.web.default.svc.cluster.local.", type: "SRV", ttl: 30, data: { priority: 0, weight: 100, port: 80, target: "web.default.svc.cluster.local." } }], additionals: [A("web.default.svc.cluster.local.", "10.96.5.5")] } },
  { name: "SRV of a headless Service", q: "_pg._tcp.db.default.svc.cluster.local.", t: "SRV", want: { answers: [
    { name: "_pg._tcp.db.default.svc.cluster.local.", type: "SRV", ttl: 30, data: { priority: 0, weight: 50, port: 5432, target: "db-0.db.default.svc.cluster.local." } },
    { name: "_pg._tcp.db.default.svc.cluster.local.", type: "SRV", ttl: 30, data: { priority: 0, weight: 50, port: 5432, target: "10-244-2-8.db.default.svc.cluster.local." } },
  ] } },
  { name: "pod A record (pods insecure)", q: "10-244-1-5.default.pod.cluster.local.", t: "A", want: { answers: [A("10-244-1-5.default.pod.cluster.local.", "10.244.1.5")] } },
  { name: "ExternalName is a CNAME", q: "ext.default.svc.cluster.local.", t: "A", want: { answers: [{ name: "ext.default.svc.cluster.local.", type: "CNAME", ttl: 30, data: "example.com." }] } },
  { name: "PTR of a ClusterIP", q: "1.0.96.10.in-addr.arpa.", t: "PTR", want: { answers: [{ name: "1.0.96.10.in-addr.arpa.", type: "PTR", ttl: 30, data: "kubernetes.default.svc.cluster.local." }] } },
  { name: "PTR of an endpoint", q: "7.1.244.10.in-addr.arpa.", t: "PTR", want: { answers: [{ name: "7.1.244.10.in-addr.arpa.", type: "PTR", ttl: 30, data: "db-0.db.default.svc.cluster.local." }] } },
  { name: "missing Service is NXDOMAIN with the SOA", q: "nope.default.svc.cluster.local.", t: "A", want: { rcode: "NXDOMAIN", authoritative: true, answers: [], authority: [soa] } },
  { name: "missing namespace is NXDOMAIN", q: "web.nope.svc.cluster.local.", t: "A", want: { rcode: "NXDOMAIN", authority: [soa] } },
  { name: "AAAA of an IPv4 Service is NODATA", q: "web.default.svc.cluster.local.", t: "AAAA", want: { rcode: "NOERROR", answers: [], authority: [soa] } },
  { name: "names outside the cluster fail offline", q: "example.com.", t: "A", want: { rcode: "SERVFAIL", answers: [] } },
  { name: "unknown reverse falls through to forward", q: "4.3.2.1.in-addr.arpa.", t: "PTR", want: { rcode: "SERVFAIL" } },
];

describe("answerQuestion with kubeadm's Corefile", () => {
  for (const c of cases) it(c.name, () => expect(answerQuestion(c.q, c.t, cfg, view)).toMatchObject(c.want));
});

describe("rewrite name and hosts", () => {
  const [edited] = dnsConfigs(parseCorefile(KUBEADM_COREFILE.replace("    ready\n", "    ready\n    rewrite name web.example.com web.default.svc.cluster.local\n    hosts {\n       10.0.0.5 db.internal\n       fallthrough\n    }\n")));
  it("rewrites before the kubernetes plugin", () => expect(answerQuestion("web.example.com.", "A", edited, view).answers).toEqual([A("web.default.svc.cluster.local.", "10.96.5.5")]));
  it("answers from hosts", () => expect(answerQuestion("db.internal.", "A", edited, view).answers).toEqual([{ name: "db.internal.", type: "A", ttl: 3600, data: "10.0.0.5" }]));
});
