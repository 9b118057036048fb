// Golden rows from TestPrintNode*, TestPrintServiceLoadBalancer, TestPrintService,
// TestPrintNamespace, TestPrintSecret, TestPrintServiceAccount and TestPrintPodTemplate in
// kubernetes/pkg/printers/internalversion/printers_test.go (v1.32); expected cells are upstream's.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import {
  loadBalancerStatusStringer,
  namespacePrinter,
  nodePrinter,
  podTemplatePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from "./core";
import { ago, nonWide, wide } from "./testutil";

const node = (name: string, rest: Record<string, unknown> = {}, labels?: Record<string, string>): KObject => ({
  kind: "Node",
  metadata: { name, ...(labels ? { labels } : {}) },
  ...rest,
});
const ready = (status: string) => ({ status: { conditions: [{ type: "Ready", status }] } });

describe("printNode status and roles", () => {
  const cases: [string, KObject, unknown[]][] = [
    ["ready", node("foo1", ready("True")), ["foo1", "Ready", "<none>", "<unknown>", ""]],
    ["ready, unschedulable", node("foo2", { spec: { unschedulable: true }, ...ready("True") }), ["foo2", "Ready,SchedulingDisabled", "<none>", "<unknown>", ""]],
    ["duplicate Ready", node("foo3", { status: { conditions: [{ type: "Ready", status: "True" }, { type: "Ready", status: "True" }] } }), ["foo3", "Ready", "<none>", "<unknown>", ""]],
    ["not ready", node("foo4", ready("False")), ["foo4", "NotReady", "<none>", "<unknown>", ""]],
    ["not ready, unschedulable", node("foo5", { spec: { unschedulable: true }, ...ready("False") }), ["foo5", "NotReady,SchedulingDisabled", "<none>", "<unknown>", ""]],
    ["other condition", node("foo6", { status: { conditions: [{ type: "InvalidValue", status: "True" }] } }), ["foo6", "Unknown", "<none>", "<unknown>", ""]],
    ["empty condition", node("foo7", { status: { conditions: [{}] } }), ["foo7", "Unknown", "<none>", "<unknown>", ""]],
    ["other condition, unschedulable", node("foo8", { spec: { unschedulable: true }, status: { conditions: [{ type: "InvalidValue", status: "True" }] } }),
      ["foo8", "Unknown,SchedulingDisabled", "<none>", "<unknown>", ""]],
    ["no conditions", node("foo9"), ["foo9", "Unknown", "<none>", "<unknown>", ""]],
    ["roles from both label forms", node("foo10", {}, {
      "node-role.kubernetes.io/master": "",
      "node-role.kubernetes.io/control-plane": "",
      "node-role.kubernetes.io/proxy": "",
      "kubernetes.io/role": "node",
    }), ["foo10", "Unknown", "control-plane,master,node,proxy", "<unknown>", ""]],
    ["kubernetes.io/role only", node("foo11", {}, { "kubernetes.io/role": "node" }), ["foo11", "Unknown", "node", "<unknown>", ""]],
    ["IP-like name", node("127.0.0.1", { status: {} }), ["127.0.0.1", "Unknown", "<none>", "<unknown>", ""]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(nonWide(nodePrinter, obj)).toEqual(want);
  });
});

describe("printNode wide", () => {
  const ext = (a: string) => ({ type: "ExternalIP", address: a });
  const int = (a: string) => ({ type: "InternalIP", address: a });
  const cases: [string, KObject, unknown[]][] = [
    ["os image", node("foo1", { status: { nodeInfo: { osImage: "fake-os-image" }, addresses: [ext("1.1.1.1")] } }),
      ["foo1", "Unknown", "<none>", "<unknown>", "", "<none>", "1.1.1.1", "fake-os-image", "<unknown>", "<unknown>"]],
    ["kernel version", node("foo2", { status: { nodeInfo: { kernelVersion: "fake-kernel-version" }, addresses: [ext("1.1.1.1")] } }),
      ["foo2", "Unknown", "<none>", "<unknown>", "", "<none>", "1.1.1.1", "<unknown>", "fake-kernel-version", "<unknown>"]],
    ["container runtime", node("foo1", { status: { nodeInfo: { containerRuntimeVersion: "foo://1.2.3" }, addresses: [ext("1.1.1.1")] } }),
      ["foo1", "Unknown", "<none>", "<unknown>", "", "<none>", "1.1.1.1", "<unknown>", "<unknown>", "foo://1.2.3"]],
    ["internal IP only", node("foo2", { status: { addresses: [int("1.1.1.1")] } }),
      ["foo2", "Unknown", "<none>", "<unknown>", "", "1.1.1.1", "<none>", "<unknown>", "<unknown>", "<unknown>"]],
    ["first of each address type", node("foo3", { status: { addresses: [ext("2.2.2.2"), int("3.3.3.3"), ext("4.4.4.4")] } }),
      ["foo3", "Unknown", "<none>", "<unknown>", "", "3.3.3.3", "2.2.2.2", "<unknown>", "<unknown>", "<unknown>"]],
    ["first internal IP", node("foo3", { status: { addresses: [int("2.2.2.2"), ext("3.3.3.3"), int("4.4.4.4")] } }),
      ["foo3", "Unknown", "<none>", "<unknown>", "", "2.2.2.2", "3.3.3.3", "<unknown>", "<unknown>", "<unknown>"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(wide(nodePrinter, obj)).toEqual(want);
  });
});

const svc = (name: string, spec: Record<string, unknown>, status?: Record<string, unknown>): KObject => ({
  kind: "Service",
  metadata: { name },
  spec,
  ...(status ? { status } : {}),
});
const lb = (...ingress: Record<string, string>[]) => ({ loadBalancer: { ingress } });

describe("printService", () => {
  const cases: [string, KObject, unknown[]][] = [
    ["load balancer with two IPs", svc("service1", { clusterIPs: ["1.2.3.4"], type: "LoadBalancer", ports: [{ port: 80, protocol: "TCP" }] }, lb({ ip: "2.3.4.5" }, { ip: "3.4.5.6" })),
      ["service1", "LoadBalancer", "1.2.3.4", "2.3.4.5,3.4.5.6", "80/TCP", "<unknown>", "<none>"]],
    ["load balancer pending", svc("service2", {
      clusterIPs: ["1.3.4.5"], type: "LoadBalancer",
      ports: [{ port: 80, protocol: "TCP" }, { port: 8090, protocol: "UDP" }, { port: 8000, protocol: "TCP" }, { port: 7777, protocol: "SCTP" }],
    }), ["service2", "LoadBalancer", "1.3.4.5", "<pending>", "80/TCP,8090/UDP,8000/TCP,7777/SCTP", "<unknown>", "<none>"]],
    ["wide: full IP list and selector", svc("service4", {
      clusterIPs: ["1.5.6.7"], type: "LoadBalancer", selector: { foo: "bar" },
      ports: [{ port: 80, protocol: "TCP" }, { port: 8090, protocol: "UDP" }, { port: 8000, protocol: "TCP" }],
    }, lb({ ip: "2.3.4.5" }, { ip: "3.4.5.6" }, { ip: "5.6.7.8", hostname: "host5678" })),
      ["service4", "LoadBalancer", "1.5.6.7", "2.3.4.5,3.4.5.6,5.6.7.8", "80/TCP,8090/UDP,8000/TCP", "<unknown>", "foo=bar"]],
    ["cluster IP with selector", svc("test1", { type: "ClusterIP", ports: [{ protocol: "tcp", port: 2233 }], clusterIPs: ["10.9.8.7"], selector: { foo: "bar" } }),
      ["test1", "ClusterIP", "10.9.8.7", "<none>", "2233/tcp", "<unknown>", "foo=bar"]],
    ["node port", svc("test2", { type: "NodePort", ports: [{ protocol: "tcp", port: 8888, nodePort: 9999 }], clusterIPs: ["10.9.8.7"] }),
      ["test2", "NodePort", "10.9.8.7", "<none>", "8888:9999/tcp", "<unknown>", "<none>"]],
    ["(from printService code) external IPs on cluster IP", svc("test3", { type: "ClusterIP", ports: [{ protocol: "TCP", port: 80 }], clusterIPs: ["10.9.8.7"], externalIPs: ["80.11.12.10", "80.11.12.11"] }),
      ["test3", "ClusterIP", "10.9.8.7", "80.11.12.10,80.11.12.11", "80/TCP", "<unknown>", "<none>"]],
    ["(from printService code) external name", svc("test4", { type: "ExternalName", externalName: "my.database.example.com" }),
      ["test4", "ExternalName", "<none>", "my.database.example.com", "<none>", "<unknown>", "<none>"]],
    ["(from printService code) headless, v1 clusterIP only", svc("test5", { type: "ClusterIP", clusterIP: "None", ports: [{ protocol: "TCP", port: 80 }] }),
      ["test5", "ClusterIP", "None", "<none>", "80/TCP", "<unknown>", "<none>"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(wide(servicePrinter, obj)).toEqual(want);
  });

  it("clips long load-balancer lists only when not wide", () => {
    const status = lb({ ip: "2.3.4.5" }, { ip: "3.4.5.6" }, { ip: "5.6.7.8", hostname: "host5678" }).loadBalancer;
    expect(loadBalancerStatusStringer(status, false)).toBe("2.3.4.5,3.4.5...");
    expect(loadBalancerStatusStringer(status, true)).toBe("2.3.4.5,3.4.5.6,5.6.7.8");
  });
});

describe("small core printers", () => {
  const soon = ago(-1900); // upstream: time.Now().Add(1.9e9) prints "0s"
  const cases: [string, unknown[], unknown[]][] = [
    ["namespace", wide(namespacePrinter, { metadata: { name: "namespace1", creationTimestamp: soon }, status: { phase: "FooStatus" } }), ["namespace1", "FooStatus", "0s"]],
    ["namespace without status or age", wide(namespacePrinter, { metadata: { name: "namespace2" } }), ["namespace2", "", "<unknown>"]],
    ["secret with data", wide(secretPrinter, { metadata: { name: "secret1", creationTimestamp: soon }, type: "kubernetes.io/service-account-token", data: { token: "c2VjcmV0IGRhdGE=" } }),
      ["secret1", "kubernetes.io/service-account-token", 1, "0s"]],
    ["secret without data", wide(secretPrinter, { metadata: { name: "secret1", creationTimestamp: soon }, type: "kubernetes.io/service-account-token" }),
      ["secret1", "kubernetes.io/service-account-token", 0, "0s"]],
    ["service account without secrets", wide(serviceAccountPrinter, { metadata: { name: "sa1", creationTimestamp: soon }, secrets: [] }), ["sa1", 0, "0s"]],
    ["service account with two secrets", wide(serviceAccountPrinter, { metadata: { name: "sa1", creationTimestamp: soon }, secrets: [{ name: "Secret1" }, { name: "Secret2" }] }),
      ["sa1", 2, "0s"]],
    ["pod template without containers", wide(podTemplatePrinter, { metadata: { name: "pod-template-1" }, template: { metadata: { name: "pod-template-1" }, spec: { containers: [] } } }),
      ["pod-template-1", "", "", "<none>"]],
    ["pod template with two containers", wide(podTemplatePrinter, {
      metadata: { name: "pod-template-2" },
      template: { spec: { containers: [{ name: "fake-container1", image: "fake-image1" }, { name: "fake-container2", image: "fake-image2" }] } },
    }), ["pod-template-2", "fake-container1,fake-container2", "fake-image1,fake-image2", "<none>"]],
    ["pod template with labels", wide(podTemplatePrinter, { metadata: { name: "pod-template-3" }, template: { metadata: { labels: { foo: "bar" } }, spec: { containers: [] } } }),
      ["pod-template-3", "", "", "foo=bar"]],
  ];
  it.each(cases)("%s", (_name, got, want) => {
    expect(got).toEqual(want);
  });
});
