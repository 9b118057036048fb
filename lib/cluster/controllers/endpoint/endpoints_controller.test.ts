import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { newEndpointSliceController } from "../endpointslice/endpointslice_controller.js";
import { harness, quiesce, type Harness } from "../util/testing.js";
import { newEndpointsController } from "./endpoints_controller.js";

function pod(name: string, ip: string, ready: boolean, extra: { deleting?: boolean; node?: string } = {}): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, labels: { app: "web" }, ...(extra.deleting ? { deletionTimestamp: "2026-01-01T00:00:30Z" } : {}) },
    spec: { nodeName: extra.node ?? "node01", containers: [{ name: "nginx", ports: [{ name: "http", containerPort: 8080 }] }] },
    status: { phase: "Running", podIP: ip, conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: "2026-01-01T00:00:00Z" }] },
  };
}

const svc = (spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", labels: { tier: "front" } },
  spec: { selector: { app: "web" }, clusterIP: "10.96.0.20", ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: "http" }], ...spec },
});

async function run(h: Harness, service: KObject, pods: KObject[]) {
  h.client.seed(GR.services, service);
  h.client.seed(GR.pods, ...pods);
  newEndpointsController(h.ctx).start();
  newEndpointSliceController(h.ctx).start();
  await quiesce(h);
}

const ref = (n: string) => ({ kind: "Pod", namespace: "default", name: n, uid: `uid-${n}` });

describe("endpoints and endpointslice controllers", () => {
  it("list ready and not-ready pods with the named target port resolved per pod", async () => {
    const h = harness();
    await run(h, svc(), [pod("b", "10.244.1.10", true), pod("a", "10.244.2.5", false), pod("c", "10.244.1.9", true, { deleting: true })]);
    const ep = h.client.get(GR.endpoints, "default", "web")!;
    expect(ep.metadata!.labels).toEqual({ tier: "front" });
    expect(ep.metadata!.annotations).toEqual({ "endpoints.kubernetes.io/last-change-trigger-time": "2026-01-01T00:00:00Z" });
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: "10.244.1.10", nodeName: "node01", targetRef: ref("b") }],
        notReadyAddresses: [{ ip: "10.244.2.5", nodeName: "node01", targetRef: ref("a") }],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
    const [slice] = h.client.list(GR.endpointslices, "default");
    const svcUid = h.client.get(GR.services, "default", "web")!.metadata!.uid;
    expect(slice.metadata).toMatchObject({
      generateName: "web-",
      labels: { tier: "front", "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" },
      ownerReferences: [{ apiVersion: "v1", kind: "Service", name: "web", uid: svcUid, controller: true, blockOwnerDeletion: true }],
    });
    expect({ addressType: slice.addressType, ports: slice.ports, endpoints: slice.endpoints }).toEqual({
      addressType: "IPv4",
      ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      endpoints: [
        { addresses: ["10.244.2.5"], conditions: { ready: false, serving: false, terminating: false }, targetRef: ref("a"), nodeName: "node01" },
        { addresses: ["10.244.1.10"], conditions: { ready: true, serving: true, terminating: false }, targetRef: ref("b"), nodeName: "node01" },
        { addresses: ["10.244.1.9"], conditions: { ready: false, serving: true, terminating: true }, targetRef: ref("c"), nodeName: "node01" },
      ],
    });
  });

  it("publishNotReadyAddresses lists every pod as ready", async () => {
    const h = harness();
    await run(h, svc({ publishNotReadyAddresses: true }), [pod("a", "10.244.2.5", false)]);
    expect(h.client.get(GR.endpoints, "default", "web")!.subsets).toEqual([{ addresses: [{ ip: "10.244.2.5", nodeName: "node01", targetRef: ref("a") }], ports: [{ name: "http", port: 8080, protocol: "TCP" }] }]);
    expect(h.client.list(GR.endpointslices)[0].endpoints).toEqual([{ addresses: ["10.244.2.5"], conditions: { ready: true, serving: false, terminating: false }, targetRef: ref("a"), nodeName: "node01" }]);
  });

  it("a Service without pods has empty Endpoints and one placeholder slice", async () => {
    const h = harness();
    await run(h, svc(), []);
    expect(h.client.get(GR.endpoints, "default", "web")!.subsets).toBeUndefined();
    const slices = h.client.list(GR.endpointslices);
    expect(slices.map((s) => ({ ports: s.ports, endpoints: s.endpoints }))).toEqual([{ ports: null, endpoints: null }]);
  });

  it("a Service without a selector is left alone (manual Endpoints)", async () => {
    const h = harness();
    await run(h, svc({ selector: undefined }), [pod("a", "10.244.2.5", true)]);
    expect(h.client.list(GR.endpoints)).toEqual([]);
    expect(h.client.list(GR.endpointslices)).toEqual([]);
  });

  it("follows a pod turning ready", async () => {
    const h = harness();
    await run(h, svc({ ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] }), [pod("a", "10.244.2.5", false)]);
    h.time.advance(5000);
    const p = structuredClone(h.client.get(GR.pods, "default", "a")!);
    (p.status as { conditions: unknown[] }).conditions = [{ type: "Ready", status: "True", lastTransitionTime: "2026-01-01T00:00:05Z" }];
    await h.client.update(GR.pods, p, { subresource: "status" });
    await quiesce(h);
    const ep = h.client.get(GR.endpoints, "default", "web")!;
    expect(ep.subsets).toEqual([{ addresses: [{ ip: "10.244.2.5", nodeName: "node01", targetRef: ref("a") }], ports: [{ port: 80, protocol: "TCP" }] }]);
    expect(ep.metadata!.annotations!["endpoints.kubernetes.io/last-change-trigger-time"]).toBe("2026-01-01T00:00:05Z");
    expect(h.client.list(GR.endpointslices)[0].ports).toEqual([{ name: "", port: 80, protocol: "TCP" }]);
  });
});
