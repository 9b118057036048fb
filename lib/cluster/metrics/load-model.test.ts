import { describe, expect, it } from "vitest";
import { containerUsage, imageRepository, stressLoad, type ContainerLoadInput } from "./load-model.js";
import { cpuQuantity, goDuration, memoryQuantity } from "./objects.js";
import { RequestMeter } from "./request-meter.js";

const Mi = 1024 * 1024;
const base = (over: Partial<ContainerLoadInput>): ContainerLoadInput => ({ name: "c", image: "nginx", argv: [], ...over });

describe("load model (docs/load-model.md)", () => {
  const cases: [string, ContainerLoadInput, { cpuCores: number; memoryBytes: number }][] = [
    ["nginx idles at 1m / 3Mi", base({ image: "docker.io/library/nginx:1.27" }), { cpuCores: 0.001, memoryBytes: 3 * Mi }],
    ["busybox sleeping uses nothing", base({ image: "busybox:1.36", argv: ["sleep", "3600"] }), { cpuCores: 0, memoryBytes: 512 * 1024 }],
    ["a shell loop with sleep is nearly idle", base({ image: "busybox", argv: ["sh", "-c", "while true; do date; sleep 5; done"] }), { cpuCores: 0.001, memoryBytes: 512 * 1024 }],
    ["a shell loop without sleep spins one core", base({ image: "busybox", argv: ["sh", "-c", "while true; do :; done"] }), { cpuCores: 1, memoryBytes: 512 * 1024 }],
    ["...throttled at its limit", base({ image: "busybox", argv: ["sh", "-c", "while true; do :; done"], limits: { cpuCores: 0.2 } }), { cpuCores: 0.2, memoryBytes: 512 * 1024 }],
    ["redis idles at 2m / 3Mi", base({ image: "redis:7.2" }), { cpuCores: 0.002, memoryBytes: 3 * Mi }],
    ["kube-apiserver", base({ image: "registry.k8s.io/kube-apiserver:v1.32.3" }), { cpuCores: 0.04, memoryBytes: 250 * Mi }],
    ["annotations set CPU and memory", base({ annotations: { "drydock.dev/cpu-usage": "250m", "drydock.dev/memory-usage": "120Mi" } }), { cpuCores: 0.25, memoryBytes: 120 * Mi }],
    ["per-container annotation", base({ name: "side", annotations: { "drydock.dev/cpu-usage": "app=300m,side=20m" } }), { cpuCores: 0.02, memoryBytes: 3 * Mi }],
    ["stress --cpu 2 --vm 1 --vm-bytes 100M --vm-hang 1", base({ image: "polinux/stress", argv: ["stress", "--cpu", "2", "--vm", "1", "--vm-bytes", "100M", "--vm-hang", "1"] }), { cpuCores: 2, memoryBytes: 101 * Mi }],
    ["nginx serving 20 requests/s", base({ requestRate: 20 }), { cpuCores: 0.201, memoryBytes: 3 * Mi }],
    ["cpu-per-request annotation", base({ requestRate: 10, annotations: { "drydock.dev/cpu-per-request": "50ms" } }), { cpuCores: 0.501, memoryBytes: 3 * Mi }],
  ];
  it.each(cases)("%s", (_n, input, want) => {
    const got = containerUsage(input);
    expect(got.cpuCores).toBeCloseTo(want.cpuCores, 6);
    expect(got.memoryBytes).toBe(want.memoryBytes);
  });

  it("fluctuates within ±5% per scrape period, deterministically", () => {
    const a = containerUsage(base({ seed: "uid/c", annotations: { "drydock.dev/cpu-usage": "100m" } }), 7);
    const b = containerUsage(base({ seed: "uid/c", annotations: { "drydock.dev/cpu-usage": "100m" } }), 7);
    expect(a).toEqual(b);
    expect(a.cpuCores).toBeGreaterThanOrEqual(0.095);
    expect(a.cpuCores).toBeLessThanOrEqual(0.105);
  });

  it.each([
    ["docker.io/library/nginx:1.27", "library/nginx"],
    ["registry.k8s.io/metrics-server/metrics-server:v0.7.2", "metrics-server/metrics-server"],
    ["polinux/stress", "polinux/stress"],
    ["busybox@sha256:abc", "library/busybox"],
  ])("imageRepository(%s) = %s", (image, repo) => expect(imageRepository(image)).toBe(repo));

  it("stress defaults --vm-bytes to 256M and spins vm workers without --vm-hang", () => {
    expect(stressLoad(["stress", "--vm", "2"])).toEqual({ cpuCores: 2, memoryBytes: 513 * Mi });
  });
});

describe("metrics-server quantities", () => {
  it.each([
    [0.001234567, "1234567n"],
    [0.25, "250m"],
    [0, "0"],
  ])("cpu %s -> %s", (cores, q) => expect(cpuQuantity(cores)).toBe(q));
  it.each([
    [3 * Mi, "3Mi"],
    [2744 * 1024, "2744Ki"],
  ])("memory %s -> %s", (bytes, q) => expect(memoryQuantity(bytes)).toBe(q));
  it.each([
    [10_043, "10.043s"],
    [10_120, "10.12s"],
    [15_000, "15s"],
    [75_500, "1m15.5s"],
  ])("window %s ms -> %s", (ms, s) => expect(goDuration(ms)).toBe(s));
});

describe("RequestMeter", () => {
  it("counts connections per address per second over a window", () => {
    const m = new RequestMeter();
    for (let i = 0; i < 30; i++) m.record("10.244.1.5", 1_000_000 + i * 500);
    expect(m.rate("10.244.1.5", 1_000_000, 1_015_000)).toBe(2);
    expect(m.rate("10.244.2.9", 1_000_000, 1_015_000)).toBe(0);
  });
});
