import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/api/types.js";
import { counterRandom, FakeCluster } from "../../cluster/client/fake.js";
import { GR } from "../../cluster/client/types.js";
import { FakeTime } from "../../cluster/runtime/timers.js";
import type { ContainerStatus, PodSandboxStatus } from "../cri/types.js";
import { restoreRecords } from "../containers/restore.js";
import { kubeletConfigYaml } from "../kubeadm/kubelet.js";
import { adoptionPlan } from "./adopt.js";
import { createKubeletProgram } from "./program.js";
import { FakeRuntime } from "./testing/fake-runtime.js";

const ARGV = ["/usr/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml"];
const T0 = new Date("2026-01-01T00:00:00Z");

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
  roots = [];
});

function setup(firstRunContinues = false) {
  const root = mkdtempSync(join(tmpdir(), "kubelet-adopt-"));
  roots.push(root);
  const nodePath = (p: string) => join(root, p);
  for (const [p, text] of [["/var/lib/kubelet/config.yaml", kubeletConfigYaml()], ["/etc/kubernetes/kubelet.conf", "apiVersion: v1\nkind: Config\n"], ["/etc/kubernetes/pki/ca.crt", "CA"]]) {
    mkdirSync(join(nodePath(p), ".."), { recursive: true });
    writeFileSync(nodePath(p), text);
  }
  mkdirSync(nodePath("/etc/kubernetes/manifests"), { recursive: true });
  const time = new FakeTime("2026-01-01T00:40:00Z");
  const cluster = new FakeCluster(time, counterRandom());
  const runtime = new FakeRuntime(time);
  runtime.addImage("nginx:1.27");
  const program = createKubeletProgram({ nodeName: "node01", nodeIP: "172.30.2.2", nodePath, connectApi: async () => cluster, connectRuntime: () => runtime, time, random: counterRandom(), firstRunContinues: () => firstRunContinues });
  const start = () => program(ARGV, {}, { log: () => undefined, exit: () => undefined });
  return { time, cluster, runtime, start };
}

const events = (c: FakeCluster) => c.list(GR.events).map((e) => `${(e.involvedObject as { name: string }).name} ${e.reason}`);
const statusOf = (c: FakeCluster, name: string) =>
  c.get(GR.pods, "default", name)!.status as { startTime: string; containerStatuses: { containerID: string; restartCount: number; ready: boolean; state: unknown }[] };

describe("adoptionPlan", () => {
  const sb = (id: string, uid: string, state: PodSandboxStatus["state"], at: number): PodSandboxStatus =>
    ({ id, config: { uid } as PodSandboxStatus["config"], state, createdAt: new Date(T0.getTime() + at), ip: `10.244.1.${at}` });
  const ctr = (id: string, sandboxId: string, name: string, attempt: number, state: ContainerStatus["state"]): ContainerStatus =>
    ({ id, sandboxId, config: { name, attempt, annotations: { "io.kubernetes.container.restartCount": String(attempt) } } as unknown as ContainerStatus["config"], imageRef: "", imageId: "", state, createdAt: new Date(T0.getTime() + attempt) });
  const spec = [{ name: "web", image: "nginx:1.27", readinessProbe: { httpGet: { port: 80 } } }, { name: "side", image: "busybox" }];
  const cases = [
    { name: "no sandbox of the pod: nothing to adopt", sandboxes: [sb("s1", "other", "SANDBOX_READY", 1)], containers: [], api: undefined, want: undefined },
    { name: "a stopped sandbox is not adopted", sandboxes: [sb("s1", "u1", "SANDBOX_NOTREADY", 1)], containers: [], api: undefined, want: undefined },
    {
      name: "latest attempt is current, the one before is previous; readiness from the API status of the same container",
      sandboxes: [sb("s0", "u1", "SANDBOX_NOTREADY", 0), sb("s1", "u1", "SANDBOX_READY", 1)],
      containers: [ctr("a", "s1", "web", 0, "CONTAINER_EXITED"), ctr("b", "s1", "web", 1, "CONTAINER_RUNNING"), ctr("c", "s1", "side", 0, "CONTAINER_RUNNING"), ctr("z", "s0", "web", 0, "CONTAINER_EXITED")],
      api: { startTime: "2026-01-01T00:00:02Z", containerStatuses: [{ name: "web", containerID: "containerd://b", ready: true, started: true }] },
      want: { sandbox: "s1", ip: "10.244.1.1", startTime: "2026-01-01T00:00:02.000Z", containers: { web: ["b", "a", 1, true, true], side: ["c", undefined, 0, true, true] } },
    },
    {
      name: "without an API status: started, and ready only without a readiness probe",
      sandboxes: [sb("s1", "u1", "SANDBOX_READY", 1)],
      containers: [ctr("b", "s1", "web", 0, "CONTAINER_RUNNING"), ctr("c", "s1", "side", 0, "CONTAINER_EXITED")],
      api: { containerStatuses: [{ name: "web", containerID: "containerd://other", ready: true, started: true }] },
      want: { sandbox: "s1", ip: "10.244.1.1", startTime: undefined, containers: { web: ["b", undefined, 0, true, false], side: ["c", undefined, 0, false, false] } },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const plan = adoptionPlan("u1", spec as never, c.sandboxes, c.containers, c.api);
      const got = plan && {
        sandbox: plan.sandbox.id,
        ip: plan.sandbox.ip,
        startTime: plan.startTime?.toISOString(),
        containers: Object.fromEntries([...plan.containers].map(([n, a]) => [n, [a.current.id, a.previous?.id, a.restartCount, a.started, a.ready]])),
      };
      expect(got).toEqual(c.want);
    });
});

describe("kubelet restart", () => {
  it("keeps the running containers, their ids and restart counts, with no new container events", async () => {
    const s = setup();
    const first = s.start();
    await s.time.advance(100);
    await s.cluster.create(GR.pods, { metadata: { name: "web", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "nginx", image: "nginx:1.27", imagePullPolicy: "IfNotPresent" }] } } as KObject);
    await s.time.advance(100);
    const before = statusOf(s.cluster, "web");
    const callsBefore = s.runtime.calls.length;
    const eventsBefore = events(s.cluster).filter((e) => e.startsWith("web "));
    await first.stop();
    await s.time.advance(5_000);
    const second = s.start();
    await s.time.advance(3_000);
    expect(s.runtime.calls.slice(callsBefore)).toEqual([]);
    expect(statusOf(s.cluster, "web")).toEqual(before);
    expect(events(s.cluster).filter((e) => e.startsWith("web "))).toEqual(eventsBefore);
    expect(events(s.cluster).filter((e) => e.startsWith("node01 Starting"))).toEqual(["node01 Starting", "node01 Starting"]);
    await second.stop();
  });

  it("a container that exited while the kubelet was down is restarted as the next attempt", async () => {
    const s = setup();
    const first = s.start();
    await s.time.advance(100);
    await s.cluster.create(GR.pods, { metadata: { name: "web", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "nginx", image: "nginx:1.27", imagePullPolicy: "IfNotPresent" }] } } as KObject);
    await s.time.advance(100);
    const id = statusOf(s.cluster, "web").containerStatuses[0].containerID.replace("containerd://", "");
    await first.stop();
    s.runtime.exitContainer(id, 1);
    s.start();
    await s.time.advance(1_000);
    const st = statusOf(s.cluster, "web").containerStatuses[0];
    expect([st.restartCount, st.containerID === `containerd://${id}`, (st as unknown as { lastState: { terminated: { exitCode: number } } }).lastState.terminated.exitCode]).toEqual([1, false, 1]);
    expect(s.runtime.calls.filter((c) => c.startsWith("createContainer"))).toEqual(["createContainer nginx attempt=0", "createContainer nginx attempt=1"]);
  });
});

describe("first start in a lab whose containerd has the seeded pods", () => {
  it("resumes the restored containers with their config, ids and times, and records no events", async () => {
    const s = setup(true);
    const seeded = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "default", uid: "uid-web" },
      spec: { nodeName: "node01", containers: [{ name: "nginx", image: "nginx:1.27", args: ["nginx", "-g", "daemon off;"] }] },
      status: {
        phase: "Running",
        podIP: "10.244.1.7",
        startTime: "2026-01-01T00:01:00Z",
        conditions: [{ type: "PodReadyToStartContainers", status: "True", lastTransitionTime: "2026-01-01T00:01:01Z" }],
        containerStatuses: [{ name: "nginx", containerID: "containerd://" + "ab".repeat(32), image: "docker.io/library/nginx:1.27", imageID: "", ready: true, started: true, restartCount: 2, lastState: {}, state: { running: { startedAt: "2026-01-01T00:01:03Z" } } }],
      },
    } as KObject;
    const created = await s.cluster.create(GR.pods, seeded);
    s.runtime.restore(restoreRecords([{ ...seeded, metadata: created.metadata }], "172.30.2.2", counterRandom()));
    s.start();
    await s.time.advance(1_000);
    expect(s.runtime.calls).toEqual(["resumePodSandbox default/web dns=10.96.0.10", "resumeContainer nginx attempt=2 args=nginx -g daemon off;"]);
    const st = statusOf(s.cluster, "web");
    expect([st.startTime, st.containerStatuses[0].containerID, st.containerStatuses[0].restartCount, st.containerStatuses[0].ready, st.containerStatuses[0].state]).toEqual([
      "2026-01-01T00:01:00Z",
      "containerd://" + "ab".repeat(32),
      2,
      true,
      { running: { startedAt: "2026-01-01T00:01:03Z" } },
    ]);
    // The node is new to this fake API, so its conditions are reported; nothing about starting or the pod.
    expect(events(s.cluster)).toEqual(["node01 NodeHasSufficientMemory", "node01 NodeHasNoDiskPressure", "node01 NodeHasSufficientPID", "node01 NodeReady"]);
  });
});
