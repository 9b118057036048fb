// Two admission plugins of kube-apiserver's default set for storage:
// plugin/pkg/admission/storage/storageobjectinuseprotection (on CREATE, claims get
// kubernetes.io/pvc-protection and volumes kubernetes.io/pv-protection) and
// plugin/pkg/admission/storage/persistentvolume/resize (growing a claim needs it Bound and its
// class to allow expansion).
import type { KObject } from "../api/types.js";
import type { StatusError } from "../api/types.js";
import { newForbidden } from "../meta/errors.js";
import { claimClass, cmpStorage, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from "./helpers.js";
import type { PVC, StorageClass } from "./types.js";

/** StorageObjectInUseProtection.Admit for a CREATE of persistentvolumeclaims or persistentvolumes. */
export function admitStorageObjectInUseProtection(resource: string, obj: KObject): KObject {
  const fin = resource === "persistentvolumeclaims" ? PVC_PROTECTION_FINALIZER : resource === "persistentvolumes" ? PV_PROTECTION_FINALIZER : undefined;
  if (!fin || obj.metadata?.finalizers?.includes(fin)) return obj;
  return { ...obj, metadata: { ...obj.metadata, finalizers: [...(obj.metadata?.finalizers ?? []), fin] } };
}

/**
 * PersistentVolumeClaimResize.Validate for an UPDATE of a claim (not its status): undefined when
 * admitted, else the Forbidden error kube-apiserver answers.
 */
export function validatePersistentVolumeClaimResize(pvc: PVC, old: PVC, getClass: (name: string) => StorageClass | undefined): StatusError | undefined {
  if (cmpStorage(pvc.spec?.resources?.requests, old.spec?.resources?.requests) <= 0) return undefined;
  const name = pvc.metadata?.name ?? "";
  const gr = { group: "", resource: "persistentvolumeclaims" };
  if (old.status?.phase !== "Bound") return newForbidden(gr, name, "Only bound persistent volume claims can be expanded");
  const cls = claimClass(pvc);
  const oldCls = claimClass(old);
  const allowed = !!cls && cls === oldCls && getClass(cls)?.allowVolumeExpansion === true;
  if (!allowed) return newForbidden(gr, name, "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
  return undefined;
}
