import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { newReplicaSetController } from "../replicaset/replica_set.js";
import { events, harness, markPodsReady, quiesce, type Harness } from "../util/testing.js";
import { isPodReady } from "../util/pods.js";
import { newDeploymentController } from "./deployment_controller.js";
import { podTemplateHash } from "./util.js";

function deployment(replicas: number, image: string, strategy: Record<string, unknown> = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } }): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } },
      strategy,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

async function start(h: Harness, d: KObject) {
  h.client.seed(GR.deployments, d);
  newReplicaSetController(h.ctx).start();
  newDeploymentController(h.ctx).start();
  await h.time.advance(10);
}

const get = (h: Harness) => h.client.get(GR.deployments, "default", "web")!;
const rsNamed = (h: Harness, name: string) => h.client.get(GR.replicasets, "default", name)!;
const scaling = (h: Harness) => events(h.client, { kind: "Deployment" }).filter((e) => e.startsWith("ScalingReplicaSet"));

async function readyAll(h: Harness) {
  await markPodsReady(h, h.client.list(GR.pods, "default").filter((p) => !isPodReady(p) && !p.metadata!.deletionTimestamp));
  await quiesce(h);
}

async function setImage(h: Harness, image: string) {
  const d = structuredClone(get(h));
  (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = image;
  await h.client.update(GR.deployments, d);
  await quiesce(h);
}

describe("Deployment controller", () => {
  it("creates the first ReplicaSet with the hash, revision and replica annotations", async () => {
    const h = harness();
    const d = deployment(4, "nginx:1.26");
    await start(h, d);
    const hash = podTemplateHash(get(h));
    const rs = rsNamed(h, `web-${hash}`);
    expect(rs.metadata).toMatchObject({
      labels: { app: "web", "pod-template-hash": hash },
      annotations: { "deployment.kubernetes.io/desired-replicas": "4", "deployment.kubernetes.io/max-replicas": "5", "deployment.kubernetes.io/revision": "1" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", controller: true, blockOwnerDeletion: true }],
    });
    expect(rs.spec).toMatchObject({ replicas: 4, selector: { matchLabels: { app: "web", "pod-template-hash": hash } } });
    expect(get(h).metadata!.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(scaling(h)).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 4`]);
    await readyAll(h);
    expect(get(h).status).toEqual({
      observedGeneration: 1,
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
      conditions: [
        { type: "Available", status: "True", lastUpdateTime: "2026-01-01T00:00:00Z", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." },
        { type: "Progressing", status: "True", lastUpdateTime: "2026-01-01T00:00:00Z", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "NewReplicaSetAvailable", message: `ReplicaSet "web-${hash}" has successfully progressed.` },
      ],
    });
  });

  it("rolls from v1 to v2 with maxSurge 25% / maxUnavailable 25%, step by step with readiness", async () => {
    const h = harness();
    await start(h, deployment(4, "nginx:1.26"));
    await readyAll(h);
    const v1 = `web-${podTemplateHash(get(h))}`;
    await setImage(h, "nginx:1.27");
    const v2 = `web-${podTemplateHash(get(h))}`;
    expect(scaling(h).slice(1)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${v2} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${v1} from 4 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 1 to 2`,
    ]);
    expect(get(h).status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    // The two new pods turn Ready one after the other (as kubelets report them): one step each.
    await readyAll(h);
    expect(scaling(h).slice(4)).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${v1} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${v1} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 3 to 4`,
    ]);
    await readyAll(h);
    expect(scaling(h).slice(8)).toEqual([`ScalingReplicaSet: Scaled down replica set ${v1} from 1 to 0`]);
    await h.time.advance(10);
    expect(get(h).metadata!.annotations!["deployment.kubernetes.io/revision"]).toBe("2");
    expect(rsNamed(h, v2).metadata!.annotations!["deployment.kubernetes.io/revision"]).toBe("2");
    expect(get(h).status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect((get(h).status as { conditions: { reason: string; message: string }[] }).conditions[1]).toMatchObject({ reason: "NewReplicaSetAvailable", message: `ReplicaSet "${v2}" has successfully progressed.` });
  });

  it("rollout undo reuses the old ReplicaSet, which gets the next revision and a revision-history", async () => {
    const h = harness();
    await start(h, deployment(2, "nginx:1.26"));
    await readyAll(h);
    const v1 = `web-${podTemplateHash(get(h))}`;
    await setImage(h, "nginx:1.27");
    for (let i = 0; i < 4; i++) await readyAll(h);
    await setImage(h, "nginx:1.26"); // what kubectl rollout undo patches in
    for (let i = 0; i < 4; i++) await readyAll(h);
    expect(h.client.list(GR.replicasets, "default")).toHaveLength(2);
    expect(rsNamed(h, v1).metadata!.annotations).toMatchObject({ "deployment.kubernetes.io/revision": "3", "deployment.kubernetes.io/revision-history": "1" });
    expect(rsNamed(h, v1).spec).toMatchObject({ replicas: 2 });
    expect(get(h).metadata!.annotations!["deployment.kubernetes.io/revision"]).toBe("3");
  });

  it("Recreate scales the old ReplicaSet to zero and waits for its pods before scaling up", async () => {
    const h = harness();
    await start(h, deployment(2, "nginx:1.26", { type: "Recreate" }));
    await readyAll(h);
    const v1 = `web-${podTemplateHash(get(h))}`;
    await setImage(h, "nginx:1.27");
    const v2 = `web-${podTemplateHash(get(h))}`;
    expect(scaling(h)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${v1} from 0 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${v1} from 2 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 0 to 2`,
    ]);
  });

  it("paused: scaling still applies, the Progressing condition says DeploymentPaused", async () => {
    const h = harness();
    await start(h, deployment(2, "nginx:1.26"));
    await readyAll(h);
    const d = structuredClone(get(h));
    (d.spec as { paused: boolean; replicas: number }).paused = true;
    (d.spec as { replicas: number }).replicas = 3;
    await h.client.update(GR.deployments, d);
    await h.time.advance(10);
    const conds = (get(h).status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions;
    expect(conds.find((c) => c.type === "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
    expect(scaling(h).at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set web-${podTemplateHash(get(h))} from 2 to 3`);
  });

  it("times out progressing after progressDeadlineSeconds without progress", async () => {
    const h = harness();
    const d = deployment(1, "nginx:1.26");
    (d.spec as { progressDeadlineSeconds: number }).progressDeadlineSeconds = 30;
    await start(h, d);
    await h.time.advance(35_000);
    const conds = (get(h).status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions;
    expect(conds.find((c) => c.type === "Progressing")).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "web-${podTemplateHash(get(h))}" has timed out progressing.`,
    });
  });
});
