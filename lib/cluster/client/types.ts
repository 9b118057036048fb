// What a control-plane component (controller, scheduler, kubelet) sees of the API server: an
// informer-style cache for reads and the REST verbs for writes. The same contract is served by
// the lab's API server in-process (lib/apiserver/loopback.ts, with the component's identity,
// authorization and admission) and by the in-memory fake of unit tests (./fake.ts).
import type { KObject } from "../api/types.js";

/** A resource by group and plural name: { group: "apps", resource: "deployments" }. */
export interface GroupResource {
  group: string;
  resource: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** old is set for MODIFIED (the previous object) and DELETED (the last state). */
export type WatchHandler = (type: WatchEventType, obj: KObject, old?: KObject) => void;

export interface WriteOptions {
  /** "status", "binding", "eviction", "scale", "token", ... */
  subresource?: string;
  fieldManager?: string;
  dryRun?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = "application/merge-patch+json" | "application/strategic-merge-patch+json" | "application/json-patch+json";

export interface ClusterClient {
  /**
   * Reads come from the component's cache, as an informer's lister: synchronous, and they see
   * every write this client has made (writes resolve after the cache caught up with them).
   * Objects returned are shared: clone before changing them.
   */
  get(gr: GroupResource, namespace: string, name: string): KObject | undefined;
  /** All objects of the resource, or those of one namespace; in key order. */
  list(gr: GroupResource, namespace?: string): KObject[];
  /** Events from now on; returns the cancel function. Handlers run synchronously: only enqueue. */
  watch(gr: GroupResource, handler: WatchHandler): () => void;

  /** The verbs reject with StatusError (409 AlreadyExists/Conflict, 404, 422, 403...) as kube-apiserver does. */
  create(gr: GroupResource, obj: KObject, opts?: WriteOptions): Promise<KObject>;
  /** Optimistic concurrency on metadata.resourceVersion when set. With subresource "status" only status is written. */
  update(gr: GroupResource, obj: KObject, opts?: WriteOptions): Promise<KObject>;
  patch(gr: GroupResource, namespace: string, name: string, type: PatchType, patch: unknown, opts?: WriteOptions): Promise<KObject>;
  /** Resolves with the object as it was stored last (with deletionTimestamp when deletion is graceful or blocked by finalizers). */
  delete(gr: GroupResource, namespace: string, name: string, opts?: DeleteOptions): Promise<KObject | undefined>;
  /** POST to a subresource: pods/binding, pods/eviction, serviceaccounts/token. */
  createSubresource(gr: GroupResource, namespace: string, name: string, subresource: string, body: KObject): Promise<KObject>;
}

/** The resources the components use, spelled once. */
export const GR = {
  pods: { group: "", resource: "pods" },
  nodes: { group: "", resource: "nodes" },
  namespaces: { group: "", resource: "namespaces" },
  services: { group: "", resource: "services" },
  endpoints: { group: "", resource: "endpoints" },
  events: { group: "", resource: "events" },
  configmaps: { group: "", resource: "configmaps" },
  secrets: { group: "", resource: "secrets" },
  serviceaccounts: { group: "", resource: "serviceaccounts" },
  persistentvolumes: { group: "", resource: "persistentvolumes" },
  persistentvolumeclaims: { group: "", resource: "persistentvolumeclaims" },
  replicationcontrollers: { group: "", resource: "replicationcontrollers" },
  resourcequotas: { group: "", resource: "resourcequotas" },
  limitranges: { group: "", resource: "limitranges" },
  deployments: { group: "apps", resource: "deployments" },
  replicasets: { group: "apps", resource: "replicasets" },
  statefulsets: { group: "apps", resource: "statefulsets" },
  daemonsets: { group: "apps", resource: "daemonsets" },
  controllerrevisions: { group: "apps", resource: "controllerrevisions" },
  jobs: { group: "batch", resource: "jobs" },
  cronjobs: { group: "batch", resource: "cronjobs" },
  endpointslices: { group: "discovery.k8s.io", resource: "endpointslices" },
  leases: { group: "coordination.k8s.io", resource: "leases" },
  poddisruptionbudgets: { group: "policy", resource: "poddisruptionbudgets" },
  horizontalpodautoscalers: { group: "autoscaling", resource: "horizontalpodautoscalers" },
  storageclasses: { group: "storage.k8s.io", resource: "storageclasses" },
  csinodes: { group: "storage.k8s.io", resource: "csinodes" },
  priorityclasses: { group: "scheduling.k8s.io", resource: "priorityclasses" },
  certificatesigningrequests: { group: "certificates.k8s.io", resource: "certificatesigningrequests" },
  networkpolicies: { group: "networking.k8s.io", resource: "networkpolicies" },
  ingresses: { group: "networking.k8s.io", resource: "ingresses" },
  ingressclasses: { group: "networking.k8s.io", resource: "ingressclasses" },
} as const satisfies Record<string, GroupResource>;
