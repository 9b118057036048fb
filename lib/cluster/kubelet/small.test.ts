// Tests of the small pure modules: backoff, durations, probes, admission, klog, flags, config, static pods.
import { describe, expect, it } from "vitest";
import { FakeTime } from "../runtime/timers.js";
import { admitPod, rejectedStatus } from "./admission.js";
import { Backoff } from "./backoff.js";
import { decodeKubeletConfiguration, defaultKubeletConfig, evictionError, loadConfigError, validateKubeletConfig } from "./config.js";
import { goDuration, parseGoDuration } from "./duration.js";
import { parseKubeletFlags } from "./flags.js";
import { klogLine } from "./klog.js";
import { httpProbeOutcome, ProbeState, probeKillMessage, unhealthyMessage } from "./probe.js";
import { decodeStaticPod, mirrorPod } from "./static-pod.js";
import type { Pod } from "./types.js";

describe("goDuration", () => {
  const cases: [number, string][] = [[10_000, "10s"], [80_000, "1m20s"], [300_000, "5m0s"], [2345, "2.345s"], [350, "350ms"], [3_600_000, "1h0m0s"]];
  for (const [ms, s] of cases) it(s, () => expect(goDuration(ms)).toBe(s));
  it("parses", () => expect([parseGoDuration("1m30s"), parseGoDuration("0s"), parseGoDuration("x")]).toEqual([90_000, 0, undefined]));
});

describe("Backoff (CrashLoopBackOff steps)", () => {
  it("doubles from 10s to 5m and resets after 10 minutes of stability", async () => {
    const t = new FakeTime();
    const b = new Backoff(t, 10_000, 300_000);
    const steps: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next("k", t.now());
      steps.push(b.get("k"));
    }
    expect(steps.map(goDuration)).toEqual(["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"]);
    const finished = t.now();
    expect(b.isInBackOffSince("k", finished)).toBe(true);
    await t.advance(300_000);
    expect(b.isInBackOffSince("k", finished)).toBe(false);
    await t.advance(301_000);
    b.next("k", t.now());
    expect(goDuration(b.get("k"))).toBe("10s");
  });
});

describe("ProbeState", () => {
  it("liveness reports failure after failureThreshold and holds", () => {
    const p = new ProbeState("liveness", { failureThreshold: 3 });
    expect([p.observe("failure"), p.observe("failure"), p.observe("failure")]).toEqual([undefined, undefined, "failure"]);
    expect(p.due(100_000)).toBe(false);
    p.reset();
    expect(p.due(0)).toBe(true);
  });
  it("readiness starts failed and reports success at successThreshold", () => {
    const p = new ProbeState("readiness", { successThreshold: 2, initialDelaySeconds: 5 });
    expect(p.reported).toBe("failure");
    expect(p.due(4_000)).toBe(false);
    expect([p.observe("success"), p.observe("success"), p.observe("success")]).toEqual([undefined, "success", undefined]);
  });
  it("messages", () => {
    expect(unhealthyMessage("liveness", httpProbeOutcome(500).output)).toBe("Liveness probe failed: HTTP probe failed with statuscode: 500");
    expect(probeKillMessage("liveness", "web")).toBe("Container web failed liveness probe, will be restarted");
  });
});

describe("admitPod", () => {
  const node = { metadata: { name: "node01", labels: { disk: "ssd" } }, status: { allocatable: { pods: "2", cpu: "2", memory: "4Gi" } } };
  const p = (over: Partial<Pod["spec"]> = {}): Pod => ({ metadata: { name: "x" }, spec: { containers: [{ name: "c" }], ...over } });
  const cases = [
    { name: "fits", pod: p(), admitted: [p()], want: undefined },
    { name: "OutOfpods", pod: p(), admitted: [p(), p()], want: { reason: "OutOfpods", message: "Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2" } },
    { name: "OutOfcpu", pod: p({ containers: [{ name: "c", resources: { requests: { cpu: "3" } } }] }), admitted: [], want: { reason: "OutOfcpu", message: "Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000" } },
    { name: "nodeSelector mismatch", pod: p({ nodeSelector: { disk: "hdd" } }), admitted: [], want: { reason: "NodeAffinity", message: "Predicate NodeAffinity failed" } },
    {
      name: "required affinity matches",
      pod: p({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] }] } } } }),
      admitted: [],
      want: undefined,
    },
  ];
  for (const c of cases) it(c.name, () => expect(admitPod(c.pod, c.admitted, node)).toEqual(c.want));
  it("rejected status", () =>
    expect(rejectedStatus(p(), { reason: "OutOfpods", message: "m" })).toEqual({ phase: "Failed", reason: "OutOfpods", message: "Pod was rejected: m" }));
});

describe("klog", () => {
  it("formats a structured line", () =>
    expect(klogLine("I", new Date("2026-11-25T10:00:00.123Z"), 1234, "kubelet_node_status.go:75", "Attempting to register node", [["node", "node01"]])).toBe(
      'I1125 10:00:00.123000    1234 kubelet_node_status.go:75] "Attempting to register node" node="node01"',
    ));
});

describe("flags", () => {
  it("parses kubeadm's argv with deprecations", () => {
    const f = parseKubeletFlags(["--kubeconfig=/etc/kubernetes/kubelet.conf", "--config", "/var/lib/kubelet/config.yaml", "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock"]);
    expect(Object.fromEntries(f.values)).toEqual({ kubeconfig: "/etc/kubernetes/kubelet.conf", config: "/var/lib/kubelet/config.yaml", "container-runtime-endpoint": "unix:///var/run/containerd/containerd.sock" });
    expect(f.deprecations).toEqual([
      "Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag. See https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information.",
    ]);
  });
  it("rejects unknown flags as pflag does", () => expect(() => parseKubeletFlags(["--confg=/x"])).toThrow("unknown flag: --confg"));
});

describe("KubeletConfiguration", () => {
  const base = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
  it("defaults", () => {
    const c = defaultKubeletConfig(decodeKubeletConfiguration(base + "staticPodPath: /etc/kubernetes/manifests\nclusterDNS:\n- 10.96.0.10\n").doc);
    expect([c.staticPodPath, c.maxPods, c.clusterDNS, c.nodeStatusUpdateFrequencyMs, c.nodeLeaseDurationSeconds, c.evictionHard["memory.available"]]).toEqual(["/etc/kubernetes/manifests", 110, ["10.96.0.10"], 10_000, 40, "100Mi"]);
  });
  it("unknown fields decode leniently with a warning", () => expect(decodeKubeletConfiguration(base + "maxPod: 40\n").warnings).toEqual(['strict decoding error: unknown field "maxPod"']));
  const bad = [
    { name: "wrong type", text: base + 'maxPods: "forty"\n', err: "failed to decode: json: cannot unmarshal string into Go struct field KubeletConfiguration.maxPods of type int32" },
    { name: "wrong kind", text: "apiVersion: v1\nkind: Pod\n", err: 'failed to decode: no kind "Pod" is registered for version "v1" in scheme "pkg/kubelet/apis/config/scheme/scheme.go:34"' },
  ];
  for (const c of bad) it(c.name, () => expect(() => decodeKubeletConfiguration(c.text)).toThrow(c.err));
  it("validation", () => {
    const c = defaultKubeletConfig(decodeKubeletConfiguration(base + "maxPods: -1\n").doc);
    expect(validateKubeletConfig(c)).toBe("invalid configuration: maxPods (--max-pods) -1 must not be a negative number");
    expect(evictionError({ ...c, evictionHard: { "memory.availble": "1Mi" } })).toBe("unsupported eviction signal memory.availble");
  });
  it("load error chain", () =>
    expect(loadConfigError("/var/lib/kubelet/x.yaml", 'failed to read kubelet config file "/var/lib/kubelet/x.yaml", error: open /var/lib/kubelet/x.yaml: no such file or directory')).toBe(
      'failed to load kubelet config file, path: /var/lib/kubelet/x.yaml, error: failed to load Kubelet config file /var/lib/kubelet/x.yaml, error failed to read kubelet config file "/var/lib/kubelet/x.yaml", error: open /var/lib/kubelet/x.yaml: no such file or directory',
    ));
});

describe("static pods", () => {
  const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\n  labels:\n    role: warmer\nspec:\n  containers:\n  - name: redis\n    image: redis:7.2\n";
  it("decodes with the file source's defaults and makes the mirror", () => {
    const pod = decodeStaticPod(manifest, "/etc/kubelet.d/cache.yaml", "node02", new Date("2026-01-01T00:00:00.5Z"));
    const hash = pod.metadata!.uid!;
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(pod.metadata).toEqual({
      name: "cache-node02",
      namespace: "default",
      uid: hash,
      labels: { role: "warmer" },
      annotations: { "kubernetes.io/config.hash": hash, "kubernetes.io/config.seen": "2026-01-01T00:00:00.5Z", "kubernetes.io/config.source": "file" },
    });
    expect(pod.spec.tolerations).toEqual([{ operator: "Exists", effect: "NoExecute" }]);
    const m = mirrorPod(pod, { name: "node02", uid: "n-uid" });
    expect(m.metadata!.annotations!["kubernetes.io/config.mirror"]).toBe(hash);
    expect(m.metadata!.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Node", name: "node02", uid: "n-uid", controller: true }]);
    expect(m.metadata!.uid).toBeUndefined();
  });
  it("rejects a non-pod", () => expect(() => decodeStaticPod("kind: Service\n", "/m/s.yaml", "n", new Date())).toThrow("/m/s.yaml: couldn't parse as pod("));
});
