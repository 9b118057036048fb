// pkg/volume/util.GetDefaultClass: of the classes annotated as default, the newest wins, then the
// first by name (the DefaultStorageClass admission plugin and the PV controller agree on this).
import type { StorageClass } from "./types.js";

export const ANN_IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
export const ANN_BETA_IS_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a[ANN_IS_DEFAULT_CLASS] === "true" || a[ANN_BETA_IS_DEFAULT_CLASS] === "true";
}

export function defaultStorageClass(classes: StorageClass[]): StorageClass | undefined {
  const t = (sc: StorageClass) => Date.parse(sc.metadata?.creationTimestamp ?? "") || 0;
  return classes
    .filter(isDefaultClass)
    .sort((a, b) => t(b) - t(a) || ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1))[0];
}
