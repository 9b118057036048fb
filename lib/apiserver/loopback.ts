// The API server as the in-process components see it (controllers, scheduler, kubelets): the
// ClusterClient contract over the same registry, admission and watch cache the HTTP handlers
// use, with the component's identity. Writes resolve once the watch cache has seen them, so a
// component's next read sees its own write (what an informer plus expectations give upstream).
import type { KObject, ResourceInfo, UserInfo } from "../cluster/api/types.js";
import type { ClusterClient, DeleteOptions, GroupResource, PatchType, WatchHandler, WriteOptions } from "../cluster/client/types.js";
import type { Admission } from "./rest.js";
import { createObject, deleteObject, patchObject, updateWith, type StorageContext } from "./rest.js";
import type { Registry } from "./storage/registry.js";
import type { WatchCache } from "./storage/cache.js";
import { bindPod, evictPod } from "./pod-subresources.js";
import { badRequest } from "./errors.js";

export interface LoopbackDeps {
  registry: Registry;
  cache: WatchCache;
  admission: Admission;
  resourceFor(group: string, resource: string): ResourceInfo;
  now(): Date;
  /** Answers virtual subresources (serviceaccounts/token) the way the HTTP handler does. */
  virtualCreate?(info: ResourceInfo, namespace: string, name: string, subresource: string, body: KObject, user: UserInfo): Promise<KObject>;
}

/**
 * The field manager an in-process component writes as when it names none: upstream takes the
 * User-Agent's program name (kube-controller-manager, kube-scheduler, kubelet); add-ons are
 * named by their ServiceAccount, a stand-in for their binaries' names.
 */
export function managerForUser(user: UserInfo): string {
  const u = user.username;
  if (u === "system:kube-controller-manager") return "kube-controller-manager";
  if (u === "system:kube-scheduler") return "kube-scheduler";
  if (u.startsWith("system:node:")) return "kubelet";
  const sa = /^system:serviceaccount:[^:]+:(.+)$/.exec(u);
  if (sa) return sa[1];
  return "kubectl";
}

export function loopbackClient(deps: LoopbackDeps, user: UserInfo): ClusterClient {
  const { registry, cache } = deps;
  const ctx = (gr: GroupResource, namespace: string, name: string, subresource = "", opts: WriteOptions = {}): StorageContext => {
    const info = deps.resourceFor(gr.group, gr.resource);
    const query = new URLSearchParams();
    query.set("fieldManager", opts.fieldManager || managerForUser(user));
    if (opts.dryRun) query.set("dryRun", "All");
    return { info, user, query, registry, admission: deps.admission, ri: { namespace: info.namespaced ? namespace : "", name, subresource } };
  };
  const caughtUp = async (obj: KObject | undefined) => {
    const rv = Number(obj?.metadata?.resourceVersion);
    if (Number.isFinite(rv) && rv > 0) await cache.waitFor(rv);
  };
  const prefix = (gr: GroupResource) => registry.prefixFor(deps.resourceFor(gr.group, gr.resource));

  return {
    get(gr, namespace, name) {
      const info = deps.resourceFor(gr.group, gr.resource);
      return cache.get(registry.keyFor(info, info.namespaced ? namespace : "", name))?.obj;
    },
    list(gr, namespace) {
      const info = deps.resourceFor(gr.group, gr.resource);
      const p = registry.prefixFor(info) + (info.namespaced && namespace ? `${namespace}/` : "");
      return cache.list(p).map((c) => c.obj);
    },
    watch(gr, handler: WatchHandler) {
      const p = prefix(gr);
      const sub = cache.subscribe(cache.currentRevision(), (e) => {
        if (!e.key.startsWith(p)) return;
        try {
          handler(e.type as "ADDED" | "MODIFIED" | "DELETED", e.obj, e.prevObj);
        } catch {
          // A handler's failure must not break the cache's fan-out.
        }
      });
      return () => sub?.cancel();
    },
    async create(gr, obj, opts = {}) {
      const c = ctx(gr, obj.metadata?.namespace ?? "", obj.metadata?.name ?? "", "", opts);
      const out = await createObject(c, structuredClone(obj));
      await caughtUp(out);
      return out;
    },
    async update(gr, obj, opts = {}) {
      const c = ctx(gr, obj.metadata?.namespace ?? "", obj.metadata?.name ?? "", opts.subresource ?? "", opts);
      const next = structuredClone(obj);
      const { obj: out } = await updateWith(c, () => next, false);
      await caughtUp(out);
      return out;
    },
    async patch(gr, namespace, name, type: PatchType, patch, opts = {}) {
      const c = ctx(gr, namespace, name, opts.subresource ?? "", opts);
      const { obj: out } = await patchObject(c, type, Buffer.from(JSON.stringify(patch)));
      await caughtUp(out);
      return out;
    },
    async delete(gr, namespace, name, opts: DeleteOptions = {}) {
      const { obj } = await deleteObject(ctx(gr, namespace, name), opts);
      await caughtUp(obj);
      return obj;
    },
    async createSubresource(gr, namespace, name, subresource, body) {
      const c = ctx(gr, namespace, name, subresource);
      const isPods = gr.group === "" && gr.resource === "pods";
      let out: KObject;
      if (isPods && subresource === "binding") out = await bindPod(c, body, deps.now());
      else if (isPods && subresource === "eviction") {
        const pdbInfo = deps.resourceFor("policy", "poddisruptionbudgets");
        out = await evictPod(
          c,
          body,
          () => cache.list(registry.prefixFor(pdbInfo) + `${namespace}/`).map((x) => x.obj),
          async (pdb) => {
            await updateWith({ ...c, info: pdbInfo, ri: { namespace, name: pdb.metadata!.name!, subresource: "status" } }, () => pdb, false);
          },
          deps.now(),
        );
      } else if (deps.virtualCreate) out = await deps.virtualCreate(c.info, namespace, name, subresource, body, user);
      else throw badRequest(`subresource ${subresource} of ${gr.resource} is not served in-process`);
      await cache.waitFor(cache.currentRevision());
      return out;
    },
  };
}
