// storage.k8s.io kinds: follows printStorageClass, printVolumeAttributesClass,
// printVolumeAttachment, printCSINode, printCSIDriver and printCSIStorageCapacity in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, bool, get, name, optBool, quantity, str } from "./fields";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** upstream: storageutil.IsDefaultAnnotation (GA and beta annotations). */
function isDefaultClass(obj: KObject, ga: string, beta: string): boolean {
  const a = obj.metadata?.annotations ?? {};
  return a[ga] === "true" || a[beta] === "true";
}

export const storageClassPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Provisioner", "string", swaggerDoc("storage/v1.StorageClass.provisioner")),
    col("ReclaimPolicy", "string", swaggerDoc("storage/v1.StorageClass.reclaimPolicy")),
    col("VolumeBindingMode", "string", swaggerDoc("storage/v1.StorageClass.volumeBindingMode")),
    col("AllowVolumeExpansion", "string", swaggerDoc("storage/v1.StorageClass.allowVolumeExpansion")),
    ageColumn(),
  ],
  print(obj, now) {
    let n = name(obj);
    if (isDefaultClass(obj, "storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class")) {
      n += " (default)";
    }
    return [
      n,
      str(obj, "provisioner"),
      str(obj, "reclaimPolicy") || "Delete",
      str(obj, "volumeBindingMode") || "Immediate",
      bool(obj, "allowVolumeExpansion"),
      age(obj, now),
    ];
  },
};

export const volumeAttributesClassPrinter: KindPrinter = {
  columns: [nameColumn(), col("DriverName", "string", swaggerDoc("storage/v1beta1.VolumeAttributesClass.driverName")), ageColumn()],
  print(obj, now) {
    let n = name(obj);
    // upstream: storageutil.IsDefaultAnnotationForVolumeAttributesClass (alpha annotation).
    const a = obj.metadata?.annotations ?? {};
    if (a["volumeattributesclass.alpha.kubernetes.io/is-default-class"] === "true") n += " (default)";
    return [n, str(obj, "driverName"), age(obj, now)];
  },
};

export const volumeAttachmentPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Attacher", "string", swaggerDoc("storage/v1.VolumeAttachmentSpec.attacher"), 0, "name"),
    col("PV", "string", swaggerDoc("storage/v1.VolumeAttachmentSource.persistentVolumeName")),
    col("Node", "string", swaggerDoc("storage/v1.VolumeAttachmentSpec.nodeName")),
    col("Attached", "boolean", swaggerDoc("storage/v1.VolumeAttachmentStatus.attached")),
    ageColumn(),
  ],
  print: (obj, now) => [
    name(obj),
    str(obj, "spec", "attacher"),
    str(obj, "spec", "source", "persistentVolumeName"),
    str(obj, "spec", "nodeName"),
    bool(obj, "status", "attached"),
    age(obj, now),
  ],
};

export const csiNodePrinter: KindPrinter = {
  columns: [nameColumn(), col("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"), ageColumn()],
  print: (obj, now) => [name(obj), arr(obj, "spec", "drivers").length, age(obj, now)],
};

export const csiDriverPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("AttachRequired", "boolean", swaggerDoc("storage/v1.CSIDriverSpec.attachRequired")),
    col("PodInfoOnMount", "boolean", swaggerDoc("storage/v1.CSIDriverSpec.podInfoOnMount")),
    col("StorageCapacity", "boolean", swaggerDoc("storage/v1.CSIDriverSpec.storageCapacity")),
    col("TokenRequests", "string", swaggerDoc("storage/v1.CSIDriverSpec.tokenRequests")),
    col("RequiresRepublish", "boolean", swaggerDoc("storage/v1.CSIDriverSpec.requiresRepublish")),
    col("Modes", "string", swaggerDoc("storage/v1.CSIDriverSpec.volumeLifecycleModes")),
    ageColumn(),
  ],
  print(obj, now) {
    const tokenRequests = get(obj, "spec", "tokenRequests");
    const tokens = Array.isArray(tokenRequests) ? tokenRequests.map((t) => str(t, "audience")).join(",") : "<unset>";
    const modes = arr(obj, "spec", "volumeLifecycleModes").map(String).join(",") || "<none>";
    return [
      name(obj),
      optBool(obj, "spec", "attachRequired") ?? true,
      optBool(obj, "spec", "podInfoOnMount") ?? false,
      optBool(obj, "spec", "storageCapacity") ?? false,
      tokens,
      optBool(obj, "spec", "requiresRepublish") ?? false,
      modes,
      age(obj, now),
    ];
  },
};

export const csiStorageCapacityPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("StorageClassName", "string", swaggerDoc("storage/v1.CSIStorageCapacity.storageClassName")),
    col("Capacity", "string", swaggerDoc("storage/v1.CSIStorageCapacity.capacity")),
  ],
  print(obj) {
    const c = get(obj, "capacity");
    return [name(obj), str(obj, "storageClassName"), c === undefined || c === null ? "<unset>" : quantity(c)];
  },
};
