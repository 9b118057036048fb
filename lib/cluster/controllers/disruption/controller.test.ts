import { describe, expect, it } from "vitest";
import { FakeCluster, counterRandom } from "../../client/fake.js";
import { GR } from "../../client/types.js";
import { FakeTime } from "../../runtime/timers.js";
import { legacyRecorder } from "../../runtime/events.js";
import { disruptionController, scaled } from "./controller.js";

const readyPod = (name: string, ready: boolean) => ({
  metadata: { name, namespace: "default", labels: { app: "web" } },
  spec: { containers: [{ name: "c" }] },
  status: { conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});

describe("disruption controller", () => {
  it.each([
    ["50%", 3, 2],
    ["10%", 3, 1],
    [1, 3, 1],
  ])("scales %s of %i to %i (rounding up)", (v, total, want) => expect(scaled(v, total)).toBe(want));

  it("allows disruptions above minAvailable and reports the counts", async () => {
    const time = new FakeTime("2026-11-25T10:00:00Z");
    const c = new FakeCluster(time);
    c.seed(GR.pods, readyPod("a", true), readyPod("b", true), readyPod("c", false));
    c.seed(GR.poddisruptionbudgets, { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web", namespace: "default", generation: 1 }, spec: { minAvailable: 1, selector: { matchLabels: { app: "web" } } } });
    const ctrl = disruptionController({ client: c, time, random: counterRandom(), recorder: (component) => legacyRecorder(c, time, { component }), log: () => undefined, flags: new Map() });
    ctrl.start();
    await time.advance(0);
    expect(c.get(GR.poddisruptionbudgets, "default", "web")?.status).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 2,
      desiredHealthy: 1,
      expectedPods: 3,
      conditions: [{ type: "DisruptionAllowed", status: "True", observedGeneration: 1, lastTransitionTime: "2026-11-25T10:00:00Z", reason: "SufficientPods", message: "" }],
    });
    await c.update(GR.pods, { ...c.get(GR.pods, "default", "b")!, status: { conditions: [{ type: "Ready", status: "False" }] } }, { subresource: "status" });
    await time.advance(0);
    expect((c.get(GR.poddisruptionbudgets, "default", "web")?.status as { disruptionsAllowed: number }).disruptionsAllowed).toBe(0);
    ctrl.stop();
  });
});
