// Golden rows from TestPrintDeployment, TestPrintDaemonSet, TestPrintJob, TestPrintEvent,
// TestPrintIngress and TestPrintIngressClass in
// kubernetes/pkg/printers/internalversion/printers_test.go (v1.32); expected cells are upstream's.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { daemonSetPrinter, deploymentPrinter } from "./apps";
import { jobPrinter } from "./batch";
import { eventPrinter } from "./event";
import { ingressClassPrinter, ingressPrinter } from "./networking";
import { ago, daysAgo, nonWide, wide, YEARS_10 } from "./testutil";

const soon = ago(-1900); // upstream: time.Now().Add(1.9e9) prints "0s"
const twoContainers = [{ name: "fake-container1", image: "fake-image1" }, { name: "fake-container2", image: "fake-image2" }];

describe("apps printers", () => {
  const deployment: KObject = {
    kind: "Deployment",
    metadata: { name: "test1", creationTimestamp: soon },
    spec: { replicas: 5, template: { spec: { containers: twoContainers } }, selector: { matchLabels: { foo: "bar" } } },
    status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 },
  };
  const daemonSet: KObject = {
    kind: "DaemonSet",
    metadata: { name: "test1", creationTimestamp: soon },
    spec: { template: { spec: { containers: twoContainers } }, selector: { matchLabels: { foo: "bar" } } },
    status: { currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0 },
  };
  const cases: [string, unknown[], unknown[]][] = [
    ["deployment", nonWide(deploymentPrinter, deployment), ["test1", "0/5", 2, 1, "0s"]],
    ["deployment wide", wide(deploymentPrinter, deployment), ["test1", "0/5", 2, 1, "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar"]],
    ["daemon set", nonWide(daemonSetPrinter, daemonSet), ["test1", 3, 2, 1, 2, 0, "<none>", "0s"]],
    ["daemon set wide", wide(daemonSetPrinter, daemonSet), ["test1", 3, 2, 1, 2, 0, "<none>", "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar"]],
  ];
  it.each(cases)("%s", (_name, got, want) => {
    expect(got).toEqual(want);
  });
});

describe("printJob", () => {
  const job = (name: string, meta: Record<string, unknown>, spec: Record<string, unknown>, status: Record<string, unknown>): KObject => ({
    kind: "Job",
    metadata: { name, ...meta },
    spec,
    status,
  });
  const templ = { template: { spec: { containers: [{ name: "fake-job-container1", image: "fake-job-image1" }, { name: "fake-job-container2", image: "fake-job-image2" }] } } };
  const cond = (type: string) => ({ conditions: [{ type, status: "True" }] });
  const cases: [string, KObject, unknown[]][] = [
    ["running with completions", job("job1", { creationTimestamp: soon }, { completions: 2, ...templ }, { succeeded: 1 }), ["job1", "Running", "1/2", "", "0s"]],
    ["ten years old", job("job2", { creationTimestamp: ago(YEARS_10) }, {}, { succeeded: 0 }), ["job2", "Running", "0/1", "", "10y"]],
    ["duration from start to completion", job("job3", { creationTimestamp: ago(YEARS_10) }, {}, { startTime: ago(-60_000), completionTime: ago(-31 * 60_000) }),
      ["job3", "Running", "0/1", "30m", "10y"]],
    ["duration since start", job("job4", { creationTimestamp: ago(YEARS_10) }, {}, { startTime: ago(20 * 60_000) }), ["job4", "Running", "0/1", "20m", "10y"]],
    ["complete", job("job5", { creationTimestamp: soon }, {}, cond("Complete")), ["job5", "Complete", "0/1", "", "0s"]],
    ["failed", job("job6", { creationTimestamp: soon }, {}, cond("Failed")), ["job6", "Failed", "0/1", "", "0s"]],
    ["suspended", job("job7", { creationTimestamp: soon }, {}, cond("Suspended")), ["job7", "Suspended", "0/1", "", "0s"]],
    ["failure target", job("job8", { creationTimestamp: soon }, {}, cond("FailureTarget")), ["job8", "FailureTarget", "0/1", "", "0s"]],
    ["terminating", job("job9", { creationTimestamp: soon, deletionTimestamp: soon }, {}, {}), ["job9", "Terminating", "0/1", "", "0s"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(nonWide(jobPrinter, obj)).toEqual(want);
  });
  it("wide", () => {
    const obj = job("job1", { creationTimestamp: soon }, { completions: 2, ...templ, selector: { matchLabels: { "job-label": "job-label-value" } } }, { succeeded: 1 });
    expect(wide(jobPrinter, obj)).toEqual([
      "job1", "Running", "1/2", "", "0s", "fake-job-container1,fake-job-container2", "fake-job-image1,fake-job-image2", "job-label=job-label-value",
    ]);
  });
});

describe("printEvent", () => {
  const base = (name: string, extra: Record<string, unknown>): KObject => ({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name },
    involvedObject: { kind: "Deployment", name: "Deployment Name", fieldPath: "spec.containers{foo}" },
    reason: "Event Reason",
    message: "Message Data",
    type: "Warning",
    source: { component: "kubelet", host: "Node1" },
    ...extra,
  });
  const wideRow = (last: string, count: number, name: string, source = "kubelet, Node1") =>
    [last, "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}", source, "Message Data", "3d", count, name];
  const cases: [string, KObject, unknown[]][] = [
    ["both timestamps", base("event2", { firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6 }), wideRow("2d", 6, "event2")],
    ["no firstTimestamp", base("event3", { eventTime: daysAgo(3), lastTimestamp: daysAgo(3), count: 1 }), wideRow("3d", 1, "event3")],
    ["no lastTimestamp", base("event4", { eventTime: daysAgo(3), firstTimestamp: daysAgo(3), count: 1 }), wideRow("3d", 1, "event4")],
    ["eventTime only", base("event5", { eventTime: daysAgo(3), count: 1 }), wideRow("3d", 1, "event5")],
    ["series", base("event6", { eventTime: daysAgo(3), series: { count: 2, lastObservedTime: daysAgo(2) } }), wideRow("2d", 2, "event6")],
    ["singleton without count", base("event7", { eventTime: daysAgo(3) }), wideRow("3d", 1, "event7")],
    ["empty source uses reporting controller", base("event2", {
      source: {}, reportingController: "kubelet", reportingInstance: "test", firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6,
    }), wideRow("2d", 6, "event2", "kubelet, test")],
    ["(mapped) events.k8s.io/v1 form", {
      apiVersion: "events.k8s.io/v1", kind: "Event", metadata: { name: "event8" },
      regarding: { kind: "Deployment", name: "Deployment Name", fieldPath: "spec.containers{foo}" },
      reason: "Event Reason", note: "Message Data", type: "Warning", deprecatedSource: { component: "kubelet", host: "Node1" },
      deprecatedFirstTimestamp: daysAgo(3), deprecatedLastTimestamp: daysAgo(2), deprecatedCount: 6,
    }, wideRow("2d", 6, "event8")],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(wide(eventPrinter, obj)).toEqual(want);
  });
  it("non-wide: Last Seen, Type, Reason, Object, Message", () => {
    const obj = base("event1", {
      source: { component: "kubelet" }, involvedObject: { kind: "Pod", name: "Pod Name", fieldPath: "spec.containers{foo}" },
      type: "Normal", firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6,
    });
    expect(nonWide(eventPrinter, obj)).toEqual(["2d", "Normal", "Event Reason", "pod/Pod Name", "Message Data"]);
  });
});

describe("networking printers", () => {
  const tenYears = ago(YEARS_10);
  const cases: [string, unknown[], unknown[]][] = [
    ["ingress", wide(ingressPrinter, {
      metadata: { name: "test1", creationTimestamp: tenYears },
      spec: { ingressClassName: "foo", defaultBackend: { service: { name: "default-backend", port: { name: "default-backend", number: 80 } } } },
      status: { loadBalancer: { ingress: [{ ip: "2.3.4.5", hostname: "localhost.localdomain" }] } },
    }), ["test1", "foo", "*", "2.3.4.5", "80", "10y"]],
    ["ingress class with params", wide(ingressClassPrinter, {
      metadata: { name: "test1", creationTimestamp: tenYears },
      spec: { controller: "example.com/controller", parameters: { kind: "customgroup", name: "example" } },
    }), ["test1", "example.com/controller", "customgroup/example", "10y"]],
    ["ingress class with params + API group", wide(ingressClassPrinter, {
      metadata: { name: "test1", creationTimestamp: tenYears },
      spec: { controller: "example.com/controller", parameters: { apiGroup: "example.com", kind: "customgroup", name: "example" } },
    }), ["test1", "example.com/controller", "customgroup.example.com/example", "10y"]],
    ["ingress class without params", wide(ingressClassPrinter, {
      metadata: { name: "test2", creationTimestamp: ago(11 * 365 * 24 * 3600 * 1000) },
      spec: { controller: "example.com/controller2" },
    }), ["test2", "example.com/controller2", "<none>", "11y"]],
  ];
  it.each(cases)("%s", (_name, got, want) => {
    expect(got).toEqual(want);
  });
});
