// The containerd records a node would hold for the pods the API says run on it (the seeded,
// ~40-minute-old cluster): one sandbox per pod and one container per containerID of its status,
// with the times and attempts the status records. See lib/node/cri/restore.ts for why.
import type { KObject, Random } from "../../cluster/api/types.js";
import type { ContainerConfig, PodSandboxConfig } from "../cri/types.js";
import type { RestoreRecords, RestoredContainer } from "../cri/restore.js";
import { newContainerdId } from "./ids.js";

const MIRROR = "kubernetes.io/config.mirror";
/** containerd creates a container a moment before it starts it. */
const CREATE_TO_START_MS = 100;

interface Terminated {
  containerID?: string;
  exitCode?: number;
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
}
interface StatusEntry {
  name: string;
  containerID?: string;
  image?: string;
  restartCount?: number;
  state?: { running?: { startedAt?: string }; terminated?: Terminated };
  lastState?: { terminated?: Terminated };
}
interface PodStatus {
  phase?: string;
  podIP?: string;
  startTime?: string;
  conditions?: { type: string; lastTransitionTime?: string }[];
  initContainerStatuses?: StatusEntry[];
  containerStatuses?: StatusEntry[];
}
type PodSpec = { hostNetwork?: boolean; nodeName?: string; containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };

const idOf = (containerID?: string) => containerID?.replace(/^containerd:\/\//, "");
const date = (s?: string) => (s ? new Date(s) : undefined);

/** The uid the kubelet knows a pod by: a static pod's is its manifest hash, which its mirror carries. */
export function kubeletPodUid(pod: KObject): string {
  return pod.metadata?.annotations?.[MIRROR] || pod.metadata!.uid!;
}

/** The identity part of a pod's sandbox config; the kubelet completes the rest when it resumes. */
function sandboxIdentity(pod: KObject, uid: string): PodSandboxConfig {
  const m = pod.metadata!;
  const spec = pod.spec as PodSpec;
  return {
    uid,
    name: m.name!,
    namespace: m.namespace!,
    attempt: 0,
    hostname: m.name!,
    logDirectory: `/var/log/pods/${m.namespace}_${m.name}_${uid}`,
    labels: { ...(m.labels ?? {}), "io.kubernetes.pod.name": m.name!, "io.kubernetes.pod.namespace": m.namespace!, "io.kubernetes.pod.uid": uid },
    annotations: { ...(m.annotations ?? {}) },
    hostNetwork: !!spec.hostNetwork,
    dns: { servers: [], searches: [], options: [] },
  };
}

function containerIdentity(pod: KObject, uid: string, name: string, image: string, attempt: number): ContainerConfig {
  const m = pod.metadata!;
  return {
    name,
    attempt,
    image,
    command: [],
    args: [],
    env: [],
    mounts: [],
    tty: false,
    stdin: false,
    logPath: `${name}/${attempt}.log`,
    labels: { "io.kubernetes.container.name": name, "io.kubernetes.pod.name": m.name!, "io.kubernetes.pod.namespace": m.namespace!, "io.kubernetes.pod.uid": uid },
    annotations: { "io.kubernetes.container.restartCount": String(attempt) },
    memoryLimitBytes: 0,
  };
}

/** Records for the pods of one node whose status names containers; pods without any are left to the kubelet. */
export function restoreRecords(pods: KObject[], nodeIP: string, random: Random): RestoreRecords {
  const out: RestoreRecords = { sandboxes: [], containers: [] };
  for (const pod of pods) {
    const status = (pod.status ?? {}) as PodStatus;
    const spec = pod.spec as PodSpec;
    const entries = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
    if (!entries.some((e) => idOf(e.containerID))) continue;
    const uid = kubeletPodUid(pod);
    const sandboxId = newContainerdId(random);
    const readyAt = status.conditions?.find((c) => c.type === "PodReadyToStartContainers")?.lastTransitionTime;
    const sandboxCreated = date(readyAt) ?? date(status.startTime) ?? new Date(0);
    const finished = status.phase === "Succeeded" || status.phase === "Failed";
    out.sandboxes.push({
      id: sandboxId,
      config: sandboxIdentity(pod, uid),
      state: finished ? "SANDBOX_NOTREADY" : "SANDBOX_READY",
      createdAt: sandboxCreated,
      ip: spec.hostNetwork ? nodeIP : (status.podIP ?? ""),
    });
    const specImage = (name: string) => [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c) => c.name === name)?.image ?? "";
    for (const e of entries) {
      const image = specImage(e.name) || e.image || "";
      const attempt = e.restartCount ?? 0;
      const record = (id: string, n: number, run: { startedAt?: string; finishedAt?: string; exitCode?: number; reason?: string }, running: boolean): RestoredContainer => {
        const startedAt = date(run.startedAt) ?? sandboxCreated;
        return {
          id,
          sandboxId,
          config: containerIdentity(pod, uid, e.name, image, n),
          state: running ? "CONTAINER_RUNNING" : "CONTAINER_EXITED",
          createdAt: new Date(Math.max(sandboxCreated.getTime(), startedAt.getTime() - CREATE_TO_START_MS)),
          startedAt,
          ...(running ? {} : { finishedAt: date(run.finishedAt) ?? startedAt, exitCode: run.exitCode ?? 0, reason: run.reason ?? (run.exitCode ? "Error" : "Completed") }),
        };
      };
      const last = e.lastState?.terminated;
      const lastId = idOf(last?.containerID);
      if (last && lastId && lastId !== idOf(e.containerID)) out.containers.push(record(lastId, Math.max(0, attempt - 1), last, false));
      const id = idOf(e.containerID);
      if (!id) continue;
      if (e.state?.running) out.containers.push(record(id, attempt, e.state.running, !finished));
      else if (e.state?.terminated) out.containers.push(record(id, attempt, e.state.terminated, false));
    }
  }
  return out;
}
