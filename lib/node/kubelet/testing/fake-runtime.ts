// An in-memory CRI runtime for the kubelet's tests: sandboxes get pod IPs from a counter, images
// pull after a set delay (or fail for names listed as missing), containers run until told to exit
// (exitContainer) or until stopContainer, and every state change is reported to the PLEG listener.
import { PassThrough, type Duplex } from "node:stream";
import {
  ImagePullError,
  type ContainerConfig,
  type ContainerStatus,
  type ExecResult,
  type ExecStreams,
  type ImageInfo,
  type PodSandboxConfig,
  type PodSandboxStatus,
  type RuntimeService,
} from "../../cri/types.js";
import type { RestoreRecords, ResumableRuntime } from "../../cri/restore.js";
import type { Time } from "../../../cluster/runtime/timers.js";

export interface FakeRuntimeOptions {
  pullMs?: number;
  /** Images whose pull fails with containerd's not-found error. */
  missingImages?: Set<string>;
  /** Ports that accept connections, "ip:port" -> the HTTP status to answer. */
  listeners?: Map<string, number>;
  /** execSync answers by joined command. */
  execResults?: Map<string, ExecResult>;
  /** A container whose command includes this string exits with the code right after it starts. */
  crashOn?: { match: string; exitCode: number };
}

export class FakeRuntime implements RuntimeService, ResumableRuntime {
  private dormant = new Set<string>();
  private sandboxes = new Map<string, PodSandboxStatus>();
  private containers = new Map<string, ContainerStatus>();
  private images = new Map<string, ImageInfo>();
  private listeners = new Set<(id: string) => void>();
  private logs = new Map<string, string[]>();
  private seq = 0;
  private ipSeq = 10;
  readonly calls: string[] = [];

  constructor(
    private readonly time: Time,
    readonly opts: FakeRuntimeOptions = {},
  ) {}

  addImage(ref: string, size = 1000): void {
    this.images.set(normalize(ref), { ref: normalize(ref), id: `sha256:${ref.length}`, repoDigest: `${normalize(ref).split(":")[0]}@sha256:${"a".repeat(64)}`, size });
  }

  private emit(id: string) {
    for (const l of this.listeners) l(id);
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = `sb${++this.seq}`.padEnd(64, "0");
    this.calls.push(`runPodSandbox ${config.namespace}/${config.name}`);
    this.sandboxes.set(id, { id, config, state: "SANDBOX_READY", createdAt: this.time.now(), ip: config.hostNetwork ? "172.30.2.2" : `10.244.1.${this.ipSeq++}` });
    return id;
  }
  async stopPodSandbox(id: string): Promise<void> {
    const s = this.sandboxes.get(id);
    if (s) s.state = "SANDBOX_NOTREADY";
    this.calls.push(`stopPodSandbox`);
  }
  async removePodSandbox(id: string): Promise<void> {
    this.sandboxes.delete(id);
  }
  listPodSandboxes(): PodSandboxStatus[] {
    return [...this.sandboxes.values()];
  }

  async pullImage(image: string): Promise<ImageInfo> {
    this.calls.push(`pullImage ${image}`);
    await new Promise<void>((r) => this.time.after(this.opts.pullMs ?? 2345, r));
    if (this.opts.missingImages?.has(image)) {
      throw new ImagePullError(`rpc error: code = NotFound desc = failed to pull and unpack image "${normalize(image)}": failed to resolve reference "${normalize(image)}": ${normalize(image)}: not found`, "not-found");
    }
    this.addImage(image, 72098745);
    return this.images.get(normalize(image))!;
  }
  imageStatus(image: string): ImageInfo | undefined {
    return this.images.get(normalize(image));
  }
  listImages(): ImageInfo[] {
    return [...this.images.values()];
  }
  async removeImage(image: string): Promise<void> {
    this.images.delete(normalize(image));
  }

  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    const id = `c${++this.seq}`.padEnd(64, "0");
    const img = this.images.get(normalize(config.image));
    this.calls.push(`createContainer ${config.name} attempt=${config.attempt}`);
    this.containers.set(id, { id, sandboxId, config, imageRef: img?.ref ?? normalize(config.image), imageId: img?.repoDigest ?? "", state: "CONTAINER_CREATED", createdAt: this.time.now() });
    return id;
  }
  async startContainer(id: string): Promise<void> {
    const c = this.containers.get(id)!;
    c.state = "CONTAINER_RUNNING";
    c.startedAt = this.time.now();
    this.calls.push(`startContainer ${c.config.name}`);
    this.logs.set(id, [`${this.time.now().toISOString()} stdout F started ${c.config.name}`]);
    const crash = this.opts.crashOn;
    if (crash && [...c.config.command, ...c.config.args].join(" ").includes(crash.match)) {
      this.time.after(0, () => this.exitContainer(id, crash.exitCode));
    }
    this.time.after(0, () => this.emit(id));
  }
  /** containerd's state from before (lib/node/cri/restore.ts). */
  restore(records: RestoreRecords): void {
    for (const s of records.sandboxes) {
      this.sandboxes.set(s.id, { id: s.id, config: s.config, state: s.state, createdAt: s.createdAt, ip: s.ip });
      this.dormant.add(s.id);
    }
    for (const c of records.containers) {
      const img = this.images.get(normalize(c.config.image));
      const { sandboxId, config, state, createdAt, startedAt, finishedAt, exitCode, reason } = c;
      this.containers.set(c.id, { id: c.id, sandboxId, config, imageRef: img?.ref ?? normalize(config.image), imageId: img?.repoDigest ?? "", state, createdAt, startedAt, finishedAt, exitCode, reason });
      if (state === "CONTAINER_RUNNING") this.dormant.add(c.id);
    }
  }
  needsResume(id: string): boolean {
    return this.dormant.has(id);
  }
  async resumePodSandbox(id: string, config: PodSandboxConfig): Promise<void> {
    this.calls.push(`resumePodSandbox ${config.namespace}/${config.name} dns=${config.dns.servers.join(",")}`);
    this.sandboxes.get(id)!.config = config;
    this.dormant.delete(id);
  }
  async resumeContainer(id: string, config: ContainerConfig): Promise<void> {
    this.calls.push(`resumeContainer ${config.name} attempt=${config.attempt} args=${[...config.command, ...config.args].join(" ")}`);
    this.containers.get(id)!.config = config;
    this.dormant.delete(id);
  }

  /** The container's process ends (tests drive crashes and completions with it). */
  exitContainer(id: string, exitCode: number, reason?: string): void {
    const c = this.containers.get(id);
    if (!c || c.state !== "CONTAINER_RUNNING") return;
    c.state = "CONTAINER_EXITED";
    c.finishedAt = this.time.now();
    c.exitCode = exitCode;
    c.reason = reason ?? (exitCode === 0 ? "Completed" : "Error");
    this.emit(id);
  }
  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    this.calls.push(`stopContainer ${this.containers.get(id)?.config.name} ${timeoutSeconds}`);
    this.exitContainer(id, 137, "Error");
  }
  async removeContainer(id: string): Promise<void> {
    this.containers.delete(id);
  }
  listContainers(): ContainerStatus[] {
    return [...this.containers.values()];
  }
  containerStatus(id: string): ContainerStatus | undefined {
    return this.containers.get(id);
  }
  onContainerEvent(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async execSync(id: string, cmd: string[]): Promise<ExecResult> {
    return this.opts.execResults?.get(cmd.join(" ")) ?? { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 0 };
  }
  async exec(_id: string, cmd: string[], streams: ExecStreams): Promise<number> {
    streams.stdout.write(cmd.join(" ") + "\n");
    return 0;
  }
  connect(ip: string, port: number): Duplex | "refused" {
    const status = this.opts.listeners?.get(`${ip}:${port}`);
    if (status === undefined) return "refused";
    const s = new PassThrough();
    s.once("data", () => s.push(`HTTP/1.1 ${status} X\r\nContent-Length: 0\r\n\r\n`));
    return s;
  }
  readLog(id: string): Buffer {
    return Buffer.from((this.logs.get(id) ?? []).map((l) => l + "\n").join(""));
  }
  appendLog(id: string, line: string): void {
    this.logs.get(id)?.push(`${this.time.now().toISOString()} stdout F ${line}`);
  }
}

/** containerd's normalised reference: docker.io/library/nginx:latest. */
export function normalize(image: string): string {
  let ref = image;
  if (!/[:@]/.test(ref.split("/").pop()!)) ref += ":latest";
  const first = ref.split("/")[0];
  if (!ref.includes("/")) return `docker.io/library/${ref}`;
  if (!first.includes(".") && !first.includes(":") && first !== "localhost") return `docker.io/${ref}`;
  return ref;
}
