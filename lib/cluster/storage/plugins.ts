// What kube-controller-manager's in-tree volume plugins (cmd/kube-controller-manager/app/plugins.go:
// hostpath, nfs, csi...) answer when the PV controller asks them to provision, delete or recycle,
// with the upstream error texts (pkg/volume/plugins.go, pkg/volume/hostpath/host_path.go).
import { ANN_DYNAMICALLY_PROVISIONED, ANN_MIGRATED_TO } from "./helpers.js";
import type { PV } from "./types.js";

/** The in-tree plugin a PV's source belongs to (FindPluginBySpec); undefined = "no volume plugin matched". */
export function pluginForVolume(pv: PV): string | undefined {
  const s = pv.spec ?? {};
  if (s.hostPath) return "kubernetes.io/host-path";
  if (s.nfs) return "kubernetes.io/nfs";
  if (s.csi) return "kubernetes.io/csi";
  // local, iscsi, fc... are kubelet-only plugins: the controller manager does not load them.
  return undefined;
}

/** hostPath's deleter refuses anything that does not look like a /tmp path (host_path.go). */
const HOSTPATH_DELETABLE = /\/tmp\/.+/;

export type DeleteDecision =
  /** An external deleter (a provisioner, a CSI driver) owns the volume: do nothing. */
  | { kind: "external" }
  /** The in-tree plugin deleted the storage asset: delete the PV object. */
  | { kind: "deleted"; plugin: string }
  | { kind: "error"; message: string };

/** doDeleteVolume + findDeletablePlugin, for the plugins a kubeadm controller manager has. */
export function deleteVolume(pv: PV): DeleteDecision {
  const name = pv.metadata?.name ?? "";
  const provisionedBy = pv.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  let plugin: string | undefined;
  if (provisionedBy) {
    if (!provisionedBy.startsWith("kubernetes.io/")) return { kind: "external" };
    if (provisionedBy !== "kubernetes.io/host-path") return { kind: "error", message: `no volume plugin matched name: ${provisionedBy}` };
    plugin = provisionedBy;
  } else {
    // HonorPVReclaimPolicy (beta, on in v1.32): migrated and CSI volumes belong to their driver.
    if (pv.metadata?.annotations?.[ANN_MIGRATED_TO] || pv.spec?.csi) return { kind: "external" };
    plugin = pluginForVolume(pv);
    if (!plugin) return { kind: "error", message: `error getting deleter volume plugin for volume "${name}": no volume plugin matched` };
    if (plugin !== "kubernetes.io/host-path") return { kind: "error", message: `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched` };
  }
  if (!pv.spec?.hostPath) return { kind: "error", message: `failed to create deleter for volume "${name}": spec.PersistentVolumeSource.HostPath is nil` };
  const path = pv.spec.hostPath.path;
  if (!HOSTPATH_DELETABLE.test(path)) return { kind: "error", message: `host_path deleter only supports /tmp/.+ but received provided ${path}` };
  // The deleter removes the path inside the controller manager's own container, not on a node.
  return { kind: "deleted", plugin };
}

/** Whether an in-tree recycler exists for the volume (hostPath and NFS have one). */
export const recyclable = (pv: PV) => !!(pv.spec?.hostPath || pv.spec?.nfs);

export type ProvisionPlugin =
  | { kind: "external"; provisioner: string }
  | { kind: "error"; message: string }
  /** An in-tree plugin exists but refuses (hostPath without --enable-hostpath-provisioner). */
  | { kind: "disabled"; provisioner: string; message: string };

/** findProvisionablePlugin for a class's provisioner. */
export function provisionPlugin(provisioner: string): ProvisionPlugin {
  if (!provisioner.startsWith("kubernetes.io/")) return { kind: "external", provisioner };
  if (provisioner === "kubernetes.io/host-path") {
    return { kind: "disabled", provisioner, message: `Failed to create provisioner: Provisioning in volume plugin "${provisioner}" is disabled` };
  }
  if (provisioner === "kubernetes.io/nfs" || provisioner === "kubernetes.io/csi") return { kind: "error", message: "no provisionable volume plugin matched" };
  return { kind: "error", message: `no volume plugin matched name: ${provisioner}` };
}
