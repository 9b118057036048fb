// The shapes every layer shares. Objects are kept in their versioned JSON form (what `kubectl get
// -o json` shows), never in an internal form: Drydock serves one version per resource, except the
// few served under two versions (autoscaling v1/v2), which convert at the edge.

/** A Kubernetes object as JSON. Maps keyed by user input must be null-prototype or Map. */
export type KObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
};

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** One served resource, as discovery and the REST layer see it (upstream: APIResource). */
export interface ResourceInfo {
  group: string; // "" for core
  version: string; // served (and storage) version, e.g. "v1"
  resource: string; // plural, e.g. "deployments"
  kind: string; // "Deployment"
  listKind: string; // "DeploymentList"
  singular: string; // "deployment"
  namespaced: boolean;
  verbs: string[]; // in upstream's discovery order
  shortNames?: string[];
  categories?: string[];
  /** subresource name -> its kind and verbs, e.g. status, scale, log, exec, binding, eviction, token */
  subresources?: Record<string, { kind: string; group?: string; version?: string; verbs: string[] }>;
  /** etcd key prefix under /registry, as kube-apiserver uses (e.g. "deployments", "services/specs"). */
  storagePrefix?: string;
  /** Not stored: answered by a handler (e.g. selfsubjectaccessreviews, tokenreviews). */
  virtual?: boolean;
}

/** An error with upstream's Status shape; the REST layer serialises it as a metav1.Status. */
export class StatusError extends Error {
  constructor(
    public readonly code: number,
    public readonly reason: string,
    message: string,
    public readonly details?: {
      name?: string;
      group?: string;
      kind?: string;
      uid?: string;
      causes?: { reason?: string; message?: string; field?: string }[];
      retryAfterSeconds?: number;
    },
  ) {
    super(message);
  }

  toStatus(): KObject {
    const status: KObject = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** One field error, as k8s.io/apimachinery/pkg/util/validation/field.Error. */
export interface FieldError {
  type:
    | "FieldValueRequired"
    | "FieldValueInvalid"
    | "FieldValueDuplicate"
    | "FieldValueNotSupported"
    | "FieldValueForbidden"
    | "FieldValueTooLong"
    | "FieldValueTooMany"
    | "FieldValueNotFound"
    | "InternalError"
    | "FieldValueTypeInvalid";
  field: string; // e.g. "spec.containers[0].image"
  /** The offending value; omitted for Required/Forbidden/TooMany as upstream omits it. */
  badValue?: unknown;
  detail?: string;
  /** Already-formatted message when the caller needs exact text (e.g. NotSupported lists). */
  message?: string;
}

/** Who is asking (upstream: user.Info). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The clock and randomness every pure part takes instead of Date.now / Math.random. */
export interface Clock {
  now(): Date;
}
export interface Random {
  /** `n` characters from upstream's rand.String alphabet "bcdfghjklmnpqrstvwxz2456789". */
  string(n: number): string;
  uuid(): string;
}
