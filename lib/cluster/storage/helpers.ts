// k8s.io/component-helpers/storage/volume (helpers.go, pv_helpers.go): the annotations and the
// claim/volume predicates shared by the PV controller, the scheduler's volume binding and the
// external provisioners.
import { labelSelectorAsSelector } from "../meta/labels.js";
import { cmpQuantity, parseQuantity, type Quantity } from "../meta/quantity.js";
import { requirementMatches } from "../scheduler/node-selector.js";
import type { ObjectReference, PV, PVC, StorageClass } from "./types.js";
import { VOLUME_AVAILABLE } from "./types.js";

export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const ANN_DYNAMICALLY_PROVISIONED = "pv.kubernetes.io/provisioned-by";
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
export const ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
export const ANN_MIGRATED_TO = "pv.kubernetes.io/migrated-to";
export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";
export const PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";
export const WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";
export const NOT_SUPPORTED_PROVISIONER = "kubernetes.io/no-provisioner";

const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

/** A storage quantity of a resource list, zero when absent or unparsable (as a missing map entry is in Go). */
export function storageOf(list: Record<string, string> | undefined): Quantity {
  const s = list?.storage;
  if (s === undefined) return ZERO;
  try {
    return parseQuantity(String(s));
  } catch {
    return ZERO;
  }
}

export const hasAnnotation = (o: { metadata?: { annotations?: Record<string, string> } }, key: string) =>
  !!o.metadata?.annotations && Object.prototype.hasOwnProperty.call(o.metadata.annotations, key);

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(claim: PVC): string {
  const ann = claim.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? "";
}

/** PersistentVolumeClaimHasClass: a class was asked for, even "" (unset and null are not). */
export function claimHasClass(claim: PVC): boolean {
  return hasAnnotation(claim, ANN_BETA_STORAGE_CLASS) || (claim.spec?.storageClassName !== undefined && claim.spec?.storageClassName !== null);
}

export function volumeClass(volume: PV): string {
  const ann = volume.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return volume.spec?.storageClassName ?? "";
}

/** IsVolumeBoundToClaim: the claimRef names the claim and, when it has a UID, the same UID. */
export function isVolumeBoundToClaim(volume: PV, claim: PVC): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || (ref.namespace ?? "") !== (claim.metadata?.namespace ?? "")) return false;
  if (ref.uid && ref.uid !== claim.metadata?.uid) return false;
  return true;
}

export function checkAccessModes(claim: PVC, volume: PV): boolean {
  const have = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => have.has(m));
}

/** CheckVolumeModeMismatches: an unset mode means Filesystem on both sides. */
export function volumeModeMismatch(claim: PVC, volume: PV): boolean {
  return (claim.spec?.volumeMode || "Filesystem") !== (volume.spec?.volumeMode || "Filesystem");
}

/** A reference to the claim as ref.GetReference writes it into pv.spec.claimRef. */
export function claimRefOf(claim: PVC): ObjectReference {
  return {
    kind: "PersistentVolumeClaim",
    namespace: claim.metadata?.namespace,
    name: claim.metadata?.name,
    uid: claim.metadata?.uid,
    apiVersion: "v1",
    resourceVersion: claim.metadata?.resourceVersion,
  };
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
export function isDelayBindingMode(claim: PVC, getClass: (name: string) => StorageClass | undefined): boolean {
  const name = claimClass(claim);
  if (!name) return false;
  return getClass(name)?.volumeBindingMode === WAIT_FOR_FIRST_CONSUMER;
}

/** IsDelayBindingProvisioning: the scheduler picked a node for provisioning. */
export const isDelayBindingProvisioning = (claim: PVC) => hasAnnotation(claim, ANN_SELECTED_NODE);

/** CheckNodeAffinity: the volume's required node selector terms (ORed) match the node's labels. */
export function volumeNodeAffinityMatches(volume: PV, nodeName: string, labels: Record<string, string>): boolean {
  const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!volume.spec?.nodeAffinity?.required) return true;
  const label = (k: string) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
  return (terms ?? []).some((t) => {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (!exprs.length && !fields.length) return false;
    return exprs.every((r) => requirementMatches(r as never, label)) && fields.every((r) => requirementMatches(r as never, (k) => (k === "metadata.name" ? nodeName : undefined)));
  });
}

export interface MatchOptions {
  /** The claim's class binds WaitForFirstConsumer (the PV controller then leaves unbound PVs to the scheduler). */
  delayBinding: boolean;
  /** The scheduler's path: the candidate node. */
  node?: { name: string; labels: Record<string, string> };
  excluded?: Set<string>;
}

/**
 * FindMatchingVolume: a volume pre-bound to the claim wins; otherwise the smallest Available
 * volume of the claim's class that satisfies size, volume mode, selector (and, for the
 * scheduler, node affinity and access modes).
 */
export function findMatchingVolume(claim: PVC, volumes: PV[], opts: MatchOptions): PV | undefined {
  const requested = storageOf(claim.spec?.resources?.requests);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector ? labelSelectorAsSelector(claim.spec.selector as never) : undefined;
  let smallest: PV | undefined;
  let smallestQty: Quantity | undefined;
  for (const volume of volumes) {
    if (opts.excluded?.has(volume.metadata?.name ?? "")) continue;
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const qty = storageOf(volume.spec?.capacity);
    if (cmpQuantity(qty, requested) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    // VolumeAttributesClass is off in v1.32: volumes that name one never match.
    if (volume.spec?.volumeAttributesClassName) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    const nodeOK = !opts.node || volumeNodeAffinityMatches(volume, opts.node.name, opts.node.labels);
    if (isVolumeBoundToClaim(volume, claim)) return nodeOK ? volume : undefined;
    if (!opts.node && opts.delayBinding) continue;
    if (volume.status?.phase !== VOLUME_AVAILABLE) continue;
    if (selector && !selector.matches(volume.metadata?.labels ?? {})) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (!nodeOK) continue;
    if (opts.node && !checkAccessModes(claim, volume)) continue;
    if (!smallest || cmpQuantity(smallestQty!, qty) > 0) {
      smallest = volume;
      smallestQty = qty;
    }
  }
  return smallest;
}

const modesKey = (modes: string[] | undefined) => [...new Set(modes ?? [])].sort().join(",");

/**
 * persistentVolumeOrderedIndex.findByClaim (index.go): volumes are grouped by their exact set of
 * access modes; the sets holding every mode the claim asks for are searched, fewest modes first.
 */
export function findBestMatchForClaim(claim: PVC, volumes: PV[], delayBinding: boolean): PV | undefined {
  const groups = new Map<string, PV[]>();
  for (const v of volumes) {
    const k = modesKey(v.spec?.accessModes);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(v);
  }
  const wanted = claim.spec?.accessModes ?? [];
  const candidates = [...groups.keys()].filter((k) => wanted.every((m) => k.split(",").includes(m)));
  candidates.sort((a, b) => (a ? a.split(",").length : 0) - (b ? b.split(",").length : 0));
  for (const k of candidates) {
    const best = findMatchingVolume(claim, groups.get(k)!, { delayBinding });
    if (best) return best;
  }
  return undefined;
}

/** "namespace/name" of a claim or a claimRef (claimToClaimKey / claimrefToClaimKey). */
export const claimKey = (o: { namespace?: string; name?: string }) => `${o.namespace ?? ""}/${o.name ?? ""}`;

/** Compares the storage entries of two resource lists (absent = zero). */
export const cmpStorage = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => cmpQuantity(storageOf(a), storageOf(b));
