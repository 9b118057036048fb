// printerFor, the default table (k8s.io/apiserver/pkg/registry/rest/table.go), custom resource
// tables (apiextensions tableconvertor.go) and APIService (kube-aggregator etcd.go). Expected
// values follow those upstream sources' code (no upstream golden rows were transcribed).
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { apiServicePrinter } from "./apiservice";
import { crdPrinter, defaultPrinter, printerFor } from "./index";
import { evaluate, parseJSONPath } from "./jsonpath";
import { ago, NOW, wide } from "./testutil";

describe("printerFor", () => {
  const cases: [string, string, string, string[] | undefined][] = [
    ["pods", "", "Pod", ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"]],
    ["core events", "", "Event", ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"]],
    ["events.k8s.io events", "events.k8s.io", "Event", ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"]],
    ["deployments", "apps", "Deployment", ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]],
    ["cronjobs", "batch", "CronJob", ["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector"]],
    ["apiservices", "apiregistration.k8s.io", "APIService", ["Name", "Service", "Available", "Age"]],
    ["roles have no printer", "rbac.authorization.k8s.io", "Role", undefined],
    ["clusterroles have no printer", "rbac.authorization.k8s.io", "ClusterRole", undefined],
    ["limitranges have no printer", "", "LimitRange", undefined],
    ["CRDs have no printer", "apiextensions.k8s.io", "CustomResourceDefinition", undefined],
  ];
  it.each(cases)("%s", (_name, group, kind, want) => {
    expect(printerFor(group, kind)?.columns.map((c) => c.name)).toEqual(want);
  });
  it("priority-1 columns are the -o wide ones", () => {
    expect(printerFor("", "Pod")!.columns.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(["IP", "Node", "Nominated Node", "Readiness Gates"]);
  });
});

describe("defaultPrinter", () => {
  it("prints NAME and CREATED AT in RFC3339 UTC", () => {
    const p = defaultPrinter();
    expect(p.columns.map((c) => [c.name, c.type, c.format])).toEqual([["Name", "string", "name"], ["Created At", "date", ""]]);
    expect(p.print({ metadata: { name: "admin", creationTimestamp: "2024-05-31T10:20:30Z" } }, NOW)).toEqual(["admin", "2024-05-31T10:20:30Z"]);
    expect(p.print({ metadata: { name: "x" } }, NOW)).toEqual(["x", "0001-01-01T00:00:00Z"]);
  });
});

describe("crdPrinter", () => {
  const columns = [
    { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
    { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: "ready?" },
    { name: "Labels", type: "string", jsonPath: ".metadata.labels", priority: 1 },
    { name: "Ratio", type: "number", jsonPath: ".spec.ratio" },
    { name: "Paused", type: "boolean", jsonPath: ".spec.paused" },
    { name: "Missing", type: "string", jsonPath: ".spec.nothing" },
    { name: "Started", type: "date", jsonPath: ".status.startTime" },
  ];
  const obj: KObject = {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w1", labels: { b: "2", a: "1" }, creationTimestamp: ago(300_000) },
    spec: { replicas: 3.0, ratio: 0.5, paused: false },
    status: { conditions: [{ type: "Synced", status: "True" }, { type: "Ready", status: "False" }], startTime: ago(90_000) },
  };
  it("columns: Name first, then the CRD's, default description from the JSONPath", () => {
    const p = crdPrinter(columns);
    expect(p.columns[0].name).toBe("Name");
    expect(p.columns[1]).toEqual({ name: "Replicas", type: "integer", format: "", description: "Custom resource definition column (in JSONPath format): .spec.replicas", priority: 0 });
    expect(p.columns[2].description).toBe("ready?");
    expect(p.columns[3].priority).toBe(1);
  });
  it("cells typed per column", () => {
    expect(crdPrinter(columns).print(obj, NOW)).toEqual(["w1", 3, "False", '{"a":"1","b":"2"}', 0.5, false, null, "90s"]);
  });
  it("no columns: upstream's default Age column", () => {
    const p = crdPrinter([]);
    expect(p.columns.map((c) => [c.name, c.type])).toEqual([["Name", "string"], ["Age", "date"]]);
    expect(p.print(obj, NOW)).toEqual(["w1", "5m"]);
  });
  it("invalid dates print <invalid>", () => {
    const p = crdPrinter([{ name: "T", type: "date", jsonPath: ".spec.t" }]);
    expect(p.print({ metadata: { name: "x" }, spec: { t: "yesterday" } }, NOW)).toEqual(["x", "<invalid>"]);
  });
});

describe("jsonpath subset", () => {
  const data = { a: { "b.c": [1, 2, 3], list: [{ k: "x", v: 1 }, { k: "y", v: 2 }] } };
  const cases: [string, string, unknown[]][] = [
    ["bracket key and index", ".a['b.c'][1]", [2]],
    ["escaped dot", ".a.b\\.c[-1]", [3]],
    ["wildcard", ".a.list[*].k", ["x", "y"]],
    ["filter ==", '.a.list[?(@.k=="y")].v', [2]],
    ["filter >", ".a.list[?(@.v>1)].k", ["y"]],
    ["recursive", "..k", ["x", "y"]],
    ["missing", ".a.nope.deeper", []],
  ];
  it.each(cases)("%s", (_name, path, want) => {
    expect(evaluate(parseJSONPath(path), data)).toEqual(want);
  });
});

describe("APIService", () => {
  const api = (spec: Record<string, unknown>, conditions: unknown[]): KObject => ({ metadata: { name: "v1beta1.metrics.k8s.io", creationTimestamp: ago(3600_000) }, spec, status: { conditions } });
  const cases: [string, KObject, unknown[]][] = [
    ["local, available", api({}, [{ type: "Available", status: "True", reason: "Local" }]), ["v1beta1.metrics.k8s.io", "Local", "True", "60m"]],
    ["service, failing", api({ service: { namespace: "kube-system", name: "metrics-server" } }, [{ type: "Available", status: "False", reason: "MissingEndpoints" }]),
      ["v1beta1.metrics.k8s.io", "kube-system/metrics-server", "False (MissingEndpoints)", "60m"]],
    ["no condition", api({}, []), ["v1beta1.metrics.k8s.io", "Local", "Unknown", "60m"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(wide(apiServicePrinter, obj)).toEqual(want);
  });
});
