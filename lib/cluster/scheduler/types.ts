// The scheduling framework's vocabulary, after pkg/scheduler/framework/interface.go and types.go
// (v1.32): Status codes, NodeInfo (a node with the pods assigned or assumed on it), and the
// plugin extension points we run (PreFilter, Filter, PreScore/Score, NormalizeScore).
import type { KObject } from "../api/types.js";
import type { Resources } from "./resources.js";

/** framework.Code. Unschedulable may be resolved by preemption; UnschedulableAndUnresolvable may not. */
export type Code = "Success" | "Error" | "Unschedulable" | "UnschedulableAndUnresolvable" | "Skip";

export interface Status {
  code: Code;
  reasons: string[];
  /** The plugin that rejected the pod (framework.Status.Plugin()). */
  plugin?: string;
}

export const SUCCESS: Status = { code: "Success", reasons: [] };
export const SKIP: Status = { code: "Skip", reasons: [] };

export function unschedulable(...reasons: string[]): Status {
  return { code: "Unschedulable", reasons };
}
export function unresolvable(...reasons: string[]): Status {
  return { code: "UnschedulableAndUnresolvable", reasons };
}
export const isRejection = (s: Status) => s.code === "Unschedulable" || s.code === "UnschedulableAndUnresolvable";

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

// Typed views of the JSON objects the scheduler reads.
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}
export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}
export interface LabelSelectorJSON {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface PodAffinityTerm {
  labelSelector?: LabelSelectorJSON | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorJSON | null;
  topologyKey: string;
}
export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector?: LabelSelectorJSON | null;
  minDomains?: number;
  nodeAffinityPolicy?: "Honor" | "Ignore";
  nodeTaintsPolicy?: "Honor" | "Ignore";
  matchLabelKeys?: string[];
}
export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}
export interface Container {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ports?: ContainerPort[];
  restartPolicy?: string;
}
export interface PodSpec {
  nodeName?: string;
  schedulerName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
      preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
    };
    podAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
      preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
    };
    podAntiAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
      preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
    };
  };
  topologySpreadConstraints?: TopologySpreadConstraint[];
  containers: Container[];
  initContainers?: Container[];
  overhead?: Record<string, string>;
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }[];
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
  schedulingGates?: { name: string }[];
  hostNetwork?: boolean;
}

export type Pod = KObject & { spec: PodSpec; status?: { phase?: string; conditions?: PodCondition[]; nominatedNodeName?: string } };
export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}
export type Node = KObject & {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { allocatable?: Record<string, string>; images?: { names?: string[]; sizeBytes?: number }[] };
};

/** framework.NodeInfo: a node and what is on it in the scheduler's view (bound and assumed pods). */
export interface NodeInfo {
  node: Node;
  name: string;
  labels: Record<string, string>;
  pods: Pod[];
  /** Sum of the pods' requests (framework.Resource). */
  requested: Resources;
  /** Same with the scheduler's non-zero defaults for containers without requests (scoring only). */
  nonZeroRequested: Resources;
  allocatable: Resources;
  /** "protocol/hostIP/port" in use. */
  usedPorts: { ip: string; protocol: string; port: number }[];
}

/** What every plugin is given for one scheduling cycle: the cluster as of the cycle's start. */
export interface CycleContext {
  pod: Pod;
  nodes: NodeInfo[];
  nodeByName: Map<string, NodeInfo>;
  /** Namespace labels, for namespaceSelector of pod affinity terms. */
  namespaceLabels(ns: string): Record<string, string> | undefined;
  /** Reads other objects (PVCs, PVs, StorageClasses, Services, ReplicaSets...). */
  get(gr: { group: string; resource: string }, namespace: string, name: string): KObject | undefined;
  list(gr: { group: string; resource: string }, namespace?: string): KObject[];
  /** Per-plugin state between PreFilter/Filter/PreScore/Score (framework.CycleState). */
  state: Map<string, unknown>;
}

/** Cluster changes a plugin may be waiting for (framework.ClusterEvent, coarsened). */
export type ClusterEventKind =
  | "NodeAdd"
  | "NodeLabel"
  | "NodeTaint"
  | "NodeAllocatable"
  | "NodeSchedulable"
  | "AssignedPodAdd"
  | "AssignedPodUpdate"
  | "AssignedPodDelete"
  | "PVC"
  | "PV"
  | "StorageClass"
  | "Namespace";

export interface PreFilterResult {
  /** The only nodes worth filtering (undefined = all). */
  nodeNames?: Set<string>;
}

export interface Plugin {
  readonly name: string;
  /** Events after which a pod this plugin rejected may fit (EventsToRegister). */
  readonly events: readonly ClusterEventKind[];
  preFilter?(c: CycleContext): { status: Status; result?: PreFilterResult };
  filter?(c: CycleContext, node: NodeInfo): Status;
  /** Raw score of one node; normalizeScore then maps all scores onto 0..100. */
  score?(c: CycleContext, node: NodeInfo, feasible: NodeInfo[]): number;
  normalizeScore?(c: CycleContext, scores: Map<string, number>): void;
  readonly weight?: number;
}
