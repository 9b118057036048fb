// Per-resource policy for the generic store, after pkg/registry/<group>/<resource>/strategy.go:
// what create clears, when generation moves, what the status subresource may change.
import { persistentVolumeClaimPrepareForCreate, persistentVolumePrepareForCreate } from "../storage/strategy.js";
import type { KObject } from "../api/types.js";
import { jobPrepareForCreate } from "./batch/job.js";
import { crdInitialStatus } from "./crd-status.js";

export interface Strategy {
  /** metadata.generation is maintained (starts at 1, bumps when spec-like fields change). */
  generation: boolean;
  /** Status is owned by the status subresource: create resets it, update keeps the stored one. */
  statusSubresource: boolean;
  /** Status on create (after reset), e.g. Namespace phase Active. */
  initialStatus?(obj: KObject, now: Date): unknown;
  /** Fields outside metadata/status whose change bumps generation; default: everything but status. */
  /** Kind-specific PrepareForCreate, run after name, uid and timestamps are set (e.g. Job selectors). */
  prepareForCreate?(obj: KObject): KObject;
}

const withGeneration = new Set([
  "apps/deployments",
  "apps/replicasets",
  "apps/statefulsets",
  "apps/daemonsets",
  "/replicationcontrollers",
  "batch/jobs",
  "batch/cronjobs",
  "autoscaling/horizontalpodautoscalers",
  "policy/poddisruptionbudgets",
  "networking.k8s.io/networkpolicies",
  "networking.k8s.io/ingresses",
  "apiextensions.k8s.io/customresourcedefinitions",
  "admissionregistration.k8s.io/validatingwebhookconfigurations",
  "admissionregistration.k8s.io/mutatingwebhookconfigurations",
  "admissionregistration.k8s.io/validatingadmissionpolicies",
  "admissionregistration.k8s.io/validatingadmissionpolicybindings",
  "flowcontrol.apiserver.k8s.io/flowschemas",
  "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations",
  "gateway.networking.k8s.io/gateways",
  "gateway.networking.k8s.io/gatewayclasses",
  "gateway.networking.k8s.io/httproutes",
  "gateway.networking.k8s.io/grpcroutes",
]);

export { persistentVolumeStatusPrepareForUpdate } from "../storage/strategy.js";

export function strategyFor(group: string, resource: string, hasStatusSubresource: boolean, isCustom = false): Strategy {
  const key = `${group}/${resource}`;
  const s: Strategy = {
    generation: withGeneration.has(key) || isCustom,
    statusSubresource: hasStatusSubresource,
  };
  if (key === "batch/jobs") s.prepareForCreate = jobPrepareForCreate;
  if (key === "/namespaces") s.initialStatus = () => ({ phase: "Active" });
  if (key === "/pods") s.initialStatus = () => ({ phase: "Pending", qosClass: undefined });
  if (key === "/persistentvolumes") s.initialStatus = (obj, now) => persistentVolumePrepareForCreate(obj, now).status;
  if (key === "/persistentvolumeclaims") s.initialStatus = (obj) => persistentVolumeClaimPrepareForCreate(obj).status;
  if (key === "apiextensions.k8s.io/customresourcedefinitions") s.initialStatus = crdInitialStatus;
  return s;
}

/** Everything but metadata and status, for "did the spec change" (generation) comparisons. */
export function specOf(obj: KObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}
