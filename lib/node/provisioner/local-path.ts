// rancher/local-path-provisioner v0.0.30 (provisioner.go) on the external-provisioner library
// sigs.k8s.io/sig-storage-lib-external-provisioner/v10 (controller.go, volume_store.go), run by
// the lab in-process as the local-path-storage Deployment's pod would. It provisions claims
// whose storage-provisioner annotation (set by the PV controller) names it, once the scheduler
// picked a node for WaitForFirstConsumer classes: a directory on that node, then a PV with node
// affinity. Released PVs with reclaim policy Delete lose their directory and are deleted.
// Deliberate deviation: the directory is made and removed through mkdirOnNode/rmOnNode instead
// of a helper pod (helper-pod-create-pvc-...) running the setup/teardown scripts.
import type { KObject, Random } from "../../cluster/api/types.js";
import type { ClusterClient } from "../../cluster/client/types.js";
import { GR } from "../../cluster/client/types.js";
import type { Controller } from "../../cluster/controllers/types.js";
import { legacyRecorder, type EventRecorder } from "../../cluster/runtime/events.js";
import type { Time } from "../../cluster/runtime/timers.js";
import { WorkQueue, splitKey } from "../../cluster/runtime/workqueue.js";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  claimKey,
  claimRefOf,
  WAIT_FOR_FIRST_CONSUMER,
} from "../../cluster/storage/helpers.js";
import type { PV, PVC, StorageClass } from "../../cluster/storage/types.js";
import { cleanPath, getPathOnNode, isSharedFilesystem, parseConfig, pathFromPattern, pickConfig, type Config } from "./config.js";

export const PROVISIONER_NAME = "rancher.io/local-path";
export const NODE_NAME_ANNOTATION = "local.path.provisioner/selected-node";
const KEY_NODE = "kubernetes.io/hostname";
const FINALIZER_PV = "external-provisioner.volume.kubernetes.io/finalizer";
/** The library's claim/volume queues: 15 s doubling to 1000 s, giving up after 15 failures. */
const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 1_000_000;
const FAILED_THRESHOLD = 15;
/** A helper pod is polled every second; the first poll never sees it Succeeded. */
const HELPER_POD_MS = 1000;

export interface LocalPathProvisionerDeps {
  /** Acting as system:serviceaccount:local-path-storage:local-path-provisioner-service-account. */
  client: ClusterClient;
  time: Time;
  random: Random;
  /** The provisioner pod's name (its hostname): the event source is "<provisioner>_<pod>_<uuid>". */
  podName: string;
  /** Runs the setup script on the node: mkdir -m 0777 -p DIR. */
  mkdirOnNode(node: string, path: string): Promise<void>;
  /** Runs the teardown script on the node: rm -rf DIR. */
  rmOnNode(node: string, path: string): Promise<void>;
  log(line: string): void;
  namespace?: string;
  configMapName?: string;
  provisionerName?: string;
}

class StopProvision extends Error {}

export class LocalPathProvisioner implements Controller {
  readonly name = "local-path-provisioner";
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly provisioner: string;
  private cancels: (() => void)[] = [];

  constructor(private readonly deps: LocalPathProvisionerDeps) {
    this.provisioner = deps.provisionerName ?? PROVISIONER_NAME;
    const opts = (what: string) => ({
      baseDelayMs: RETRY_BASE_MS,
      maxDelayMs: RETRY_MAX_MS,
      onError: (key: string, err: unknown) => deps.log(`E "error syncing ${what}" key="${key}" err="${(err as Error).message}"`),
    });
    this.claimQueue = new WorkQueue(deps.time, (k) => this.syncClaimKey(k), { ...opts("claim"), workers: 4 });
    this.volumeQueue = new WorkQueue(deps.time, (k) => this.syncVolumeKey(k), { ...opts("volume"), workers: 4 });
    this.recorder = legacyRecorder(deps.client, deps.time, { component: `${this.provisioner}_${deps.podName}_${deps.random.uuid()}` }, deps.log);
  }

  start(): void {
    const c = this.deps.client;
    this.cancels.push(
      c.watch(GR.persistentvolumeclaims, (type, obj) => type !== "DELETED" && this.claimQueue.add(claimKey(obj.metadata ?? {}))),
      c.watch(GR.persistentvolumes, (type, obj) => type !== "DELETED" && this.volumeQueue.add(obj.metadata!.name!)),
    );
    for (const pvc of c.list(GR.persistentvolumeclaims)) this.claimQueue.add(claimKey(pvc.metadata ?? {}));
    for (const pv of c.list(GR.persistentvolumes)) this.volumeQueue.add(pv.metadata!.name!);
  }

  stop(): void {
    for (const c of this.cancels.splice(0)) c();
    this.claimQueue.stop();
    this.volumeQueue.stop();
  }

  private config(): Config {
    const ns = this.deps.namespace ?? "local-path-storage";
    const name = this.deps.configMapName ?? "local-path-config";
    const cm = this.deps.client.get(GR.configmaps, ns, name);
    const json = (cm?.data as Record<string, string> | undefined)?.["config.json"];
    if (json === undefined) throw new Error(`invalid empty flag config and it also does not exist at ConfigMap ${ns}/${name}`);
    return parseConfig(json);
  }

  private async syncClaimKey(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const claim = this.deps.client.get(GR.persistentvolumeclaims, namespace, name) as PVC | undefined;
    if (!claim || !this.shouldProvision(claim)) return;
    try {
      await this.provisionClaimOperation(claim);
    } catch (e) {
      if (e instanceof StopProvision) return;
      // Past the threshold the claim is dropped until its next update, as the library does.
      if (this.claimQueue.numRequeues(key) >= FAILED_THRESHOLD) {
        this.deps.log(`E "Giving up syncing claim because failures >= threshold" key="${key}"`);
        return;
      }
      throw e;
    }
  }

  private shouldProvision(claim: PVC): boolean {
    if (claim.spec?.volumeName) return false;
    const a = claim.metadata?.annotations ?? {};
    const p = a[ANN_STORAGE_PROVISIONER] ?? a[ANN_BETA_STORAGE_PROVISIONER];
    if (p !== this.provisioner) return false;
    const sc = this.getClass(claimClass(claim));
    if (!sc) throw new Error(`storageClass "${claimClass(claim)}" not found`);
    if (sc.volumeBindingMode === WAIT_FOR_FIRST_CONSUMER) return !!a[ANN_SELECTED_NODE];
    return true;
  }

  private getClass(name: string) {
    return this.deps.client.get(GR.storageclasses, "", name) as StorageClass | undefined;
  }

  private failed(claim: PVC, message: string): void {
    this.recorder.event(claim, "Warning", "ProvisioningFailed", message);
  }

  private async provisionClaimOperation(claim: PVC): Promise<void> {
    const pvName = `pvc-${claim.metadata!.uid}`;
    if (this.deps.client.get(GR.persistentvolumes, "", pvName)) throw new StopProvision();
    if (claim.spec?.volumeMode === "Block") {
      this.failed(claim, `${this.provisioner} does not support block volume provisioning`);
      throw new StopProvision();
    }
    const className = claimClass(claim);
    const sc = this.getClass(className);
    if (!sc) throw new Error(`storageClass "${className}" not found`);
    if (sc.provisioner !== this.provisioner) throw new StopProvision();
    const nodeName = claim.metadata?.annotations?.[ANN_SELECTED_NODE];
    let node: KObject | undefined;
    if (nodeName !== undefined) {
      node = this.deps.client.get(GR.nodes, "", nodeName);
      if (!node) {
        // ProvisioningReschedule: let the scheduler pick another node.
        this.failed(claim, `nodes "${nodeName}" not found`);
        const next = structuredClone(claim);
        delete next.metadata!.annotations![ANN_SELECTED_NODE];
        await this.deps.client.update(GR.persistentvolumeclaims, next);
        throw new StopProvision();
      }
    }
    this.recorder.event(claim, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${claimKey(claim.metadata ?? {})}"`);
    let volume: PV;
    try {
      volume = await this.provision(claim, sc, pvName, node);
    } catch (e) {
      const msg = `failed to provision volume with StorageClass "${className}": ${(e as Error).message}`;
      this.failed(claim, msg);
      throw new Error(msg);
    }
    volume.spec!.claimRef = claimRefOf(claim);
    volume.metadata!.annotations![ANN_DYNAMICALLY_PROVISIONED] = this.provisioner;
    volume.spec!.storageClassName = className;
    try {
      await this.deps.client.create(GR.persistentvolumes, volume);
    } catch (e) {
      if ((e as { reason?: string }).reason !== "AlreadyExists") throw e;
    }
    this.recorder.event(claim, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${pvName}`);
  }

  /** LocalPathProvisioner.provisionFor: checks, the directory on the node, the PV. */
  private async provision(claim: PVC, sc: StorageClass, pvName: string, node: KObject | undefined): Promise<PV> {
    const c = pickConfig(this.config(), sc.metadata!.name!);
    const shared = isSharedFilesystem(c);
    if (!shared) {
      if (claim.spec?.selector) throw new Error("claim.Spec.Selector is not supported");
      for (const m of claim.spec?.accessModes ?? []) {
        if (m !== "ReadWriteOnce" && m !== "ReadWriteOncePod") throw new Error("NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes");
      }
      if (!node) throw new Error("configuration error, no node was specified");
    }
    const nodeName = node?.metadata?.name ?? "";
    const basePath = getPathOnNode(c, nodeName, sc.parameters?.nodePath ?? "");
    const ns = claim.metadata!.namespace!;
    const name = claim.metadata!.name!;
    let folder = [pvName, ns, name].join("_");
    const pattern = sc.parameters?.pathPattern;
    if (pattern !== undefined) folder = pathFromPattern(pattern, pvName, { name, namespace: ns, labels: claim.metadata?.labels, annotations: claim.metadata?.annotations });
    const path = cleanPath(`${basePath}/${folder}`);
    this.deps.log(nodeName ? `time="${this.stamp()}" level=info msg="Creating volume ${pvName} at ${nodeName}:${path}"` : `time="${this.stamp()}" level=info msg="Creating volume ${pvName} at ${path}"`);
    await this.helper("create", pvName, nodeName, () => this.deps.mkdirOnNode(nodeName, path));
    const volumeType = claim.metadata?.annotations?.volumeType ?? sc.metadata?.annotations?.defaultVolumeType ?? "hostPath";
    const source: Record<string, unknown> = {};
    if (volumeType.toLowerCase() === "local") source.local = { path };
    else if (volumeType.toLowerCase() === "hostpath") source.hostPath = { path, type: "DirectoryOrCreate" };
    else throw new Error(`failed to create persistent volume source: "${volumeType}" is not a recognised volume type`);
    const hostname = (node?.metadata?.labels as Record<string, string> | undefined)?.[KEY_NODE] ?? nodeName;
    return {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: pvName, annotations: { [NODE_NAME_ANNOTATION]: nodeName } },
      spec: {
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? "0" },
        ...source,
        accessModes: claim.spec?.accessModes,
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? "Delete",
        volumeMode: "Filesystem",
        ...(shared ? {} : { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: KEY_NODE, operator: "In", values: [hostname] }] }] } } }),
      },
    };
  }

  /** createHelperPod: the script runs on the node, polled once a second until done. */
  private async helper(action: "create" | "delete", volume: string, node: string, run: () => Promise<void>): Promise<void> {
    this.deps.log(`time="${this.stamp()}" level=info msg="create the helper pod helper-pod-${action}-${volume} into ${this.deps.namespace ?? "local-path-storage"}"`);
    await new Promise<void>((resolve) => this.deps.time.after(HELPER_POD_MS, resolve));
    try {
      await run();
    } catch (e) {
      throw new Error(`failed to ${action} volume ${volume}: ${(e as Error).message}`);
    }
    this.deps.log(`time="${this.stamp()}" level=info msg="Volume ${volume} has been ${action}d on ${node}"`);
  }

  private stamp(): string {
    return this.deps.time.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  // ---- volumes ----
  private async syncVolumeKey(name: string): Promise<void> {
    let pv = this.deps.client.get(GR.persistentvolumes, "", name) as PV | undefined;
    if (!pv || pv.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== this.provisioner) return;
    // handleProtectionFinalizer with AddFinalizer off: the library's finalizer never stays.
    if (pv.metadata?.finalizers?.includes(FINALIZER_PV)) {
      const next = structuredClone(pv);
      next.metadata!.finalizers = next.metadata!.finalizers!.filter((f) => f !== FINALIZER_PV);
      pv = (await this.deps.client.update(GR.persistentvolumes, next)) as PV;
    }
    if (pv.metadata?.deletionTimestamp || pv.status?.phase !== "Released" || pv.spec?.persistentVolumeReclaimPolicy !== "Delete") return;
    try {
      await this.deleteVolume(pv);
    } catch (e) {
      this.recorder.event(pv, "Warning", "VolumeFailedDelete", (e as Error).message);
      if (this.volumeQueue.numRequeues(name) >= FAILED_THRESHOLD) return;
      throw e;
    }
    try {
      await this.deps.client.delete(GR.persistentvolumes, "", name);
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }

  /** LocalPathProvisioner.deleteFor + getPathAndNodeForPV. */
  private async deleteVolume(pv: PV): Promise<void> {
    const name = pv.metadata!.name!;
    const wrap = (m: string) => new Error(`failed to delete volume ${name}: failed to delete volume ${name}: ${m}`);
    const c = pickConfig(this.config(), pv.spec?.storageClassName ?? "");
    let path: string;
    if (pv.spec?.hostPath && !pv.spec.local) path = pv.spec.hostPath.path;
    else if (pv.spec?.local && !pv.spec.hostPath) path = pv.spec.local.path;
    else throw wrap("no path set");
    let node = "";
    if (!isSharedFilesystem(c)) {
      const req = pv.spec?.nodeAffinity?.required;
      if (!pv.spec?.nodeAffinity) throw wrap("no NodeAffinity set");
      if (!req) throw wrap("no NodeAffinity.Required set");
      for (const t of req.nodeSelectorTerms ?? []) {
        const e = (t.matchExpressions ?? []).find((x) => x.key === KEY_NODE && x.operator === "In");
        if (e) {
          if ((e.values ?? []).length !== 1) throw wrap("multiple values for the node affinity");
          node = e.values![0];
          break;
        }
      }
      if (!node) throw wrap("cannot find affinited node");
    }
    this.deps.log(node ? `time="${this.stamp()}" level=info msg="Deleting volume ${name} at ${node}:${path}"` : `time="${this.stamp()}" level=info msg="Deleting volume ${name} at ${path}"`);
    try {
      await this.helper("delete", name, node, () => this.deps.rmOnNode(node, path));
    } catch (e) {
      throw new Error(`failed to delete volume ${name}: ${(e as Error).message}`);
    }
  }
}

export const newLocalPathProvisioner = (deps: LocalPathProvisionerDeps) => new LocalPathProvisioner(deps);
