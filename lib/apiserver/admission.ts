// The admission chain of kube-apiserver v1.32 with kubeadm's flags: defaulting, the default
// plugins (NamespaceLifecycle, ServiceAccount, DefaultTolerationSeconds, Priority,
// DefaultStorageClass, ...), NodeRestriction, and per-kind validation. Each step is a pure
// function of lib/cluster; this module only gathers what they need from the cache.
import type { Clock, Random, ResourceInfo } from "../cluster/api/types.js";
import { StatusError } from "../cluster/api/types.js";
import type { ResourceIndex } from "../cluster/api/resources.js";
import { newInvalid } from "../cluster/meta/errors.js";
import { validateObjectMeta } from "../cluster/meta/object-meta.js";
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from "../cluster/meta/names.js";
import { applyDefaults } from "../cluster/defaults/index.js";
import { allocateServiceAddresses } from "../cluster/network/service-alloc.js";
import type { Registry } from "./storage/registry.js";
import type { Admission } from "./rest.js";
import type { KObject } from "../cluster/api/types.js";
import { admitServiceAccount } from "../cluster/admission/service-account.js";
import { admitDefaultStorageClass, admitDefaultTolerations, admitPriority } from "../cluster/admission/tolerations-priority.js";
import { admitLimitRanger } from "../cluster/admission/limit-ranger.js";
import { checkQuotas, QUOTA_RESOURCES } from "../cluster/admission/quota.js";
import { validateObject } from "../cluster/validation/index.js";
import { admitStorageObjectInUseProtection, validatePersistentVolumeClaimResize } from "../cluster/storage/admission.js";
import { defaultIngressClassFor } from "../cluster/network/default-ingress-class.js";
import { admitNodeRestriction, type NodeRestrictionRequest } from "../cluster/admission/node-restriction.js";
import { checkBindingEscalation, checkRoleEscalation, type EscalationContext } from "../cluster/rbac/escalation.js";
import type { Authorizer as RBACAuthorizer, BindingObject, PolicySource, RoleObject } from "../cluster/rbac/types.js";
import type { UserInfo } from "../cluster/api/types.js";
import { admitAlwaysPullImages } from "../cluster/admission/always-pull-images.js";
import { canonicalizeQuantities } from "../cluster/meta/canonical-quantities.js";
import { typeRefFor } from "./field-manager.js";

export interface AdmissionConfig {
  enabled: string[]; // --enable-admission-plugins
  disabled: string[]; // --disable-admission-plugins
  serviceCIDR: string;
  nodePortRange: [number, number];
}

/**
 * The checks that judge the requester, run for requests from outside (HTTP) only: in-process
 * components write through the loopback client unauthorized (KNOWN_GAPS.md), and their writes
 * (mirror pods, aggregated ClusterRoles) must not depend on the policy a student edits.
 */
export interface RequestChecks {
  /** RBAC's escalation prevention (pkg/registry/rbac/escalation_check.go). */
  policy: PolicySource;
  authorizer: RBACAuthorizer;
}

interface Deps extends AdmissionConfig {
  registry: Registry;
  index: () => ResourceIndex;
  clock: Clock;
  random: Random;
  saSigningKey?: string;
  issuer: string;
  requestChecks?: RequestChecks;
}

const RBAC_GROUP = "rbac.authorization.k8s.io";

/** rbacregistry.IsOnlyMutatingGCFields: an update of ownerReferences/finalizers alone is never an escalation. */
function onlyMutatesGCFields(obj: KObject, old: KObject): boolean {
  const strip = (o: KObject) => {
    const { ownerReferences: _o, finalizers: _f, managedFields: _m, resourceVersion: _r, generation: _g, ...meta } = o.metadata ?? {};
    return JSON.stringify({ ...o, metadata: meta });
  };
  return strip(obj) === strip(old);
}

/** The policybased RBAC storages: writes of roles and bindings that would grant what the writer lacks. */
function rbacEscalation(checks: RequestChecks, info: ResourceInfo, obj: KObject, old: KObject | undefined, user: UserInfo) {
  if (info.group !== RBAC_GROUP) return;
  if (old && onlyMutatesGCFields(obj, old)) return;
  const ctx: EscalationContext = { user, policy: checks.policy, authorizer: checks.authorizer };
  let err = null;
  if (info.resource === "roles" || info.resource === "clusterroles") err = checkRoleEscalation(ctx, { ...obj, kind: info.kind } as RoleObject, old as RoleObject | undefined);
  if (info.resource === "rolebindings" || info.resource === "clusterrolebindings") err = checkBindingEscalation(ctx, { ...obj, kind: info.kind } as BindingObject);
  if (err) throw err;
}

export function createAdmission(deps: Deps): Admission {
  const has = (plugin: string, onByDefault: boolean) => !deps.disabled.includes(plugin) && (onByDefault || deps.enabled.includes(plugin));
  const cached = (group: string, resource: string, ns: string, name: string) => {
    const info = deps.index().get(group, resource);
    return info ? deps.registry.cache.get(deps.registry.keyFor(info, ns, name))?.obj : undefined;
  };
  const list = (group: string, resource: string, ns = "") => {
    const info = deps.index().get(group, resource);
    if (!info) return [];
    const prefix = info.namespaced && ns ? `${deps.registry.prefixFor(info)}${ns}/` : deps.registry.prefixFor(info);
    return deps.registry.cache.list(prefix).map((c) => c.obj);
  };

  const chargeQuotas = async (quotas: KObject[], updates: Map<string, Record<string, string>>) => {
    const rq = deps.index().get("", "resourcequotas");
    if (!rq) return;
    for (const q of quotas) {
      const used = updates.get(q.metadata?.name ?? "");
      if (!used) continue;
      const next = { ...q, status: { ...(q.status as object), used } };
      await deps.registry.update(rq, next, Number(q.metadata?.resourceVersion), {}).catch(() => undefined);
    }
  };

  const nodeRestriction = (op: NodeRestrictionRequest["operation"], info: ResourceInfo, obj: KObject, old: KObject | undefined, user: UserInfo, subresource: string) => {
    if (!deps.requestChecks || !has("NodeRestriction", false)) return;
    const lookups = { get: cached, list };
    const name = op === "CREATE" && !subresource ? "" : (obj.metadata?.name ?? "");
    const err = admitNodeRestriction({ operation: op, group: info.group, resource: info.resource, subresource, namespace: obj.metadata?.namespace ?? "", name, object: op === "DELETE" ? undefined : obj, oldObject: old, user }, lookups);
    if (err) throw err;
  };

  return {
    admitSubresourceCreate(info, namespace, name, subresource, body, user) {
      if (!deps.requestChecks || !has("NodeRestriction", false)) return;
      const err = admitNodeRestriction({ operation: "CREATE", group: info.group, resource: info.resource, subresource, namespace, name, object: body, user }, { get: cached, list });
      if (err) throw err;
    },
    async admit(op, info, obj, old, user, subresource) {
      const ns = obj.metadata?.namespace ?? "";
      if (op === "DELETE") {
        nodeRestriction(op, info, obj, old, user, subresource);
        return obj;
      }
      // NamespaceLifecycle: no new content in missing or terminating namespaces.
      if (op === "CREATE" && info.namespaced && has("NamespaceLifecycle", true) && info.resource !== "events") {
        const nsObj = cached("", "namespaces", "", ns);
        if (!nsObj) throw new StatusError(404, "NotFound", `namespaces "${ns}" not found`, { name: ns, kind: "namespaces" });
        if ((nsObj.status as { phase?: string })?.phase === "Terminating") {
          throw new StatusError(403, "Forbidden", `${info.resource}${info.group ? "." + info.group : ""} "${obj.metadata?.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, { name: obj.metadata?.name, group: info.group || undefined, kind: info.resource, causes: [{ reason: "NamespaceTerminating", message: `namespace ${ns} is being terminated`, field: "metadata.namespace" }] });
        }
      }
      let out = subresource ? obj : applyDefaults(info.group, info.kind, obj);
      if (info.resource === "namespaces" && !info.group) {
        out.metadata = { ...out.metadata, labels: { ...(out.metadata?.labels ?? {}), "kubernetes.io/metadata.name": out.metadata!.name! } };
      }
      if (info.resource === "services" && !info.group && !subresource) {
        out = allocateServiceAddresses(out, old, list("", "services"), { serviceCIDR: deps.serviceCIDR, nodePortRange: deps.nodePortRange, random: deps.random });
      }
      const lookups = { get: (g: string, r: string, n: string, name: string) => cached(g, r, n, name), list: (g: string, r: string, n?: string) => list(g, r, n) };
      const isPod = info.resource === "pods" && !info.group;
      // Mutating admission sees the name before generation: errors name the generateName prefix.
      const mutatingName = out.metadata?.generateName ?? out.metadata?.name ?? "";
      // NodeRestriction is a mutating-phase plugin: it refuses before ServiceAccount's validation
      // can (the mirror pods it admits are skipped by the pod plugins below).
      nodeRestriction(op, info, out, old, user, subresource);
      if (op === "CREATE" && isPod && !subresource) {
        if (has("LimitRanger", true)) out = admitLimitRanger(out, lookups, mutatingName);
        if (has("ServiceAccount", true)) out = admitServiceAccount(out, lookups, deps.random);
        if (has("DefaultTolerationSeconds", true)) out = admitDefaultTolerations(out);
        if (has("Priority", true)) out = admitPriority(out, lookups);
      }
      if (isPod && !subresource && has("AlwaysPullImages", false)) out = admitAlwaysPullImages(out, op === "UPDATE" ? old : undefined);
      if (op === "CREATE" && info.resource === "persistentvolumeclaims" && !info.group && has("DefaultStorageClass", true)) out = admitDefaultStorageClass(out, lookups);
      if (op === "CREATE" && !info.group && (info.resource === "persistentvolumeclaims" || info.resource === "persistentvolumes") && has("StorageObjectInUseProtection", true)) {
        out = admitStorageObjectInUseProtection(info.resource, out);
      }
      if (op === "UPDATE" && !subresource && old && info.resource === "persistentvolumeclaims" && !info.group && has("PersistentVolumeClaimResize", true)) {
        const e = validatePersistentVolumeClaimResize(out as never, old as never, (name) => cached("storage.k8s.io", "storageclasses", "", name) as never);
        if (e) throw e;
      }
      if (op === "CREATE" && info.resource === "ingresses" && info.group === "networking.k8s.io" && has("DefaultIngressClass", true)) {
        const spec = (out.spec ?? {}) as { ingressClassName?: string };
        const c = defaultIngressClassFor(out, list("networking.k8s.io", "ingressclasses"));
        if (c) out = { ...out, spec: { ...spec, ingressClassName: c } };
      }
      // Quantities are stored in canonical form (decoding into resource.Quantity does this upstream).
      out = canonicalizeQuantities(out, typeRefFor(info, deps.registry.cache));
      // After mutating admission, before validation: where the RBAC storage checks escalation.
      if (deps.requestChecks && !subresource) rbacEscalation(deps.requestChecks, info, out, old, user);
      // Metadata validation (every kind); per-kind validation lives with the defaults.
      const nameFn = !info.group && info.resource === "namespaces" ? nameIsDNSLabel : !info.group && info.resource === "services" ? nameIsDNS1035Label : nameIsDNSSubdomain;
      const errs = validateObjectMeta(out.metadata ?? {}, info.namespaced, nameFn, "metadata");
      if (!subresource) errs.push(...validateObject(info.group, info.kind, out, op === "UPDATE" ? old : undefined));
      if (errs.length) throw newInvalid({ group: info.group, kind: info.kind }, out.metadata?.name ?? "", errs);
      // ResourceQuota runs last, as a validating plugin: it charges the quotas it admits against.
      if (op === "CREATE" && !subresource && has("ResourceQuota", true) && info.namespaced && QUOTA_RESOURCES.some((r) => r.group === info.group && r.resource === info.resource)) {
        const quotas = list("", "resourcequotas", ns);
        if (quotas.length) {
          const updates = checkQuotas(quotas, info.resource, info.group, out, info.group ? `${info.resource}.${info.group}` : info.resource, out.metadata?.name ?? "", deps.clock.now());
          await chargeQuotas(quotas, updates);
        }
      }
      return out;
    },
  };
}
