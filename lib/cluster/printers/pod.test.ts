// Golden rows from TestPrintPod, TestPrintPodWithRestartableInitContainer, TestPrintPodwide and
// TestPrintPodConditions in kubernetes/pkg/printers/internalversion/printers_test.go (v1.32);
// Go structs translated to v1 JSON, expected cells are upstream's.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { podPrinter } from "./pod";
import { ago, containers, daysAgo, nonWide, wide } from "./testutil";

const running = { running: {} };
const waiting = (reason?: string) => ({ waiting: reason ? { reason } : {} });
const terminated = (t: Record<string, unknown> = {}) => ({ terminated: t });
const lastTerminated = (ms: number) => ({ terminated: { finishedAt: ago(ms) } });
const restartable = (name: string) => ({ name, restartPolicy: "Always" });

function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, ...meta }, spec, status };
}

describe("printPod (non-wide columns)", () => {
  const cases: [string, KObject, unknown[]][] = [
    ["name, containers, restarts, ready", pod("test1", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
    }), ["test1", "1/2", "podPhase", "6", "<unknown>"]],
    ["container waiting reason overwrites phase", pod("test2", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { state: waiting("ContainerWaitingReason"), restartCount: 3 }],
    }), ["test2", "1/2", "ContainerWaitingReason", "6", "<unknown>"]],
    ["first container's reason wins", pod("test3", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [
        { state: waiting("ContainerWaitingReason"), restartCount: 3 },
        { state: terminated({ reason: "ContainerTerminatedReason" }), restartCount: 3 },
      ],
    }), ["test3", "0/2", "ContainerWaitingReason", "6", "<unknown>"]],
    ["ready is not enough for running", pod("test4", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }],
    }), ["test4", "1/2", "podPhase", "6", "<unknown>"]],
    ["pod reason overrides phase", pod("test5", { containers: containers(2) }, {
      reason: "podReason",
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }],
    }), ["test5", "1/2", "podReason", "6", "<unknown>"]],
    ["completed + running without Ready condition", pod("test6", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 3, state: terminated({ reason: "Completed", exitCode: 0 }) },
        { ready: true, restartCount: 3, state: running },
      ],
    }), ["test6", "1/2", "NotReady", "6", "<unknown>"]],
    ["completed + running with Ready condition", pod("test6", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 3, state: terminated({ reason: "Completed", exitCode: 0 }) },
        { ready: true, restartCount: 3, state: running },
      ],
      conditions: [{ type: "Ready", status: "True", lastProbeTime: ago(0) }],
    }), ["test6", "1/2", "Running", "6", "<unknown>"]],
    ["init container restarting", pod("test7", { initContainers: containers(1), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [{ ready: false, restartCount: 3, state: running, lastState: lastTerminated(10_000) }],
      containerStatuses: [{ ready: false, restartCount: 0, state: waiting() }],
    }), ["test7", "0/1", "Init:0/1", "3 (10s ago)", "<unknown>"]],
    ["two init containers, first restarting", pod("test8", { initContainers: containers(2), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [
        { ready: false, restartCount: 3, state: running, lastState: lastTerminated(10_000) },
        { ready: false, state: waiting() },
      ],
      containerStatuses: [{ ready: false, state: waiting() }],
    }), ["test8", "0/1", "Init:0/2", "3 (10s ago)", "<unknown>"]],
    ["first init done, second restarting", pod("test9", { initContainers: containers(2), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [
        { ready: false, state: terminated() },
        { ready: false, restartCount: 3, state: running, lastState: lastTerminated(10_000) },
      ],
      containerStatuses: [{ ready: false, state: waiting() }],
    }), ["test9", "0/1", "Init:1/2", "3 (10s ago)", "<unknown>"]],
    ["first init done with restarts", pod("test10", { initContainers: containers(2), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [
        { ready: false, restartCount: 2, state: terminated(), lastState: lastTerminated(120_000) },
        { ready: false, restartCount: 3, state: running, lastState: lastTerminated(10_000) },
      ],
      containerStatuses: [{ ready: false, state: waiting() }],
    }), ["test10", "0/1", "Init:1/2", "5 (10s ago)", "<unknown>"]],
    ["init done, container restarting", pod("test11", { initContainers: containers(1), containers: containers(1) }, {
      phase: "Running",
      initContainerStatuses: [{ ready: false, restartCount: 2, state: terminated(), lastState: lastTerminated(120_000) }],
      containerStatuses: [{ ready: false, restartCount: 4, state: running, lastState: lastTerminated(20_000) }],
    }), ["test11", "0/1", "Running", "4 (20s ago)", "<unknown>"]],
    ["restarted 5d ago", pod("test12", { containers: containers(1) }, {
      phase: "Running",
      containerStatuses: [{ ready: true, restartCount: 3, state: running, lastState: { terminated: { finishedAt: daysAgo(5) } } }],
    }), ["test12", "1/1", "Running", "3 (5d ago)", "<unknown>"]],
    ["one never restarted, one 10d ago", pod("test13", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 0, state: running },
        { ready: true, restartCount: 3, state: running, lastState: { terminated: { finishedAt: daysAgo(10) } } },
      ],
    }), ["test13", "2/2", "Running", "3 (10d ago)", "<unknown>"]],
    ["latest restart wins", pod("test14", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 6, state: running, lastState: { terminated: { finishedAt: daysAgo(5) } } },
        { ready: true, restartCount: 3, state: running, lastState: { terminated: { finishedAt: daysAgo(20) } } },
      ],
    }), ["test14", "2/2", "Running", "9 (5d ago)", "<unknown>"]],
    ["SchedulingGated", pod("test15", { containers: containers(2) }, {
      phase: "podPhase",
      conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }],
    }), ["test15", "0/2", "SchedulingGated", "0", "<unknown>"]],
    ["succeeded", pod("test16", { containers: containers(1) }, {
      phase: "Succeeded",
      containerStatuses: [{ ready: false, restartCount: 0, state: terminated({ reason: "Completed", exitCode: 0 }) }],
    }), ["test16", "0/1", "Completed", "0", "<unknown>"]],
    ["failed", pod("test17", { containers: containers(1) }, {
      phase: "Failed",
      containerStatuses: [{ ready: false, restartCount: 0, state: terminated({ reason: "Error", exitCode: 1 }) }],
    }), ["test17", "0/1", "Error", "0", "<unknown>"]],
    ["succeeded while deleting", pod("test18", { containers: containers(1) }, {
      phase: "Succeeded",
      containerStatuses: [{ ready: false, restartCount: 0, state: terminated({ reason: "Completed", exitCode: 0 }) }],
    }, { deletionTimestamp: ago(10_000) }), ["test18", "0/1", "Completed", "0", "<unknown>"]],
    ["running while deleting", pod("test19", { containers: containers(1) }, {
      phase: "Running",
      containerStatuses: [{ ready: false, restartCount: 0, state: running }],
    }, { deletionTimestamp: ago(10_000) }), ["test19", "0/1", "Terminating", "0", "<unknown>"]],
    ["pending while deleting", pod("test20", { containers: containers(1) }, { phase: "Pending" }, { deletionTimestamp: ago(10_000) }),
      ["test20", "0/1", "Terminating", "0", "<unknown>"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(nonWide(podPrinter, obj)).toEqual(want);
  });
});

describe("printPod with restartable init containers (sidecars)", () => {
  const sidecars = { initContainers: [restartable("restartable-init-1"), restartable("restartable-init-2")], containers: containers(1) };
  const cases: [string, KObject, unknown[]][] = [
    ["first running but not started", pod("test1", sidecars, {
      phase: "Pending",
      initContainerStatuses: [
        { name: "restartable-init-1", ready: false, restartCount: 3, state: running, started: false, lastState: lastTerminated(10_000) },
        { name: "restartable-init-2", ready: false, state: waiting(), started: false },
      ],
      containerStatuses: [{ ready: false, restartCount: 0, state: waiting() }],
      conditions: [{ type: "Initialized", status: "False" }],
    }), ["test1", "0/3", "Init:0/2", "3 (10s ago)", "<unknown>"]],
    ["first started, second not", pod("test1", sidecars, {
      phase: "Pending",
      initContainerStatuses: [
        { name: "restartable-init-1", ready: false, restartCount: 3, state: running, started: true, lastState: lastTerminated(10_000) },
        { name: "restartable-init-2", ready: false, state: running, started: false },
      ],
      containerStatuses: [{ ready: false, restartCount: 0, state: waiting() }],
      conditions: [{ type: "Initialized", status: "False" }],
    }), ["test1", "0/3", "Init:1/2", "3 (10s ago)", "<unknown>"]],
    ["both started, container running", pod("test2", sidecars, {
      phase: "Running",
      initContainerStatuses: [
        { name: "restartable-init-1", ready: false, restartCount: 3, state: running, started: true, lastState: lastTerminated(10_000) },
        { name: "restartable-init-2", ready: false, state: running, started: true },
      ],
      containerStatuses: [{ ready: true, restartCount: 4, state: running, lastState: lastTerminated(20_000) }],
      conditions: [{ type: "Initialized", status: "True" }],
    }), ["test2", "1/3", "Running", "7 (10s ago)", "<unknown>"]],
    ["sidecars exited non-zero, container completed", pod("test3", sidecars, {
      phase: "Succeeded",
      initContainerStatuses: [
        { name: "restartable-init-1", ready: false, restartCount: 3, state: terminated({ reason: "Error", exitCode: 137 }), started: false, lastState: lastTerminated(10_000) },
        { name: "restartable-init-2", ready: false, state: terminated({ reason: "Error", exitCode: 137 }), started: false },
      ],
      containerStatuses: [{ ready: false, restartCount: 4, state: terminated({ reason: "Completed", exitCode: 0 }), lastState: lastTerminated(20_000) }],
      conditions: [{ type: "Initialized", status: "True" }],
    }), ["test3", "0/3", "Completed", "7 (10s ago)", "<unknown>"]],
    ["statuses for containers not in the spec", pod("test4", {
      initContainers: [{ name: "init1", image: "initimage" }, { name: "sidecar1", image: "sidecarimage", restartPolicy: "Always" }],
      containers: [{ name: "container1", image: "containerimage" }],
    }, {
      phase: "Running",
      initContainerStatuses: [{ name: "initinvalid" }, { name: "init1" }, { name: "sidecar1" }],
      containerStatuses: [{ name: "containerinvalid" }, { name: "container1" }],
    }), ["test4", "0/2", "Init:0/2", "0", "<unknown>"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(nonWide(podPrinter, obj)).toEqual(want);
  });
});

describe("printPod wide", () => {
  const gates = [{ conditionType: "condition1" }, { conditionType: "condition2" }, { conditionType: "condition3" }];
  const status = (podIPs: unknown[]) => ({
    conditions: [{ type: "condition1", status: "False" }, { type: "condition2", status: "True" }],
    phase: "podPhase",
    podIPs,
    containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
    nominatedNodeName: "node1",
  });
  const cases: [string, KObject, unknown[]][] = [
    ["node, IP, nominated node, readiness gates", pod("test1", { containers: containers(2), nodeName: "test1", readinessGates: gates }, status([{ ip: "1.1.1.1" }])),
      ["test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3"]],
    ["dual-stack shows the first IP", pod("test1", { containers: containers(2), nodeName: "test1", readinessGates: gates }, status([{ ip: "1.1.1.1" }, { ip: "2001:db8::" }])),
      ["test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3"]],
    ["nothing set", pod("test2", { containers: containers(2), nodeName: "" }, {
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { state: waiting("ContainerWaitingReason"), restartCount: 3 }],
    }), ["test2", "1/2", "ContainerWaitingReason", "6", "<unknown>", "<none>", "<none>", "<none>", "<none>"]],
  ];
  it.each(cases)("%s", (_name, obj, want) => {
    expect(wide(podPrinter, obj)).toEqual(want);
  });
});

describe("printPod row conditions", () => {
  const statuses = { containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] };
  const cases: [string, string, unknown][] = [
    ["running has none", "Running", undefined],
    ["succeeded", "Succeeded", [{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." }]],
    ["failed", "Failed", [{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }]],
  ];
  it.each(cases)("%s", (_name, phase, want) => {
    const obj = pod("test1", { containers: containers(2) }, { phase, ...statuses });
    expect(podPrinter.conditions?.(obj)).toEqual(want);
    expect(nonWide(podPrinter, obj)).toEqual(["test1", "1/2", phase, "6", "<unknown>"]);
  });
});
