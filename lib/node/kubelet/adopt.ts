// What a starting kubelet takes over from the runtime for one pod. Upstream the kubelet keeps no
// state of its own across restarts: kuberuntime_manager.go GetPodStatus lists the pod's sandboxes
// and containers by the io.kubernetes.pod.uid label, computePodActions keeps a ready sandbox and
// running containers, and the restart count comes from the latest container's
// io.kubernetes.container.restartCount annotation (kuberuntime_container.go getContainerStatus).
// Readiness and startup results live in memory upstream and start over; we carry them from the
// API status for the same container id, so a kubelet restart does not flap a pod's readiness
// (upstream re-runs the probes at once and reports not-ready until they pass).
import type { ContainerStatus, PodSandboxStatus } from "../cri/types.js";
import type { Container } from "../../cluster/kubelet/types.js";

interface ApiContainerStatus {
  name: string;
  containerID?: string;
  ready?: boolean;
  started?: boolean;
}
export interface ApiPodStatus {
  startTime?: string;
  initContainerStatuses?: ApiContainerStatus[];
  containerStatuses?: ApiContainerStatus[];
}

export interface AdoptedContainer {
  current: ContainerStatus;
  /** The attempt before current, when the runtime still has it (lastState). */
  previous?: ContainerStatus;
  restartCount: number;
  ready: boolean;
  started: boolean;
}

export interface AdoptionPlan {
  sandbox: PodSandboxStatus;
  startTime?: Date;
  containers: Map<string, AdoptedContainer>;
}

const byAge = (a: { createdAt: Date }, b: { createdAt: Date }) => a.createdAt.getTime() - b.createdAt.getTime();

/** undefined when the runtime has no ready sandbox of the pod: the kubelet creates one. */
export function adoptionPlan(uid: string, specContainers: Container[], sandboxes: PodSandboxStatus[], containers: ContainerStatus[], api: ApiPodStatus | undefined): AdoptionPlan | undefined {
  const sandbox = sandboxes
    .filter((s) => s.config.uid === uid && s.state === "SANDBOX_READY")
    .sort(byAge)
    .at(-1);
  if (!sandbox) return undefined;
  const known = [...(api?.initContainerStatuses ?? []), ...(api?.containerStatuses ?? [])];
  const plan: AdoptionPlan = { sandbox, containers: new Map() };
  if (api?.startTime) plan.startTime = new Date(api.startTime);
  for (const c of specContainers) {
    const runs = containers
      .filter((x) => x.sandboxId === sandbox.id && x.config.name === c.name)
      .sort((a, b) => a.config.attempt - b.config.attempt || byAge(a, b));
    const current = runs.at(-1);
    if (!current) continue;
    const previous = runs.at(-2);
    const running = current.state === "CONTAINER_RUNNING";
    const seen = known.find((k) => k.name === c.name && k.containerID === `containerd://${current.id}`);
    plan.containers.set(c.name, {
      current,
      ...(previous ? { previous } : {}),
      restartCount: Number(current.config.annotations["io.kubernetes.container.restartCount"] ?? current.config.attempt) || 0,
      // A container that has been running since before this kubelet has long passed its startup probe.
      started: running && (seen?.started ?? true),
      ready: running && (seen?.ready ?? !c.readinessProbe),
    });
  }
  return plan;
}
