// Running workloads as the controllers and kubelets leave them: Deployment -> ReplicaSet -> Pods
// (pkg/controller/deployment, pkg/controller/replicaset), DaemonSet -> ControllerRevision -> Pods
// (pkg/controller/daemon), and the Pod status a kubelet reports for a started, ready pod
// (pkg/kubelet/kubelet_pods.go generateAPIPodStatus).

import type { KObject, OwnerReference } from "../api/types";
import { type BuildContext, containerdID, controllerRef, obj, smap } from "./context";
import { defaultDaemonSetSpec, defaultDeploymentSpec, defaultPodSpec } from "./defaults";
import { computeHash, goJSON } from "./hash";
import { containerImageStatus } from "./images";
import type { NodeTopology } from "./topology";

type J = Record<string, any>;

/** scheduling.k8s.io PriorityClass values the Priority admission plugin copies into pods. */
export const PRIORITY_CLASS_VALUES: Record<string, number> = { "system-cluster-critical": 2000000000, "system-node-critical": 2000001000 };

/** Hands out pod IPs from each node's podCIDR, as Calico's host-local IPAM does (first is .2). */
export class PodIPAllocator {
  private next = new Map<string, number>();
  allocate(node: NodeTopology): string {
    const n = this.next.get(node.name) ?? 2;
    this.next.set(node.name, n + 1);
    const base = node.podCIDR.split("/")[0].split(".").slice(0, 3).join(".");
    return `${base}.${n}`;
  }
}

export interface Placement {
  node: NodeTopology;
  /** Seconds after init the pod object was created, started and became ready. */
  createdAt: number;
  startedAt: number;
  readyAt: number;
  /** Pod IP; omitted for hostNetwork pods (the node IP is used). */
  podIP?: string;
}

const SA_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

// ServiceAccount admission (plugin/pkg/admission/serviceaccount): the projected token volume.
function serviceAccountVolume(name: string): J {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
      ],
    },
  };
}

// DefaultTolerationSeconds admission: 300s for not-ready and unreachable, unless already tolerated.
function defaultTolerations(tolerations: J[] | undefined): J[] {
  const out = [...(tolerations ?? [])];
  const has = (key: string) => out.some((t) => (t.key === key || (t.key === undefined && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"));
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!has(key)) out.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
  }
  return out;
}

// pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations.
function daemonSetTolerations(tolerations: J[] | undefined, hostNetwork: boolean): J[] {
  const out = [...(tolerations ?? [])];
  const add = (key: string, effect: string) => {
    if (!out.some((t) => t.key === key && t.effect === effect && t.operator === "Exists")) out.push({ effect, key, operator: "Exists" });
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (hostNetwork) add("node.kubernetes.io/network-unavailable", "NoSchedule");
  return out;
}

/** v1.PodQOSClass, from the containers' requests and limits (pkg/apis/core/v1/helper/qos). */
export function qosClass(spec: J): string {
  const containers: J[] = [...spec.containers, ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ["cpu", "memory"]) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && req[r] !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

function mountStatuses(c: J): J[] | undefined {
  if (!c.volumeMounts) return undefined;
  return c.volumeMounts.map((m: J) => {
    const s: J = { mountPath: m.mountPath, name: m.name };
    if (m.readOnly) {
      s.readOnly = true;
      s.recursiveReadOnly = "Disabled";
    }
    return s;
  });
}

function condition(type: string, at: string): J {
  return { lastProbeTime: null, lastTransitionTime: at, status: "True", type };
}

/** The status a kubelet posts for a pod whose containers all run and pass readiness. */
export function runningPodStatus(ctx: BuildContext, spec: J, p: Placement): J {
  const ip = spec.hostNetwork ? p.node.internalIP : p.podIP!;
  const started = ctx.at(p.startedAt);
  const initDone = spec.initContainers?.length ? p.startedAt - 1 : p.startedAt;
  const status: J = {
    conditions: [
      condition("PodReadyToStartContainers", ctx.at(p.startedAt - (spec.initContainers?.length ? 4 : 1))),
      condition("Initialized", ctx.at(initDone)),
      condition("Ready", ctx.at(p.readyAt)),
      condition("ContainersReady", ctx.at(p.readyAt)),
      condition("PodScheduled", ctx.at(p.createdAt)),
    ],
    containerStatuses: [...spec.containers]
      .sort((a: J, b: J) => (a.name < b.name ? -1 : 1))
      .map((c: J) => {
        const s: J = {
          containerID: `containerd://${containerdID(ctx.random)}`,
          ...containerImageStatus(c.image),
          lastState: {},
          name: c.name,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: started } },
        };
        const mounts = mountStatuses(c);
        if (mounts) s.volumeMounts = mounts;
        return s;
      }),
    hostIP: p.node.internalIP,
    hostIPs: [{ ip: p.node.internalIP }],
  };
  if (spec.initContainers?.length) {
    let t = p.startedAt - 4;
    status.initContainerStatuses = spec.initContainers.map((c: J) => {
      const s: J = {
        containerID: `containerd://${containerdID(ctx.random)}`,
        ...containerImageStatus(c.image),
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: false,
        state: { terminated: { containerID: "", exitCode: 0, finishedAt: ctx.at(t + 1), reason: "Completed", startedAt: ctx.at(t) } },
      };
      s.state.terminated.containerID = s.containerID;
      t += 1;
      const mounts = mountStatuses(c);
      if (mounts) s.volumeMounts = mounts;
      return s;
    });
  }
  Object.assign(status, {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    qosClass: qosClass(spec),
    startTime: ctx.at(p.createdAt + 1 > p.startedAt ? p.startedAt : p.createdAt + 1),
  });
  return status;
}

export interface PodInput {
  name: string;
  generateName?: string;
  namespace: string;
  template: J; // defaulted template (metadata + spec)
  extraLabels?: Record<string, string>;
  owner?: OwnerReference;
  placement: Placement;
  daemonSet?: boolean;
}

/** A pod as the API server stores it after admission, scheduling and the kubelet's status. */
export function buildPod(ctx: BuildContext, input: PodInput): KObject {
  const t = input.template;
  const spec: J = defaultPodSpec({ ...t.spec }, false);
  if (!spec.serviceAccountName) {
    spec.serviceAccountName = "default";
    spec.serviceAccount = "default";
  }
  if (spec.automountServiceAccountToken !== false) {
    const vol = `kube-api-access-${ctx.random.string(5)}`;
    spec.volumes = [...(spec.volumes ?? []), serviceAccountVolume(vol)];
    const mount = { mountPath: SA_MOUNT, name: vol, readOnly: true };
    spec.containers = spec.containers.map((c: J) => ({ ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] }));
    if (spec.initContainers) spec.initContainers = spec.initContainers.map((c: J) => ({ ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] }));
  }
  spec.enableServiceLinks ??= true;
  spec.nodeName = input.placement.node.name;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  spec.priority = spec.priorityClassName ? PRIORITY_CLASS_VALUES[spec.priorityClassName] ?? 0 : 0;
  if (input.daemonSet) {
    // The DaemonSet controller pins each pod to its node with node affinity on metadata.name.
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [input.placement.node.name] }] }],
        },
      },
    };
    spec.tolerations = daemonSetTolerations(spec.tolerations, spec.hostNetwork === true);
  } else {
    spec.tolerations = defaultTolerations(spec.tolerations);
  }
  const labels = { ...(t.metadata.labels ?? {}), ...(input.extraLabels ?? {}) };
  const pod = obj("v1", "Pod", ctx, {
    name: input.name,
    namespace: input.namespace,
    labels,
    annotations: t.metadata.annotations,
    ownerReferences: input.owner ? [input.owner] : undefined,
    createdAt: input.placement.createdAt,
  });
  if (input.generateName) {
    const m = pod.metadata!;
    pod.metadata = { generateName: input.generateName, ...m };
  }
  pod.spec = spec;
  pod.status = runningPodStatus(ctx, spec, input.placement);
  return pod;
}

export interface WorkloadInput {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** The manifest's spec (undefaulted). */
  spec: J;
  createdAt: number;
  placements: Placement[];
}

function maxSurgeCount(spec: J): number {
  const s = spec.strategy?.rollingUpdate?.maxSurge;
  if (typeof s === "number") return s;
  if (typeof s === "string" && s.endsWith("%")) return Math.ceil((parseInt(s, 10) * spec.replicas) / 100);
  return 0;
}

/** A rolled-out Deployment with its ReplicaSet and pods. */
export function buildDeployment(ctx: BuildContext, w: WorkloadInput): KObject[] {
  const spec = defaultDeploymentSpec(w.spec);
  const replicas: number = spec.replicas;
  const readyAt = Math.max(...w.placements.map((p) => p.readyAt));
  const deployment = obj("apps/v1", "Deployment", ctx, {
    name: w.name,
    namespace: w.namespace,
    labels: w.labels,
    annotations: { "deployment.kubernetes.io/revision": "1", ...(w.annotations ?? {}) },
    createdAt: w.createdAt,
    generation: 1,
  });
  const hash = computeHash(spec.template);
  const rsName = `${w.name}-${hash}`;
  deployment.spec = spec;
  deployment.status = {
    availableReplicas: replicas,
    conditions: [
      { lastTransitionTime: ctx.at(readyAt), lastUpdateTime: ctx.at(readyAt), message: "Deployment has minimum availability.", reason: "MinimumReplicasAvailable", status: "True", type: "Available" },
      { lastTransitionTime: ctx.at(w.createdAt), lastUpdateTime: ctx.at(readyAt), message: `ReplicaSet "${rsName}" has successfully progressed.`, reason: "NewReplicaSetAvailable", status: "True", type: "Progressing" },
    ],
    observedGeneration: 1,
    readyReplicas: replicas,
    replicas,
    updatedReplicas: replicas,
  };
  const templateLabels = { ...spec.template.metadata.labels, "pod-template-hash": hash };
  const rsTemplate = { ...spec.template, metadata: { ...spec.template.metadata, labels: smap(templateLabels) } };
  const rs = obj("apps/v1", "ReplicaSet", ctx, {
    name: rsName,
    namespace: w.namespace,
    labels: templateLabels,
    annotations: {
      "deployment.kubernetes.io/desired-replicas": String(replicas),
      "deployment.kubernetes.io/max-replicas": String(replicas + maxSurgeCount(spec)),
      "deployment.kubernetes.io/revision": "1",
    },
    ownerReferences: [controllerRef(deployment)],
    createdAt: w.createdAt,
    generation: 1,
  });
  rs.spec = {
    replicas,
    selector: { matchLabels: smap({ ...spec.selector.matchLabels, "pod-template-hash": hash }) },
    template: rsTemplate,
  };
  rs.status = { availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 1, readyReplicas: replicas, replicas };
  const pods = w.placements.map((p) =>
    buildPod(ctx, {
      name: `${rsName}-${ctx.random.string(5)}`,
      generateName: `${rsName}-`,
      namespace: w.namespace,
      template: rsTemplate,
      owner: controllerRef(rs),
      placement: p,
    }),
  );
  return [deployment, rs, ...pods];
}

/** A rolled-out DaemonSet with its first ControllerRevision and one pod per node. */
export function buildDaemonSet(ctx: BuildContext, w: WorkloadInput): KObject[] {
  const spec = defaultDaemonSetSpec(w.spec);
  const n = w.placements.length;
  const ds = obj("apps/v1", "DaemonSet", ctx, {
    name: w.name,
    namespace: w.namespace,
    labels: w.labels,
    annotations: { "deprecated.daemonset.template.generation": "1", ...(w.annotations ?? {}) },
    createdAt: w.createdAt,
    generation: 1,
  });
  ds.spec = spec;
  ds.status = {
    currentNumberScheduled: n,
    desiredNumberScheduled: n,
    numberAvailable: n,
    numberMisscheduled: 0,
    numberReady: n,
    observedGeneration: 1,
    updatedNumberScheduled: n,
  };
  // pkg/controller/daemon/update.go snapshot(): name and label from ComputeHash, data = getPatch.
  const hash = computeHash(spec.template);
  const data = JSON.parse(goJSON({ spec: { template: { ...spec.template, $patch: "replace" } } }));
  const cr = obj("apps/v1", "ControllerRevision", ctx, {
    name: `${w.name}-${hash}`,
    namespace: w.namespace,
    labels: { ...spec.template.metadata.labels, "controller-revision-hash": hash },
    annotations: ds.metadata!.annotations,
    ownerReferences: [controllerRef(ds)],
    createdAt: w.createdAt,
  });
  cr.data = data;
  cr.revision = 1;
  const pods = w.placements.map((p) =>
    buildPod(ctx, {
      name: `${w.name}-${ctx.random.string(5)}`,
      generateName: `${w.name}-`,
      namespace: w.namespace,
      template: spec.template,
      extraLabels: { "controller-revision-hash": hash, "pod-template-generation": "1" },
      owner: controllerRef(ds),
      placement: p,
      daemonSet: true,
    }),
  );
  return [ds, cr, ...pods];
}
