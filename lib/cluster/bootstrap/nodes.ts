// The three Node objects as the kubelet registers and updates them (pkg/kubelet/kubelet_node_status.go,
// pkg/kubelet/nodestatus/setters.go), labelled by kubeadm (control-plane role, exclude-from-LB),
// annotated by kubeadm, the TTL controller, and calico-node.

import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { nodeImageEntry } from "./images";
import { NODE_SOFTWARE, type NodeTopology } from "./topology";

/** Seconds after init when a node's Node object was registered. */
export function nodeRegisteredAt(n: NodeTopology): number {
  return n.controlPlane ? 9 : n.joinedAfterMinutes * 60 + 6;
}

/** What every node reports: 2 CPUs, ~4 GiB, a 20 GB root disk. */
export const NODE_CAPACITY = {
  cpu: "2",
  "ephemeral-storage": "20134592Ki",
  "hugepages-1Gi": "0",
  "hugepages-2Mi": "0",
  memory: "4005024Ki",
  pods: "110",
};

// Allocatable = capacity - kube/system reserved (none) - evictionHard (memory.available 100Mi,
// nodefs.available 10%), as pkg/kubelet/cm/node_container_manager_linux.go computes it.
export const NODE_ALLOCATABLE = {
  cpu: "2",
  "ephemeral-storage": "18556039988",
  "hugepages-1Gi": "0",
  "hugepages-2Mi": "0",
  memory: "3902624Ki",
  pods: "110",
};

export function buildNode(ctx: BuildContext, n: NodeTopology, images: string[], ids: { machineID: string; systemUUID: string; bootID: string }): KObject {
  const registered = nodeRegisteredAt(n);
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": NODE_SOFTWARE.architecture,
    "beta.kubernetes.io/os": NODE_SOFTWARE.operatingSystem,
    "kubernetes.io/arch": NODE_SOFTWARE.architecture,
    "kubernetes.io/hostname": n.name,
    "kubernetes.io/os": NODE_SOFTWARE.operatingSystem,
  };
  if (n.controlPlane) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  }
  const node = obj("v1", "Node", ctx, {
    name: n.name,
    labels,
    annotations: {
      "kubeadm.alpha.kubernetes.io/cri-socket": NODE_SOFTWARE.criSocket,
      "node.alpha.kubernetes.io/ttl": "0",
      "projectcalico.org/IPv4Address": `${n.internalIP}/${n.ipPrefixLength}`,
      "volumes.kubernetes.io/controller-managed-attach-detach": "true",
    },
    createdAt: registered,
  });
  const spec: Record<string, unknown> = { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] };
  if (n.controlPlane) spec.taints = [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }];
  node.spec = spec;
  // Heartbeats: the kubelet posts status every 10s-5m; a fresh lab shows a recent one.
  const heartbeat = ctx.at(Math.max(registered, ctx.ageSeconds - 37));
  const since = ctx.at(registered);
  // Ready became true once Calico installed the CNI config on this node.
  const readySince = ctx.at(calicoReadyAt(n));
  const cond = (type: string, status: string, reason: string, message: string, transition: string) => ({
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: transition,
    message,
    reason,
    status,
    type,
  });
  node.status = {
    addresses: [
      { address: n.internalIP, type: "InternalIP" },
      { address: n.name, type: "Hostname" },
    ],
    allocatable: { ...NODE_ALLOCATABLE },
    capacity: { ...NODE_CAPACITY },
    conditions: [
      {
        lastHeartbeatTime: ctx.at(calicoReadyAt(n) - 2),
        lastTransitionTime: ctx.at(calicoReadyAt(n) - 2),
        message: "Calico is running on this node",
        reason: "CalicoIsUp",
        status: "False",
        type: "NetworkUnavailable",
      },
      cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", since),
      cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", since),
      cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", since),
      cond("Ready", "True", "KubeletReady", "kubelet is posting ready status", readySince),
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    images: images.map(nodeImageEntry).sort((a, b) => b.sizeBytes - a.sizeBytes),
    nodeInfo: {
      architecture: NODE_SOFTWARE.architecture,
      bootID: ids.bootID,
      containerRuntimeVersion: NODE_SOFTWARE.containerRuntimeVersion,
      kernelVersion: NODE_SOFTWARE.kernelVersion,
      kubeProxyVersion: ctx.topology.kubernetesVersion,
      kubeletVersion: ctx.topology.kubernetesVersion,
      machineID: ids.machineID,
      operatingSystem: NODE_SOFTWARE.operatingSystem,
      osImage: NODE_SOFTWARE.osImage,
      systemUUID: ids.systemUUID,
    },
  };
  return node;
}

/** Seconds after init when calico-node was up on a node (Calico is applied at T+4m). */
export function calicoReadyAt(n: NodeTopology): number {
  return Math.max(CALICO_APPLIED_AT + 40, nodeRegisteredAt(n) + 40);
}

export const CALICO_APPLIED_AT = 240;
