// Drydock's load model: what a container would use of CPU and memory, as metrics-server would
// read it from the kubelet's cAdvisor stats. No process really burns CPU in a lab, so usage is a
// function of the container's image, command, annotations, limits, the HTTP requests it served
// and time. docs/load-model.md documents it for exercise authors; the tables below are the
// figures it quotes. Pure: the caller passes the instant and the request rate.
import { parseQuantity, milliValue } from "../meta/quantity.js";

/** Per-container CPU (cores, as a fraction: 0.25 = 250m) and memory (working set bytes). */
export interface Usage {
  cpuCores: number;
  memoryBytes: number;
}

export interface ContainerLoadInput {
  /** Container name (for the "name=value" annotation form and the jitter seed). */
  name: string;
  image: string;
  /** command + args as the runtime runs them (the image's entrypoint when both are empty). */
  argv: string[];
  /** The pod's annotations. */
  annotations?: Record<string, string>;
  /** resources.limits, parsed: cores and bytes. */
  limits?: { cpuCores?: number; memoryBytes?: number };
  /** HTTP requests per second this container served over the last window (see RequestMeter). */
  requestRate?: number;
  /** A stable per-container seed (pod uid + container name) for the small fluctuation. */
  seed?: string;
}

/** Annotations an exercise can set on a pod (docs/load-model.md). */
export const CPU_USAGE_ANNOTATION = "drydock.dev/cpu-usage";
/** Shared with the container runtime, which OOM-kills a container whose use exceeds its limit. */
export const MEMORY_USAGE_ANNOTATION = "drydock.dev/memory-usage";
export const CPU_PER_REQUEST_ANNOTATION = "drydock.dev/cpu-per-request";

const Ki = 1024;
const Mi = 1024 * 1024;

/** Idle use by image repository (the part of the reference after the registry, without tag). */
export interface ImageProfile {
  cpuCores: number;
  memoryBytes: number;
  /** CPU seconds per HTTP request served (servers only). */
  cpuPerRequest?: number;
}

// Idle figures measured on kubeadm clusters of the v1.32 era, rounded (kubectl top of a quiet
// cluster). Servers' per-request CPU is deliberately heavy (10 ms): one `wget` loop against an
// nginx Deployment must make a 200m pod busy, as php-apache does in the HPA walkthrough.
export const IMAGE_PROFILES: ReadonlyMap<string, ImageProfile> = new Map([
  ["library/nginx", { cpuCores: 0.001, memoryBytes: 3 * Mi, cpuPerRequest: 0.01 }],
  ["library/httpd", { cpuCores: 0.001, memoryBytes: 8 * Mi, cpuPerRequest: 0.01 }],
  ["library/redis", { cpuCores: 0.002, memoryBytes: 3 * Mi }],
  ["library/busybox", { cpuCores: 0, memoryBytes: 512 * Ki }],
  ["library/alpine", { cpuCores: 0, memoryBytes: 512 * Ki }],
  ["curlimages/curl", { cpuCores: 0, memoryBytes: 1 * Mi }],
  ["polinux/stress", { cpuCores: 0, memoryBytes: 1 * Mi }],
  ["hpa-example", { cpuCores: 0.001, memoryBytes: 10 * Mi, cpuPerRequest: 0.05 }],
  ["kube-apiserver", { cpuCores: 0.04, memoryBytes: 250 * Mi }],
  ["etcd", { cpuCores: 0.02, memoryBytes: 45 * Mi }],
  ["kube-controller-manager", { cpuCores: 0.015, memoryBytes: 50 * Mi }],
  ["kube-scheduler", { cpuCores: 0.004, memoryBytes: 22 * Mi }],
  ["kube-proxy", { cpuCores: 0.001, memoryBytes: 18 * Mi }],
  ["coredns/coredns", { cpuCores: 0.002, memoryBytes: 14 * Mi }],
  ["calico/node", { cpuCores: 0.025, memoryBytes: 120 * Mi }],
  ["calico/kube-controllers", { cpuCores: 0.002, memoryBytes: 18 * Mi }],
  ["metrics-server/metrics-server", { cpuCores: 0.004, memoryBytes: 20 * Mi }],
  ["ingress-nginx/controller", { cpuCores: 0.002, memoryBytes: 40 * Mi, cpuPerRequest: 0.0005 }],
  ["local-path-provisioner", { cpuCores: 0.001, memoryBytes: 8 * Mi }],
  ["nginx-gateway-fabric", { cpuCores: 0.002, memoryBytes: 25 * Mi }],
  ["nginx-gateway-fabric/nginx", { cpuCores: 0.001, memoryBytes: 6 * Mi }],
]);

/** Any other image: a small idle process. */
export const DEFAULT_PROFILE: ImageProfile = { cpuCores: 0.001, memoryBytes: 8 * Mi };

/** The repository path of an image reference: docker.io/library/nginx:1.27 -> library/nginx. */
export function imageRepository(image: string): string {
  let ref = image.split("@")[0];
  ref = ref.replace(/:[^/:]+$/, "");
  const parts = ref.split("/");
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) parts.shift();
  if (parts.length === 1) parts.unshift("library");
  return parts.join("/");
}

export function profileFor(image: string): ImageProfile {
  const repo = imageRepository(image);
  const exact = IMAGE_PROFILES.get(repo);
  if (exact) return exact;
  // Control-plane and add-on images live under varying registries/orgs: match the last segments.
  let best: [string, ImageProfile] | undefined;
  for (const [k, p] of IMAGE_PROFILES) if ((repo === k || repo.endsWith(`/${k}`)) && (!best || k.length > best[0].length)) best = [k, p];
  return best?.[1] ?? DEFAULT_PROFILE;
}

// The runtime's lenient byte sizes (k/m/g and ki/mi/gi, any case, all binary), so the
// annotation means the same to the OOM killer and to metrics.
const SIZE_UNITS: Record<string, number> = Object.assign(Object.create(null), { "": 1, b: 1, k: Ki, m: Mi, g: 1024 * Mi, ki: Ki, mi: Mi, gi: 1024 * Mi });
export function parseBytes(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(s.trim());
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

/** A CPU quantity ("250m", "1", "0.5") in cores. */
export function parseCores(s: string): number | undefined {
  try {
    return milliValue(parseQuantity(s.trim())) / 1000;
  } catch {
    return undefined;
  }
}

/** "20ms", "0.02s" or "20m" (milliseconds) -> seconds. */
function parseSeconds(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s.trim());
  if (!m) return undefined;
  return m[2] === "s" ? Number(m[1]) : Number(m[1]) / 1000;
}

/** An annotation value for one container: "250m" for all, or "app=250m,sidecar=5m". */
export function annotationFor(value: string | undefined, container: string): string | undefined {
  if (value === undefined) return undefined;
  if (!value.includes("=")) return value;
  for (const part of value.split(",")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === container) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** What `stress` is asked to do: --cpu N, --vm N, --vm-bytes B (default 256M), --vm-hang. */
export function stressLoad(argv: string[]): Usage | undefined {
  const i = argv.findIndex((a) => a === "stress" || a.endsWith("/stress"));
  if (i < 0) return undefined;
  const args = argv.slice(i + 1);
  const num = (flag: string, short: string) => {
    const j = args.findIndex((a) => a === flag || a === short);
    return j >= 0 ? Number(args[j + 1]) || 0 : 0;
  };
  const cpu = num("--cpu", "-c");
  const vm = num("--vm", "-m");
  const bi = args.indexOf("--vm-bytes");
  const vmBytes = bi >= 0 ? (parseBytes(args[bi + 1] ?? "") ?? 256 * Mi) : 256 * Mi;
  // A vm worker that holds its memory (--vm-hang) sleeps; one that keeps rewriting it spins.
  const hang = args.includes("--vm-hang");
  return { cpuCores: cpu + (hang ? 0 : vm), memoryBytes: vm * vmBytes + 1 * Mi };
}

/** A shell script's steady CPU: a loop without sleep spins (a network client less so). */
export function shellLoad(argv: string[]): number | undefined {
  const script = argv.join(" ");
  if (!/\b(while|until|for)\b/.test(script)) return undefined;
  if (/\bsleep\b/.test(script)) return 0.001;
  if (/\b(wget|curl|nc|nslookup|ping)\b/.test(script)) return 0.05;
  return 1;
}

/** A deterministic fluctuation of ±5% that changes every scrape period. */
export function jitter(seed: string, bucket: number): number {
  let h = 2166136261;
  for (const ch of `${seed}#${bucket}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 0.95 + ((h % 1000) / 1000) * 0.1;
}

/** The container's usage at `bucket` (the scrape period index, for the fluctuation). */
export function containerUsage(input: ContainerLoadInput, bucket = 0): Usage {
  const profile = profileFor(input.image);
  const ann = input.annotations ?? {};
  let cpu = profile.cpuCores;
  let mem = profile.memoryBytes;
  const stress = stressLoad(input.argv);
  if (stress) {
    cpu = stress.cpuCores;
    mem = stress.memoryBytes;
  } else {
    const shell = shellLoad(input.argv);
    if (shell !== undefined) cpu = shell;
  }
  const perRequest = parseSeconds(annotationFor(ann[CPU_PER_REQUEST_ANNOTATION], input.name) ?? "") ?? profile.cpuPerRequest ?? 0;
  cpu += (input.requestRate ?? 0) * perRequest;
  const cpuAnn = parseCores(annotationFor(ann[CPU_USAGE_ANNOTATION], input.name) ?? "");
  if (cpuAnn !== undefined) cpu = cpuAnn;
  const memAnn = parseBytes(annotationFor(ann[MEMORY_USAGE_ANNOTATION], input.name) ?? "");
  if (memAnn !== undefined) mem = memAnn;
  const j = input.seed === undefined ? 1 : jitter(input.seed, bucket);
  cpu *= j;
  mem *= 2 - j; // memory moves less and the other way: it is not driven by the same work
  // The CFS quota throttles a container at its CPU limit; memory above the limit is OOM-killed
  // by the runtime, so a running container never reports more than its limit.
  if (input.limits?.cpuCores !== undefined && input.limits.cpuCores > 0) cpu = Math.min(cpu, input.limits.cpuCores);
  if (input.limits?.memoryBytes !== undefined && input.limits.memoryBytes > 0) mem = Math.min(mem, input.limits.memoryBytes);
  // The working set is counted in whole pages.
  return { cpuCores: Math.max(0, cpu), memoryBytes: Math.ceil(Math.max(0, mem) / 4096) * 4096 };
}

/** The node's own use besides its pods: kubelet, containerd, systemd, the OS. */
export function systemOverhead(controlPlane: boolean): Usage {
  return controlPlane ? { cpuCores: 0.045, memoryBytes: 820 * Mi } : { cpuCores: 0.02, memoryBytes: 420 * Mi };
}
