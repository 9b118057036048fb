// Smaller groups: certificates, coordination, scheduling, node, resource (DRA),
// apiserverinternal, storagemigration and the autoscaling Scale subresource. Follows the
// matching print functions of kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, OBJECT_META_NAME_DOC, swaggerDoc } from "./docs";
import { humanDuration, translateTimestampSince } from "./duration";
import { arr, bool, get, isMap, name, num, optNum, str } from "./fields";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** upstream: extractCSRStatus. */
export function extractCSRStatus(csr: KObject): string {
  let approved = false;
  let denied = false;
  let failed = false;
  for (const c of arr(csr, "status", "conditions")) {
    const t = str(c, "type");
    if (t === "Approved") approved = true;
    else if (t === "Denied") denied = true;
    else if (t === "Failed") failed = true;
  }
  // must be in order of precedence
  let status = denied ? "Denied" : approved ? "Approved" : "Pending";
  if (failed) status += ",Failed";
  if (str(csr, "status", "certificate").length > 0) status += ",Issued";
  return status;
}

export const certificateSigningRequestPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    ageColumn(),
    col("SignerName", "string", swaggerDoc("certificates/v1beta1.CertificateSigningRequestSpec.signerName")),
    col("Requestor", "string", swaggerDoc("certificates/v1beta1.CertificateSigningRequestSpec.request")),
    col("RequestedDuration", "string", swaggerDoc("certificates/v1beta1.CertificateSigningRequestSpec.expirationSeconds")),
    col("Condition", "string", swaggerDoc("certificates/v1beta1.CertificateSigningRequestStatus.conditions")),
  ],
  print(obj, now) {
    const seconds = optNum(obj, "spec", "expirationSeconds");
    return [
      name(obj),
      age(obj, now),
      str(obj, "spec", "signerName") || "<none>",
      str(obj, "spec", "username"),
      seconds === undefined ? "<none>" : humanDuration(seconds * 1000),
      extractCSRStatus(obj),
    ];
  },
};

export const clusterTrustBundlePrinter: KindPrinter = {
  columns: [nameColumn(), col("SignerName", "string", swaggerDoc("certificates/v1alpha1.ClusterTrustBundleSpec.signerName"))],
  print: (obj) => [name(obj), str(obj, "spec", "signerName") || "<none>"],
};

export const leasePrinter: KindPrinter = {
  columns: [nameColumn(), col("Holder", "string", swaggerDoc("coordination/v1.LeaseSpec.holderIdentity")), ageColumn()],
  print: (obj, now) => [name(obj), str(obj, "spec", "holderIdentity"), age(obj, now)],
};

export const leaseCandidatePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("LeaseName", "string", swaggerDoc("coordination/v1alpha2.LeaseCandidateSpec.leaseName")),
    col("BinaryVersion", "string", swaggerDoc("meta/v1.ObjectMeta.binaryVersion")),
    col("EmulationVersion", "string", swaggerDoc("meta/v1.ObjectMeta.emulationVersion")),
    ageColumn(),
  ],
  print: (obj, now) => [
    name(obj),
    str(obj, "spec", "leaseName"),
    str(obj, "spec", "binaryVersion"),
    str(obj, "spec", "emulationVersion"),
    age(obj, now),
  ],
};

export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Value", "integer", swaggerDoc("scheduling/v1.PriorityClass.value")),
    col("Global-Default", "boolean", swaggerDoc("scheduling/v1.PriorityClass.globalDefault")),
    ageColumn(),
    col("PreemptionPolicy", "string", swaggerDoc("scheduling/v1.PriorityClass.preemptionPolicy")),
  ],
  print: (obj, now) => [name(obj), num(obj, "value"), bool(obj, "globalDefault"), age(obj, now), str(obj, "preemptionPolicy")],
};

export const runtimeClassPrinter: KindPrinter = {
  columns: [nameColumn(), col("Handler", "string", swaggerDoc("meta/v1.ObjectMeta.handler")), ageColumn()],
  print: (obj, now) => [name(obj), str(obj, "handler"), age(obj, now)],
};

export const deviceClassPrinter: KindPrinter = {
  columns: [nameColumn(), ageColumn()],
  print: (obj, now) => [name(obj), age(obj, now)],
};

/** upstream: resourceClaimState. */
function resourceClaimState(obj: KObject): string {
  const states: string[] = [];
  const deleted = Boolean(obj.metadata?.deletionTimestamp);
  if (deleted) states.push("deleted");
  if (!isMap(get(obj, "status", "allocation"))) {
    if (!deleted) states.push("pending");
  } else {
    states.push("allocated");
    if (arr(obj, "status", "reservedFor").length > 0) states.push("reserved");
  }
  return states.join(",");
}

export const resourceClaimPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("State", "string", "A summary of the current state (allocated, pending, reserved, etc.)."),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), resourceClaimState(obj), age(obj, now)],
};

export const resourceClaimTemplatePrinter: KindPrinter = {
  columns: [nameColumn(), ageColumn()],
  print: (obj, now) => [name(obj), age(obj, now)],
};

export const resourceSlicePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Node", "string", swaggerDoc("resource/v1beta1.ResourceSliceSpec.nodeName")),
    col("Driver", "string", swaggerDoc("resource/v1beta1.ResourceSliceSpec.driver")),
    col("Pool", "string", swaggerDoc("resource/v1beta1.ResourcePool.name")),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), str(obj, "spec", "nodeName"), str(obj, "spec", "driver"), str(obj, "spec", "pool", "name"), age(obj, now)],
};

/** upstream: formatStorageVersions (listWithMoreString with max 3). */
function formatStorageVersions(versions: unknown[]): string {
  const list = versions.slice(0, 3).map((sv) => `${str(sv, "apiServerID")}=${str(sv, "encodingVersion")}`);
  if (versions.length > 3) return `${list.join(",")} + ${versions.length - 3} more...`;
  return list.join(",") || "<unset>";
}

export const storageVersionPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("CommonEncodingVersion", "string", swaggerDoc("apiserverinternal/v1alpha1.StorageVersionStatus.commonEncodingVersion")),
    col("StorageVersions", "string", swaggerDoc("apiserverinternal/v1alpha1.StorageVersionStatus.storageVersions")),
    ageColumn(),
  ],
  print(obj, now) {
    const cev = get(obj, "status", "commonEncodingVersion");
    return [name(obj), typeof cev === "string" ? cev : "<unset>", formatStorageVersions(arr(obj, "status", "storageVersions")), age(obj, now)];
  },
};

export const storageVersionMigrationPrinter: KindPrinter = {
  columns: [col("Name", "string", OBJECT_META_NAME_DOC), col("Resource", "string", "Fully qualified resource to migrate")],
  print: (obj) => [
    name(obj),
    `${str(obj, "spec", "resource", "resource")}.${str(obj, "spec", "resource", "version")}.${str(obj, "spec", "resource", "group")}`,
  ],
};

export const scalePrinter: KindPrinter = {
  columns: [
    col("Name", "string", OBJECT_META_NAME_DOC),
    col("Desired", "integer", swaggerDoc("autoscaling/v1.ScaleSpec.replicas")),
    col("Available", "integer", swaggerDoc("autoscaling/v1.ScaleStatus.replicas")),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), num(obj, "spec", "replicas"), num(obj, "status", "replicas"), age(obj, now)],
};
