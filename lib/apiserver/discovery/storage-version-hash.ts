// storageVersionHash, as staging/src/k8s.io/apiserver/pkg/endpoints/discovery/
// storageversionhash.go computes it: base64 (standard, padded) of the first 8 bytes of
// sha256("<group>/<version>/<kind>") of the version the object is STORED in.
import { createHash } from "node:crypto";
import type { ResourceInfo } from "../../cluster/api/types";

export function storageVersionHash(group: string, version: string, kind: string): string {
  if (!kind) return "";
  return createHash("sha256").update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString("base64");
}

/**
 * The group/version/kind `info` is stored as. events.k8s.io Events share core Events' storage
 * (storageFactory cohabitating resources), so both report "/v1/Event". A resource served under
 * several versions (autoscaling HPAs, multi-version CRDs) is stored in its group's preferred
 * version, which is what kube-apiserver v1.32 and these CRDs use (HPA: autoscaling/v2).
 */
export function storageGVK(
  info: ResourceInfo,
  preferredVersion: (group: string) => string | undefined,
  servedVersions: (group: string, resource: string) => string[],
): { group: string; version: string; kind: string } {
  if (info.group === "events.k8s.io" && info.resource === "events") return { group: "", version: "v1", kind: "Event" };
  const served = servedVersions(info.group, info.resource);
  const pref = preferredVersion(info.group);
  const version = pref !== undefined && served.includes(pref) ? pref : info.version;
  return { group: info.group, version, kind: info.kind };
}
