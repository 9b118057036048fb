// The garbage collector, pkg/controller/garbagecollector (garbagecollector.go, graph_builder.go):
// an owner -> dependents graph built from the watches of every resource, and three queues of work:
//   dep:<uid>    attemptToDeleteItem: a dependent whose owners are all gone (dangling: absent or
//                another uid) is deleted, with the propagation its own finalizers ask for; owners
//                deleted in the foreground make it go in the foreground too; dangling references
//                next to a live owner are just removed.
//   fg:<uid>     processDeletingDependents: an owner with the foregroundDeletion finalizer loses it
//                once no dependent with blockOwnerDeletion remains.
//   orphan:<uid> orphanDependents: an owner with the orphan finalizer has its references removed
//                from every dependent, then the finalizer.
import type { KObject, OwnerReference } from "../../api/types.js";
import type { GroupResource } from "../../client/types.js";
import type { ControllerContext } from "../types.js";
import { isConflict, isNotFound, QueueController } from "../util/base.js";

export const FINALIZER_ORPHAN = "orphan";
export const FINALIZER_FOREGROUND = "foregroundDeletion";
/** Upstream re-reads discovery every 30 s (--garbage-collector resync) to watch new resources (CRDs). */
const RESYNC_RESOURCES_MS = 30_000;
/** How long an owner must stay absent from the cache, never seen deleted, before it counts as gone. */
const ABSENCE_CONFIRMATION_MS = 2_000;
const MAX_REMEMBERED_DELETIONS = 10_000;

export interface GCResource extends GroupResource {
  kind: string;
  namespaced: boolean;
}

export interface GarbageCollectorDeps {
  /** Every served resource that supports list, watch and delete (incl. CRDs); re-read every 30 s. */
  resources: () => GCResource[];
}

interface Node {
  gr: GCResource;
  namespace: string;
  name: string;
  owners: OwnerReference[];
}

const grKey = (gr: GroupResource) => `${gr.group}/${gr.resource}`;
const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");

export class GarbageCollector extends QueueController {
  readonly name = "garbage-collector";
  private nodes = new Map<string, Node>();
  private dependents = new Map<string, Set<string>>();
  private watched = new Set<string>();
  private byKind = new Map<string, GCResource>();
  /** Uids whose deletion we watched: their dependents are dangling for sure. */
  private gone = new Set<string>();
  /** Owners absent from the cache but never seen deleted: when first noticed (see classify). */
  private unverified = new Map<string, number>();

  constructor(
    ctx: ControllerContext,
    private readonly deps: GarbageCollectorDeps,
  ) {
    super(ctx, 20);
  }

  start(): void {
    this.syncMonitors();
    this.every(RESYNC_RESOURCES_MS, () => this.syncMonitors());
  }

  private syncMonitors(): void {
    const resources = this.deps.resources();
    // Every kind known before any dependent is checked, so owners resolve whatever the order.
    for (const gr of resources) this.byKind.set(`${gr.group}/${gr.kind}`, gr);
    for (const gr of resources) {
      if (this.watched.has(grKey(gr))) continue;
      this.watched.add(grKey(gr));
      this.watch(gr, (type, obj) => this.observe(gr, type, obj));
      for (const obj of this.ctx.client.list(gr)) this.observe(gr, "ADDED", obj);
    }
  }

  private observe(gr: GCResource, type: string, obj: KObject): void {
    const m = obj.metadata ?? {};
    const uid = m.uid;
    if (!uid) return;
    const prev = this.nodes.get(uid);
    if (type === "DELETED") {
      this.gone.add(uid);
      if (this.gone.size > MAX_REMEMBERED_DELETIONS) this.gone.delete(this.gone.values().next().value!);
      this.setOwners(uid, prev?.owners ?? [], []);
      this.nodes.delete(uid);
      for (const dep of this.dependents.get(uid) ?? []) this.queue.add(`dep:${dep}`);
      // An owner deleting in the foreground waits for this one.
      for (const o of prev?.owners ?? []) this.queue.add(`fg:${o.uid}`);
      return;
    }
    const owners = m.ownerReferences ?? [];
    this.nodes.set(uid, { gr, namespace: m.namespace ?? "", name: m.name!, owners });
    this.setOwners(uid, prev?.owners ?? [], owners);
    const changed = !prev || JSON.stringify(prev.owners) !== JSON.stringify(owners);
    if (owners.length && changed) this.queue.add(`dep:${uid}`);
    if (m.deletionTimestamp) {
      if (m.finalizers?.includes(FINALIZER_ORPHAN)) this.queue.add(`orphan:${uid}`);
      if (m.finalizers?.includes(FINALIZER_FOREGROUND)) this.queue.add(`fg:${uid}`);
    }
  }

  private setOwners(uid: string, before: OwnerReference[], after: OwnerReference[]): void {
    for (const o of before) this.dependents.get(o.uid)?.delete(uid);
    for (const o of after) {
      if (!this.dependents.has(o.uid)) this.dependents.set(o.uid, new Set());
      this.dependents.get(o.uid)!.add(uid);
    }
  }

  private latest(uid: string): { node: Node; obj: KObject } | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    const obj = this.ctx.client.get(node.gr, node.namespace, node.name);
    if (!obj || obj.metadata?.uid !== uid) return undefined;
    return { node, obj };
  }

  protected async sync(key: string): Promise<void> {
    const i = key.indexOf(":");
    const kind = key.slice(0, i), uid = key.slice(i + 1);
    try {
      if (kind === "dep") await this.attemptToDelete(uid);
      else if (kind === "fg") await this.processDeletingDependents(uid);
      else if (kind === "orphan") await this.orphanDependents(uid);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
  }

  private classify(node: Node, refs: OwnerReference[]) {
    const solid: OwnerReference[] = [], dangling: OwnerReference[] = [], waiting: OwnerReference[] = [];
    let unconfirmed = false;
    for (const ref of refs) {
      const gr = this.byKind.get(`${groupOf(ref.apiVersion)}/${ref.kind}`);
      if (!gr) {
        // Unknown kinds cannot be checked; upstream retries, we keep the dependent.
        solid.push(ref);
        continue;
      }
      const owner = this.ctx.client.get(gr, gr.namespaced ? node.namespace : "", ref.name);
      if (!owner && !this.gone.has(ref.uid) && !this.confirmedAbsent(ref.uid)) {
        // Upstream confirms an absent owner with a live GET; a cache may not have caught up yet,
        // so we confirm by seeing it absent again a little later.
        solid.push(ref);
        unconfirmed = true;
      } else if (!owner || owner.metadata?.uid !== ref.uid) dangling.push(ref);
      else if (owner.metadata?.deletionTimestamp && owner.metadata.finalizers?.includes(FINALIZER_FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    return { solid, dangling, waiting, unconfirmed };
  }

  private confirmedAbsent(uid: string): boolean {
    const now = this.ctx.time.now().getTime();
    const first = this.unverified.get(uid);
    if (first === undefined) {
      this.unverified.set(uid, now);
      if (this.unverified.size > MAX_REMEMBERED_DELETIONS) this.unverified.delete(this.unverified.keys().next().value!);
      return false;
    }
    return now - first >= ABSENCE_CONFIRMATION_MS;
  }

  private async attemptToDelete(uid: string): Promise<void> {
    const cur = this.latest(uid);
    if (!cur) return;
    const { node, obj } = cur;
    const m = obj.metadata!;
    if (m.deletionTimestamp && !m.finalizers?.includes(FINALIZER_FOREGROUND)) return;
    if (m.deletionTimestamp) return this.processDeletingDependents(uid);
    const refs = m.ownerReferences ?? [];
    if (!refs.length) return;
    const { solid, dangling, waiting, unconfirmed } = this.classify(node, refs);
    if (unconfirmed) this.queue.addAfter(`dep:${uid}`, ABSENCE_CONFIRMATION_MS);
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      const keep = refs.filter((r) => !drop.has(r.uid));
      await this.ctx.client.patch(node.gr, node.namespace, node.name, "application/merge-patch+json", { metadata: { ownerReferences: keep, uid } });
      return;
    }
    let policy: "Orphan" | "Foreground" | "Background" = "Background";
    if (m.finalizers?.includes(FINALIZER_ORPHAN)) policy = "Orphan";
    else if (m.finalizers?.includes(FINALIZER_FOREGROUND)) policy = "Foreground";
    else if (waiting.length && this.dependents.get(uid)?.size) policy = "Foreground";
    this.ctx.log(`garbage-collector: deleting ${node.gr.kind} ${node.namespace ? node.namespace + "/" : ""}${node.name} with propagation ${policy}`);
    await this.ctx.client.delete(node.gr, node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid } });
  }

  private blockingDependents(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])].filter((d) => this.nodes.get(d)?.owners.some((o) => o.uid === uid && o.blockOwnerDeletion));
  }

  private async processDeletingDependents(uid: string): Promise<void> {
    const cur = this.latest(uid);
    if (!cur) return;
    const m = cur.obj.metadata!;
    if (!m.deletionTimestamp || !m.finalizers?.includes(FINALIZER_FOREGROUND)) return;
    const blocking = this.blockingDependents(uid);
    if (!blocking.length) return this.removeFinalizer(cur.node, cur.obj, FINALIZER_FOREGROUND);
    for (const d of blocking) this.queue.add(`dep:${d}`);
  }

  private async orphanDependents(uid: string): Promise<void> {
    const cur = this.latest(uid);
    if (!cur) return;
    const m = cur.obj.metadata!;
    if (!m.deletionTimestamp || !m.finalizers?.includes(FINALIZER_ORPHAN)) return;
    for (const d of [...(this.dependents.get(uid) ?? [])]) {
      const dep = this.latest(d);
      if (!dep) continue;
      const keep = (dep.obj.metadata!.ownerReferences ?? []).filter((r) => r.uid !== uid);
      try {
        await this.ctx.client.patch(dep.node.gr, dep.node.namespace, dep.node.name, "application/merge-patch+json", {
          metadata: { ownerReferences: keep.length ? keep : null, uid: d },
        });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    await this.removeFinalizer(cur.node, cur.obj, FINALIZER_ORPHAN);
  }

  private async removeFinalizer(node: Node, obj: KObject, finalizer: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const fresh = attempt === 0 ? obj : this.ctx.client.get(node.gr, node.namespace, node.name);
      if (!fresh || !fresh.metadata?.finalizers?.includes(finalizer)) return;
      const next = structuredClone(fresh);
      next.metadata!.finalizers = next.metadata!.finalizers!.filter((f) => f !== finalizer);
      try {
        await this.ctx.client.update(node.gr, next);
        return;
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
    }
  }
}

export const newGarbageCollector = (deps: GarbageCollectorDeps) => (ctx: ControllerContext) => new GarbageCollector(ctx, deps);
