// The fresh lab's topology (docs/cluster-spec.md): one source of truth for node names, addresses
// and CIDRs, imported by every layer that needs them.

export type NodeRole = "control-plane" | "worker";

export interface NodeSpec {
  name: string;
  /** InternalIP: the node's own address in the lab network. */
  ip: string;
  role: NodeRole;
  /** spec.podCIDR the controller-manager's node IPAM hands this node. */
  podCIDR: string;
}

export const CLUSTER_NAME = "kubernetes";
export const KUBERNETES_VERSION = "v1.32.3";
export const DNS_DOMAIN = "cluster.local";
export const SERVICE_CIDR = "10.96.0.0/12";
/** First address of the service range: the `kubernetes` Service (kubeadm GetAPIServerVirtualIP). */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
/** Tenth address of the service range: kube-dns (kubeadm GetDNSIP). */
export const CLUSTER_DNS_IP = "10.96.0.10";
export const POD_CIDR = "10.244.0.0/16";
export const NODE_PORT_RANGE = "30000-32767";
export const API_SERVER_PORT = 6443;
export const ETCD_CLIENT_PORT = 2379;
export const ETCD_PEER_PORT = 2380;
export const ETCD_METRICS_PORT = 2381;

export const CONTROL_PLANE: NodeSpec = {
  name: "controlplane",
  ip: "172.30.1.2",
  role: "control-plane",
  podCIDR: "10.244.0.0/24",
};

export const NODES: readonly NodeSpec[] = [
  CONTROL_PLANE,
  { name: "node01", ip: "172.30.2.2", role: "worker", podCIDR: "10.244.1.0/24" },
  { name: "node02", ip: "172.30.2.3", role: "worker", podCIDR: "10.244.2.0/24" },
];

/** kubeadm init ran without --control-plane-endpoint, so every kubeconfig names the advertise address. */
export const API_SERVER_URL = `https://${CONTROL_PLANE.ip}:${API_SERVER_PORT}`;

export function findNode(name: string): NodeSpec | undefined {
  return NODES.find((n) => n.name === name);
}
