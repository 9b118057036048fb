// The container runtime as the kubelet sees it: the shape of the CRI (k8s.io/cri-api
// runtime/v1 RuntimeService and ImageService), narrowed to what Drydock simulates. containerd's
// side lives in lib/node/containers; the kubelet (lib/node/kubelet) and crictl consume it.
import type { Duplex } from "node:stream";

export type ContainerState = "CONTAINER_CREATED" | "CONTAINER_RUNNING" | "CONTAINER_EXITED" | "CONTAINER_UNKNOWN";
export type SandboxState = "SANDBOX_READY" | "SANDBOX_NOTREADY";

export interface KeyValue {
  name: string;
  value: string;
}

export interface Mount {
  containerPath: string;
  /** Files to present at containerPath: a host directory of the node (hostPath, emptyDir, PVC) ... */
  hostPath?: string;
  /** ... or projected content (configMap, secret, downwardAPI, service-account token): relative path -> bytes. */
  files?: Map<string, { data: Buffer; mode: number }>;
  readonly?: boolean;
  /** subPath mounts do not see later updates. */
  subPath?: string;
}

export interface PodSandboxConfig {
  uid: string;
  name: string;
  namespace: string;
  attempt: number;
  hostname: string;
  /** /var/log/pods/<ns>_<name>_<uid> */
  logDirectory: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostNetwork: boolean;
  /** resolv.conf contents for the pod, by dnsPolicy. */
  dns: { servers: string[]; searches: string[]; options: string[] };
  /** hostAliases, as /etc/hosts lines. */
  hostsEntries?: string[];
}

export interface PodSandboxStatus {
  id: string;
  config: PodSandboxConfig;
  state: SandboxState;
  createdAt: Date;
  /** From the CNI (Calico): a pod IP, or the node IP for hostNetwork pods. */
  ip: string;
}

export interface ContainerConfig {
  name: string;
  attempt: number;
  image: string;
  command: string[];
  args: string[];
  env: KeyValue[];
  workingDir?: string;
  mounts: Mount[];
  tty: boolean;
  stdin: boolean;
  /** Relative to the sandbox's logDirectory: "<container>/<attempt>.log" */
  logPath: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Memory limit in bytes (OOMKilled when the load model exceeds it), 0 = none. */
  memoryLimitBytes: number;
}

export interface ContainerStatus {
  id: string;
  sandboxId: string;
  config: ContainerConfig;
  /** The resolved image reference and its digest (imageID in pod status). */
  imageRef: string;
  imageId: string;
  state: ContainerState;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  exitCode?: number;
  /** "Completed", "Error", "OOMKilled", "ContainerCannotRun", "StartError" ... */
  reason?: string;
  message?: string;
}

export interface ImageInfo {
  /** e.g. docker.io/library/nginx:1.27 */
  ref: string;
  id: string; // sha256:...
  repoDigest: string; // docker.io/library/nginx@sha256:...
  size: number;
}

/** Why a pull failed, with containerd's message (the kubelet wraps it in ErrImagePull). */
export class ImagePullError extends Error {
  constructor(
    message: string,
    readonly kind: "not-found" | "unauthorized" | "invalid-name" | "network",
  ) {
    super(message);
  }
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export interface ExecStreams {
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  tty: boolean;
  resize?: (listener: (size: { cols: number; rows: number }) => void) => void;
}

export interface RuntimeService {
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  stopPodSandbox(id: string): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  listPodSandboxes(): PodSandboxStatus[];

  /** Resolves after the time a pull of that image takes; ImagePullError when it cannot be pulled. */
  pullImage(image: string): Promise<ImageInfo>;
  /** undefined when the image is not on the node. */
  imageStatus(image: string): ImageInfo | undefined;
  listImages(): ImageInfo[];
  removeImage(image: string): Promise<void>;

  createContainer(sandboxId: string, config: ContainerConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** SIGTERM, then SIGKILL after timeoutSeconds (what the container's program does with SIGTERM decides). */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(): ContainerStatus[];
  containerStatus(id: string): ContainerStatus | undefined;
  /** Called when a container's state changes (started, exited): the kubelet's PLEG. */
  onContainerEvent(listener: (id: string) => void): () => void;

  /** Exec probes and `kubectl exec` without a stream. */
  execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  /** `kubectl exec -it`: resolves with the exit code. */
  exec(id: string, cmd: string[], streams: ExecStreams): Promise<number>;
  /** A TCP connection to ip:port as the pod's network sees it; "refused" when nothing listens. */
  connect(ip: string, port: number): Duplex | "refused";
  /** The container's log so far, as CRI log lines ("<time> stdout F <line>"). */
  readLog(id: string): Buffer;
}
