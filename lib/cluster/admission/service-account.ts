// The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go): a pod
// gets serviceAccountName "default", the account must exist, and unless automounting is off a
// projected "kube-api-access-<random>" volume with the token, the cluster CA and the namespace
// is mounted read-only into every container at /var/run/secrets/kubernetes.io/serviceaccount.
import { StatusError, type KObject, type Random } from "../api/types.js";
import type { AdmissionLookups, Container, PodSpec } from "./types.js";
import { isMirrorPod } from "./types.js";

export const SA_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

/** The projected volume TokenVolumeSource adds (3607 s: the token's one hour plus the skew). */
export function apiAccessVolume(name: string) {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
      defaultMode: 420,
    },
  };
}

export function admitServiceAccount(pod: KObject, lookups: AdmissionLookups, random: Random): KObject {
  if (isMirrorPod(pod)) return pod;
  const spec = (pod.spec ??= {}) as PodSpec;
  const ns = pod.metadata?.namespace ?? "";
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || "default";
  spec.serviceAccount = spec.serviceAccountName;
  const sa = lookups.get("", "serviceaccounts", ns, spec.serviceAccountName);
  if (!sa) {
    throw new StatusError(403, "Forbidden", `pods "${pod.metadata?.generateName ?? pod.metadata?.name ?? ""}" is forbidden: error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`, {
      name: pod.metadata?.name,
      kind: "pods",
    });
  }
  const automount = spec.automountServiceAccountToken ?? (sa as { automountServiceAccountToken?: boolean }).automountServiceAccountToken ?? true;
  if (!automount) return pod;
  const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  // A pod that mounts something at the path already keeps it (and gets no volume).
  if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SA_MOUNT_PATH))) return pod;
  const existing = new Set((spec.volumes ?? []).map((v) => v.name));
  let name: string;
  do name = `kube-api-access-${random.string(5)}`;
  while (existing.has(name));
  spec.volumes = [...(spec.volumes ?? []), apiAccessVolume(name)];
  for (const c of all) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SA_MOUNT_PATH }];
  return pod;
}
