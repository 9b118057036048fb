import { describe, expect, it } from "vitest";
import { FakeCluster } from "../../client/fake.js";
import { GR } from "../../client/types.js";
import { FakeTime } from "../../runtime/timers.js";
import { legacyRecorder } from "../../runtime/events.js";
import { counterRandom } from "../../client/fake.js";
import { resourceQuotaController } from "./controller.js";

describe("resource quota controller", () => {
  it("fills status.hard and status.used and follows pod changes", async () => {
    const time = new FakeTime();
    const c = new FakeCluster(time);
    const hard = { pods: "6", "requests.cpu": "1", "requests.memory": "1Gi" };
    c.seed(GR.resourcequotas, { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q", namespace: "analytics" }, spec: { hard } });
    const ctrl = resourceQuotaController({ client: c, time, random: counterRandom(), recorder: (component) => legacyRecorder(c, time, { component }), log: () => undefined, flags: new Map() });
    ctrl.start();
    await time.advance(0);
    expect(c.get(GR.resourcequotas, "analytics", "q")?.status).toEqual({ hard, used: { pods: "0", "requests.cpu": "0", "requests.memory": "0" } });
    for (const name of ["a", "b"]) {
      await c.create(GR.pods, { metadata: { name, namespace: "analytics" }, spec: { containers: [{ name: "c", resources: { requests: { cpu: "100m", memory: "128Mi" } } }] } });
    }
    await time.advance(0);
    expect((c.get(GR.resourcequotas, "analytics", "q")?.status as { used: unknown }).used).toEqual({ pods: "2", "requests.cpu": "200m", "requests.memory": "256Mi" });
    await c.delete(GR.pods, "analytics", "a");
    await time.advance(0);
    expect((c.get(GR.resourcequotas, "analytics", "q")?.status as { used: unknown }).used).toEqual({ pods: "1", "requests.cpu": "100m", "requests.memory": "128Mi" });
    ctrl.stop();
  });
});
