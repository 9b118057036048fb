// The PersistentVolume binder, pkg/controller/volume/persistentvolume (pv_controller.go,
// pv_controller_base.go): binds claims to volumes both ways (pv.spec.claimRef first, then
// pvc.spec.volumeName), keeps both phases, asks external provisioners for volumes, and runs the
// reclaim policy of released volumes. Level-triggered: two queues (claims, volumes), and a
// resync of everything every --pvclaimbinder-sync-period (15 s) as upstream, which is also what
// repeats its "waiting for ..." events.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import type { EventRecorder, EventType } from "../../runtime/events.js";
import { WorkQueue, splitKey } from "../../runtime/workqueue.js";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_STORAGE_PROVISIONER,
  checkAccessModes,
  claimClass,
  claimHasClass,
  claimKey,
  claimRefOf,
  cmpStorage,
  findBestMatchForClaim,
  hasAnnotation,
  isDelayBindingMode,
  isDelayBindingProvisioning,
  isVolumeBoundToClaim,
  volumeClass,
  volumeModeMismatch,
} from "../../storage/helpers.js";
import { defaultStorageClass } from "../../storage/default-class.js";
import { deleteVolume, provisionPlugin, recyclable } from "../../storage/plugins.js";
import type { PV, PVC, StorageClass } from "../../storage/types.js";
import { CLAIM_BOUND, CLAIM_LOST, CLAIM_PENDING, VOLUME_AVAILABLE, VOLUME_BOUND, VOLUME_FAILED, VOLUME_RELEASED } from "../../storage/types.js";
import type { Controller, ControllerContext } from "../types.js";
import { isNotFound, rfc3339 } from "../util/base.js";
import { podClaimNames, podIsTerminated } from "../../storage/pods.js";

/** --pvclaimbinder-sync-period default. */
export const DEFAULT_SYNC_PERIOD_MS = 15_000;
/** goroutinemap's exponential backoff for failed operations: 500 ms doubling to 2m2s. */
const OP_BACKOFF_INITIAL_MS = 500;
const OP_BACKOFF_MAX_MS = 122_000;

export class PersistentVolumeController implements Controller {
  readonly name = "persistentvolume-binder";
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  private readonly recorder: EventRecorder;
  private cancels: (() => void)[] = [];
  /** Operations in flight (provision-..., delete-..., recycle-...) and the backoff of failed ones. */
  private running = new Set<string>();
  private backoff = new Map<string, { until: number; delay: number }>();

  constructor(private readonly ctx: ControllerContext) {
    const onError = (key: string, err: unknown) => ctx.log(`E "error syncing" controller="persistentvolume-binder" key="${key}" err="${(err as Error).message}"`);
    this.claimQueue = new WorkQueue(ctx.time, (k) => this.syncClaimKey(k), { onError });
    this.volumeQueue = new WorkQueue(ctx.time, (k) => this.syncVolumeKey(k), { onError });
    this.recorder = ctx.recorder("persistentvolume-controller");
  }

  start(): void {
    const c = this.ctx.client;
    this.cancels.push(
      c.watch(GR.persistentvolumeclaims, (type, obj) => {
        if (type !== "DELETED") return this.claimQueue.add(claimKey(obj.metadata ?? {}));
        // deleteClaim: sync the volume now so it is Released without waiting for the resync.
        const vol = (obj as PVC).spec?.volumeName;
        if (vol) this.volumeQueue.add(vol);
      }),
      c.watch(GR.persistentvolumes, (type, obj) => {
        if (type !== "DELETED") return this.volumeQueue.add(obj.metadata!.name!);
        // deleteVolume: the claim becomes Lost without waiting for the resync.
        const ref = (obj as PV).spec?.claimRef;
        if (ref?.name) this.claimQueue.add(claimKey(ref));
      }),
    );
    this.resync();
    const period = parseDuration(this.ctx.flags.get("pvclaimbinder-sync-period")) ?? DEFAULT_SYNC_PERIOD_MS;
    let cancel = () => {};
    const tick = () => {
      this.resync();
      cancel = this.ctx.time.after(period, tick);
    };
    cancel = this.ctx.time.after(period, tick);
    this.cancels.push(() => cancel());
  }

  stop(): void {
    for (const c of this.cancels.splice(0)) c();
    this.claimQueue.stop();
    this.volumeQueue.stop();
  }

  private resync(): void {
    for (const pvc of this.ctx.client.list(GR.persistentvolumeclaims)) this.claimQueue.add(claimKey(pvc.metadata ?? {}));
    for (const pv of this.ctx.client.list(GR.persistentvolumes)) this.volumeQueue.add(pv.metadata!.name!);
  }

  // ---- reads ----
  private getClaim(ns: string, name: string) {
    return this.ctx.client.get(GR.persistentvolumeclaims, ns, name) as PVC | undefined;
  }
  private getVolume(name: string) {
    return this.ctx.client.get(GR.persistentvolumes, "", name) as PV | undefined;
  }
  private getClass = (name: string) => this.ctx.client.get(GR.storageclasses, "", name) as StorageClass | undefined;
  private event(obj: KObject, type: EventType, reason: string, message: string) {
    this.recorder.event(obj, type, reason, message);
  }

  private async syncClaimKey(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const claim = this.getClaim(namespace, name);
    if (claim) await this.syncClaim(claim);
  }

  private async syncVolumeKey(key: string): Promise<void> {
    const volume = this.getVolume(key);
    if (volume) await this.syncVolume(volume);
  }

  async syncClaim(claim: PVC): Promise<void> {
    if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) return this.syncUnboundClaim(claim);
    return this.syncBoundClaim(claim);
  }

  // ---- claims ----
  private async syncUnboundClaim(claim: PVC): Promise<void> {
    const volumeName = claim.spec?.volumeName ?? "";
    if (!volumeName) {
      const delayBinding = isDelayBindingMode(claim, this.getClass);
      const volume = findBestMatchForClaim(claim, this.ctx.client.list(GR.persistentvolumes) as PV[], delayBinding);
      if (volume) return this.bind(volume, claim);
      if (await this.assignDefaultStorageClass(claim)) return;
      if (delayBinding && !isDelayBindingProvisioning(claim)) {
        this.emitEventForUnboundDelayBindingClaim(claim);
      } else if (claimClass(claim) !== "") {
        // The provisioning operation updates the claim; the binding finishes in a later sync.
        return this.provisionClaim(claim);
      } else {
        this.event(claim, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
      }
      await this.updateClaimStatus(claim, CLAIM_PENDING, undefined);
      return;
    }
    // The user asked for a specific volume.
    const volume = this.getVolume(volumeName);
    if (!volume) {
      await this.updateClaimStatus(claim, CLAIM_PENDING, undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const why = checkVolumeSatisfyClaim(volume, claim);
      if (why) {
        this.event(claim, "Warning", "VolumeMismatch", `Cannot bind to requested volume "${volumeName}": ${why}`);
        await this.updateClaimStatus(claim, CLAIM_PENDING, undefined);
        return;
      }
      return this.bind(volume, claim);
    }
    if (isVolumeBoundToClaim(volume, claim)) return this.bind(volume, claim);
    this.event(claim, "Warning", "FailedBinding", `volume "${volumeName}" already bound to a different claim.`);
    if (!hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) {
      await this.updateClaimStatus(claim, CLAIM_PENDING, undefined);
      return;
    }
    throw new Error(`invalid binding of claim "${claimKey(claim.metadata ?? {})}" to volume "${volumeName}": volume already claimed by "${claimKey(volume.spec.claimRef)}"`);
  }

  private async syncBoundClaim(claim: PVC): Promise<void> {
    const volumeName = claim.spec?.volumeName ?? "";
    if (!volumeName) {
      await this.updateClaimStatusWithEvent(claim, CLAIM_LOST, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
      return;
    }
    const volume = this.getVolume(volumeName);
    if (!volume) {
      await this.updateClaimStatusWithEvent(claim, CLAIM_LOST, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
      return;
    }
    const ref = volume.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata?.uid) return this.bind(volume, claim);
    await this.updateClaimStatusWithEvent(claim, CLAIM_LOST, "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
  }

  /** WaitForFirstConsumer, or WaitForPodScheduled when pods already wait for the scheduler. */
  private emitEventForUnboundDelayBindingClaim(claim: PVC): void {
    const ns = claim.metadata?.namespace ?? "";
    const pods = this.ctx.client
      .list(GR.pods, ns)
      .filter((p) => !podIsTerminated(p) && !(p.spec as { nodeName?: string })?.nodeName && podClaimNames(p).includes(claim.metadata?.name ?? ""))
      .map((p) => p.metadata!.name!);
    if (!pods.length) return this.event(claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
    const msg = pods.length > 1 ? `waiting for pods ${pods.join(",")} to be scheduled` : `waiting for pod ${pods[0]} to be scheduled`;
    this.event(claim, "Normal", "WaitForPodScheduled", msg);
  }

  /** Retroactive default StorageClass assignment (GA in v1.28) for claims that never named a class. */
  private async assignDefaultStorageClass(claim: PVC): Promise<boolean> {
    if (claimHasClass(claim)) return false;
    const sc = defaultStorageClass(this.ctx.client.list(GR.storageclasses) as StorageClass[]);
    if (!sc) return false;
    const next = structuredClone(claim);
    next.spec = { ...next.spec, storageClassName: sc.metadata!.name! };
    await this.ctx.client.update(GR.persistentvolumeclaims, next);
    return true;
  }

  // ---- volumes ----
  async syncVolume(volume: PV): Promise<void> {
    const ref = volume.spec?.claimRef;
    if (!ref) return void (await this.updateVolumePhase(volume, VOLUME_AVAILABLE, ""));
    // Pre-bound to a claim that has not bound yet: the claim's sync does it.
    if (!ref.uid) return void (await this.updateVolumePhase(volume, VOLUME_AVAILABLE, ""));
    let claim = this.getClaim(ref.namespace ?? "", ref.name ?? "");
    if (claim && claim.metadata?.uid !== ref.uid) claim = undefined;
    const phase = volume.status?.phase;
    if (!claim) {
      // The claim is gone: release, then reclaim. A Failed volume keeps its phase (the user sees why).
      if (phase !== VOLUME_RELEASED && phase !== VOLUME_FAILED) {
        this.ctx.log(`I "Volume is released and reclaim policy will be executed" volumeName="${volume.metadata!.name}" reclaimPolicy="${volume.spec?.persistentVolumeReclaimPolicy}"`);
        volume = await this.updateVolumePhase(volume, VOLUME_RELEASED, "");
      }
      return this.reclaimVolume(volume);
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, volume)) {
        this.event(volume, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata!.name}" due to incompatible volumeMode.`);
        this.event(claim, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume "${volume.metadata!.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // Bound here, claim still Pending: the claim's sync finishes it (this is how provisioned volumes bind).
      this.claimQueue.add(claimKey(claim.metadata ?? {}));
      return;
    }
    if (claim.spec.volumeName === volume.metadata!.name) return void (await this.updateVolumePhase(volume, VOLUME_BOUND, ""));
    // The claim is bound elsewhere.
    if (hasAnnotation(volume, ANN_DYNAMICALLY_PROVISIONED) && volume.spec?.persistentVolumeReclaimPolicy === "Delete") {
      if (phase !== VOLUME_RELEASED && phase !== VOLUME_FAILED) volume = await this.updateVolumePhase(volume, VOLUME_RELEASED, "");
      return this.reclaimVolume(volume);
    }
    return this.unbindVolume(volume);
  }

  // ---- writes (updateClaimStatus, updateVolumePhase, bind, unbind) ----
  private async updateClaimStatus(claim: PVC, phase: string, volume: PV | undefined): Promise<PVC> {
    const next = structuredClone(claim);
    const st = (next.status ??= {});
    let dirty = false;
    if (claim.status?.phase !== phase) {
      st.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (st.accessModes !== undefined) (delete st.accessModes, (dirty = true));
      if (st.capacity !== undefined) (delete st.capacity, (dirty = true));
    } else {
      if (JSON.stringify(st.accessModes) !== JSON.stringify(volume.spec?.accessModes)) {
        st.accessModes = volume.spec?.accessModes;
        dirty = true;
      }
      // Capacity only when the claim becomes Bound: a later difference may be a pending resize.
      if (claim.status?.phase !== phase) {
        if (!volume.spec?.capacity?.storage) throw new Error(`PersistentVolume "${volume.metadata!.name}" is without a storage capacity`);
        const pre = volume.metadata?.annotations?.["volume.alpha.kubernetes.io/pre-resize-capacity"];
        if (pre) {
          st.capacity = { ...st.capacity, storage: pre };
          dirty = true;
        } else if (!claim.status?.capacity?.storage || cmpStorage(volume.spec.capacity, claim.status.capacity) !== 0) {
          st.capacity = { ...volume.spec.capacity };
          dirty = true;
        }
      }
    }
    if (!dirty) return claim;
    return (await this.ctx.client.update(GR.persistentvolumeclaims, next, { subresource: "status" })) as PVC;
  }

  private async updateClaimStatusWithEvent(claim: PVC, phase: string, reason: string, message: string): Promise<void> {
    if (claim.status?.phase === phase) return;
    const next = await this.updateClaimStatus(claim, phase, undefined);
    this.event(next, "Warning", reason, message);
  }

  private async updateVolumePhase(volume: PV, phase: string, message: string): Promise<PV> {
    if (volume.status?.phase === phase) return volume;
    const next = structuredClone(volume);
    next.status = { ...next.status, phase, lastPhaseTransitionTime: rfc3339(this.ctx.time.now()) };
    if (message) next.status.message = message;
    else delete next.status.message;
    const out = (await this.ctx.client.update(GR.persistentvolumes, next, { subresource: "status" })) as PV;
    this.ctx.log(`I "Volume entered phase" volumeName="${volume.metadata!.name}" phase="${phase}"`);
    return out;
  }

  private async updateVolumePhaseWithEvent(volume: PV, phase: string, type: EventType, reason: string, message: string): Promise<PV> {
    if (volume.status?.phase === phase) return volume;
    const next = await this.updateVolumePhase(volume, phase, message);
    this.event(next, type, reason, message);
    return next;
  }

  /** bind: the volume first (claimRef, then phase), then the claim (volumeName, then status). */
  private async bind(volume: PV, claim: PVC): Promise<void> {
    volume = await this.bindVolumeToClaim(volume, claim);
    volume = await this.updateVolumePhase(volume, VOLUME_BOUND, "");
    claim = await this.bindClaimToVolume(claim, volume);
    await this.updateClaimStatus(claim, CLAIM_BOUND, volume);
  }

  /** GetBindVolumeToClaim: claimRef to this claim; bound-by-controller unless the user pre-bound it. */
  private async bindVolumeToClaim(volume: PV, claim: PVC): Promise<PV> {
    const byController = !isVolumeBoundToClaim(volume, claim);
    const next = structuredClone(volume);
    let dirty = false;
    const ref = volume.spec?.claimRef;
    if (!ref || ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid) {
      next.spec = { ...next.spec, claimRef: claimRefOf(claim) };
      dirty = true;
    }
    if (byController && !hasAnnotation(next, ANN_BOUND_BY_CONTROLLER)) {
      next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, [ANN_BOUND_BY_CONTROLLER]: "yes" } };
      dirty = true;
    }
    if (!dirty) return volume;
    this.ctx.log(`I "Claim bound to volume" PVC="${claimKey(claim.metadata ?? {})}" volumeName="${volume.metadata!.name}"`);
    return (await this.ctx.client.update(GR.persistentvolumes, next)) as PV;
  }

  private async bindClaimToVolume(claim: PVC, volume: PV): Promise<PVC> {
    const next = structuredClone(claim);
    const ann = { ...next.metadata?.annotations };
    let dirty = false;
    if (volume.metadata!.name !== claim.spec?.volumeName) {
      next.spec = { ...next.spec, volumeName: volume.metadata!.name };
      if (!(ANN_BOUND_BY_CONTROLLER in ann)) ann[ANN_BOUND_BY_CONTROLLER] = "yes";
      dirty = true;
    }
    if (!(ANN_BIND_COMPLETED in ann)) {
      ann[ANN_BIND_COMPLETED] = "yes";
      dirty = true;
    }
    if (!dirty) return claim;
    next.metadata = { ...next.metadata, annotations: ann };
    this.ctx.log(`I "Volume bound to claim" PVC="${claimKey(claim.metadata ?? {})}" volumeName="${volume.metadata!.name}"`);
    return (await this.ctx.client.update(GR.persistentvolumeclaims, next)) as PVC;
  }

  /** Rolls a binding back: the controller's own binding entirely, a user's pre-binding only its UID. */
  private async unbindVolume(volume: PV): Promise<void> {
    const next = structuredClone(volume);
    if (hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER)) {
      delete next.spec!.claimRef;
      const ann = { ...next.metadata!.annotations };
      delete ann[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(ann).length) next.metadata!.annotations = ann;
      else delete next.metadata!.annotations;
    } else {
      next.spec!.claimRef = { ...next.spec!.claimRef };
      delete next.spec!.claimRef.uid;
    }
    const saved = (await this.ctx.client.update(GR.persistentvolumes, next)) as PV;
    await this.updateVolumePhase(saved, VOLUME_AVAILABLE, "");
  }

  // ---- provisioning ----
  private async provisionClaim(claim: PVC): Promise<void> {
    const name = claimClass(claim);
    const sc = this.getClass(name);
    if (!sc) {
      this.event(claim, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${name}" not found`);
      return;
    }
    const plugin = provisionPlugin(sc.provisioner ?? "");
    if (plugin.kind === "error") {
      this.event(claim, "Warning", "ProvisioningFailed", plugin.message);
      return;
    }
    this.schedule(`provision-${claimKey(claim.metadata ?? {})}[${claim.metadata?.uid}]`, async () => {
      const cur = await this.setClaimProvisioner(claim, plugin.provisioner);
      if (plugin.kind === "disabled") {
        this.event(cur, "Warning", "ProvisioningFailed", plugin.message);
        throw new Error(plugin.message);
      }
      this.event(
        cur,
        "Normal",
        "ExternalProvisioning",
        `Waiting for a volume to be created either by the external provisioner '${plugin.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
    });
  }

  private async setClaimProvisioner(claim: PVC, provisioner: string): Promise<PVC> {
    if (claim.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] === provisioner) return claim;
    const next = structuredClone(claim);
    next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner } };
    return (await this.ctx.client.update(GR.persistentvolumeclaims, next)) as PVC;
  }

  // ---- reclaim ----
  private async reclaimVolume(volume: PV): Promise<void> {
    const name = volume.metadata!.name!;
    switch (volume.spec?.persistentVolumeReclaimPolicy) {
      case "Retain":
        return;
      case "Recycle":
        this.schedule(`recycle-${name}[${volume.metadata?.uid}]`, () => this.recycleVolumeOperation(volume));
        return;
      case "Delete":
        this.schedule(`delete-${name}[${volume.metadata?.uid}]`, () => this.deleteVolumeOperation(volume));
        return;
      default:
        await this.updateVolumePhaseWithEvent(volume, VOLUME_FAILED, "Warning", "VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy");
    }
  }

  /** isVolumeReleased: bound (with a UID) to a claim that is gone or bound elsewhere. */
  private isVolumeReleased(volume: PV): boolean {
    const ref = volume.spec?.claimRef;
    if (!ref?.uid) return false;
    const claim = this.getClaim(ref.namespace ?? "", ref.name ?? "");
    if (claim && claim.metadata?.uid === ref.uid) return !!claim.spec?.volumeName && claim.spec.volumeName !== volume.metadata!.name;
    return true;
  }

  private async deleteVolumeOperation(volume: PV): Promise<void> {
    const cur = this.getVolume(volume.metadata!.name!);
    if (!cur || !this.isVolumeReleased(cur)) return;
    const d = deleteVolume(cur);
    if (d.kind === "external") return;
    if (d.kind === "error") {
      await this.updateVolumePhaseWithEvent(cur, VOLUME_FAILED, "Warning", "VolumeFailedDelete", d.message);
      throw new Error(d.message);
    }
    try {
      await this.ctx.client.delete(GR.persistentvolumes, "", cur.metadata!.name!);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private async recycleVolumeOperation(volume: PV): Promise<void> {
    const cur = this.getVolume(volume.metadata!.name!);
    if (!cur || !this.isVolumeReleased(cur)) return;
    const ref = cur.spec!.claimRef!;
    const users = this.ctx.client
      .list(GR.pods, ref.namespace)
      .filter((p) => !podIsTerminated(p) && podClaimNames(p).includes(ref.name ?? ""))
      .map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`)
      .sort();
    if (users.length && !this.getClaim(ref.namespace ?? "", ref.name ?? "")) {
      this.event(cur, "Normal", "VolumeFailedRecycle", `Volume is used by pods: ${users.join(",")}`);
      return;
    }
    if (!recyclable(cur)) {
      await this.updateVolumePhaseWithEvent(cur, VOLUME_FAILED, "Warning", "VolumeFailedRecycle", "No recycler plugin found for the volume!");
      return;
    }
    // The scrubbing pod (recycler-for-<pv>) is not run: the volume's files are kept (KNOWN_GAPS).
    this.event(cur, "Normal", "VolumeRecycled", "Volume recycled");
    await this.unbindVolume(cur);
  }

  /** scheduleOperation: one run per name at a time; a failed one waits its exponential backoff. */
  private schedule(name: string, op: () => Promise<void>): void {
    if (this.running.has(name)) return;
    const b = this.backoff.get(name);
    if (b && this.ctx.time.now().getTime() < b.until) return;
    this.running.add(name);
    void op()
      .then(() => this.backoff.delete(name))
      .catch((e) => {
        const delay = b ? Math.min(b.delay * 2, OP_BACKOFF_MAX_MS) : OP_BACKOFF_INITIAL_MS;
        this.backoff.set(name, { until: this.ctx.time.now().getTime() + delay, delay });
        this.ctx.log(`E "Operation failed" operationName="${name}" err="${(e as Error).message}"`);
      })
      .finally(() => this.running.delete(name));
  }
}

/** checkVolumeSatisfyClaim, for a claim that names its volume. */
export function checkVolumeSatisfyClaim(volume: PV, claim: PVC): string | undefined {
  if (volume.metadata?.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (cmpStorage(volume.spec?.capacity, claim.spec?.resources?.requests) < 0) return "requested PV is too small";
  if (volumeClass(volume) !== claimClass(claim)) return "storageClassName does not match";
  if (volumeModeMismatch(claim, volume)) return "incompatible volumeMode";
  if (!checkAccessModes(claim, volume)) return "incompatible accessMode";
  return undefined;
}

/** A Go duration flag ("15s", "1m0s") in ms. */
function parseDuration(s: string | undefined): number | undefined {
  if (!s) return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let m: RegExpExecArray | null;
  let seen = "";
  while ((m = re.exec(s))) {
    seen += m[0];
    total += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as "h" | "m" | "s" | "ms"];
  }
  return seen === s && total > 0 ? total : undefined;
}

export const newPersistentVolumeBinderController = (ctx: ControllerContext) => new PersistentVolumeController(ctx);
