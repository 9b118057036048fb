import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { getProportion, newRSNewReplicas, resolveFenceposts, setNewReplicaSetAnnotations } from "./util.js";

const d = (replicas: number, maxSurge: number | string, maxUnavailable: number | string, statusReplicas = 0): KObject => ({
  metadata: { name: "web", annotations: { "kubernetes.io/change-cause": "kubectl set image", "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
  spec: { replicas, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } } },
  status: { replicas: statusReplicas },
});
const rs = (replicas: number, annotations: Record<string, string> = {}): KObject => ({ metadata: { name: "rs", annotations }, spec: { replicas } });

describe("deployment util", () => {
  // Cases of TestResolveFenceposts (deployment_util_test.go): surge rounds up, unavailable down, never both 0.
  it.each([
    { surge: "0%", unav: "0%", desired: 0, want: { surge: 0, unavailable: 1 } },
    { surge: "39%", unav: "39%", desired: 10, want: { surge: 4, unavailable: 3 } },
    { surge: 0, unav: 0, desired: 10, want: { surge: 0, unavailable: 1 } },
    { surge: "25%", unav: "25%", desired: 3, want: { surge: 1, unavailable: 0 } },
    { surge: "25%", unav: "25%", desired: 4, want: { surge: 1, unavailable: 1 } },
  ])("resolveFenceposts($surge, $unav, $desired)", ({ surge, unav, desired, want }) => {
    expect(resolveFenceposts(d(desired, surge, unav))).toEqual(want);
  });

  // Cases of TestNewRSNewReplicas: never above replicas + maxSurge in total.
  it.each([
    { name: "can not scale up", replicas: 1, surge: 1, old: 2, cur: 0, want: 0 },
    { name: "scale up by surge", replicas: 1, surge: 1, old: 1, cur: 0, want: 1 },
    { name: "scale up to replicas", replicas: 5, surge: 2, old: 1, cur: 0, want: 5 },
  ])("newRSNewReplicas: $name", ({ replicas, surge, old, cur, want }) => {
    const newRS = rs(cur);
    expect(newRSNewReplicas(d(replicas, surge, 0), [rs(old), newRS], newRS)).toBe(want);
  });

  it.each([
    { name: "scale up by 5 of 10 with max-replicas 10", rsSize: 5, toAdd: 5, added: 0, dep: d(20, 0, 1), max: "10", want: 5 },
    { name: "limited by what is left to add", rsSize: 5, toAdd: 5, added: 4, dep: d(20, 0, 1), max: "10", want: 1 },
    { name: "scale down half", rsSize: 10, toAdd: -5, added: 0, dep: d(5, 0, 1), max: "10", want: -5 },
    { name: "empty replica set gets nothing", rsSize: 0, toAdd: 5, added: 0, dep: d(20, 0, 1), max: "10", want: 0 },
  ])("getProportion: $name", ({ rsSize, toAdd, added, dep, max, want }) => {
    expect(getProportion(rs(rsSize, { "deployment.kubernetes.io/max-replicas": max }), dep, toAdd, added)).toBe(want);
  });

  it("copies user annotations to the ReplicaSet but not kubectl's last-applied or the deployment ones", () => {
    const r = rs(0, { "deployment.kubernetes.io/revision": "1" });
    expect(setNewReplicaSetAnnotations(d(3, 1, 0), r, "4", true)).toBe(true);
    expect(r.metadata!.annotations).toEqual({ "deployment.kubernetes.io/revision": "4", "deployment.kubernetes.io/revision-history": "1", "kubernetes.io/change-cause": "kubectl set image" });
    expect(setNewReplicaSetAnnotations(d(3, 1, 0), r, "5", true)).toBe(true);
    expect(r.metadata!.annotations!["deployment.kubernetes.io/revision-history"]).toBe("1,4");
  });
});
