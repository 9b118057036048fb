import { describe, expect, it } from "vitest";
import { generatePodStatus, getPhase, type ContainerView } from "./status.js";
import { qosClass } from "./qos.js";
import type { Pod } from "./types.js";

const T0 = new Date("2026-01-01T00:00:00Z");
const T1 = new Date("2026-01-01T00:00:05Z");
const run = (over: Partial<NonNullable<ContainerView["current"]>> = {}) => ({
  containerID: "containerd://abc",
  image: "docker.io/library/nginx:latest",
  imageID: "docker.io/library/nginx@sha256:1",
  state: "running" as const,
  startedAt: T0,
  ...over,
});
const view = (over: Partial<ContainerView> = {}): ContainerView => ({ name: "app", specImage: "nginx", restartCount: 0, ready: false, started: false, ...over });
const pod = (restartPolicy: "Always" | "Never" | "OnFailure" = "Always", init = false): Pod => ({
  metadata: { name: "web", namespace: "default", uid: "u" },
  spec: { containers: [{ name: "app", image: "nginx" }], initContainers: init ? [{ name: "init", image: "busybox" }] : undefined, restartPolicy },
});

describe("generatePodStatus", () => {
  it("a pod whose container is being created", () => {
    expect(generatePodStatus({ pod: pod(), init: [], containers: [view()], sandboxReady: false, hostIP: "172.30.2.2", startTime: T0, now: T0 })).toEqual({
      conditions: [
        { type: "PodReadyToStartContainers", status: "False", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [app]", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "ContainersReady", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [app]", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" },
      ],
      hostIP: "172.30.2.2",
      hostIPs: [{ ip: "172.30.2.2" }],
      phase: "Pending",
      startTime: "2026-01-01T00:00:00Z",
      qosClass: "BestEffort",
      containerStatuses: [{ image: "nginx", imageID: "", lastState: {}, name: "app", ready: false, restartCount: 0, started: false, state: { waiting: { reason: "ContainerCreating" } } }],
    });
  });

  it("a running ready pod keeps transition times of unchanged conditions", () => {
    const p = pod();
    p.status = { conditions: [{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2025-12-31T23:59:59Z" }], startTime: "2025-12-31T23:59:59Z" };
    const s = generatePodStatus({ pod: p, init: [], containers: [view({ current: run(), ready: true, started: true })], sandboxReady: true, hostIP: "172.30.2.2", podIP: "10.244.1.4", now: T1 });
    expect(s.phase).toBe("Running");
    expect(s.podIP).toBe("10.244.1.4");
    expect(s.podIPs).toEqual([{ ip: "10.244.1.4" }]);
    expect(s.startTime).toBe("2025-12-31T23:59:59Z");
    expect((s.conditions as { type: string; status: string; lastTransitionTime: string }[]).map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ["PodReadyToStartContainers", "True", "2026-01-01T00:00:05Z"],
      ["Initialized", "True", "2026-01-01T00:00:05Z"],
      ["Ready", "True", "2026-01-01T00:00:05Z"],
      ["ContainersReady", "True", "2026-01-01T00:00:05Z"],
      ["PodScheduled", "True", "2025-12-31T23:59:59Z"],
    ]);
    expect(s.containerStatuses).toEqual([
      { containerID: "containerd://abc", image: "docker.io/library/nginx:latest", imageID: "docker.io/library/nginx@sha256:1", lastState: {}, name: "app", ready: true, restartCount: 0, started: true, state: { running: { startedAt: "2026-01-01T00:00:00Z" } } },
    ]);
  });

  it("CrashLoopBackOff shows the last termination", () => {
    const exited = run({ state: "exited", exitCode: 1, finishedAt: T1 });
    const s = generatePodStatus({
      pod: pod(),
      init: [],
      containers: [view({ current: exited, restartCount: 2, waiting: { reason: "CrashLoopBackOff", message: "back-off 20s restarting failed container=app pod=web_default(u)" } })],
      sandboxReady: true,
      hostIP: "h",
      now: T1,
    });
    expect(s.phase).toBe("Running");
    expect((s.containerStatuses as object[])[0]).toMatchObject({
      lastState: { terminated: { containerID: "containerd://abc", exitCode: 1, finishedAt: "2026-01-01T00:00:05Z", reason: "Error", startedAt: "2026-01-01T00:00:00Z" } },
      state: { waiting: { message: "back-off 20s restarting failed container=app pod=web_default(u)", reason: "CrashLoopBackOff" } },
    });
  });

  it("a completed restartPolicy Never pod", () => {
    const s = generatePodStatus({ pod: pod("Never"), init: [], containers: [view({ current: run({ state: "exited", exitCode: 0, finishedAt: T1 }) })], sandboxReady: false, hostIP: "h", now: T1 });
    expect(s.phase).toBe("Succeeded");
    expect((s.conditions as { type: string; reason?: string }[]).map((c) => [c.type, c.reason])).toEqual([
      ["PodReadyToStartContainers", undefined],
      ["Initialized", "PodCompleted"],
      ["Ready", "PodCompleted"],
      ["ContainersReady", "PodCompleted"],
      ["PodScheduled", undefined],
    ]);
  });

  it("init container pending: Init condition and PodInitializing", () => {
    const s = generatePodStatus({
      pod: pod("Always", true),
      init: [view({ name: "init", specImage: "busybox", current: run({ image: "busybox" }), started: false })],
      containers: [view({ waiting: { reason: "PodInitializing" } })],
      sandboxReady: true,
      hostIP: "h",
      now: T1,
    });
    expect(s.phase).toBe("Pending");
    expect((s.conditions as { type: string; message?: string }[])[1]).toMatchObject({ type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [init]" });
  });
});

describe("getPhase", () => {
  const term = (exitCode: number) => ({ terminated: { exitCode } });
  const cases = [
    { name: "Never + failed", policy: "Never", st: { state: term(1), lastState: {} }, want: "Failed" },
    { name: "OnFailure + failed restarting", policy: "OnFailure", st: { state: { waiting: {} }, lastState: term(1) }, want: "Running" },
    { name: "OnFailure + succeeded", policy: "OnFailure", st: { state: term(0), lastState: {} }, want: "Succeeded" },
    { name: "Always + exited", policy: "Always", st: { state: term(0), lastState: {} }, want: "Running" },
    { name: "waiting for image", policy: "Always", st: { state: { waiting: {} }, lastState: {} }, want: "Pending" },
  ] as const;
  for (const c of cases) it(c.name, () => expect(getPhase(pod(c.policy as "Always"), [], [{ name: "app", ready: false, ...c.st }])).toBe(c.want));
});

describe("qosClass", () => {
  const cases = [
    { name: "BestEffort", res: undefined, want: "BestEffort" },
    { name: "Guaranteed (limits only)", res: { limits: { cpu: "1", memory: "1Gi" } }, want: "Guaranteed" },
    { name: "Burstable", res: { requests: { cpu: "100m" } }, want: "Burstable" },
    { name: "Burstable when request differs", res: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }, want: "Burstable" },
  ];
  for (const c of cases) it(c.name, () => expect(qosClass({ containers: [{ name: "a", resources: c.res as Record<string, Record<string, string>> | undefined }] })).toBe(c.want));
});
