// containerd's state from before the kubelet started. A real node's containerd keeps its
// containers across kubelet restarts (its metadata lives in /var/lib/containerd), and the kubelet
// adopts them by listing the runtime (kuberuntime_manager.go computePodActions works from
// GetPodStatus, never from its own memory). A fresh Drydock lab is a cluster ~40 minutes old, so
// its containerd starts with the seeded pods' containers already "there": records with their
// ids and times but no process yet, because only the kubelet can compute a container's config
// (env from ConfigMaps and Services, projected volumes). The kubelet resumes them with that
// config; the process starts, the record keeps its id, createdAt, startedAt and attempt.
import type { ContainerConfig, ContainerState, PodSandboxConfig, RuntimeService, SandboxState } from "./types.js";

export interface RestoredSandbox {
  id: string;
  /** Identity fields (uid, name, namespace, labels, logDirectory, hostNetwork); the rest comes with resumePodSandbox. */
  config: PodSandboxConfig;
  state: SandboxState;
  createdAt: Date;
  ip: string;
}

export interface RestoredContainer {
  id: string;
  sandboxId: string;
  /** name, attempt, image, labels, annotations, logPath; command/env/mounts come with resumeContainer. */
  config: ContainerConfig;
  state: Extract<ContainerState, "CONTAINER_RUNNING" | "CONTAINER_EXITED">;
  createdAt: Date;
  startedAt: Date;
  finishedAt?: Date;
  exitCode?: number;
  reason?: string;
}

export interface RestoreRecords {
  sandboxes: RestoredSandbox[];
  containers: RestoredContainer[];
}

/** The runtime side of adoption: which records still wait for their config, and resuming them. */
export interface ResumableRuntime {
  /** True for a restored sandbox or running container whose process has not been started yet. */
  needsResume(id: string): boolean;
  /** Completes a restored sandbox's config (DNS, hostname, hosts entries), keeping id, createdAt and IP. */
  resumePodSandbox(id: string, config: PodSandboxConfig): Promise<void>;
  /** Starts a restored running container's process with its config, keeping id, createdAt, startedAt. */
  resumeContainer(id: string, config: ContainerConfig): Promise<void>;
}

export function isResumable(rt: RuntimeService): rt is RuntimeService & ResumableRuntime {
  return typeof (rt as Partial<ResumableRuntime>).needsResume === "function";
}
