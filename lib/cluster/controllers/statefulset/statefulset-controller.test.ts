import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { FakeCluster } from "../../client/fake.js";
import { GR } from "../../client/types.js";
import type { EventRecorder } from "../../runtime/events.js";
import { FakeTime } from "../../runtime/timers.js";
import type { ControllerContext } from "../types.js";
import { ordinalOf } from "./identity.js";
import { statefulSetController } from "./statefulset-controller.js";

function setup() {
  const time = new FakeTime("2026-01-01T00:00:00Z");
  const client = new FakeCluster(time);
  const events: string[] = [];
  const recorder = (component: string): EventRecorder => ({ event: (o, type, reason, msg) => events.push(`${component} ${type} ${reason} ${msg}`) });
  const ctx: ControllerContext = { client, time, random: { string: () => "x", uuid: () => "u" }, recorder, log: () => {}, flags: new Map() };
  const c = statefulSetController(ctx);
  const names = () => client.list(GR.pods).map((p) => p.metadata!.name).sort();
  // The kubelet: a pod starts Pending, then runs and turns Ready.
  const run = async (name: string) => {
    const cur = structuredClone(client.get(GR.pods, "default", name)!);
    await client.update(GR.pods, { ...cur, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }, { subresource: "status" });
    await time.advance(0);
  };
  return { time, client, events, c, names, run };
}

const web = (replicas: number): KObject => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas,
    serviceName: "nginx",
    selector: { matchLabels: { app: "nginx" } },
    template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27", volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }] }] } },
    volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
    podManagementPolicy: "OrderedReady",
  },
});

describe("ordinalOf", () => {
  const cases = [
    { pod: "web-0", set: "web", want: 0 },
    { pod: "web-12", set: "web", want: 12 },
    { pod: "my-web-1", set: "web", want: -1 },
    { pod: "web", set: "web", want: -1 },
  ];
  for (const tc of cases) it(tc.pod, () => expect(ordinalOf(tc.pod, tc.set)).toBe(tc.want));
});

describe("statefulSetController OrderedReady", () => {
  it("creates one pod at a time, each after the previous is Running and Ready", async () => {
    const { time, client, events, c, names, run } = setup();
    c.start();
    await client.create(GR.statefulsets, web(3));
    await time.advance(0);
    expect(names()).toEqual(["web-0"]);
    const pod = client.get(GR.pods, "default", "web-0")!;
    const rev = client.list(GR.controllerrevisions)[0];
    expect(pod.metadata!.labels).toEqual({ app: "nginx", "controller-revision-hash": rev.metadata!.name, "statefulset.kubernetes.io/pod-name": "web-0", "apps.kubernetes.io/pod-index": "0" });
    expect(rev.metadata!.name).toBe(`web-${rev.metadata!.labels!["controller.kubernetes.io/hash"]}`);
    expect(pod.spec).toMatchObject({ hostname: "web-0", subdomain: "nginx", volumes: [{ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } }] });
    expect(client.get(GR.persistentvolumeclaims, "default", "www-web-0")!.metadata!.labels).toEqual({ app: "nginx" });
    await run("web-0");
    expect(names()).toEqual(["web-0", "web-1"]);
    await run("web-1");
    await run("web-2");
    expect(events).toEqual(
      [0, 1, 2].flatMap((i) => [
        `statefulset-controller Normal SuccessfulCreate create Claim www-web-${i} Pod web-${i} in StatefulSet web success`,
        `statefulset-controller Normal SuccessfulCreate create Pod web-${i} in StatefulSet web successful`,
      ]),
    );
    expect(client.get(GR.statefulsets, "default", "web")!.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev.metadata!.name,
      updateRevision: rev.metadata!.name,
      collisionCount: 0,
      availableReplicas: 3,
    });
    c.stop();
  });

  it("scales down from the highest ordinal, keeping the claims (Retain)", async () => {
    const { time, client, events, c, names, run } = setup();
    c.start();
    await client.create(GR.statefulsets, web(3));
    await time.advance(0);
    for (const n of ["web-0", "web-1", "web-2"]) await run(n);
    events.length = 0;
    const cur = structuredClone(client.get(GR.statefulsets, "default", "web")!);
    (cur.spec as { replicas: number }).replicas = 1;
    await client.update(GR.statefulsets, cur);
    await time.advance(0);
    expect(names()).toEqual(["web-0"]);
    expect(events).toEqual(["statefulset-controller Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful", "statefulset-controller Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful"]);
    expect(client.list(GR.persistentvolumeclaims).map((p) => p.metadata!.name)).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
    c.stop();
  });

  it("rolls a new template out from the highest ordinal down", async () => {
    const { time, client, events, c, names, run } = setup();
    c.start();
    await client.create(GR.statefulsets, web(2));
    await time.advance(0);
    for (const n of ["web-0", "web-1"]) await run(n);
    events.length = 0;
    const cur = structuredClone(client.get(GR.statefulsets, "default", "web")!);
    (cur.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = "nginx:1.28";
    await client.update(GR.statefulsets, cur);
    await time.advance(0);
    expect(events[0]).toBe("statefulset-controller Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful");
    expect(names()).toEqual(["web-0", "web-1"]);
    const status = client.get(GR.statefulsets, "default", "web")!.status as Record<string, unknown>;
    expect(status.currentRevision).not.toBe(status.updateRevision);
    expect(client.get(GR.pods, "default", "web-1")!.metadata!.labels!["controller-revision-hash"]).toBe(status.updateRevision);
    c.stop();
  });
});
