import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/api/types.js";
import { counterRandom, FakeCluster } from "../../cluster/client/fake.js";
import { GR } from "../../cluster/client/types.js";
import { FakeTime } from "../../cluster/runtime/timers.js";
import { kubeletConfigYaml } from "../kubeadm/kubelet.js";
import { createKubeletProgram, KubeletRegistry } from "./program.js";
import { FakeRuntime } from "./testing/fake-runtime.js";

const ARGV = [
  "/usr/bin/kubelet",
  "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
  "--kubeconfig=/etc/kubernetes/kubelet.conf",
  "--config=/var/lib/kubelet/config.yaml",
  "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
  "--pod-infra-container-image=registry.k8s.io/pause:3.10",
];

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
  roots = [];
});

function setup(opts: { config?: string | null; runtimeError?: boolean } = {}) {
  const root = mkdtempSync(join(tmpdir(), "kubelet-"));
  roots.push(root);
  const nodePath = (p: string) => join(root, p);
  const write = (p: string, s: string) => {
    mkdirSync(join(nodePath(p), ".."), { recursive: true });
    writeFileSync(nodePath(p), s);
  };
  if (opts.config !== null) write("/var/lib/kubelet/config.yaml", opts.config ?? kubeletConfigYaml());
  write("/etc/kubernetes/kubelet.conf", "apiVersion: v1\nkind: Config\n");
  write("/etc/kubernetes/pki/ca.crt", "CA");
  mkdirSync(nodePath("/etc/kubernetes/manifests"), { recursive: true });
  const time = new FakeTime("2026-01-01T00:00:00Z");
  const cluster = new FakeCluster(time, counterRandom());
  const runtime = new FakeRuntime(time, { missingImages: new Set(["nginx:nope"]), crashOn: { match: "exit 1", exitCode: 1 } });
  const lines: string[] = [];
  const exits: number[] = [];
  const registry = new KubeletRegistry();
  const program = createKubeletProgram({
    nodeName: "node01",
    nodeIP: "172.30.2.2",
    nodePath,
    connectApi: async () => cluster,
    connectRuntime: () => (opts.runtimeError ? new Error("dial") : runtime),
    time,
    random: counterRandom(),
    registry,
  });
  return { time, cluster, runtime, lines, exits, write, registry, start: (argv = ARGV) => program(argv, {}, { log: (l) => lines.push(l), exit: (c) => exits.push(c) }) };
}

const events = (c: FakeCluster, name: string) =>
  c.list(GR.events).filter((e) => (e.involvedObject as { name: string }).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);

describe("kubelet startup failures", () => {
  const cases = [
    { name: "unknown flag", argv: [...ARGV, "--max-podz=3"], err: 'err="failed to parse kubelet flag: unknown flag: --max-podz"' },
    {
      name: "missing config file",
      argv: ARGV.map((a) => a.replace("config.yaml", "kubelet-config.yaml")),
      err: 'err="failed to load kubelet config file, path: /var/lib/kubelet/kubelet-config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/kubelet-config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/kubelet-config.yaml\\", error: open /var/lib/kubelet/kubelet-config.yaml: no such file or directory"',
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const s = setup();
      s.start(c.argv);
      await s.time.advance(1);
      expect(s.exits).toEqual([1]);
      expect(s.lines.at(-1)).toBe(`E0101 00:00:00.000000    ${s.lines.at(-1)!.split(/\s+/)[2]} run.go:74] "command failed" ${c.err}`);
    });

  it("wrong runtime socket", async () => {
    const s = setup({ runtimeError: true });
    s.start();
    await s.time.advance(1);
    expect(s.exits).toEqual([1]);
    expect(s.lines.at(-1)).toContain(
      'err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory\\""',
    );
  });
});

describe("kubelet running", () => {
  it("registers the node, renews its lease and runs a pod", async () => {
    const s = setup();
    s.runtime.addImage("nginx:1.27");
    const proc = s.start();
    await s.time.advance(100);
    expect(s.lines.slice(0, 2)).toEqual([
      "Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag. See https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information.",
      "Flag --pod-infra-container-image has been deprecated, will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.",
    ]);
    const node = s.cluster.get(GR.nodes, "", "node01")!;
    expect((node.status as { conditions: { type: string; status: string; reason: string }[] }).conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      "MemoryPressure=False/KubeletHasSufficientMemory",
      "DiskPressure=False/KubeletHasNoDiskPressure",
      "PIDPressure=False/KubeletHasSufficientPID",
      "Ready=True/KubeletReady",
    ]);
    expect((node.status as { capacity: unknown }).capacity).toMatchObject({ cpu: "2", pods: "110" });
    expect(events(s.cluster, "node01")).toEqual([
      "Normal Starting Starting kubelet.",
      "Normal NodeHasSufficientMemory Node node01 status is now: NodeHasSufficientMemory",
      "Normal NodeHasNoDiskPressure Node node01 status is now: NodeHasNoDiskPressure",
      "Normal NodeHasSufficientPID Node node01 status is now: NodeHasSufficientPID",
      "Normal NodeReady Node node01 status is now: NodeReady",
      "Normal NodeAllocatableEnforced Updated Node Allocatable limit across pods",
    ]);
    expect(s.cluster.get(GR.leases, "kube-node-lease", "node01")!.spec).toEqual({ holderIdentity: "node01", leaseDurationSeconds: 40, renewTime: "2026-01-01T00:00:00.000000Z" });
    await s.time.advance(10_000);
    expect((s.cluster.get(GR.leases, "kube-node-lease", "node01")!.spec as { renewTime: string }).renewTime).toBe("2026-01-01T00:00:10.000000Z");

    await s.cluster.create(GR.pods, { metadata: { name: "web", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "nginx", image: "nginx:1.27", imagePullPolicy: "IfNotPresent" }] } } as KObject);
    await s.time.advance(100);
    const pod = s.cluster.get(GR.pods, "default", "web")!;
    const st = pod.status as { phase: string; podIP: string; containerStatuses: { ready: boolean; state: object }[] };
    expect([st.phase, st.podIP, st.containerStatuses[0].ready]).toEqual(["Running", "10.244.1.10", true]);
    expect(events(s.cluster, "web")).toEqual([
      'Normal Pulled Container image "nginx:1.27" already present on machine',
      "Normal Created Created container: nginx",
      "Normal Started Started container nginx",
    ]);

    await s.cluster.delete(GR.pods, "default", "web");
    await s.time.advance(100);
    expect(s.cluster.get(GR.pods, "default", "web")).toBeUndefined();
    expect(events(s.cluster, "web").at(-1)).toBe("Normal Killing Stopping container nginx");
    await proc.stop();
  });

  it("starts a native sidecar (restartable init container) before the main container, and both run", async () => {
    const s = setup();
    s.runtime.addImage("busybox:1.36");
    s.start();
    await s.time.advance(100);
    await s.cluster.create(GR.pods, {
      metadata: { name: "logger", namespace: "default" },
      spec: {
        nodeName: "node01",
        initContainers: [{ name: "log-tail", image: "busybox:1.36", restartPolicy: "Always", command: ["sleep", "3600"] }],
        containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "3600"] }],
      },
    } as KObject);
    await s.time.advance(1_000);
    const st = s.cluster.get(GR.pods, "default", "logger")!.status as {
      phase: string;
      conditions: { type: string; status: string }[];
      initContainerStatuses: { name: string; started: boolean; ready: boolean; state: object }[];
      containerStatuses: { name: string; started: boolean; ready: boolean }[];
    };
    expect(st.phase).toBe("Running");
    expect(st.conditions.map((c) => `${c.type}=${c.status}`)).toContain("Initialized=True");
    expect(st.initContainerStatuses.map((c) => [c.name, c.started, c.ready, Object.keys(c.state)[0]])).toEqual([["log-tail", true, true, "running"]]);
    expect(st.containerStatuses.map((c) => [c.name, c.started, c.ready])).toEqual([["app", true, true]]);
  });

  it("pull failure backs off; a crashing container goes into CrashLoopBackOff", async () => {
    const s = setup();
    s.runtime.addImage("busybox:1.36");
    s.start();
    await s.time.advance(100);
    await s.cluster.create(GR.pods, { metadata: { name: "bad", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "c", image: "nginx:nope" }] } } as KObject);
    await s.cluster.create(GR.pods, { metadata: { name: "crash", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "c", image: "busybox:1.36", command: ["sh", "-c", "exit 1"] }] } } as KObject);
    await s.time.advance(3_000);
    const bad = (s.cluster.get(GR.pods, "default", "bad")!.status as { containerStatuses: { state: { waiting: { reason: string } } }[] }).containerStatuses[0];
    expect(bad.state.waiting.reason).toBe("ErrImagePull");
    await s.time.advance(5_000);
    expect((s.cluster.get(GR.pods, "default", "bad")!.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0].state).toEqual({ waiting: { message: 'Back-off pulling image "nginx:nope"', reason: "ImagePullBackOff" } });
    const crash = s.cluster.get(GR.pods, "default", "crash")!.status as { containerStatuses: { restartCount: number; state: unknown }[] };
    expect(crash.containerStatuses[0].restartCount).toBe(1);
    expect(crash.containerStatuses[0].state).toEqual({ waiting: { message: `back-off 10s restarting failed container=c pod=crash_default(${s.cluster.get(GR.pods, "default", "crash")!.metadata!.uid})`, reason: "CrashLoopBackOff" } });
    expect(events(s.cluster, "bad")).toContain('Warning Failed Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found');
  });

  it("runs a static pod and keeps its mirror", async () => {
    const s = setup();
    s.runtime.addImage("redis:7.2");
    s.write("/etc/kubernetes/manifests/cache.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n  - name: redis\n    image: redis:7.2\n");
    s.write("/etc/kubernetes/manifests/broken.yaml", "kind: Service\n");
    s.start();
    await s.time.advance(200);
    const mirror = s.cluster.get(GR.pods, "default", "cache-node01")!;
    expect(mirror.metadata!.annotations!["kubernetes.io/config.source"]).toBe("file");
    expect((mirror.status as { phase: string }).phase).toBe("Running");
    expect(s.lines.some((l) => l.includes('"Could not process manifest file"') && l.includes('path="/etc/kubernetes/manifests/broken.yaml"'))).toBe(true);
    const logs = s.registry.get("node01")!.containerLogs("default", "cache-node01", "redis", {});
    expect(logs).not.toBeInstanceOf(Error);

    // `kubectl delete pod cache-node01` (graceful): the kubelet removes the mirror pod at once
    // and creates a new one (new UID), as SyncPod does for a mirror pod being deleted.
    const before = mirror.metadata!.uid;
    await s.cluster.delete(GR.pods, "default", "cache-node01");
    await s.time.advance(200);
    const again = s.cluster.get(GR.pods, "default", "cache-node01")!;
    expect(again.metadata!.deletionTimestamp).toBeUndefined();
    expect(again.metadata!.uid).not.toBe(before);
    expect(again.metadata!.annotations!["kubernetes.io/config.mirror"]).toBe(mirror.metadata!.annotations!["kubernetes.io/config.mirror"]);
  });
});
