// POST pods/<name>/binding and pods/<name>/eviction (upstream: pkg/registry/core/pod/storage
// storage.go BindingREST.assignPod and eviction.go EvictionREST.Create).
import { StatusError, type KObject } from "../cluster/api/types.js";
import { labelSelectorAsSelector } from "../cluster/meta/labels.js";
import { conflict } from "./errors.js";
import { deleteObject, updateWith, type StorageContext } from "./rest.js";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

type PodSpec = { nodeName?: string };
type PodStatus = { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };

/** Sets spec.nodeName once and PodScheduled=True, as assignPod does. */
export async function bindPod(ctx: StorageContext, binding: KObject, now: Date): Promise<KObject> {
  const target = (binding as { target?: { kind?: string; name?: string } }).target;
  const name = ctx.ri.name;
  if (!target?.name) throw new StatusError(422, "Invalid", `Binding.core "${name}" is invalid: target.name: Required value`, { name, kind: "Binding" });
  if (target.kind && target.kind !== "Node") {
    throw new StatusError(422, "Invalid", `Binding.core "${name}" is invalid: target.kind: Unsupported value: "${target.kind}": supported values: "Node"`, { name, kind: "Binding" });
  }
  const wantUid = binding.metadata?.uid;
  await updateWith(
    { ...ctx, ri: { ...ctx.ri, subresource: "binding" } },
    (pod) => {
      if (!pod) throw new StatusError(404, "NotFound", `pods "${name}" not found`, { name, kind: "pods" });
      if (wantUid && pod.metadata?.uid !== wantUid) throw conflict(ctx.info, name, `Precondition failed: UID in precondition: ${wantUid}, UID in object meta: ${pod.metadata?.uid}`);
      const bindingInfo = { ...ctx.info, resource: "pods/binding" };
      if (pod.metadata?.deletionTimestamp) throw conflict(bindingInfo, name, `pod ${name} is being deleted, cannot be assigned to a host`);
      const spec = pod.spec as PodSpec;
      if (spec.nodeName) throw conflict(bindingInfo, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      spec.nodeName = target.name;
      const status = (pod.status ??= {}) as PodStatus;
      const conds = (status.conditions ??= []);
      const c = conds.find((x) => x.type === "PodScheduled");
      if (c) Object.assign(c, { status: "True", lastTransitionTime: rfc3339(now) });
      else conds.push({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: rfc3339(now) });
      if (c) {
        delete (c as Record<string, unknown>).reason;
        delete (c as Record<string, unknown>).message;
      }
      return pod;
    },
    false,
  );
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}

interface Pdb {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: { selector?: unknown };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number; disruptedPods?: Record<string, string>; observedGeneration?: number };
}

/** Evicts a pod unless a PodDisruptionBudget forbids it (429, the message kubectl drain repeats). */
export async function evictPod(ctx: StorageContext, eviction: KObject, pdbs: () => KObject[], writePdbStatus: (pdb: KObject) => Promise<void>, now: Date): Promise<KObject> {
  const { registry, info, ri } = ctx;
  const pod = await registry.get(info, ri.namespace, ri.name);
  const labels = pod.metadata?.labels ?? {};
  const phase = (pod.status as { phase?: string })?.phase;
  const terminal = phase === "Succeeded" || phase === "Failed";
  const matching = terminal || pod.metadata?.deletionTimestamp ? [] : (pdbs() as Pdb[]).filter((p) => p.metadata?.namespace === ri.namespace && p.spec?.selector && labelSelectorAsSelector(p.spec.selector as never).matches(labels));
  if (matching.length > 1) {
    throw new StatusError(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.", { name: ri.name, kind: "pods" });
  }
  const pdb = matching[0];
  if (pdb) {
    const st = pdb.status ?? {};
    if ((st.disruptionsAllowed ?? 0) <= 0) {
      throw new StatusError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", {
        causes: [{ reason: "DisruptionBudget", message: `The disruption budget ${pdb.metadata?.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently` }],
      });
    }
    const next = structuredClone(pdb) as Pdb;
    next.status = { ...st, disruptionsAllowed: (st.disruptionsAllowed ?? 0) - 1, disruptedPods: { ...(st.disruptedPods ?? {}), [ri.name]: rfc3339(now) } };
    await writePdbStatus(next as KObject);
  }
  const opts = (eviction as { deleteOptions?: { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } } }).deleteOptions ?? {};
  await deleteObject({ ...ctx, ri: { ...ri, subresource: "" } }, { gracePeriodSeconds: opts.gracePeriodSeconds, preconditions: opts.preconditions });
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}
