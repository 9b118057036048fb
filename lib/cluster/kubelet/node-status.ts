// The Node the kubelet registers and the status it posts, as pkg/kubelet/kubelet_node_status.go
// and pkg/kubelet/nodestatus/setters.go: capacity from the machine, allocatable = capacity minus
// reservations and hard eviction thresholds, the four conditions with their reasons, nodeInfo,
// addresses, images (the 50 largest) and the kubelet's endpoint.
import type { KObject } from "../api/types.js";
import { parseQuantity, value as qValue } from "../meta/quantity.js";
import { rfc3339 } from "./types.js";

export interface Machine {
  cpu: number;
  memoryKi: number;
  ephemeralStorageKi: number;
  machineID: string;
  systemUUID: string;
  bootID: string;
  kernelVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  kubeletVersion: string;
}

export interface NodeStatusConfig {
  maxPods: number;
  /** evictionHard memory.available, nodefs.available (quantities or percentages). */
  evictionHard: Record<string, string>;
  kubeReserved?: Record<string, string>;
  systemReserved?: Record<string, string>;
}

/** The defaults of evictionHard on Linux (pkg/kubelet/eviction/defaults_linux.go). */
export const DEFAULT_EVICTION_HARD: Record<string, string> = { "imagefs.available": "15%", "memory.available": "100Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%", "imagefs.inodesFree": "5%" };

/** nodeStatusMaxImages default. */
export const MAX_NODE_IMAGES = 50;

function threshold(v: string | undefined, capacity: number): number {
  if (!v) return 0;
  if (v.endsWith("%")) return Math.floor((capacity * Number(v.slice(0, -1))) / 100);
  return qValue(parseQuantity(v));
}

export function nodeCapacity(m: Machine, cfg: NodeStatusConfig): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const capacity: Record<string, string> = {
    cpu: String(m.cpu),
    "ephemeral-storage": `${m.ephemeralStorageKi}Ki`,
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: `${m.memoryKi}Ki`,
    pods: String(cfg.maxPods),
  };
  const reserved = (r: string) => qValue(parseQuantity(cfg.kubeReserved?.[r] ?? "0")) + qValue(parseQuantity(cfg.systemReserved?.[r] ?? "0"));
  const memBytes = m.memoryKi * 1024 - reserved("memory") - threshold(cfg.evictionHard["memory.available"], m.memoryKi * 1024);
  const storageBytes = m.ephemeralStorageKi * 1024 - reserved("ephemeral-storage") - threshold(cfg.evictionHard["nodefs.available"], m.ephemeralStorageKi * 1024);
  const cpuMilli = m.cpu * 1000 - Math.round(qValue(parseQuantity(cfg.kubeReserved?.cpu ?? "0")) * 1000) - Math.round(qValue(parseQuantity(cfg.systemReserved?.cpu ?? "0")) * 1000);
  const allocatable: Record<string, string> = {
    cpu: cpuMilli % 1000 === 0 ? String(cpuMilli / 1000) : `${cpuMilli}m`,
    // Allocatable memory prints in Ki when it divides evenly, as resource.Quantity does for BinarySI.
    "ephemeral-storage": String(storageBytes),
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: memBytes % 1024 === 0 ? `${memBytes / 1024}Ki` : String(memBytes),
    pods: String(cfg.maxPods),
  };
  return { capacity, allocatable };
}

export interface NodeConditionInput {
  /** Why the node is not ready, e.g. "container runtime network not ready: ..."; undefined when ready. */
  notReadyMessage?: string;
  memoryPressure?: boolean;
  diskPressure?: boolean;
  pidPressure?: boolean;
}

type Cond = { type: string; status: string; reason: string; message: string; lastHeartbeatTime: string; lastTransitionTime: string };

/** The setters' conditions: heartbeat is now; transition time changes only when status changes. */
export function nodeConditions(prev: Cond[] | undefined, inp: NodeConditionInput, now: Date): Cond[] {
  const stamp = rfc3339(now);
  const mk = (type: string, status: string, reason: string, message: string): Cond => {
    const old = prev?.find((c) => c.type === type);
    return { type, status, reason, message, lastHeartbeatTime: stamp, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : stamp };
  };
  return [
    inp.memoryPressure
      ? mk("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")
      : mk("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    inp.diskPressure ? mk("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure") : mk("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    inp.pidPressure ? mk("PIDPressure", "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available") : mk("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    inp.notReadyMessage ? mk("Ready", "False", "KubeletNotReady", inp.notReadyMessage) : mk("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  ];
}

/** The events the setters record when a condition changes (kubelet_node_status.go recordNodeStatusEvent). */
export function conditionEvents(prev: Cond[] | undefined, next: Cond[]): string[] {
  const out: string[] = [];
  const reasonOf: Record<string, [string, string]> = {
    MemoryPressure: ["NodeHasInsufficientMemory", "NodeHasSufficientMemory"],
    DiskPressure: ["NodeHasDiskPressure", "NodeHasNoDiskPressure"],
    PIDPressure: ["NodeHasInsufficientPID", "NodeHasSufficientPID"],
    Ready: ["NodeReady", "NodeNotReady"],
  };
  for (const c of next) {
    const old = prev?.find((p) => p.type === c.type);
    if (old && old.status === c.status) continue;
    const [t, f] = reasonOf[c.type];
    out.push(c.status === "True" ? t : f);
  }
  return out;
}

export function nodeImages(images: { ref: string; repoDigest: string; size: number }[]): { names: string[]; sizeBytes: number }[] {
  return [...images]
    .sort((a, b) => b.size - a.size)
    .slice(0, MAX_NODE_IMAGES)
    .map((i) => ({ names: [i.repoDigest, i.ref].filter(Boolean), sizeBytes: i.size }));
}

/** The labels initialNode sets (plus the OS/arch betas kept for compatibility). */
export function nodeLabels(nodeName: string): Record<string, string> {
  return {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": nodeName,
    "kubernetes.io/os": "linux",
  };
}

/** initialNode: what a first registration creates. */
export function initialNode(nodeName: string, extraLabels: Record<string, string> = {}, taints: KObject[] = []): KObject {
  const node: KObject = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: nodeName,
      labels: { ...nodeLabels(nodeName), ...extraLabels },
      annotations: { "volumes.kubernetes.io/controller-managed-attach-detach": "true" },
    },
    spec: {},
  };
  if (taints.length) (node.spec as Record<string, unknown>).taints = taints;
  return node;
}

export function nodeStatus(
  m: Machine,
  cfg: NodeStatusConfig,
  inp: NodeConditionInput & { nodeIP: string; hostname: string; images: { ref: string; repoDigest: string; size: number }[]; prevConditions?: Cond[] },
  now: Date,
): Record<string, unknown> {
  const { capacity, allocatable } = nodeCapacity(m, cfg);
  return {
    addresses: [
      { address: inp.nodeIP, type: "InternalIP" },
      { address: inp.hostname, type: "Hostname" },
    ],
    allocatable,
    capacity,
    conditions: nodeConditions(inp.prevConditions, inp, now),
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    images: nodeImages(inp.images),
    nodeInfo: {
      architecture: "amd64",
      bootID: m.bootID,
      containerRuntimeVersion: m.containerRuntimeVersion,
      kernelVersion: m.kernelVersion,
      kubeProxyVersion: "",
      kubeletVersion: m.kubeletVersion,
      machineID: m.machineID,
      operatingSystem: "linux",
      osImage: m.osImage,
      systemUUID: m.systemUUID,
    },
  };
}
