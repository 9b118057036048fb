import { describe, expect, it } from "vitest";
import { GR } from "../../client/types.js";
import { harness, quiesce } from "../util/testing.js";
import { newEndpointSliceMirroringController } from "./mirroring_controller.js";

describe("endpointslice-mirroring", () => {
  it("mirrors the manual Endpoints of a selector-less Service", async () => {
    const h = harness();
    h.client.seed(GR.services, { apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: "default" }, spec: { ports: [{ port: 5432 }] } });
    h.client.seed(GR.endpoints, {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "db", namespace: "default" },
      subsets: [{ addresses: [{ ip: "192.168.1.10" }], notReadyAddresses: [{ ip: "192.168.1.11" }], ports: [{ port: 5432, protocol: "TCP" }] }],
    });
    newEndpointSliceMirroringController(h.ctx).start();
    await quiesce(h);
    const [s] = h.client.list(GR.endpointslices);
    expect(s.metadata).toMatchObject({
      generateName: "db-",
      labels: { "kubernetes.io/service-name": "db", "endpointslice.kubernetes.io/managed-by": "endpointslicemirroring-controller.k8s.io" },
      ownerReferences: [{ apiVersion: "v1", kind: "Service", name: "db", controller: true, blockOwnerDeletion: true }],
    });
    expect({ addressType: s.addressType, ports: s.ports, endpoints: s.endpoints }).toEqual({
      addressType: "IPv4",
      ports: [{ name: "", port: 5432, protocol: "TCP" }],
      endpoints: [
        { addresses: ["192.168.1.10"], conditions: { ready: true } },
        { addresses: ["192.168.1.11"], conditions: { ready: false } },
      ],
    });
  });
});
