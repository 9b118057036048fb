// What every builder of the fresh lab shares: the install timeline, identity generation and the
// topology. Builders never read a clock or a random source of their own.

import type { KObject, ObjectMeta, OwnerReference, Random } from "../api/types";
import type { ClusterTopology } from "./topology";

export interface BuildContext {
  random: Random;
  topology: ClusterTopology;
  initTime: Date;
  /** The moment the lab is handed out (clock.now()); renew times and ages are relative to it. */
  now: Date;
  /** Seconds after `kubeadm init` started, as an RFC 3339 timestamp (second precision). */
  at(offsetSeconds: number): string;
  /** The same instant with microseconds, as leases and managed fields carry (RFC 3339 micro). */
  atMicro(offsetSeconds: number): string;
  /** Seconds from init to now. */
  ageSeconds: number;
}

export function newBuildContext(random: Random, topology: ClusterTopology, initTime: Date, now: Date): BuildContext {
  const base = Math.floor(initTime.getTime() / 1000) * 1000;
  const at = (s: number) => rfc3339(new Date(base + Math.round(s * 1000)));
  return {
    random,
    topology,
    initTime,
    now,
    at,
    atMicro: (s: number) => rfc3339Micro(new Date(base + Math.round(s * 1000)), random),
    ageSeconds: Math.max(0, Math.floor((now.getTime() - base) / 1000)),
  };
}

/** metav1.Time's wire form: RFC 3339, UTC, whole seconds. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** metav1.MicroTime's wire form: six fractional digits. */
function rfc3339Micro(d: Date, random: Random): string {
  // Real micro times are never round; derive the sub-second digits from the random source.
  const micro = String(parseInt(random.uuid().replace(/-/g, "").slice(0, 8), 16) % 1000000).padStart(6, "0");
  return d.toISOString().replace(/\.\d{3}Z$/, `.${micro}Z`);
}

/** A null-prototype string map, as maps keyed by user input must be. */
export function smap(entries: Record<string, string> = {}): Record<string, string> {
  const m: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(entries)) m[k] = v;
  return m;
}

export interface MetaInput {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  /** Seconds after init. */
  createdAt: number;
  generation?: number;
  finalizers?: string[];
  uid?: string;
}

export function objectMeta(ctx: BuildContext, m: MetaInput): ObjectMeta {
  const meta: ObjectMeta = { name: m.name };
  if (m.namespace !== undefined) meta.namespace = m.namespace;
  meta.uid = m.uid ?? ctx.random.uuid();
  if (m.generation !== undefined) meta.generation = m.generation;
  meta.creationTimestamp = ctx.at(m.createdAt);
  if (m.labels && Object.keys(m.labels).length > 0) meta.labels = smap(m.labels);
  if (m.annotations && Object.keys(m.annotations).length > 0) meta.annotations = smap(m.annotations);
  if (m.ownerReferences) meta.ownerReferences = m.ownerReferences;
  if (m.finalizers) meta.finalizers = m.finalizers;
  return meta;
}

export function obj(apiVersion: string, kind: string, ctx: BuildContext, m: MetaInput, body: Record<string, unknown> = {}): KObject {
  return { apiVersion, kind, metadata: objectMeta(ctx, m), ...body };
}

/** metav1.NewControllerRef. */
export function controllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A containerd container or sandbox id: 64 lowercase hex digits. */
export function containerdID(random: Random): string {
  return (random.uuid() + random.uuid()).replace(/-/g, "").toLowerCase().slice(0, 64);
}

export function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}
