// NodeRestriction (plugin/pkg/admission/noderestriction/admission.go, v1.32): a kubelet's
// credentials (system:node:<name> in system:nodes) may only touch its own Node and Lease, mirror
// pods bound to it, the status of pods bound to it, and tokens for those pods. Errors are
// admission.NewForbidden: `<resource> "<name>" is forbidden: <reason>`.
import type { KObject, StatusError, UserInfo } from "../api/types";
import { newNotFound } from "../meta/errors";
import { newForbidden } from "../rbac/forbidden";
import type { AdmissionLookups, PodSpec } from "./types";

export interface NodeRestrictionRequest {
  operation: "CREATE" | "UPDATE" | "DELETE";
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  /** The name on the request path; "" on create. */
  name: string;
  /** The new object (create/update), the eviction or TokenRequest body for those subresources. */
  object?: KObject;
  oldObject?: KObject;
  user: UserInfo;
}

const NODE_USER_PREFIX = "system:node:";
const NODES_GROUP = "system:nodes";
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

/** nodeidentifier.NodeIdentity: the node name, or undefined for anyone who is not a node. */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.username.startsWith(NODE_USER_PREFIX) || !user.groups.includes(NODES_GROUP)) return undefined;
  return user.username.slice(NODE_USER_PREFIX.length);
}

/** admission.NewForbidden: the request's name, else the object's name or generateName, else "Unknown". */
function forbidden(a: NodeRestrictionRequest, reason: string): StatusError {
  const meta = a.object?.metadata;
  const name = a.name || meta?.name || meta?.generateName || "Unknown";
  return newForbidden(a.group, a.resource, name, reason);
}

/** Returns the 403 for a request NodeRestriction refuses, null otherwise. */
export function admitNodeRestriction(a: NodeRestrictionRequest, lookups: AdmissionLookups): StatusError | null {
  const node = nodeIdentity(a.user);
  if (node === undefined) return null;
  if (node === "") return forbidden(a, `could not determine node from user "${a.user.username}"`);
  const gr = `${a.group}/${a.resource}`;
  switch (gr) {
    case "/pods":
      if (a.subresource === "") return admitPod(node, a, lookups);
      if (a.subresource === "status") return admitPodStatus(node, a);
      if (a.subresource === "eviction") return admitPodEviction(node, a, lookups);
      return forbidden(a, `unexpected pod subresource "${a.subresource}", only 'status' and 'eviction' are allowed`);
    case "/nodes":
      return admitNode(node, a);
    case "/persistentvolumeclaims":
      return a.subresource === "status" ? admitPVCStatus(node, a) : forbidden(a, "may only update PVC status");
    case "/serviceaccounts":
      return admitServiceAccount(node, a, lookups);
    case "coordination.k8s.io/leases":
      if (a.namespace !== "kube-node-lease") return forbidden(a, `can only access leases in the "kube-node-lease" system namespace`);
      return (a.operation === "CREATE" ? a.object?.metadata?.name : a.name) === node ? null : forbidden(a, "can only access node lease with the same name as the requesting node");
    case "storage.k8s.io/csinodes":
      return (a.operation === "CREATE" ? a.object?.metadata?.name : a.name) === node ? null : forbidden(a, "can only access CSINode with the same name as the requesting node");
    default:
      return null;
  }
}

const specOf = (o: KObject | undefined) => (o?.spec ?? {}) as PodSpec;

function admitPod(node: string, a: NodeRestrictionRequest, lookups: AdmissionLookups): StatusError | null {
  if (a.operation === "DELETE") {
    const existing = lookups.get("", "pods", a.namespace, a.name);
    if (!existing) return listerNotFound("pod", a.name);
    if (specOf(existing).nodeName !== node) return forbidden(a, `node "${node}" can only delete pods with spec.nodeName set to itself`);
    return null;
  }
  if (a.operation !== "CREATE") return forbidden(a, `unexpected operation "${a.operation}", node "${node}" can only create and delete mirror pods`);
  const pod = a.object!;
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
    return forbidden(a, `pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`);
  }
  const spec = specOf(pod);
  if (spec.nodeName !== node) return forbidden(a, `node "${node}" can only create pods with spec.nodeName set to itself`);
  const owners = pod.metadata?.ownerReferences ?? [];
  if (owners.length > 1) return forbidden(a, `node "${node}" can only create pods with a single owner reference set to itself`);
  const owner = owners[0];
  if (!owner || owner.apiVersion !== "v1" || owner.kind !== "Node" || owner.name !== node) {
    return forbidden(a, `node "${node}" can only create pods with an owner reference set to itself`);
  }
  if (!owner.controller) return forbidden(a, `node "${node}" can only create pods with a controller owner reference set to itself`);
  if (owner.blockOwnerDeletion) return forbidden(a, `node "${node}" must not set blockOwnerDeletion on an owner reference`);
  const nodeObj = lookups.get("", "nodes", "", node);
  if (!nodeObj) return listerNotFound("node", node);
  if (owner.uid !== nodeObj.metadata?.uid) return forbidden(a, `node ${node} UID mismatch: expected ${owner.uid} got ${nodeObj.metadata?.uid}`);
  if (spec.serviceAccountName) return forbidden(a, `node "${node}" can not create pods that reference a service account`);
  if (referencesSecrets(spec)) return forbidden(a, `node "${node}" can not create pods that reference secrets`);
  if (referencesConfigMaps(spec)) return forbidden(a, `node "${node}" can not create pods that reference configmaps`);
  for (const v of spec.volumes ?? []) {
    const sources = ((v.projected as { sources?: Record<string, unknown>[] } | undefined)?.sources ?? []);
    if (sources.some((s) => s.clusterTrustBundle)) return forbidden(a, `node "${node}" can not create pods that reference clustertrustbundles`);
  }
  if ((spec.volumes ?? []).some((v) => v.persistentVolumeClaim)) return forbidden(a, `node "${node}" can not create pods that reference persistentvolumeclaims`);
  return null;
}

type EnvSource = { configMapRef?: unknown; secretRef?: unknown };
type EnvVar = { valueFrom?: { configMapKeyRef?: unknown; secretKeyRef?: unknown } };
const containers = (spec: PodSpec) => [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])] as { env?: EnvVar[]; envFrom?: EnvSource[] }[];

/** podutil.VisitPodSecretNames: pull secrets, volumes (secret, projected, CSI/flex/... refs) and env. */
function referencesSecrets(spec: PodSpec): boolean {
  if (((spec.imagePullSecrets as unknown[] | undefined) ?? []).length > 0) return true;
  for (const c of containers(spec)) {
    if ((c.envFrom ?? []).some((e) => e.secretRef)) return true;
    if ((c.env ?? []).some((e) => e.valueFrom?.secretKeyRef)) return true;
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret) return true;
    const projected = (v.projected as { sources?: { secret?: unknown }[] } | undefined)?.sources ?? [];
    if (projected.some((s) => s.secret)) return true;
    for (const k of ["azureFile", "cephfs", "cinder", "flexVolume", "rbd", "scaleIO", "iscsi", "storageos", "csi"]) {
      const src = v[k] as Record<string, unknown> | undefined;
      if (src && (src.secretRef || src.secretName || src.nodePublishSecretRef)) return true;
    }
  }
  return false;
}

/** podutil.VisitPodConfigmapNames: env, envFrom, configMap and projected configMap volumes. */
function referencesConfigMaps(spec: PodSpec): boolean {
  for (const c of containers(spec)) {
    if ((c.envFrom ?? []).some((e) => e.configMapRef)) return true;
    if ((c.env ?? []).some((e) => e.valueFrom?.configMapKeyRef)) return true;
  }
  for (const v of spec.volumes ?? []) {
    if (v.configMap) return true;
    const projected = (v.projected as { sources?: { configMap?: unknown }[] } | undefined)?.sources ?? [];
    if (projected.some((s) => s.configMap)) return true;
  }
  return false;
}

const sameLabels = (a: Record<string, string> = {}, b: Record<string, string> = {}) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
};

function admitPodStatus(node: string, a: NodeRestrictionRequest): StatusError | null {
  if (a.operation !== "UPDATE") return forbidden(a, `unexpected operation "${a.operation}"`);
  if (specOf(a.oldObject).nodeName !== node) return forbidden(a, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
  if (!sameLabels(a.oldObject?.metadata?.labels, a.object?.metadata?.labels)) return forbidden(a, `node "${node}" cannot update labels through pod status`);
  return null;
}

function admitPodEviction(node: string, a: NodeRestrictionRequest, lookups: AdmissionLookups): StatusError | null {
  if (a.operation !== "CREATE") return forbidden(a, `unexpected operation ${a.operation}`);
  const podName = a.name || a.object?.metadata?.name;
  if (!podName) return forbidden(a, "could not determine pod from request data");
  const pod = lookups.get("", "pods", a.namespace, podName);
  if (!pod) return listerNotFound("pod", podName);
  if (specOf(pod).nodeName !== node) return forbidden(a, `node ${node} can only evict pods with spec.nodeName set to itself`);
  return null;
}

/** Everything but status.capacity and status.conditions (and metadata bookkeeping) must stay. */
function admitPVCStatus(node: string, a: NodeRestrictionRequest): StatusError | null {
  if (a.operation !== "UPDATE") return forbidden(a, `unexpected operation "${a.operation}"`);
  const strip = (o: KObject | undefined) => {
    const c = structuredClone(o ?? {}) as KObject & { status?: Record<string, unknown> };
    if (c.metadata) {
      delete c.metadata.resourceVersion;
      delete c.metadata.managedFields;
    }
    if (c.status) {
      delete c.status.capacity;
      delete c.status.conditions;
    }
    return JSON.stringify(sortKeys(c));
  };
  // Upstream appends cmp.Diff of the two objects; Drydock names no diff (KNOWN_GAPS).
  if (strip(a.oldObject) !== strip(a.object)) return forbidden(a, `node "${node}" is not allowed to update fields other than status.capacity and status.conditions`);
  return null;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

// k8s.io/kubelet/pkg/apis/well_known_labels.go: what a kubelet may set on its own Node.
const KUBELET_LABELS = new Set([
  "kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
  "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
  "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type", "kubernetes.io/os",
  "kubernetes.io/arch", "beta.kubernetes.io/os", "beta.kubernetes.io/arch",
]);
const inNamespace = (ns: string, allowed: string) => ns === allowed || ns.endsWith("." + allowed);
const labelNamespace = (key: string) => (key.includes("/") ? key.slice(0, key.indexOf("/")) : "");

function isKubeletLabel(key: string): boolean {
  const ns = labelNamespace(key);
  return KUBELET_LABELS.has(key) || inNamespace(ns, "kubelet.kubernetes.io") || inNamespace(ns, "node.kubernetes.io");
}

/** getForbiddenLabels over the keys added, removed or changed; sorted as sets.String.List(). */
function forbiddenLabels(next: Record<string, string> = {}, prev: Record<string, string> = {}): string[] {
  const modified = new Set<string>();
  for (const [k, v] of Object.entries(next)) if (!Object.prototype.hasOwnProperty.call(prev, k) || prev[k] !== v) modified.add(k);
  for (const [k, v] of Object.entries(prev)) if (!Object.prototype.hasOwnProperty.call(next, k) || next[k] !== v) modified.add(k);
  const out = [...modified].filter((k) => {
    const ns = labelNamespace(k);
    const kubernetes = inNamespace(ns, "kubernetes.io") || inNamespace(ns, "k8s.io");
    return inNamespace(ns, "node-restriction.kubernetes.io") || (kubernetes && !isKubeletLabel(k));
  });
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function admitNode(node: string, a: NodeRestrictionRequest): StatusError | null {
  const requested = a.operation === "CREATE" ? (a.name || a.object?.metadata?.name || "") : a.name;
  if (requested !== node) return forbidden(a, `node "${node}" is not allowed to modify node "${requested}"`);
  const spec = (o: KObject | undefined) => (o?.spec ?? {}) as { configSource?: unknown; taints?: unknown[] };
  if (a.operation === "CREATE") {
    if (spec(a.object).configSource) return forbidden(a, `node "${node}" is not allowed to create pods with a non-nil configSource`);
    const bad = forbiddenLabels(a.object?.metadata?.labels, undefined);
    if (bad.length) return forbidden(a, `node "${node}" is not allowed to set the following labels: ${bad.join(", ")}`);
  }
  if (a.operation === "UPDATE") {
    const next = spec(a.object);
    const prev = spec(a.oldObject);
    if (next.configSource && JSON.stringify(next.configSource) !== JSON.stringify(prev.configSource)) {
      return forbidden(a, `node "${node}" is not allowed to update configSource to a new non-nil configSource`);
    }
    const taints = (t: unknown[] | undefined) => JSON.stringify(t && t.length ? t : []);
    if (taints(next.taints) !== taints(prev.taints)) return forbidden(a, `node "${node}" is not allowed to modify taints`);
    const bad = forbiddenLabels(a.object?.metadata?.labels, a.oldObject?.metadata?.labels);
    if (bad.length) return forbidden(a, `is not allowed to modify labels: ${bad.join(", ")}`);
  }
  return null;
}

type TokenRequestSpec = { boundObjectRef?: { apiVersion?: string; kind?: string; name?: string; uid?: string } };

function admitServiceAccount(node: string, a: NodeRestrictionRequest, lookups: AdmissionLookups): StatusError | null {
  if (a.operation !== "CREATE" || a.subresource !== "token") return null;
  const ref = ((a.object?.spec ?? {}) as TokenRequestSpec).boundObjectRef;
  if (!ref || ref.apiVersion !== "v1" || ref.kind !== "Pod" || !ref.name) return forbidden(a, "node requested token not bound to a pod");
  if (!ref.uid) return forbidden(a, "node requested token with a pod binding without a uid");
  const pod = lookups.get("", "pods", a.namespace, ref.name);
  if (!pod) return listerNotFound("pod", ref.name);
  if (ref.uid !== pod.metadata?.uid) {
    return forbidden(a, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  if (specOf(pod).nodeName !== node) return forbidden(a, "node requested token bound to a pod scheduled on a different node");
  return null;
}

/** A lister's NotFound, which upstream returns as is (listers name the singular resource). */
const listerNotFound = (resource: "pod" | "node", name: string) => newNotFound({ group: "", resource }, name);
