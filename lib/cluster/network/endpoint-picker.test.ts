import { describe, expect, it } from "vitest";
import { FakeTime } from "../runtime/timers";
import { EndpointPicker } from "./endpoint-picker";
import { buildProxyState } from "./proxy-model";
import { service, slice } from "./fixtures.test-util";

const state = (affinity: boolean) =>
  buildProxyState(
    [service("default", "web", { clusterIP: "10.96.5.5", sessionAffinity: affinity ? "ClientIP" : "None", sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } }, ports: [{ port: 80, protocol: "TCP" }] })],
    [slice("default", "web", [{ port: 80 }], [{ ip: "10.244.1.2" }, { ip: "10.244.2.2" }])],
  ).servicePorts[0];

describe("EndpointPicker", () => {
  it("spreads connections over the endpoints", () => {
    const p = new EndpointPicker(new FakeTime());
    const sp = state(false);
    expect([1, 2, 3].map(() => p.pick(sp, sp.endpoints, "172.30.2.2")!.ip)).toEqual(["10.244.1.2", "10.244.2.2", "10.244.1.2"]);
  });
  it("keeps a ClientIP on its endpoint until the timeout passes", async () => {
    const t = new FakeTime();
    const p = new EndpointPicker(t);
    const sp = state(true);
    const first = p.pick(sp, sp.endpoints, "10.244.1.9")!.ip;
    expect(p.pick(sp, sp.endpoints, "10.244.1.9")!.ip).toBe(first);
    await t.advance(11_000);
    expect(p.pick(sp, sp.endpoints, "10.244.1.9")!.ip).not.toBe(first);
  });
});
