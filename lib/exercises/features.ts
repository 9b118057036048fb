// What an exercise needs from the simulator beyond the API server (`requires:` in exercise.yaml).
// `drydock exercises test` skips an exercise whose needs the lab cannot meet yet and says so; as
// the simulator grows (issues 4-7), the lead moves names into SIMULATOR_FEATURES.

export const FEATURES = {
  rbac: "the API server authorizes with RBAC (kubectl auth can-i, impersonation)",
  etcd: "etcdctl reaches the lab's real etcd with the kubeadm PKI",
  workloads: "controllers, scheduler and kubelets: pods are created, scheduled and run",
  "pod-exec": "kubectl exec and kubectl logs reach simulated containers",
  network: "pod IPs, ClusterIPs and NodePorts answer TCP from nodes and pods",
  dns: "CoreDNS answers cluster names for pods",
  "network-policy": "NetworkPolicies are enforced",
  storage: "PersistentVolume binding and the local-path provisioner",
  "node-tools": "kubeadm, systemctl, journalctl and crictl on nodes",
  helm: "helm install/upgrade/rollback against the lab",
  metrics: "metrics-server answers kubectl top",
  ingress: "ingress-nginx and the Gateway API controller route traffic",
} as const;

export type Feature = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as [Feature, ...Feature[]];

/** What the simulator of this checkout can do; the lead updates it as features land. */
export const SIMULATOR_FEATURES: ReadonlySet<Feature> = new Set<Feature>(["rbac", "etcd"]);

/** The needs of `required` that `available` lacks, in the order given. */
export function missingFeatures(required: readonly Feature[], available: ReadonlySet<Feature> = SIMULATOR_FEATURES): Feature[] {
  return required.filter((f) => !available.has(f));
}
