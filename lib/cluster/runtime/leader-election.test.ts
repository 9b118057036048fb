import { describe, expect, it } from "vitest";
import { FakeCluster } from "../client/fake.js";
import { GR } from "../client/types.js";
import { FakeTime } from "./timers.js";
import { runLeaderElection } from "./leader-election.js";

const lease = (holder: string, renewTime: string) => ({
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  metadata: { name: "kube-scheduler", namespace: "kube-system" },
  spec: { holderIdentity: holder, leaseDurationSeconds: 15, renewTime, acquireTime: renewTime, leaseTransitions: 0 },
});

describe("leader election", () => {
  it("creates the lease and leads at once when there is none", async () => {
    const time = new FakeTime("2026-11-25T10:00:00Z");
    const c = new FakeCluster(time);
    const events: string[] = [];
    runLeaderElection(c, time, { namespace: "kube-system", name: "kube-scheduler", identity: "cp_1", onStartedLeading: () => events.push("lead"), onStoppedLeading: () => events.push("lost") });
    await time.advance(0);
    expect(events).toEqual(["lead"]);
    expect(c.get(GR.leases, "kube-system", "kube-scheduler")?.spec).toEqual({ holderIdentity: "cp_1", leaseDurationSeconds: 15, acquireTime: "2026-11-25T10:00:00.000000Z", renewTime: "2026-11-25T10:00:00.000000Z", leaseTransitions: 0 });
    await time.advance(4000);
    expect((c.get(GR.leases, "kube-system", "kube-scheduler")?.spec as { renewTime: string }).renewTime).toBe("2026-11-25T10:00:04.000000Z");
  });

  it("waits for another holder's lease to expire, then takes it over", async () => {
    const time = new FakeTime("2026-11-25T10:00:00Z");
    const c = new FakeCluster(time);
    c.seed(GR.leases, lease("cp_old", "2026-11-25T09:59:59.000000Z"));
    const events: string[] = [];
    runLeaderElection(c, time, { namespace: "kube-system", name: "kube-scheduler", identity: "cp_new", onStartedLeading: () => events.push("lead"), onStoppedLeading: () => events.push("lost") });
    await time.advance(12_000);
    expect(events).toEqual([]);
    await time.advance(4000);
    expect(events).toEqual(["lead"]);
    expect((c.get(GR.leases, "kube-system", "kube-scheduler")?.spec as { leaseTransitions: number; holderIdentity: string })).toMatchObject({ holderIdentity: "cp_new", leaseTransitions: 1 });
  });

  it("stops leading when renewals fail past the renew deadline", async () => {
    const time = new FakeTime("2026-11-25T10:00:00Z");
    const c = new FakeCluster(time);
    const events: string[] = [];
    runLeaderElection(c, time, { namespace: "kube-system", name: "kube-scheduler", identity: "cp_1", onStartedLeading: () => events.push("lead"), onStoppedLeading: () => events.push("lost") });
    await time.advance(0);
    for (let i = 0; i < 10; i++) c.failNext.push({ gr: "coordination.k8s.io/leases", error: new Error("dial tcp 172.30.1.2:6443: connect: connection refused") });
    await time.advance(9000);
    expect(events).toEqual(["lead"]);
    await time.advance(4000);
    expect(events).toEqual(["lead", "lost"]);
  });
});
