// The shape of every fresh lab (docs/cluster-spec.md). lib/cluster may not import lib/node, so
// the facts the bootstrap objects need are kept here; lib/node should import them from here.

export interface NodeTopology {
  name: string;
  internalIP: string;
  /** Prefix length of the node's network, for Calico's projectcalico.org/IPv4Address. */
  ipPrefixLength: number;
  podCIDR: string;
  controlPlane: boolean;
  /** Minutes after `kubeadm init` at which the node joined (0 for the init node). */
  joinedAfterMinutes: number;
}

export interface ClusterTopology {
  kubernetesVersion: string; // "v1.32.3"
  clusterName: string;
  dnsDomain: string;
  podSubnet: string;
  serviceSubnet: string;
  kubernetesServiceIP: string;
  dnsServiceIP: string;
  nodePortRange: string;
  apiServerPort: number;
  nodes: NodeTopology[];
}

export const KUBERNETES_VERSION = "v1.32.3";

export const TOPOLOGY: ClusterTopology = {
  kubernetesVersion: KUBERNETES_VERSION,
  clusterName: "kubernetes",
  dnsDomain: "cluster.local",
  podSubnet: "10.244.0.0/16",
  serviceSubnet: "10.96.0.0/12",
  kubernetesServiceIP: "10.96.0.1",
  dnsServiceIP: "10.96.0.10",
  nodePortRange: "30000-32767",
  apiServerPort: 6443,
  nodes: [
    { name: "controlplane", internalIP: "172.30.1.2", ipPrefixLength: 24, podCIDR: "10.244.0.0/24", controlPlane: true, joinedAfterMinutes: 0 },
    { name: "node01", internalIP: "172.30.2.2", ipPrefixLength: 24, podCIDR: "10.244.1.0/24", controlPlane: false, joinedAfterMinutes: 2 },
    { name: "node02", internalIP: "172.30.2.3", ipPrefixLength: 24, podCIDR: "10.244.2.0/24", controlPlane: false, joinedAfterMinutes: 3 },
  ],
};

export function controlPlaneNode(t: ClusterTopology = TOPOLOGY): NodeTopology {
  const cp = t.nodes.find((n) => n.controlPlane);
  if (!cp) throw new Error("topology has no control-plane node");
  return cp;
}

/** https://<control plane IP>:6443: kubeadm init ran without --control-plane-endpoint. */
export function apiServerURL(t: ClusterTopology = TOPOLOGY): string {
  return `https://${controlPlaneNode(t).internalIP}:${t.apiServerPort}`;
}

/** Versions of the node software, shown in Node.status.nodeInfo. */
export const NODE_SOFTWARE = {
  osImage: "Ubuntu 24.04.1 LTS",
  kernelVersion: "6.8.0-51-generic",
  containerRuntimeVersion: "containerd://1.7.24",
  operatingSystem: "linux",
  architecture: "amd64",
  criSocket: "unix:///var/run/containerd/containerd.sock",
} as const;
