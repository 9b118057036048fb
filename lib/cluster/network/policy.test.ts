// The scenarios of test/e2e/network/netpol/network_policy.go (v1.32) as table rows: pods x/a..z/c
// labelled pod=<name>, serving 80 and 81 on TCP and UDP with ports named serve-<port>-<proto>;
// namespaces labelled kubernetes.io/metadata.name. Expectations are upstream's reachability
// matrices (NewReachability(all, true) + Expect* calls), loopback ignored as upstream does.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { PolicyEngine, type PolicyPod } from "./policy.js";
import type { Protocol } from "./proxy-model.js";

const NS = ["x", "y", "z"];
const POD_NAMES = ["a", "b", "c"];
const PODS: PolicyPod[] = NS.flatMap((ns, i) =>
  POD_NAMES.map((n, j) => ({
    namespace: ns,
    name: n,
    labels: { pod: n },
    ip: `10.244.${i + 1}.${10 + j}`,
    nodeName: `node0${i + 1}`,
    ports: [80, 81].flatMap((port) => (["TCP", "UDP"] as Protocol[]).map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, containerPort: port, protocol }))),
  })),
);
const pod = (s: string) => PODS.find((p) => `${p.namespace}/${p.name}` === s)!;

function np(ns: string, name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: ns, name }, spec };
}
const sel = (pod?: string) => (pod ? { matchLabels: { pod } } : {});
const nsIs = (ns: string) => ({ matchLabels: { "kubernetes.io/metadata.name": ns } });
const nsNotIn = (ns: string) => ({ matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: [ns] }] });

/** Peer filter as upstream's Peer{Namespace, Pod}: empty fields match all. */
type Peer = { ns?: string; pod?: string };
type Expect = [from: Peer, to: Peer, allowed: boolean];
const matches = (p: Peer, s: string) => (!p.ns || s.startsWith(p.ns + "/")) && (!p.pod || s.endsWith("/" + p.pod));

interface Case {
  name: string;
  pods: string[];
  policies: KObject[];
  port: number;
  protocol?: Protocol;
  expect: Expect[];
}

const allIngress = (to: string, ok: boolean): Expect => [{}, { ns: to.split("/")[0], pod: to.split("/")[1] }, ok];
const allEgress = (from: string, ok: boolean): Expect => [{ ns: from.split("/")[0], pod: from.split("/")[1] }, {}, ok];
const one = (from: string, to: string, ok: boolean): Expect => [{ ns: from.split("/")[0], pod: from.split("/")[1] }, { ns: to.split("/")[0], pod: to.split("/")[1] }, ok];

const egressPort80Ingress = np("x", "allow-client-a-via-pod-selector", {
  podSelector: sel("a"),
  ingress: [{ from: [{ podSelector: sel("b") }] }],
  egress: [{ ports: [{ port: 80 }] }],
  policyTypes: ["Egress", "Ingress"],
});
const cidrExcept = np("x", "allow-client-a-via-cidr-egress-rule", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.244.0.0/16", except: ["10.244.1.11/32"] } }] }] });

const CASES: Case[] = [
  { name: "should support a 'default-deny-ingress' policy", pods: ["x/a", "x/b", "y/a", "y/b"], policies: [np("x", "deny-ingress", { podSelector: {}, ingress: [] })], port: 80, expect: [[{}, { ns: "x" }, false]] },
  { name: "should support a 'default-deny-all' policy", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "deny-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })], port: 80, expect: [[{}, { ns: "x" }, false], [{ ns: "x" }, {}, false]] },
  { name: "should enforce policy to allow traffic from pods within server namespace based on PodSelector", pods: ["x/a", "x/b", "x/c", "y/a"], policies: [np("x", "x-a-allows-x-b", { podSelector: sel("a"), ingress: [{ from: [{ podSelector: sel("b") }] }] })], port: 80, expect: [allIngress("x/a", false), one("x/b", "x/a", true)] },
  { name: "should enforce policy to allow ingress traffic for a target", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "deny-all", { podSelector: {}, ingress: [] }), np("x", "allow-all-to-a", { podSelector: sel("a"), ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] })], port: 80, expect: [allIngress("x/a", true), allIngress("x/b", false)] },
  { name: "should enforce policy to allow ingress traffic from pods in all namespaces", pods: ["x/a", "x/b", "y/a", "z/a"], policies: [np("x", "allow-from-another-ns", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })], port: 80, expect: [] },
  { name: "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector", pods: ["x/a", "x/b", "y/a", "z/a"], policies: [np("x", "allow-client-a-via-ns-selector", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y") }] }] })], port: 80, expect: [[{ ns: "x" }, { ns: "x", pod: "a" }, false], [{ ns: "z" }, { ns: "x", pod: "a" }, false]] },
  { name: "should enforce policy based on PodSelector with MatchExpressions", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "x-a-allows-x-b", { podSelector: sel("a"), ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: "pod", operator: "In", values: ["b"] }] } }] }] })], port: 80, expect: [allIngress("x/a", false), one("x/b", "x/a", true)] },
  { name: "should enforce policy based on PodSelector or NamespaceSelector", pods: ["x/a", "x/b", "x/c", "y/a"], policies: [np("x", "allow-ns-y-match-selector", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsNotIn("x") }, { podSelector: sel("b") }] }] })], port: 80, expect: [one("x/c", "x/a", false)] },
  { name: "should enforce policy based on PodSelector and NamespaceSelector", pods: ["x/a", "x/b", "y/a", "y/b", "z/b"], policies: [np("x", "allow-ns-y-podselector-and-nsselector", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsNotIn("x"), podSelector: sel("b") }] }] })], port: 80, expect: [allIngress("x/a", false), one("y/b", "x/a", true), one("z/b", "x/a", true)] },
  { name: "should enforce policy based on Multiple PodSelectors and NamespaceSelectors", pods: ["x/a", "x/b", "y/a", "y/b", "y/c"], policies: [np("x", "allow-ns-y-z-pod-b-c", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsNotIn("x"), podSelector: { matchExpressions: [{ key: "pod", operator: "In", values: ["b", "c"] }] } }] }] })], port: 80, expect: [[{ ns: "x" }, { ns: "x", pod: "a" }, false], one("y/a", "x/a", false)] },
  { name: "should enforce policy based on any PodSelectors", pods: ["x/a", "x/b", "x/c"], policies: [np("x", "allow-ns-x-pod-b-c", { podSelector: sel("a"), ingress: [{ from: [{ podSelector: sel("b") }, { podSelector: sel("c") }] }] })], port: 80, expect: [allIngress("x/a", false), one("x/b", "x/a", true), one("x/c", "x/a", true)] },
  { name: "should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector", pods: ["x/a", "x/b", "y/a", "y/b", "z/a"], policies: [np("x", "allow-ns-y-pod-a-via-namespace-pod-selector", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y"), podSelector: sel("a") }] }] })], port: 80, expect: [allIngress("x/a", false), one("y/a", "x/a", true)] },
  { name: "should enforce policy based on Ports", pods: ["x/a", "x/b", "y/a", "y/b", "z/a"], policies: [np("x", "allow-client-a-via-ns-selector", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y") }], ports: [{ port: 81, protocol: "TCP" }] }] })], port: 81, expect: [[{ ns: "x" }, { ns: "x", pod: "a" }, false], [{ ns: "z" }, { ns: "x", pod: "a" }, false]] },
  { name: "should enforce multiple, stacked policies with overlapping podSelectors (port 80 before the second policy)", pods: ["x/a", "x/b", "y/a", "y/b", "z/a"], policies: [np("x", "allow-client-a-via-ns-selector", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y") }], ports: [{ port: 81, protocol: "TCP" }] }] })], port: 80, expect: [allIngress("x/a", false)] },
  { name: "should enforce multiple, stacked policies with overlapping podSelectors (port 80 unblocked)", pods: ["x/a", "x/b", "y/a", "y/b", "z/a"], policies: [81, 80].map((p) => np("x", `allow-client-a-via-ns-selector-${p}`, { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y") }], ports: [{ port: p, protocol: "TCP" }] }] })), port: 80, expect: [[{ ns: "x" }, { ns: "x", pod: "a" }, false], [{ ns: "z" }, { ns: "x", pod: "a" }, false]] },
  { name: "should support allow-all policy", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "allow-all", { podSelector: {}, ingress: [{}] })], port: 81, expect: [] },
  { name: "should allow ingress access on one named port (81 allowed)", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "allow-all", { podSelector: {}, ingress: [{ ports: [{ port: "serve-81-tcp" }] }] })], port: 81, expect: [] },
  { name: "should allow ingress access on one named port (80 blocked)", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "allow-all", { podSelector: {}, ingress: [{ ports: [{ port: "serve-81-tcp" }] }] })], port: 80, expect: [[{}, { ns: "x" }, false]] },
  { name: "should allow ingress access from namespace on one named port", pods: ["x/a", "x/b", "y/a", "z/a"], policies: [np("x", "allow-client-a-via-ns-selector-80", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y") }], ports: [{ port: "serve-80-tcp", protocol: "TCP" }] }] })], port: 80, expect: [[{ ns: "x" }, { ns: "x", pod: "a" }, false], [{ ns: "z" }, { ns: "x", pod: "a" }, false]] },
  { name: "should allow egress access on one named port (81 blocked)", pods: ["x/a", "y/a"], policies: [np("x", "allow-egress", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "serve-80-tcp" }] }] })], port: 81, expect: [[{ ns: "x" }, {}, false]] },
  { name: "should allow egress access on one named port (80 allowed)", pods: ["x/a", "y/a"], policies: [np("x", "allow-egress", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "serve-80-tcp" }] }] })], port: 80, expect: [] },
  { name: "should enforce updated policy (deny all after the update)", pods: ["x/a", "y/a"], policies: [np("x", "allow-all-mutate-to-deny-all", { podSelector: {}, ingress: [] })], port: 81, expect: [[{}, { ns: "x" }, false]] },
  { name: "should deny ingress from pods on other namespaces", pods: ["x/a", "x/b", "y/a", "z/a"], policies: [np("x", "deny-empty-policy", { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })], port: 80, expect: [[{ ns: "y" }, { ns: "x" }, false], [{ ns: "z" }, { ns: "x" }, false]] },
  { name: "should deny egress from pods based on PodSelector", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "deny-egress-pod-a", { podSelector: sel("a"), policyTypes: ["Egress"] })], port: 80, expect: [allEgress("x/a", false)] },
  { name: "should deny egress from all pods in a namespace", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "deny-egress-ns-x", { podSelector: {}, policyTypes: ["Egress"] })], port: 80, expect: [[{ ns: "x" }, {}, false]] },
  { name: "should work with Ingress, Egress specified together (port 80)", pods: ["x/a", "x/b", "x/c", "y/a"], policies: [egressPort80Ingress], port: 80, expect: [allIngress("x/a", false), one("x/b", "x/a", true)] },
  { name: "should work with Ingress, Egress specified together (port 81)", pods: ["x/a", "x/b", "x/c", "y/a"], policies: [egressPort80Ingress], port: 81, expect: [allIngress("x/a", false), allEgress("x/a", false), one("x/b", "x/a", true)] },
  {
    name: "should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)",
    pods: ["x/a", "y/a", "y/b"],
    policies: [
      np("x", "allow-to-ns-y-pod-a", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: nsIs("y"), podSelector: sel("a") }] }] }),
      ...["a", "b"].map((t) => np("y", `allow-from-xa-on-y${t}-match-selector`, { podSelector: sel(t), ingress: [{ from: [{ namespaceSelector: nsIs("x"), podSelector: sel("a") }] }] })),
    ],
    port: 80,
    expect: [allEgress("x/a", false), allIngress("y/a", false), one("x/a", "y/a", true), allIngress("y/b", false)],
  },
  { name: "should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector", pods: ["x/a", "y/a", "y/b"], policies: [np("x", "allow-to-ns-y-pod-a", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: nsIs("y"), podSelector: sel("a") }] }] })], port: 80, expect: [allEgress("x/a", false), one("x/a", "y/a", true)] },
  { name: "should enforce ingress policy allowing any port traffic to a server on a specific protocol (UDP denied)", pods: ["x/a", "y/a"], policies: [np("x", "allow-ingress-by-proto", { podSelector: sel("a"), ingress: [{ ports: [{ protocol: "TCP" }] }] })], port: 80, protocol: "UDP", expect: [allIngress("x/a", false)] },
  { name: "should enforce ingress policy allowing any port traffic to a server on a specific protocol (TCP allowed)", pods: ["x/a", "y/a"], policies: [np("x", "allow-ingress-by-proto", { podSelector: sel("a"), ingress: [{ ports: [{ protocol: "TCP" }] }] })], port: 80, expect: [] },
  { name: "should enforce multiple ingress policies with ingress allow-all policy taking precedence", pods: ["x/a", "y/a"], policies: [np("x", "allow-ingress-port-80", { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }), np("x", "allow-ingress", { podSelector: {}, ingress: [{}] })], port: 81, expect: [] },
  { name: "should enforce multiple egress policies with egress allow-all policy taking precedence (before allow-all)", pods: ["x/a", "y/a"], policies: [np("x", "allow-egress-port-80", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 80 }] }] })], port: 81, expect: [[{ ns: "x" }, {}, false]] },
  { name: "should stop enforcing policies after they are deleted", pods: ["x/a", "y/a"], policies: [], port: 80, expect: [] },
  { name: "should allow egress access to server in CIDR block", pods: ["x/a", "y/a", "y/b"], policies: [np("x", "allow-client-a-via-cidr-egress-rule", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.244.2.11/32" } }] }] })], port: 80, expect: [allEgress("x/a", false), one("x/a", "y/b", true)] },
  { name: "should enforce except clause while egress access to server in CIDR block", pods: ["x/a", "x/b", "x/c"], policies: [cidrExcept], port: 80, expect: [one("x/a", "x/b", false)] },
  { name: "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed", pods: ["x/a", "x/b", "x/c"], policies: [np("x", "allow-client-a-via-cidr-egress-rule", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.244.1.11/32" } }] }] })], port: 80, expect: [allEgress("x/a", false), one("x/a", "x/b", true)] },
  { name: "should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector", pods: ["x/a", "x/b", "y/a"], policies: [np("x", "allow-egress-for-target", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{}] }), np("x", "deny-ingress-via-label-selector", { podSelector: sel("a"), ingress: [] })], port: 80, expect: [allIngress("x/a", false)] },
  { name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP", pods: ["x/a", "y/a"], policies: [np("x", "deny-ingress", { podSelector: {}, ingress: [] }), np("x", "allow-only-sctp-ingress-on-port-81", { podSelector: sel("a"), ingress: [{ ports: [{ port: 81, protocol: "SCTP" }] }] })], port: 81, expect: [[{}, { ns: "x" }, false]] },
  { name: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP", pods: ["x/a", "y/a"], policies: [np("x", "allow-only-sctp-ingress-on-port-80", { podSelector: sel("a"), ingress: [{ ports: [{ port: 80, protocol: "SCTP" }] }] })], port: 81, expect: [allIngress("x/a", false)] },
  { name: "should not allow access by TCP when a policy specifies only UDP", pods: ["x/a", "y/a"], policies: [np("x", "allow-only-udp-ingress-on-port-81", { podSelector: sel("a"), ingress: [{ ports: [{ port: 81, protocol: "UDP" }] }] })], port: 81, expect: [allIngress("x/a", false)] },
  { name: "should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label", pods: ["x/a", "x/b", "y/a", "z/a"], policies: [np("x", "allow-client-a-via-ns-selector-for-immutable-ns-label", { podSelector: sel("a"), ingress: [{ from: [{ namespaceSelector: nsIs("y") }] }] })], port: 80, expect: [[{ ns: "x" }, { ns: "x", pod: "a" }, false], [{ ns: "z" }, { ns: "x", pod: "a" }, false]] },
  { name: "endPort: egress allowed to a port range (81 within 80-82)", pods: ["x/a", "y/a"], policies: [np("x", "allow-egress-range", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ ports: [{ port: 80, endPort: 82, protocol: "TCP" }] }] })], port: 81, expect: [] },
  { name: "endPort: egress denied outside the range (81 outside 82-90)", pods: ["x/a", "y/a"], policies: [np("x", "allow-egress-range", { podSelector: sel("a"), policyTypes: ["Egress"], egress: [{ ports: [{ port: 82, endPort: 90, protocol: "TCP" }] }] })], port: 81, expect: [allEgress("x/a", false)] },
];

/** Denied pairs ("from->to") among the case's pods, loopback excluded. */
function denied(c: Case, actual: boolean): string[] {
  const out: string[] = [];
  for (const from of c.pods)
    for (const to of c.pods) {
      if (from === to) continue;
      let ok = true;
      if (actual) {
        const engine = new PolicyEngine({ policies: c.policies, namespaceLabels: new Map(NS.map((n) => [n, { "kubernetes.io/metadata.name": n }])) });
        ok = engine.allows({ pod: pod(from) }, { pod: pod(to) }, c.port, c.protocol ?? "TCP");
      } else for (const [f, t, v] of c.expect) if (matches(f, from) && matches(t, to)) ok = v;
      if (!ok) out.push(`${from}->${to}`);
    }
  return out;
}

describe("NetworkPolicy e2e scenarios", () => {
  it.each(CASES)("$name", (c) => {
    expect(denied(c, true)).toEqual(denied(c, false));
  });
});

describe("host and outside sources", () => {
  const engine = new PolicyEngine({
    policies: [np("x", "deny-ingress", { podSelector: {}, ingress: [] }), np("y", "from-cidr", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "172.30.1.0/24", except: ["172.30.1.3/32"] } }] }] })],
    namespaceLabels: new Map(),
  });
  it.each([
    { name: "host on the pod's own node is allowed (kubelet probes)", src: { ip: "172.30.1.3", nodeName: "node01" }, dst: "x/a", ok: true },
    { name: "host on another node is denied by default-deny", src: { ip: "172.30.1.2", nodeName: "controlplane" }, dst: "x/a", ok: false },
    { name: "ipBlock admits a node address", src: { ip: "172.30.1.2", nodeName: "controlplane" }, dst: "y/a", ok: true },
    { name: "ipBlock except removes an address", src: { ip: "172.30.1.3", nodeName: "node03" }, dst: "y/a", ok: false },
    { name: "a podSelector peer never matches a host", src: { ip: "10.0.0.9" }, dst: "y/a", ok: false },
  ])("$name", ({ src, dst, ok }) => {
    expect(engine.allows(src, { pod: pod(dst) }, 80, "TCP")).toBe(ok);
  });
});
