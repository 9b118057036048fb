// metrics-server's scrape loop (kubernetes-sigs/metrics-server pkg/scraper and pkg/storage), fed
// by the load model instead of the kubelets' /metrics/resource: every --metric-resolution (15 s)
// it reads every Ready node and the Running pods on it, and keeps the points the Metrics API
// serves until the next scrape. As upstream, a container needs two samples before it has a CPU
// rate, so a pod shows up one scrape after it started (the first scrape of a fresh lab is warm:
// the lab's pods count as long running).
import type { KObject } from "../api/types.js";
import type { ClusterClient } from "../client/types.js";
import { GR } from "../client/types.js";
import type { Time } from "../runtime/timers.js";
import { parseQuantity, milliValue, value } from "../meta/quantity.js";
import { containerUsage, systemOverhead, type Usage } from "./load-model.js";
import type { RequestRates } from "./request-meter.js";

/** --metric-resolution default of metrics-server v0.7. */
export const METRIC_RESOLUTION_MS = 15_000;

export interface ContainerPoint extends Usage {
  name: string;
}
export interface PodPoint {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  timestamp: Date;
  windowMs: number;
  containers: ContainerPoint[];
}
export interface NodePoint extends Usage {
  name: string;
  labels: Record<string, string>;
  timestamp: Date;
  windowMs: number;
}
export interface MetricsSnapshot {
  nodes: NodePoint[];
  pods: PodPoint[];
}

interface PodSpecLite {
  nodeName?: string;
  containers?: { name: string; image?: string; command?: string[]; args?: string[]; resources?: { limits?: Record<string, string> } }[];
}
interface ContainerStatusLite {
  name: string;
  state?: { running?: { startedAt?: string } };
}

const nodeReady = (n: KObject) => ((n.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
const isControlPlane = (n: KObject) => Object.prototype.hasOwnProperty.call(n.metadata?.labels ?? {}, "node-role.kubernetes.io/control-plane");

function quantity(v: string | undefined, milli: boolean): number | undefined {
  if (v === undefined) return undefined;
  try {
    const q = parseQuantity(v);
    return milli ? milliValue(q) / 1000 : value(q);
  } catch {
    return undefined;
  }
}

/** The kubelet's cAdvisor sample is a little older than the scrape and covers about 10 s. */
function sampleOffsets(seed: string, bucket: number): { ageMs: number; windowMs: number } {
  let h = 2166136261;
  for (const ch of `${seed}@${bucket}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return { ageMs: 1000 + (h % 4000), windowMs: 10_000 + ((h >>> 12) % 120) };
}

export interface ScrapeInput {
  pods: KObject[];
  nodes: KObject[];
  rates: RequestRates;
  now: Date;
  /** The previous scrape's instant; undefined for the first (warm) scrape. */
  previous?: Date;
}

/** One scrape: the points of every Ready node and of the pods running on them. */
export function scrape(input: ScrapeInput): MetricsSnapshot {
  const nowMs = input.now.getTime();
  const bucket = Math.floor(nowMs / METRIC_RESOLUTION_MS);
  const ready = new Map(input.nodes.filter(nodeReady).map((n) => [n.metadata!.name!, n]));
  const podsByNode = new Map<string, PodPoint[]>();
  const pods: PodPoint[] = [];
  for (const pod of input.pods) {
    const spec = (pod.spec ?? {}) as PodSpecLite;
    const status = (pod.status ?? {}) as { phase?: string; podIP?: string; containerStatuses?: ContainerStatusLite[] };
    if (status.phase !== "Running" || !spec.nodeName || !ready.has(spec.nodeName) || pod.metadata?.deletionTimestamp) continue;
    const statuses = new Map((status.containerStatuses ?? []).map((s) => [s.name, s]));
    const containers: ContainerPoint[] = [];
    let complete = true;
    for (const c of spec.containers ?? []) {
      const started = Date.parse(statuses.get(c.name)?.state?.running?.startedAt ?? "");
      if (Number.isNaN(started)) continue; // not running: no cgroup to read
      if (input.previous && started > input.previous.getTime()) complete = false;
      const usage = containerUsage(
        {
          name: c.name,
          image: c.image ?? "",
          argv: [...(c.command ?? []), ...(c.args ?? [])],
          annotations: pod.metadata?.annotations,
          limits: { cpuCores: quantity(c.resources?.limits?.cpu, true), memoryBytes: quantity(c.resources?.limits?.memory, false) },
          requestRate: status.podIP ? input.rates.rate(status.podIP, nowMs - METRIC_RESOLUTION_MS, nowMs) : 0,
          seed: `${pod.metadata?.uid ?? pod.metadata?.name}/${c.name}`,
        },
        bucket,
      );
      containers.push({ name: c.name, ...usage });
    }
    // metrics-server drops a pod while any of its containers lacks a CPU rate.
    if (!complete || containers.length === 0) continue;
    const { ageMs, windowMs } = sampleOffsets(spec.nodeName, bucket);
    const point: PodPoint = {
      namespace: pod.metadata!.namespace!,
      name: pod.metadata!.name!,
      labels: { ...(pod.metadata?.labels ?? {}) },
      timestamp: new Date(Math.floor((nowMs - ageMs) / 1000) * 1000),
      windowMs,
      containers,
    };
    pods.push(point);
    podsByNode.set(spec.nodeName, [...(podsByNode.get(spec.nodeName) ?? []), point]);
  }
  const nodes: NodePoint[] = [];
  for (const [name, node] of ready) {
    const capacity = (node.status as { capacity?: Record<string, string> })?.capacity ?? {};
    const overhead = systemOverhead(isControlPlane(node));
    let cpu = overhead.cpuCores;
    let mem = overhead.memoryBytes;
    for (const p of podsByNode.get(name) ?? []) for (const c of p.containers) {
      cpu += c.cpuCores;
      mem += c.memoryBytes;
    }
    const cpuCap = quantity(capacity.cpu, true);
    const memCap = quantity(capacity.memory, false);
    if (cpuCap) cpu = Math.min(cpu, cpuCap);
    if (memCap) mem = Math.min(mem, memCap);
    const { ageMs, windowMs } = sampleOffsets(name, bucket);
    nodes.push({ name, labels: { ...(node.metadata?.labels ?? {}) }, timestamp: new Date(Math.floor((nowMs - ageMs) / 1000) * 1000), windowMs, cpuCores: cpu, memoryBytes: Math.ceil(mem / 4096) * 4096 });
  }
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { nodes, pods };
}

/** The running metrics-server: scrapes at start and every resolution; serves the latest points. */
export class MetricsScraper {
  private latest: MetricsSnapshot | undefined;
  private previous: Date | undefined;
  private cancel: (() => void) | undefined;

  constructor(private readonly deps: { client: ClusterClient; time: Time; rates: RequestRates; resolutionMs?: number; log?: (line: string) => void }) {}

  start(): void {
    const tick = () => {
      this.scrapeOnce();
      this.cancel = this.deps.time.after(this.deps.resolutionMs ?? METRIC_RESOLUTION_MS, tick);
    };
    tick();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.latest = undefined;
    this.previous = undefined;
  }

  scrapeOnce(): void {
    const now = this.deps.time.now();
    this.latest = scrape({ pods: this.deps.client.list(GR.pods), nodes: this.deps.client.list(GR.nodes), rates: this.deps.rates, now, previous: this.previous });
    this.previous = now;
  }

  /** The points served now; undefined before the first scrape or after stop. */
  snapshot(): MetricsSnapshot | undefined {
    return this.latest;
  }
}
