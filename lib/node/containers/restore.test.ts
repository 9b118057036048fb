import { describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/api/types.js";
import { counterRandom } from "../../cluster/client/fake.js";
import { restoreRecords } from "./restore.js";
import { containerConfig, newLab, sandboxConfig } from "./testing.js";

const C1 = "c1".repeat(32);
const C0 = "c0".repeat(32);
const I1 = "11".repeat(32);

/** A seeded static pod's mirror (kubeadm's etcd) and a finished Job pod, as lib/cluster/bootstrap writes them. */
const mirror = {
  metadata: { name: "etcd-controlplane", namespace: "kube-system", uid: "mirror-uid", annotations: { "kubernetes.io/config.mirror": "hash1", "kubernetes.io/config.hash": "hash1" } },
  spec: { nodeName: "controlplane", hostNetwork: true, initContainers: [{ name: "init", image: "busybox:1.36" }], containers: [{ name: "etcd", image: "registry.k8s.io/etcd:3.5.16-0" }] },
  status: {
    phase: "Running",
    podIP: "172.30.1.2",
    startTime: "2026-11-25T09:20:01Z",
    conditions: [{ type: "PodReadyToStartContainers", lastTransitionTime: "2026-11-25T09:20:02Z" }],
    initContainerStatuses: [{ name: "init", containerID: `containerd://${I1}`, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed", startedAt: "2026-11-25T09:20:02Z", finishedAt: "2026-11-25T09:20:03Z" } } }],
    containerStatuses: [
      {
        name: "etcd",
        containerID: `containerd://${C1}`,
        restartCount: 1,
        lastState: { terminated: { containerID: `containerd://${C0}`, exitCode: 2, reason: "Error", startedAt: "2026-11-25T09:20:04Z", finishedAt: "2026-11-25T09:25:00Z" } },
        state: { running: { startedAt: "2026-11-25T09:25:10Z" } },
      },
    ],
  },
} as unknown as KObject;
const pending = { metadata: { name: "new", namespace: "default", uid: "u2" }, spec: { nodeName: "controlplane", containers: [{ name: "c", image: "nginx" }] }, status: { phase: "Pending" } } as unknown as KObject;

describe("restoreRecords", () => {
  it("a sandbox per pod with containers, keyed by the kubelet's uid (a static pod's hash), with the status's ids, times and attempts", () => {
    const r = restoreRecords([mirror, pending], "172.30.1.2", counterRandom());
    expect(r.sandboxes.map((s) => [s.config.uid, s.config.logDirectory, s.state, s.createdAt.toISOString(), s.ip, s.config.hostNetwork])).toEqual([
      ["hash1", "/var/log/pods/kube-system_etcd-controlplane_hash1", "SANDBOX_READY", "2026-11-25T09:20:02.000Z", "172.30.1.2", true],
    ]);
    const sb = r.sandboxes[0].id;
    expect(r.containers.map((c) => [c.id, c.sandboxId === sb, c.config.name, c.config.attempt, c.config.logPath, c.state, c.createdAt.toISOString(), c.startedAt.toISOString(), c.finishedAt?.toISOString(), c.exitCode])).toEqual([
      [I1, true, "init", 0, "init/0.log", "CONTAINER_EXITED", "2026-11-25T09:20:02.000Z", "2026-11-25T09:20:02.000Z", "2026-11-25T09:20:03.000Z", 0],
      [C0, true, "etcd", 0, "etcd/0.log", "CONTAINER_EXITED", "2026-11-25T09:20:03.900Z", "2026-11-25T09:20:04.000Z", "2026-11-25T09:25:00.000Z", 2],
      [C1, true, "etcd", 1, "etcd/1.log", "CONTAINER_RUNNING", "2026-11-25T09:25:09.900Z", "2026-11-25T09:25:10.000Z", undefined, undefined],
    ]);
    expect(r.containers[2].config.labels).toEqual({ "io.kubernetes.container.name": "etcd", "io.kubernetes.pod.name": "etcd-controlplane", "io.kubernetes.pod.namespace": "kube-system", "io.kubernetes.pod.uid": "hash1" });
  });
});

describe("runtime restore and resume", () => {
  it("restored containers are listed with their times; resuming starts the process and keeps id, createdAt and startedAt", async () => {
    const lab = newLab();
    const pulling = lab.rt.pullImage("busybox:1.36");
    await lab.time.advance(60_000);
    await pulling;
    const sandbox = { ...sandboxConfig("web"), dns: { servers: [], searches: [], options: [] } };
    const startedAt = new Date("2026-11-25T09:30:00Z");
    lab.rt.restore({
      sandboxes: [{ id: "s".repeat(64), config: sandbox, state: "SANDBOX_READY", createdAt: new Date("2026-11-25T09:29:00Z"), ip: "10.244.1.9" }],
      containers: [{ id: "a".repeat(64), sandboxId: "s".repeat(64), config: containerConfig("c", "busybox:1.36", { attempt: 3 }), state: "CONTAINER_RUNNING", createdAt: new Date("2026-11-25T09:29:59Z"), startedAt }],
    });
    expect([lab.rt.needsResume("s".repeat(64)), lab.rt.needsResume("a".repeat(64))]).toEqual([true, true]);
    expect(lab.rt.listContainers().map((c) => [c.state, c.createdAt.toISOString(), c.startedAt?.toISOString(), c.config.attempt])).toEqual([
      ["CONTAINER_RUNNING", "2026-11-25T09:29:59.000Z", "2026-11-25T09:30:00.000Z", 3],
    ]);
    await lab.rt.resumePodSandbox("s".repeat(64), sandboxConfig("web"));
    await lab.rt.resumeContainer("a".repeat(64), containerConfig("c", "busybox:1.36", { attempt: 3, command: ["sh", "-c", "echo resumed; sleep 3600"] }));
    await lab.flush();
    expect([lab.rt.needsResume("s".repeat(64)), lab.rt.needsResume("a".repeat(64))]).toEqual([false, false]);
    const st = lab.rt.containerStatus("a".repeat(64))!;
    expect([st.state, st.createdAt.toISOString(), st.startedAt?.toISOString(), st.config.command]).toEqual(["CONTAINER_RUNNING", "2026-11-25T09:29:59.000Z", "2026-11-25T09:30:00.000Z", ["sh", "-c", "echo resumed; sleep 3600"]]);
    expect(lab.rt.readLog("a".repeat(64)).toString()).toMatch(/ stdout F resumed\n$/);
    expect(lab.rt.listPodSandboxes()[0].config.dns.servers).toEqual(["10.96.0.10"]);
  });
});
