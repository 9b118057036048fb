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
  "crd-apply": "kubectl apply/create of CRDs and custom resources passes kubectl's client-side validation, and a new CRD gets its NamesAccepted/Established conditions",
  "native-sidecars": "init containers with restartPolicy Always run as sidecars (started, ready, Pod Running)",
  "oom-kill": "a container whose memory use (load model) exceeds limits.memory is OOMKilled",
  "kubeadm-upgrade": "after kubeadm upgrade and the package upgrades, the API server, kubelet and kubectl report the new version",
  "kubeadm-ha": "kubeadm init phase upload-certs and control-plane joins (kubeadm-certs Secret, --certificate-key)",
} as const;

export type Feature = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as [Feature, ...Feature[]];

/** What the simulator of this checkout can do; the lead updates it as features land. Self-tested
 * end to end on 2026-11-25 (issue 8): every exercise needing only these passes. Missing:
 * crd-apply (kubectl's client-side validation of CRDs and custom resources asks for the protobuf
 * /openapi/v2; CRDs created by users get no status conditions), native-sidecars, oom-kill (the
 * kubelet passes no memory limit to the runtime), kubeadm-upgrade (the API server keeps reporting
 * v1.32.3; kubectl 1.33.0-1.1 reports v1.33.9), kubeadm-ha (no init phase upload-certs). */
export const SIMULATOR_FEATURES: ReadonlySet<Feature> = new Set<Feature>([
  "rbac", "etcd", "workloads", "pod-exec", "network", "dns", "network-policy", "storage", "node-tools", "helm", "metrics", "ingress",
]);

/** The needs of `required` that `available` lacks, in the order given. */
export function missingFeatures(required: readonly Feature[], available: ReadonlySet<Feature> = SIMULATOR_FEATURES): Feature[] {
  return required.filter((f) => !available.has(f));
}
